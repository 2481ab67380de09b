package io.startline.engine.race;

import io.startline.engine.EngineContext;
import io.startline.engine.ResultWriter;
import io.startline.engine.SnapshotSink;
import io.startline.engine.codec.BallotDrawnEncoder;
import io.startline.engine.codec.BallotViewEncoder;
import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.CloseWaitlistDecoder;
import io.startline.engine.codec.CreateGroupDecoder;
import io.startline.engine.codec.CreateRaceDecoder;
import io.startline.engine.codec.DrawBallotDecoder;
import io.startline.engine.codec.EntitlementsGrantedEncoder;
import io.startline.engine.codec.EntrySubmittedEncoder;
import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.EntryViewEncoder;
import io.startline.engine.codec.EntryWithdrawnEncoder;
import io.startline.engine.codec.GetBallotDecoder;
import io.startline.engine.codec.GetOwnEntryDecoder;
import io.startline.engine.codec.GetRaceDecoder;
import io.startline.engine.codec.GetRaceResultsDecoder;
import io.startline.engine.codec.GrantEntitlementsDecoder;
import io.startline.engine.codec.GroupCreatedEncoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.PaymentRecordedEncoder;
import io.startline.engine.codec.RaceCreatedEncoder;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.codec.RaceResultsPageEncoder;
import io.startline.engine.codec.RaceViewEncoder;
import io.startline.engine.codec.RecordPaymentDecoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.SubmitEntryDecoder;
import io.startline.engine.codec.WaitlistClosedEncoder;
import io.startline.engine.codec.WithdrawEntryDecoder;
import io.startline.engine.support.Codes;
import io.startline.engine.support.StateHasher;
import io.startline.engine.support.Text;
import java.util.Arrays;
import org.agrona.DirectBuffer;

/**
 * Decodes race commands and queries, calls {@link Races}, and encodes the one result.
 * Decoders, encoders and scratch arrays are reused fields: nothing allocates per entry.
 */
public final class RaceCommandAdapter
{
    private static final byte[] GENERAL_CODE = code("GENERAL");
    private static final byte[] WAITLIST_CODE = code("WAITLIST");
    private static final byte[] NO_CODE = new byte[Codes.LENGTH];

    private final Races races;
    private final RaceSnapshot snapshot;
    private final RaceSpec spec;
    private final EntryRequest entryRequest = new EntryRequest();
    private final int resultsPageRows;
    private final byte[] codeBytes = new byte[Codes.LENGTH];
    private final byte[] groupCodeBytes = new byte[Codes.LENGTH];
    private final byte[] seedBytes = new byte[Races.SEED_MAX_BYTES];
    private final long[] personKeys0;
    private final long[] personKeys1;
    private final GroupCodes groupCodeParser = GroupCodes.parser();

    private final CreateRaceDecoder createRaceDecoder = new CreateRaceDecoder();
    private final GrantEntitlementsDecoder grantDecoder = new GrantEntitlementsDecoder();
    private final CreateGroupDecoder createGroupDecoder = new CreateGroupDecoder();
    private final SubmitEntryDecoder submitDecoder = new SubmitEntryDecoder();
    private final WithdrawEntryDecoder withdrawDecoder = new WithdrawEntryDecoder();
    private final DrawBallotDecoder drawDecoder = new DrawBallotDecoder();
    private final RecordPaymentDecoder paymentDecoder = new RecordPaymentDecoder();
    private final CloseWaitlistDecoder closeWaitlistDecoder = new CloseWaitlistDecoder();
    private final GetOwnEntryDecoder ownEntryDecoder = new GetOwnEntryDecoder();
    private final GetRaceDecoder raceQueryDecoder = new GetRaceDecoder();
    private final GetBallotDecoder ballotQueryDecoder = new GetBallotDecoder();
    private final GetRaceResultsDecoder resultsQueryDecoder = new GetRaceResultsDecoder();

