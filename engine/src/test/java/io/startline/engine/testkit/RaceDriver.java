package io.startline.engine.testkit;

import io.startline.engine.codec.BallotDrawnDecoder;
import io.startline.engine.codec.BallotViewDecoder;
import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.CloseWaitlistEncoder;
import io.startline.engine.codec.CreateGroupEncoder;
import io.startline.engine.codec.CreateRaceEncoder;
import io.startline.engine.codec.DrawBallotEncoder;
import io.startline.engine.codec.EntitlementsGrantedDecoder;
import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.EntrySubmittedDecoder;
import io.startline.engine.codec.EntryViewDecoder;
import io.startline.engine.codec.EntryWithdrawnDecoder;
import io.startline.engine.codec.Gender;
import io.startline.engine.codec.GetBallotEncoder;
import io.startline.engine.codec.GetOwnEntryEncoder;
import io.startline.engine.codec.GetRaceEncoder;
import io.startline.engine.codec.GetRaceResultsEncoder;
import io.startline.engine.codec.GrantEntitlementsEncoder;
import io.startline.engine.codec.GroupCreatedDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.PaymentRecordedDecoder;
import io.startline.engine.codec.RaceCreatedDecoder;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.codec.RaceResultsPageDecoder;
import io.startline.engine.codec.RaceViewDecoder;
import io.startline.engine.codec.RecordPaymentEncoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.SubmitEntryEncoder;
import io.startline.engine.codec.WaitlistClosedDecoder;
import io.startline.engine.codec.WithdrawEntryEncoder;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Speaks the race commands and queries to an engine through an {@link EngineDriver}, and
 * decodes the results into records that tests read like the API's JSON.
 */
public final class RaceDriver
{
    private final EngineDriver driver;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    public record Pool(String code, int places, boolean guaranteed)
    {
    }

    public record Category(String code, int capacity, long feeFen, int minAge, int maxAge, int bibFrom, List<Pool> pools)
    {
    }

    public record Race(
        long requestedRaceId, String name, LocalDate raceDate, RaceMode mode, long registrationOpensAt,
        long registrationClosesAt, long paymentWindowMs, int maxGroupSize, List<Category> categories)
    {
        public Race withMode(final RaceMode newMode)
        {
            return new Race(requestedRaceId, name, raceDate, newMode, registrationOpensAt, registrationClosesAt,
                paymentWindowMs, maxGroupSize, categories);
        }

        public Race withCategories(final List<Category> newCategories)
        {
            return new Race(requestedRaceId, name, raceDate, mode, registrationOpensAt, registrationClosesAt,
                paymentWindowMs, maxGroupSize, newCategories);
        }

        public Race withRequestedRaceId(final long id)
        {
            return new Race(id, name, raceDate, mode, registrationOpensAt, registrationClosesAt,
                paymentWindowMs, maxGroupSize, categories);
        }

        public Race withMaxGroupSize(final int size)
        {
            return new Race(requestedRaceId, name, raceDate, mode, registrationOpensAt, registrationClosesAt,
                paymentWindowMs, size, categories);
        }
    }

    public record Entry(
        long raceId, long userId, String categoryCode, String groupCode, long personKey0, long personKey1,
        Gender gender, LocalDate birthDate, String name, String phone)
    {
        public Entry withGroup(final String code)
        {
            return new Entry(raceId, userId, categoryCode, code, personKey0, personKey1, gender, birthDate, name, phone);
        }

        public Entry withBirthDate(final LocalDate date)
        {
            return new Entry(raceId, userId, categoryCode, groupCode, personKey0, personKey1, gender, date, name, phone);
        }

        public Entry withName(final String newName)
        {
            return new Entry(raceId, userId, categoryCode, groupCode, personKey0, personKey1, gender, birthDate,
                newName, phone);
        }

        public Entry withPhone(final String newPhone)
        {
            return new Entry(raceId, userId, categoryCode, groupCode, personKey0, personKey1, gender, birthDate, name,
                newPhone);
        }

        public Entry withUser(final long newUserId)
        {
            return new Entry(raceId, newUserId, categoryCode, groupCode, personKey0, personKey1, gender, birthDate,
                name, phone);
        }

    }

    public record Result(ResultCode code, long id, String field)
    {
    }

    public record Submitted(ResultCode code, long entryId, EntryStatus status, Long paymentDueAt,
        int waitlistPosition, String field)
    {
    }

    public record Group(ResultCode code, String groupCode, String field)
    {
    }

    public record Withdrawn(ResultCode code, long entryId, int promotedEntries)
    {
    }

