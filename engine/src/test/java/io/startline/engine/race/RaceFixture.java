package io.startline.engine.race;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.Gender;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.SubmitEntryEncoder;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.RaceDriver;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small race to write rule tests against: a LOTTERY race on 12 April 2027, registration open
 * from {@link #T0} to {@link #CLOSES_AT} (ten days, the end excluded), three days to pay,
 * groups of up to four, and two categories: FULL (10 places, ages 18–80, bibs from 1001, pools
 * ELITE 2 guaranteed and LOCAL 3) and HALF (6 places, ages 16–90, bibs from 5001, pool LOCAL 1).
 * The engine starts a day before registration opens, creates the race, and moves to T0.
 * <p>
 * User {@code n} enters as person {@code n}: {@link #entry(int)} gives every user a distinct
 * person key. Also here: a first-come variant, the twin check for refusals, and a reference
 * implementation of BALLOT.md's keys, independent of the engine's.
 */
class RaceFixture
{
    static final long DAY = 86_400_000L;
    static final long HOUR = 3_600_000L;
    static final long T0 = 1_800_000_000_000L;
    static final long CREATED_AT = T0 - DAY;
    static final long CLOSES_AT = T0 + 10 * DAY;
    static final long PAYMENT_WINDOW_MS = 3 * DAY;
    static final int MAX_GROUP_SIZE = 4;
    static final LocalDate RACE_DATE = LocalDate.of(2027, 4, 12);
    static final LocalDate BIRTH_DATE = LocalDate.of(1990, 5, 1);
    static final String SEED = "00112233445566778899aabbccddeeff";
    static final String NO_HASH = "0".repeat(64);

    static final RaceDriver.Category FULL = new RaceDriver.Category("FULL", 10, 20_000, 18, 80, 1001, List.of(
        new RaceDriver.Pool("ELITE", 2, true),
        new RaceDriver.Pool("LOCAL", 3, false)));
    static final RaceDriver.Category HALF = new RaceDriver.Category("HALF", 6, 10_000, 16, 90, 5001, List.of(
        new RaceDriver.Pool("LOCAL", 1, false)));

    final EngineDriver engine;
    final RaceDriver races;
    final long raceId;
    /** The code of the last group {@link #group} created. */
    String lastGroup;

    RaceFixture()
    {
        this(EngineDriver.smallContext(), lotteryRace());
    }

    RaceFixture(final RaceDriver.Race race)
    {
        this(EngineDriver.smallContext(), race);
    }

    RaceFixture(final EngineContext context, final RaceDriver.Race race)
    {
        engine = new EngineDriver(context, CREATED_AT);
        races = new RaceDriver(engine);
        final RaceDriver.Result created = races.createRace(race);
        assertThat(created.code()).as("create the fixture's race: %s", created.field()).isEqualTo(ResultCode.OK);
        raceId = created.id();
        engine.advanceTo(T0);
    }

    static RaceFixture firstCome()
    {
        return new RaceFixture(lotteryRace().withMode(RaceMode.FIRST_COME));
    }

    static RaceDriver.Race lotteryRace()
    {
        return race("Startline Spring Marathon", RACE_DATE, T0, CLOSES_AT, PAYMENT_WINDOW_MS, List.of(FULL, HALF));
    }

    static RaceDriver.Race race(
        final String name, final LocalDate raceDate, final long opensAt, final long closesAt,
        final long paymentWindowMs, final List<RaceDriver.Category> categories)
    {
        return new RaceDriver.Race(0, name, raceDate, RaceMode.LOTTERY, opensAt, closesAt, paymentWindowMs,
            MAX_GROUP_SIZE, categories);
    }

    /** The fixture's lottery race with other categories. */
    static RaceDriver.Race raceWith(final RaceDriver.Category... categories)
    {
        return lotteryRace().withCategories(List.of(categories));
    }

    /** A category with the given places and no reserved pools: every age from 16 to 90, bibs from 1. */
    static RaceDriver.Category open(final String code, final int capacity, final RaceDriver.Pool... pools)
    {
        return new RaceDriver.Category(code, capacity, 0, 16, 90, 1, List.of(pools));
    }

    // ------------------------------------------------------------------ persons and entries

    static long[] person(final int n)
    {
        return new long[] {0x5045_5253_4F4E_0000L + n, 0x0A11_CE00L * 31 + n};
    }

    RaceDriver.Entry entry(final int user)
    {
        return entry(user, "FULL");
    }

    RaceDriver.Entry entry(final int user, final String categoryCode)
    {
        return entryIn(raceId, user, categoryCode);
    }

    static RaceDriver.Entry entryIn(final long raceId, final int user, final String categoryCode)
    {
        final long[] key = person(user);
        return new RaceDriver.Entry(raceId, user, categoryCode, null, key[0], key[1],
            user % 2 == 0 ? Gender.F : Gender.M, BIRTH_DATE, "Runner " + user, String.format("138%08d", user));
    }

    RaceDriver.Submitted submit(final RaceDriver.Entry entry)
    {
        return races.submit(entry);
    }

    /** Enters user {@code n} (as person {@code n}) in FULL and returns the entry id. */
    long enter(final int user)
    {
        return enter(entry(user));
    }

    long enter(final int user, final String categoryCode)
    {
        return enter(entry(user, categoryCode));
    }

    long enter(final RaceDriver.Entry entry)
    {
        final RaceDriver.Submitted submitted = races.submit(entry);
        assertThat(submitted.code()).as("entry of user %d: %s", entry.userId(), submitted.field())
            .isEqualTo(ResultCode.OK);
        return submitted.entryId();
    }

    /** Enters users {@code from..to} in a category, in order. */
    void enterAll(final int from, final int to, final String categoryCode)
    {
        for (int user = from; user <= to; user++)
        {
            enter(user, categoryCode);
        }
    }

    /** Creates a group for the user in the category and returns (and keeps) its code. */
    String group(final int user, final String categoryCode)
    {
        final RaceDriver.Group created = races.createGroup(raceId, user, categoryCode);
        assertThat(created.code()).as("create group: %s", created.field()).isEqualTo(ResultCode.OK);
        lastGroup = created.groupCode();
        return lastGroup;
    }

    void grant(final String pool, final int weight, final int... persons)
    {
        final long[][] keys = new long[persons.length][];
        for (int i = 0; i < persons.length; i++)
        {
            keys[i] = person(persons[i]);
        }
        final RaceDriver.Result granted = races.grant(raceId, pool, weight, keys);
        assertThat(granted.code()).as("grant: %s", granted.field()).isEqualTo(ResultCode.OK);
    }

    // ------------------------------------------------------------------ time, the draw, payment

    /** Moves to {@link #CLOSES_AT} (unless past it) and ticks: the entry list freezes. */
    void closeRegistration()
    {
        if (engine.nowMs() < CLOSES_AT)
        {
            engine.advanceTo(CLOSES_AT);
        }
        engine.tick();
    }

    /** Closes registration if needed, then draws with {@link #SEED} at the current time. */
    RaceDriver.Drawn draw()
    {
        return draw(SEED);
    }

    RaceDriver.Drawn draw(final String seedHex)
    {
        if (engine.nowMs() < CLOSES_AT)
        {
            closeRegistration();
        }
        final RaceDriver.Drawn drawn = races.draw(raceId, seedHex);
        assertThat(drawn.code()).as("draw: %s", drawn.field()).isEqualTo(ResultCode.OK);
        return drawn;
    }

    RaceDriver.Paid pay(final long entryId)
    {
        return races.pay(raceId, entryId, "PAY-" + entryId);
    }

    RaceDriver.EntryView own(final int user)
    {
        return races.ownEntry(raceId, user);
    }

    // ------------------------------------------------------------------ reading results

    Map<Long, RaceDriver.ResultRow> rows()
    {
        final Map<Long, RaceDriver.ResultRow> rows = new LinkedHashMap<>();
        for (final RaceDriver.ResultRow row : races.results(raceId))
        {
            rows.put(row.entryId(), row);
        }
        return rows;
    }

    RaceDriver.ResultRow row(final long entryId)
    {
        final RaceDriver.ResultRow row = rows().get(entryId);
        assertThat(row).as("results row of entry %d", entryId).isNotNull();
        return row;
    }

    /** The ids of a category's entries with a status, ascending. */
    List<Long> entriesWith(final String categoryCode, final EntryStatus status)
    {
        final List<Long> ids = new ArrayList<>();
        for (final RaceDriver.ResultRow row : races.results(raceId))
        {
            if (row.categoryCode().equals(categoryCode) && row.status() == status)
            {
                ids.add(row.entryId());
            }
        }
        return ids;
    }

    /** The entries of a category at a waitlist position (a group's members share one). */
    List<Long> atWaitlistPosition(final String categoryCode, final int position)
    {
        final List<Long> ids = new ArrayList<>();
        for (final RaceDriver.ResultRow row : races.results(raceId))
        {
            if (row.categoryCode().equals(categoryCode) && row.waitlistPosition() == position)
            {
                ids.add(row.entryId());
            }
        }
        return ids;
    }

    RaceDriver.CategoryCounts counts(final String categoryCode)
    {
        return races.race(raceId).categories().stream()
            .filter(c -> c.code().equals(categoryCode))
            .findFirst()
            .orElseThrow();
    }

    // ------------------------------------------------------------------ raw commands

    RaceDriver.Result submitRaw(final RaceDriver.Entry entry, final byte[] name, final int genderRaw)
    {
        final RaceDriver.Submitted submitted = races.submitRaw(entry, name, genderRaw);
        return new RaceDriver.Result(submitted.code(), submitted.entryId(), submitted.field());
    }

    static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ refusals change nothing

    static void assertRefusalChangesNothing(
        final Consumer<RaceFixture> setUp, final Function<RaceFixture, ResultCode> refused)
    {
        assertRefusalChangesNothing(RaceFixture::new, setUp, refused);
    }

    /**
     * Asserts that a refused command changed nothing: of two identical fixtures that received
     * the same earlier commands, the one given the refused command ends in the same state as
     * the twin that received a plain tick at the same moment instead.
     */
    static void assertRefusalChangesNothing(
        final Supplier<RaceFixture> fixtures, final Consumer<RaceFixture> setUp,
        final Function<RaceFixture, ResultCode> refused)
    {
        final RaceFixture subject = fixtures.get();
        final RaceFixture twin = fixtures.get();
        setUp.accept(subject);
        setUp.accept(twin);
        assertThat(subject.engine.engine().stateHash()).as("the twins start alike")
            .isEqualTo(twin.engine.engine().stateHash());
        final ResultCode code = refused.apply(subject);
        assertThat(code).as("the command is refused").isNotEqualTo(ResultCode.OK);
        twin.engine.advanceTo(subject.engine.nowMs());
        twin.engine.tick();
        assertThat(subject.engine.engine().stateHash())
            .as("state after the refused command (%s) equals state after a tick", code)
            .isEqualTo(twin.engine.engine().stateHash());
    }

    // ------------------------------------------------------------------ BALLOT.md, independently

    /**
     * A unit's key as BALLOT.md defines it: the largest of H(1)..H(weight), H(i) the first 8
     * bytes, big-endian unsigned, of SHA-256(seed ‖ int64be(raceId) ‖ int64be(unitId) ‖ int32be(i)).
     */
    static long ballotKey(final String seedHex, final long raceId, final long unitId, final int weight)
    {
        final byte[] seed = HexFormat.of().parseHex(seedHex);
        long max = 0;
        for (int i = 1; i <= weight; i++)
        {
            final MessageDigest sha256 = sha256();
            sha256.update(seed);
            sha256.update(ByteBuffer.allocate(20).putLong(raceId).putLong(unitId).putInt(i).array());
            final long h = ByteBuffer.wrap(sha256.digest()).getLong();
            if (Long.compareUnsigned(h, max) > 0)
            {
                max = h;
            }
        }
        return max;
    }

    /** Unit ids in draw order: key descending (unsigned), ties by unit id ascending. */
    static List<Long> drawOrder(final String seedHex, final long raceId, final Map<Long, Integer> weightByUnit)
    {
        final Map<Long, Long> keys = new LinkedHashMap<>();
        weightByUnit.forEach((unit, weight) -> keys.put(unit, ballotKey(seedHex, raceId, unit, weight)));
        final List<Long> order = new ArrayList<>(keys.keySet());
        order.sort(Comparator.<Long, Long>comparing(keys::get, (a, b) -> Long.compareUnsigned(b, a))
            .thenComparing(Comparator.naturalOrder()));
        return order;
    }

    /** The first of the seeds 00000001, 00000002, … whose draw order satisfies the wish. */
    static String seedWhere(final long raceId, final Map<Long, Integer> weightByUnit,
        final Predicate<List<Long>> wanted)
    {
        for (int i = 1; i < 100_000; i++)
        {
            final String seed = String.format("%08x", i);
            if (wanted.test(drawOrder(seed, raceId, weightByUnit)))
            {
                return seed;
            }
        }
        throw new IllegalStateException("no seed gives the wanted order");
    }

    /** SHA-256, lowercase hex, over the lines each followed by a newline (BALLOT.md's entry list). */
    static String entryListHash(final String... lines)
    {
        final MessageDigest sha256 = sha256();
        for (final String line : lines)
        {
            sha256.update((line + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