    private final RaceCreatedEncoder raceCreatedEncoder = new RaceCreatedEncoder();
    private final EntitlementsGrantedEncoder grantedEncoder = new EntitlementsGrantedEncoder();
    private final GroupCreatedEncoder groupCreatedEncoder = new GroupCreatedEncoder();
    private final EntrySubmittedEncoder submittedEncoder = new EntrySubmittedEncoder();
    private final EntryWithdrawnEncoder withdrawnEncoder = new EntryWithdrawnEncoder();
    private final BallotDrawnEncoder drawnEncoder = new BallotDrawnEncoder();
    private final PaymentRecordedEncoder paymentEncoder = new PaymentRecordedEncoder();
    private final WaitlistClosedEncoder waitlistClosedEncoder = new WaitlistClosedEncoder();
    private final EntryViewEncoder entryViewEncoder = new EntryViewEncoder();
    private final RaceViewEncoder raceViewEncoder = new RaceViewEncoder();
    private final BallotViewEncoder ballotViewEncoder = new BallotViewEncoder();
    private final RaceResultsPageEncoder resultsEncoder = new RaceResultsPageEncoder();

    public RaceCommandAdapter(final EngineContext context)
    {
        races = new Races(context);
        snapshot = new RaceSnapshot(races);
        spec = new RaceSpec(context);
        resultsPageRows = context.raceResultsPageRows();
        personKeys0 = new long[context.maxPersonsPerGrant()];
        personKeys1 = new long[context.maxPersonsPerGrant()];
    }

    public static boolean handlesCommand(final int templateId)
    {
        return templateId >= CreateRaceDecoder.TEMPLATE_ID && templateId <= CloseWaitlistDecoder.TEMPLATE_ID;
    }

    public static boolean handlesQuery(final int templateId)
    {
        return templateId >= GetOwnEntryDecoder.TEMPLATE_ID && templateId <= GetRaceResultsDecoder.TEMPLATE_ID;
    }

    public static boolean handlesSnapshotRecord(final int templateId)
    {
        return RaceSnapshot.handles(templateId);
    }

    /**
     * The largest result this domain can write: a race view with every category and pool, or a
     * full results page.
     */
    public static int maxResultLength(final EngineContext context)
    {
        final int pools = context.maxPoolsPerRace();
        final int view = MessageHeaderEncoder.ENCODED_LENGTH + RaceViewEncoder.BLOCK_LENGTH + 4 +
            context.maxCategoriesPerRace() * (RaceViewEncoder.CategoriesEncoder.sbeBlockLength() + 4 +
            pools * RaceViewEncoder.CategoriesEncoder.PoolsEncoder.sbeBlockLength()) +
            4 + RaceSpec.NAME_MAX_BYTES;
        final int page = MessageHeaderEncoder.ENCODED_LENGTH + RaceResultsPageEncoder.BLOCK_LENGTH +
            4 + pools * RaceResultsPageEncoder.PoolCodesEncoder.sbeBlockLength() +
            4 + context.raceResultsPageRows() * RaceResultsPageEncoder.RowsEncoder.sbeBlockLength();
        final int ballot = MessageHeaderEncoder.ENCODED_LENGTH + BallotViewEncoder.BLOCK_LENGTH + 4 +
            Races.SEED_MAX_BYTES;
        return Math.max(view, Math.max(page, ballot));
    }

    public int writeSnapshot(final SnapshotSink sink)
    {
        return snapshot.write(sink);
    }

    public void loadSnapshotRecord(final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset)
    {
        snapshot.load(header, buffer, bodyOffset);
    }

    public void finishSnapshotLoad()
    {
        snapshot.finish();
    }

    public void advanceTime(final long nowMs)
    {
        races.advanceTime(nowMs);
    }

    public void hashInto(final StateHasher hasher)
    {
        races.hashInto(hasher);
    }