    public record Drawn(ResultCode code, int winners, int waitlisted, String entryListHash, String field)
    {
    }

    public record Paid(ResultCode code, int bib, boolean replayed, String field)
    {
    }

    public record EntryView(ResultCode code, long entryId, String categoryCode, EntryStatus status, String pool,
        Long paymentDueAt, int waitlistPosition, int bib, int drawRank)
    {
    }

    public record CategoryCounts(String code, int capacity, int applied, int won, int confirmed, int waitlisted,
        int lapsed, int withdrawn, int notSelected)
    {
        public int holding()
        {
            return won + confirmed;
        }
    }

    public record RaceView(ResultCode code, long raceId, boolean closed, boolean drawn, boolean waitlistClosed,
        List<CategoryCounts> categories)
    {
    }

    public record BallotView(ResultCode code, boolean closed, boolean drawn, int entries, String entryListHash,
        String seed)
    {
    }

    public record ResultRow(long entryId, String categoryCode, String groupCode, long unitId, List<String> pools,
        int weight, boolean inEntryList, String pool, int drawRank, EntryStatus status, int waitlistPosition, int bib)
    {
    }

    public RaceDriver(final EngineDriver driver)
    {
        this.driver = driver;
    }

    public EngineDriver engineDriver()
    {
        return driver;
    }

    public Result createRace(final Race race)
    {
        final CreateRaceEncoder encoder = new CreateRaceEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .requestedRaceId(race.requestedRaceId())
            .raceDateEpochDay((int)race.raceDate().toEpochDay())
            .mode(race.mode())
            .registrationOpensAt(race.registrationOpensAt())
            .registrationClosesAt(race.registrationClosesAt())
            .paymentWindowMs(race.paymentWindowMs())
            .maxGroupSize(race.maxGroupSize());
        final CreateRaceEncoder.CategoriesEncoder categories = encoder.categoriesCount(race.categories().size());
        for (final Category category : race.categories())
        {
            categories.next()
                .code(category.code())
                .capacity(category.capacity())
                .feeFen(category.feeFen())
                .minAge(category.minAge())
                .maxAge(category.maxAge())
                .bibFrom(category.bibFrom());
            final CreateRaceEncoder.CategoriesEncoder.PoolsEncoder pools = categories.poolsCount(category.pools().size());
            for (final Pool pool : category.pools())
            {
                pools.next().code(pool.code()).places(pool.places())
                    .guaranteed(pool.guaranteed() ? BooleanType.TRUE : BooleanType.FALSE);
            }
        }
        encoder.name(race.name());
        final DirectBuffer result = send(encoder.encodedLength());
        if (rejected())
        {
            return new Result(driver.lastRejection(), 0, driver.lastRejectedField());
        }
        return new Result(ResultCode.OK, new RaceCreatedDecoder().wrap(result, body(), blockLength(), version())
            .raceId(), "");
    }

    /**
     * @param pool   null for a weight-only grant.
     * @param weight 0 for a pool-only grant.
     * @param keys   pairs of person keys: {k0, k1}.
     */
    public Result grant(final long raceId, final String pool, final int weight, final long[]... keys)
    {
        final GrantEntitlementsEncoder encoder = new GrantEntitlementsEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .raceId(raceId)
            .poolCode(pool == null ? "" : pool)
            .weight(weight);
        final GrantEntitlementsEncoder.PersonsEncoder persons = encoder.personsCount(keys.length);
        for (final long[] key : keys)
        {
            persons.next().personKey0(key[0]).personKey1(key[1]);
        }
        final DirectBuffer result = send(encoder.encodedLength());
        if (rejected())
        {
            return new Result(driver.lastRejection(), 0, driver.lastRejectedField());
        }
        return new Result(ResultCode.OK, new EntitlementsGrantedDecoder()
            .wrap(result, body(), blockLength(), version()).persons(), "");
    }

    public Group createGroup(final long raceId, final long userId, final String categoryCode)
    {
        final CreateGroupEncoder encoder = new CreateGroupEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .raceId(raceId)
            .userId(userId)
            .categoryCode(categoryCode);
        final DirectBuffer result = send(encoder.encodedLength());
        if (rejected())
        {
            return new Group(driver.lastRejection(), null, driver.lastRejectedField());
        }
        return new Group(ResultCode.OK, new GroupCreatedDecoder().wrap(result, body(), blockLength(), version())
            .groupCode(), "");
    }