    public int onCommand(
        final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset, final long nowMs,
        final ResultWriter out)
    {
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case SubmitEntryDecoder.TEMPLATE_ID:
                submitDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onSubmitEntry(nowMs, out);
            case RecordPaymentDecoder.TEMPLATE_ID:
                paymentDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onPayment(out);
            case WithdrawEntryDecoder.TEMPLATE_ID:
                withdrawDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onWithdraw(nowMs, out);
            case CreateGroupDecoder.TEMPLATE_ID:
                createGroupDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onCreateGroup(nowMs, out);
            case GrantEntitlementsDecoder.TEMPLATE_ID:
                grantDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onGrant(out);
            case DrawBallotDecoder.TEMPLATE_ID:
                drawDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onDraw(nowMs, out);
            case CloseWaitlistDecoder.TEMPLATE_ID:
                closeWaitlistDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onCloseWaitlist(out);
            case CreateRaceDecoder.TEMPLATE_ID:
                createRaceDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onCreateRace(out);
            default:
                return out.rejected(ResultCode.UNKNOWN_COMMAND, header.templateId(), "");
        }
    }

    public int onQuery(
        final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset, final ResultWriter out)
    {
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case GetOwnEntryDecoder.TEMPLATE_ID:
                ownEntryDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onOwnEntry(out);
            case GetRaceDecoder.TEMPLATE_ID:
                raceQueryDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onRaceView(out);
            case GetBallotDecoder.TEMPLATE_ID:
                ballotQueryDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onBallotView(out);
            case GetRaceResultsDecoder.TEMPLATE_ID:
                resultsQueryDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onResultsPage(out);
            default:
                return out.rejected(ResultCode.UNKNOWN_COMMAND, header.templateId(), "");
        }
    }

    // ------------------------------------------------------------------ commands

    private int onCreateRace(final ResultWriter out)
    {
        final CreateRaceDecoder decoder = createRaceDecoder;
        spec.requestedRaceId = decoder.requestedRaceId();
        spec.raceDateEpochDay = decoder.raceDateEpochDay();
        spec.mode = (byte)decoder.modeRaw();
        spec.registrationOpensAt = decoder.registrationOpensAt();
        spec.registrationClosesAt = decoder.registrationClosesAt();
        spec.paymentWindowMs = decoder.paymentWindowMs();
        spec.maxGroupSize = decoder.maxGroupSize();

        final CreateRaceDecoder.CategoriesDecoder categories = decoder.categories();
        if (categories.count() > spec.capacity.length)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, 0, "categories");
        }
        spec.categoryCount = categories.count();
        spec.poolRows = 0;
        int k = 0;
        for (final CreateRaceDecoder.CategoriesDecoder category : categories)
        {
            category.getCode(codeBytes, 0);
            if (!Codes.isValid(codeBytes))
            {
                return out.rejected(ResultCode.INVALID_ARGUMENT, 0, "categories.code");
            }
            spec.categoryCode0[k] = Codes.word0(codeBytes);
            spec.categoryCode1[k] = Codes.word1(codeBytes);
            spec.capacity[k] = category.capacity();
            spec.feeFen[k] = category.feeFen();
            spec.minAge[k] = category.minAge();
            spec.maxAge[k] = category.maxAge();
            spec.bibFrom[k] = category.bibFrom();
            final CreateRaceDecoder.CategoriesDecoder.PoolsDecoder pools = category.pools();
            if (spec.poolRows + pools.count() > spec.poolPlaces.length)
            {
                return out.rejected(ResultCode.INVALID_ARGUMENT, 0, "categories.pools");
            }
            spec.poolStart[k] = spec.poolRows;
            spec.poolCount[k] = pools.count();
            for (final CreateRaceDecoder.CategoriesDecoder.PoolsDecoder pool : pools)
            {
                pool.getCode(codeBytes, 0);
                if (!Codes.isValid(codeBytes) || isReservedPoolCode(codeBytes))
                {
                    return out.rejected(ResultCode.INVALID_ARGUMENT, 0, "categories.pools.code");
                }
                final int row = spec.poolRows++;
                spec.poolCode0[row] = Codes.word0(codeBytes);
                spec.poolCode1[row] = Codes.word1(codeBytes);
                spec.poolPlaces[row] = pool.places();
                spec.poolGuaranteed[row] = pool.guaranteedRaw() == BooleanType.TRUE.value();
                if (pool.guaranteedRaw() > 1)
                {
                    return out.rejected(ResultCode.INVALID_ARGUMENT, 0, "categories.pools.guaranteed");
                }
            }
            k++;
        }
        final int nameLength = decoder.nameLength();
        if (nameLength > spec.name.length ||
            !Text.isPrintableUtf8(decoder.buffer(), decoder.limit() + CreateRaceDecoder.nameHeaderLength(), nameLength))
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, 0, "name");
        }
        spec.nameLength = decoder.getName(spec.name, 0, nameLength);

        final ResultCode code = races.createRace(spec);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        raceCreatedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .raceId(races.raceTable.raceId[races.result.race]);
        return MessageHeaderEncoder.ENCODED_LENGTH + raceCreatedEncoder.encodedLength();
    }

    /** GENERAL and WAITLIST name how a place was won; a reserved pool may not take either name. */
    private static boolean isReservedPoolCode(final byte[] code)
    {
        return Arrays.equals(code, GENERAL_CODE) || Arrays.equals(code, WAITLIST_CODE);
    }

    private int onGrant(final ResultWriter out)
    {
        final GrantEntitlementsDecoder decoder = grantDecoder;
        decoder.getPoolCode(codeBytes, 0);
        final boolean hasPool = !Codes.isBlank(codeBytes);
        if (hasPool && !Codes.isValid(codeBytes))
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, decoder.raceId(), "pool");
        }
        final long raceId = decoder.raceId();
        final int weight = decoder.weight();
        final GrantEntitlementsDecoder.PersonsDecoder persons = decoder.persons();
        if (persons.count() > personKeys0.length)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, raceId, "personIds");
        }
        int n = 0;
        for (final GrantEntitlementsDecoder.PersonsDecoder person : persons)
        {
            personKeys0[n] = person.personKey0();
            personKeys1[n] = person.personKey1();
            n++;
        }
        final ResultCode code = races.grantEntitlements(raceId,
            hasPool ? Codes.word0(codeBytes) : 0, hasPool ? Codes.word1(codeBytes) : 0, weight,
            personKeys0, personKeys1, n);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        grantedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .raceId(raceId)
            .persons(races.result.grantedPersons);
        return MessageHeaderEncoder.ENCODED_LENGTH + grantedEncoder.encodedLength();
    }

    private int onCreateGroup(final long nowMs, final ResultWriter out)
    {
        final CreateGroupDecoder decoder = createGroupDecoder;
        decoder.getCategoryCode(codeBytes, 0);
        if (!Codes.isValid(codeBytes))
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, decoder.raceId(), "categoryCode");
        }
        final ResultCode code = races.createGroup(
            decoder.raceId(), decoder.userId(), Codes.word0(codeBytes), Codes.word1(codeBytes), nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        GroupCodes.format(races.groupCodeOf(races.result.group), groupCodeBytes);
        groupCreatedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .raceId(decoder.raceId())
            .putGroupCode(groupCodeBytes, 0);
        return MessageHeaderEncoder.ENCODED_LENGTH + groupCreatedEncoder.encodedLength();
    }

    private int onSubmitEntry(final long nowMs, final ResultWriter out)
    {
        final SubmitEntryDecoder decoder = submitDecoder;
        decoder.getCategoryCode(codeBytes, 0);
        if (!Codes.isValid(codeBytes))
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, decoder.raceId(), "categoryCode");
        }
        readEntryRequest(decoder);
        final ResultCode code = races.submitEntry(entryRequest, nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        final int e = races.result.entry;
        final EntryTable t = races.entries;
        final boolean won = t.status[e] == EntryStatus.WON.value();
        submittedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .entryId(e + 1L)
            .status(EntryStatus.get(t.status[e]))
            .paymentDueAt(won ? t.paymentDueAt[e] : EntrySubmittedEncoder.paymentDueAtNullValue())
            .waitlistPosition(t.status[e] == EntryStatus.WAITLISTED.value() ? t.waitlistPosition[e] : 0);
        return MessageHeaderEncoder.ENCODED_LENGTH + submittedEncoder.encodedLength();
    }

    /** Fills the entry request from the flyweight, whose category code is already in codeBytes. */
    private void readEntryRequest(final SubmitEntryDecoder decoder)
    {
        final EntryRequest request = entryRequest;
        decoder.getGroupCode(groupCodeBytes, 0);
        request.groupGiven = !Codes.isBlank(groupCodeBytes);
        request.groupCodeValid = !request.groupGiven || groupCodeParser.parse(groupCodeBytes);
        request.groupCode = request.groupCodeValid && request.groupGiven ? groupCodeParser.value() : 0;

        final DirectBuffer buffer = decoder.buffer();
        final int nameOffset = decoder.limit() + SubmitEntryDecoder.nameHeaderLength();
        request.nameLength = decoder.nameLength();
        request.nameValid = request.nameLength <= Races.PERSON_NAME_MAX_BYTES &&
            Text.isPrintableUtf8(buffer, nameOffset, request.nameLength);
        decoder.skipName();
        final int phoneOffset = decoder.limit() + SubmitEntryDecoder.phoneHeaderLength();
        request.phoneLength = decoder.phoneLength();
        request.phoneValid = request.phoneLength <= Races.PHONE_MAX_LENGTH &&
            Text.isPhone(buffer, phoneOffset, request.phoneLength);
        decoder.skipPhone();

        request.raceId = decoder.raceId();
        request.userId = decoder.userId();
        request.categoryCode0 = Codes.word0(codeBytes);
        request.categoryCode1 = Codes.word1(codeBytes);
        request.personKey0 = decoder.personKey0();
        request.personKey1 = decoder.personKey1();
        request.gender = (byte)decoder.genderRaw();
        request.birthEpochDay = decoder.birthEpochDay();
    }

    private int onWithdraw(final long nowMs, final ResultWriter out)
    {
        final ResultCode code = races.withdraw(withdrawDecoder.raceId(), withdrawDecoder.userId(), nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        withdrawnEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .entryId(races.result.entry + 1L)
            .promotedEntries(races.result.promotedEntries);
        return MessageHeaderEncoder.ENCODED_LENGTH + withdrawnEncoder.encodedLength();
    }

    private int onDraw(final long nowMs, final ResultWriter out)
    {
        final DrawBallotDecoder decoder = drawDecoder;
        final long raceId = decoder.raceId();
        final int seedLength = decoder.seedLength();
        if (seedLength > seedBytes.length)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, raceId, "seed");
        }
        decoder.getSeed(seedBytes, 0, seedLength);
        final ResultCode code = races.draw(raceId, seedBytes, seedLength, nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        final int r = races.raceIndexOf(raceId);
        drawnEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .raceId(raceId)
            .winners(races.result.drawWinners)
            .waitlisted(races.result.drawWaitlisted)
            .putEntryListHash(races.raceTable.entryListHash, r * EntryListHash.LENGTH, EntryListHash.LENGTH);
        return MessageHeaderEncoder.ENCODED_LENGTH + drawnEncoder.encodedLength();
    }

    private int onPayment(final ResultWriter out)
    {
        final RecordPaymentDecoder decoder = paymentDecoder;
        final long entryId = decoder.entryId();
        final ResultCode code = races.recordPayment(decoder.raceId(), entryId, decoder.paymentRefLength());
        decoder.skipPaymentRef();
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        paymentEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .entryId(entryId)
            .bib(races.entries.bib[races.result.entry])
            .replayed(races.result.paymentReplayed ? BooleanType.TRUE : BooleanType.FALSE);
        return MessageHeaderEncoder.ENCODED_LENGTH + paymentEncoder.encodedLength();
    }

    private int onCloseWaitlist(final ResultWriter out)
    {
        final long raceId = closeWaitlistDecoder.raceId();
        final ResultCode code = races.closeWaitlist(raceId);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        waitlistClosedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .raceId(raceId)
            .notSelected(races.result.notSelected);
        return MessageHeaderEncoder.ENCODED_LENGTH + waitlistClosedEncoder.encodedLength();
    }

    // ------------------------------------------------------------------ queries

    private int onOwnEntry(final ResultWriter out)
    {
        final long raceId = ownEntryDecoder.raceId();
        final int r = races.raceIndexOf(raceId);
        if (r == EntryTable.NONE)
        {
            return out.rejected(ResultCode.RACE_NOT_FOUND, raceId, "");
        }
        final int e = races.entryOfUser(r, ownEntryDecoder.userId());
        if (e == EntryTable.NONE)
        {
            return out.rejected(ResultCode.ENTRY_NOT_FOUND, raceId, "");
        }
        final EntryTable t = races.entries;
        final int c = t.categoryIndex[e];
        final EntryViewEncoder encoder = entryViewEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .entryId(e + 1L)
            .putCategoryCode(categoryCode(c), 0)
            .status(EntryStatus.get(t.status[e]))
            .putPool(poolCode(r, t.pool[e]), 0)
            .paymentDueAt(t.status[e] == EntryStatus.WON.value() ? t.paymentDueAt[e] :
                EntryViewEncoder.paymentDueAtNullValue())
            .waitlistPosition(t.waitlistPosition[e])
            .bib(t.bib[e])
            .drawRank(t.drawRank[e]);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int onRaceView(final ResultWriter out)
    {
        final long raceId = raceQueryDecoder.raceId();
        final int r = races.raceIndexOf(raceId);
        if (r == EntryTable.NONE)
        {
            return out.rejected(ResultCode.RACE_NOT_FOUND, raceId, "");
        }
        final RaceViewEncoder encoder = raceViewEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .raceId(raceId)
            .raceDateEpochDay(races.raceTable.raceDateEpochDay[r])
            .mode(RaceMode.get(races.raceTable.mode[r]))
            .registrationOpensAt(races.raceTable.opensAt[r])
            .registrationClosesAt(races.raceTable.closesAt[r])
            .paymentWindowMs(races.raceTable.paymentWindowMs[r])
            .maxGroupSize(races.raceTable.maxGroupSize[r])
            .closed(bool(races.raceTable.closed[r]))
            .drawn(bool(races.raceTable.drawn[r]))
            .waitlistClosed(bool(races.raceTable.waitlistClosed[r]));
        final RaceViewEncoder.CategoriesEncoder rows = encoder.categoriesCount(races.raceTable.categoryCount[r]);
        for (int c = races.raceTable.firstCategory[r]; c < races.raceTable.firstCategory[r] + races.raceTable.categoryCount[r]; c++)
        {
            final int counts = c * CategoryTable.STATUSES;
            rows.next()
                .putCode(categoryCode(c), 0)
                .capacity(races.categoryTable.capacity[c])
                .feeFen(races.categoryTable.feeFen[c])
                .minAge(races.categoryTable.minAge[c])
                .maxAge(races.categoryTable.maxAge[c])
                .bibFrom(races.categoryTable.bibFrom[c])
                .applied(races.categoryTable.statusCounts[counts + EntryStatus.APPLIED.value()])
                .won(races.categoryTable.statusCounts[counts + EntryStatus.WON.value()])
                .confirmed(races.categoryTable.statusCounts[counts + EntryStatus.CONFIRMED.value()])
                .waitlisted(races.categoryTable.statusCounts[counts + EntryStatus.WAITLISTED.value()])
                .lapsed(races.categoryTable.statusCounts[counts + EntryStatus.LAPSED.value()])
                .withdrawn(races.categoryTable.statusCounts[counts + EntryStatus.WITHDRAWN.value()])
                .notSelected(races.categoryTable.statusCounts[counts + EntryStatus.NOT_SELECTED.value()]);
            final RaceViewEncoder.CategoriesEncoder.PoolsEncoder pools = rows.poolsCount(races.categoryTable.poolCount[c]);
            for (int p = 0; p < races.categoryTable.poolCount[c]; p++)
            {
                final int slot = c * races.raceTable.maxPoolsPerRace + p;
                pools.next()
                    .putCode(poolCode(r, races.categoryTable.poolBit[slot]), 0)
                    .places(races.categoryTable.poolPlaces[slot])
                    .guaranteed(bool(races.categoryTable.poolGuaranteed[slot]));
            }
        }
        encoder.putName(races.raceTable.raceName[r], 0, races.raceTable.raceName[r].length);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int onBallotView(final ResultWriter out)
    {
        final long raceId = ballotQueryDecoder.raceId();
        final int r = races.raceIndexOf(raceId);
        if (r == EntryTable.NONE)
        {
            return out.rejected(ResultCode.RACE_NOT_FOUND, raceId, "");
        }
        final BallotViewEncoder encoder = ballotViewEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .raceId(raceId)
            .closed(bool(races.raceTable.closed[r]))
            .drawn(bool(races.raceTable.drawn[r]))
            .entries(races.raceTable.closed[r] ? races.raceTable.listedEntries[r] : races.standingEntries(r))
            .putEntryListHash(races.raceTable.entryListHash, r * EntryListHash.LENGTH, EntryListHash.LENGTH);
        encoder.putSeed(races.raceTable.seed, r * Races.SEED_MAX_BYTES, races.raceTable.seedLength[r]);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int onResultsPage(final ResultWriter out)
    {
        final long raceId = resultsQueryDecoder.raceId();
        final long afterEntryId = resultsQueryDecoder.afterEntryId();
        final int r = races.raceIndexOf(raceId);
        if (r == EntryTable.NONE)
        {
            return out.rejected(ResultCode.RACE_NOT_FOUND, raceId, "");
        }
        if (afterEntryId < 0)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, raceId, "afterEntryId");
        }
        final EntryTable t = races.entries;
        final int first = firstEntryAfter(r, afterEntryId);
        int rowsInPage = 0;
        int e = first;
        int last = EntryTable.NONE;
        for (; e != EntryTable.NONE && rowsInPage < resultsPageRows; e = t.nextInRace[e])
        {
            rowsInPage++;
            last = e;
        }
        final RaceResultsPageEncoder encoder = resultsEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .raceId(raceId)
            .lastEntryId(last == EntryTable.NONE ? afterEntryId : last + 1L)
            .more(bool(e != EntryTable.NONE));
        final int poolCount = races.raceTable.racePoolCount[r];
        final RaceResultsPageEncoder.PoolCodesEncoder poolCodes = encoder.poolCodesCount(poolCount);
        for (int b = 0; b < poolCount; b++)
        {
            poolCodes.next().putCode(poolCode(r, b), 0);
        }
        final RaceResultsPageEncoder.RowsEncoder rows = encoder.rowsCount(rowsInPage);
        for (int m = first, i = 0; i < rowsInPage; m = t.nextInRace[m], i++)
        {
            final int g = t.groupIndex[m];
            if (g == EntryTable.NONE)
            {
                rows.next().putGroupCode(NO_CODE, 0);
            }
            else
            {
                GroupCodes.format(races.groupCodeOf(g), groupCodeBytes);
                rows.next().putGroupCode(groupCodeBytes, 0);
            }
            rows.entryId(m + 1L)
                .putCategoryCode(categoryCode(t.categoryIndex[m]), 0)
                .unitId(t.unitIdOf(m, races.groups))
                .entitledPools(t.entitledPools[m])
                .weight(t.weight[m])
                .inEntryList(bool(t.listed[m]))
                .putPool(poolCode(r, t.pool[m]), 0)
                .drawRank(t.drawRank[m])
                .status(EntryStatus.get(t.status[m]))
                .waitlistPosition(t.waitlistPosition[m])
                .bib(t.bib[m]);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The race's first entry with an id above the cursor. Ids are global, so the scan passes over
     * other races' entries; entry ids of one race ascend, so the first hit is the next one.
     */
    private int firstEntryAfter(final int r, final long afterEntryId)
    {
        final EntryTable t = races.entries;
        if (afterEntryId == 0)
        {
            return races.raceTable.firstEntry[r];
        }
        for (long e = afterEntryId; e < t.count; e++)
        {
            if (t.raceIndex[(int)e] == r)
            {
                return (int)e;
            }
        }
        return EntryTable.NONE;
    }

    private byte[] categoryCode(final int c)
    {
        Codes.toBytes(races.categoryTable.categoryCode0[c], races.categoryTable.categoryCode1[c], codeBytes);
        return codeBytes;
    }

    private byte[] poolCode(final int r, final int pool)
    {
        if (pool == EntryTable.POOL_GENERAL)
        {
            return GENERAL_CODE;
        }
        if (pool == EntryTable.POOL_WAITLIST)
        {
            return WAITLIST_CODE;
        }
        if (pool == EntryTable.POOL_NONE)
        {
            return NO_CODE;
        }
        races.raceTable.poolCode(r, pool, codeBytes);
        return codeBytes;
    }

    private static BooleanType bool(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }

    private static byte[] code(final String text)
    {
        final byte[] bytes = new byte[Codes.LENGTH];
        for (int i = 0; i < text.length(); i++)
        {
            bytes[i] = (byte)text.charAt(i);
        }
        return bytes;
    }

    private int rejected(final ResultCode code, final ResultWriter out)
    {
        return out.rejected(code, races.result.rejectedSubjectId, races.result.rejectedField);
    }
}