    public Submitted submit(final Entry entry)
    {
        return submitRaw(entry, entry.name().getBytes(StandardCharsets.UTF_8), entry.gender().value());
    }

    /**
     * Submits an entry with the name as raw bytes and the gender as a raw value, so that tests
     * can say what the typed encoder cannot (invalid UTF-8, an undefined gender).
     */
    public Submitted submitRaw(final Entry entry, final byte[] name, final int genderRaw)
    {
        final SubmitEntryEncoder encoder = new SubmitEntryEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .raceId(entry.raceId())
            .userId(entry.userId())
            .categoryCode(entry.categoryCode())
            .groupCode(entry.groupCode() == null ? "" : entry.groupCode())
            .personKey0(entry.personKey0())
            .personKey1(entry.personKey1())
            .birthEpochDay((int)entry.birthDate().toEpochDay());
        driver.commandBuffer().putByte(
            MessageHeaderEncoder.ENCODED_LENGTH + SubmitEntryEncoder.genderEncodingOffset(), (byte)genderRaw);
        encoder.putName(name, 0, name.length).phone(entry.phone());
        final DirectBuffer result = send(encoder.encodedLength());
        if (rejected())
        {
            return new Submitted(driver.lastRejection(), 0, null, null, 0, driver.lastRejectedField());
        }
        final EntrySubmittedDecoder d = new EntrySubmittedDecoder().wrap(result, body(), blockLength(), version());
        return new Submitted(ResultCode.OK, d.entryId(), d.status(),
            d.paymentDueAt() == EntrySubmittedDecoder.paymentDueAtNullValue() ? null : d.paymentDueAt(),
            d.waitlistPosition(), "");
    }

    public Withdrawn withdraw(final long raceId, final long userId)
    {
        final WithdrawEntryEncoder encoder = new WithdrawEntryEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .raceId(raceId)
            .userId(userId);
        final DirectBuffer result = send(encoder.encodedLength());
        if (rejected())
        {
            return new Withdrawn(driver.lastRejection(), 0, 0);
        }
        final EntryWithdrawnDecoder d = new EntryWithdrawnDecoder().wrap(result, body(), blockLength(), version());
        return new Withdrawn(ResultCode.OK, d.entryId(), d.promotedEntries());
    }

    public Drawn draw(final long raceId, final String seedHex)
    {
        final byte[] seed = HexFormat.of().parseHex(seedHex);
        final DrawBallotEncoder encoder = new DrawBallotEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .raceId(raceId)
            .putSeed(seed, 0, seed.length);
        final DirectBuffer result = send(encoder.encodedLength());
        if (rejected())
        {
            return new Drawn(driver.lastRejection(), 0, 0, null, driver.lastRejectedField());
        }
        final BallotDrawnDecoder d = new BallotDrawnDecoder().wrap(result, body(), blockLength(), version());
        final byte[] hash = new byte[32];
        d.getEntryListHash(hash, 0, hash.length);
        return new Drawn(ResultCode.OK, d.winners(), d.waitlisted(), HexFormat.of().formatHex(hash), "");
    }

    public Paid pay(final long raceId, final long entryId, final String paymentRef)
    {
        final RecordPaymentEncoder encoder = new RecordPaymentEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .raceId(raceId)
            .entryId(entryId)
            .paymentRef(paymentRef);
        final DirectBuffer result = send(encoder.encodedLength());
        if (rejected())
        {
            return new Paid(driver.lastRejection(), 0, false, driver.lastRejectedField());
        }
        final PaymentRecordedDecoder d = new PaymentRecordedDecoder().wrap(result, body(), blockLength(), version());
        return new Paid(ResultCode.OK, d.bib(), d.replayed() == BooleanType.TRUE, "");
    }

    public Result closeWaitlist(final long raceId)
    {
        final CloseWaitlistEncoder encoder = new CloseWaitlistEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .raceId(raceId);
        final DirectBuffer result = send(encoder.encodedLength());
        if (rejected())
        {
            return new Result(driver.lastRejection(), 0, driver.lastRejectedField());
        }
        return new Result(ResultCode.OK, new WaitlistClosedDecoder().wrap(result, body(), blockLength(), version())
            .notSelected(), "");
    }

    public EntryView ownEntry(final long raceId, final long userId)
    {
        new GetOwnEntryEncoder().wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .raceId(raceId)
            .userId(userId);
        final DirectBuffer result = driver.ask();
        header.wrap(result, 0);
        if (rejected())
        {
            return new EntryView(driver.lastRejection(), 0, null, null, null, null, 0, 0, 0);
        }
        final EntryViewDecoder d = new EntryViewDecoder().wrap(result, body(), blockLength(), version());
        return new EntryView(ResultCode.OK, d.entryId(), d.categoryCode(), d.status(), d.pool(),
            d.paymentDueAt() == EntryViewDecoder.paymentDueAtNullValue() ? null : d.paymentDueAt(),
            d.waitlistPosition(), d.bib(), d.drawRank());
    }

    public RaceView race(final long raceId)
    {
        new GetRaceEncoder().wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder()).raceId(raceId);
        final DirectBuffer result = driver.ask();
        header.wrap(result, 0);
        if (rejected())
        {
            return new RaceView(driver.lastRejection(), 0, false, false, false, List.of());
        }
        final RaceViewDecoder d = new RaceViewDecoder().wrap(result, body(), blockLength(), version());
        final List<CategoryCounts> categories = new ArrayList<>();
        for (final RaceViewDecoder.CategoriesDecoder c : d.categories())
        {
            categories.add(new CategoryCounts(c.code(), c.capacity(), c.applied(), c.won(), c.confirmed(),
                c.waitlisted(), c.lapsed(), c.withdrawn(), c.notSelected()));
            for (final RaceViewDecoder.CategoriesDecoder.PoolsDecoder ignored : c.pools())
            {
                // Pools are walked only to reach the next category.
            }
        }
        return new RaceView(ResultCode.OK, d.raceId(), d.closed() == BooleanType.TRUE, d.drawn() == BooleanType.TRUE,
            d.waitlistClosed() == BooleanType.TRUE, categories);
    }

    public BallotView ballot(final long raceId)
    {
        new GetBallotEncoder().wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder()).raceId(raceId);
        final DirectBuffer result = driver.ask();
        header.wrap(result, 0);
        if (rejected())
        {
            return new BallotView(driver.lastRejection(), false, false, 0, null, null);
        }
        final BallotViewDecoder d = new BallotViewDecoder().wrap(result, body(), blockLength(), version());
        final byte[] hash = new byte[32];
        d.getEntryListHash(hash, 0, hash.length);
        final byte[] seed = new byte[d.seedLength()];
        d.getSeed(seed, 0, seed.length);
        return new BallotView(ResultCode.OK, d.closed() == BooleanType.TRUE, d.drawn() == BooleanType.TRUE,
            d.entries(), HexFormat.of().formatHex(hash), HexFormat.of().formatHex(seed));
    }

    /**
     * Every row of the results export, reading page after page as the gateway does.
     */
    public List<ResultRow> results(final long raceId)
    {
        final List<ResultRow> rows = new ArrayList<>();
        long after = 0;
        while (true)
        {
            new GetRaceResultsEncoder().wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
                .raceId(raceId)
                .afterEntryId(after);
            final DirectBuffer result = driver.ask();
            header.wrap(result, 0);
            if (rejected())
            {
                throw new IllegalStateException("results refused: " + driver.lastRejection());
            }
            final RaceResultsPageDecoder d = new RaceResultsPageDecoder().wrap(result, body(), blockLength(), version());
            final List<String> poolCodes = new ArrayList<>();
            for (final RaceResultsPageDecoder.PoolCodesDecoder p : d.poolCodes())
            {
                poolCodes.add(p.code());
            }
            for (final RaceResultsPageDecoder.RowsDecoder row : d.rows())
            {
                final List<String> pools = new ArrayList<>();
                for (int b = 0; b < poolCodes.size(); b++)
                {
                    if ((row.entitledPools() & (1L << b)) != 0)
                    {
                        pools.add(poolCodes.get(b));
                    }
                }
                pools.sort(null);
                rows.add(new ResultRow(row.entryId(), row.categoryCode(), row.groupCode(), row.unitId(), pools,
                    row.weight(), row.inEntryList() == BooleanType.TRUE, row.pool(), row.drawRank(), row.status(),
                    row.waitlistPosition(), row.bib()));
            }
            if (d.more() != BooleanType.TRUE)
            {
                return rows;
            }
            after = d.lastEntryId();
        }
    }

    private DirectBuffer send(final int bodyLength)
    {
        final DirectBuffer result = driver.send(MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
        header.wrap(result, 0);
        return result;
    }

    private boolean rejected()
    {
        return driver.lastRejection() != ResultCode.OK;
    }

    private int body()
    {
        return MessageHeaderDecoder.ENCODED_LENGTH;
    }

    private int blockLength()
    {
        return header.blockLength();
    }

    private int version()
    {
        return header.version();
    }
}
