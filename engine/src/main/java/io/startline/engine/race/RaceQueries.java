package io.startline.engine.race;

import io.startline.engine.EngineContext;
import io.startline.engine.ResultWriter;
import io.startline.engine.codec.BallotViewEncoder;
import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.EntryViewEncoder;
import io.startline.engine.codec.GetBallotDecoder;
import io.startline.engine.codec.GetOwnEntryDecoder;
import io.startline.engine.codec.GetRaceDecoder;
import io.startline.engine.codec.GetRaceResultsDecoder;
import io.startline.engine.codec.ListRacesDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RaceListEncoder;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.codec.RaceResultsPageEncoder;
import io.startline.engine.codec.RaceViewEncoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.domain.ListPage;
import io.startline.engine.support.Codes;
import org.agrona.DirectBuffer;

/**
 * Answers race queries straight from the tables: an entrant's own entry, a race, its ballot and
 * a page of its results. Decoders, encoders and scratch arrays are reused fields.
 */
final class RaceQueries
{
    private final Races races;
    private final RaceTable raceTable;
    private final CategoryTable categories;
    private final EntryTable entries;
    private final int resultsPageRows;
    private final byte[] codeBytes = new byte[Codes.LENGTH];
    private final byte[] groupCodeBytes = new byte[Codes.LENGTH];

    private final GetOwnEntryDecoder ownEntryDecoder = new GetOwnEntryDecoder();
    private final GetRaceDecoder raceQueryDecoder = new GetRaceDecoder();
    private final GetBallotDecoder ballotQueryDecoder = new GetBallotDecoder();
    private final GetRaceResultsDecoder resultsQueryDecoder = new GetRaceResultsDecoder();
    private final ListRacesDecoder listRacesDecoder = new ListRacesDecoder();

    private final EntryViewEncoder entryViewEncoder = new EntryViewEncoder();
    private final RaceViewEncoder raceViewEncoder = new RaceViewEncoder();
    private final BallotViewEncoder ballotViewEncoder = new BallotViewEncoder();
    private final RaceResultsPageEncoder resultsEncoder = new RaceResultsPageEncoder();
    private final RaceListEncoder raceListEncoder = new RaceListEncoder();
    private final ListPage page = new ListPage();

    RaceQueries(final EngineContext context, final Races races)
    {
        this.races = races;
        raceTable = races.raceTable;
        categories = races.categoryTable;
        entries = races.entries;
        resultsPageRows = context.raceResultsPageRows();
    }

    int onQuery(
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
            case ListRacesDecoder.TEMPLATE_ID:
                listRacesDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onListRaces(out);
            default:
                return out.rejected(ResultCode.UNKNOWN_COMMAND, header.templateId(), "");
        }
    }

    private int onOwnEntry(final ResultWriter out)
    {
        final long raceId = ownEntryDecoder.raceId();
        final int r = raceTable.indexOf(raceId);
        if (r == EntryTable.NONE)
        {
            return out.rejected(ResultCode.RACE_NOT_FOUND, raceId, "");
        }
        final int e = races.entryOfUser(r, ownEntryDecoder.userId());
        if (e == EntryTable.NONE)
        {
            return out.rejected(ResultCode.ENTRY_NOT_FOUND, raceId, "");
        }
        final EntryTable t = entries;
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

    /**
     * A page of races in the order they were created. A race may bring its own id, so ids are not
     * a sequence: the page starts at a position, which the previous page's answer gives.
     */
    private int onListRaces(final ResultWriter out)
    {
        final RaceTable t = raceTable;
        final String invalid = page.select(listRacesDecoder.afterPosition(), listRacesDecoder.maxRows(), t.count);
        if (invalid != null)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, 0, invalid);
        }
        final RaceListEncoder encoder = raceListEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .nextAfterPosition(page.nextAfter());
        final RaceListEncoder.RacesEncoder list = encoder.racesCount(page.rows());
        for (int r = page.first(); r < page.end(); r++)
        {
            list.next()
                .raceId(t.raceId[r])
                .raceDateEpochDay(t.raceDateEpochDay[r])
                .mode(RaceMode.get(t.mode[r]))
                .registrationOpensAt(t.opensAt[r])
                .registrationClosesAt(t.closesAt[r])
                .drawn(bool(t.drawn[r]))
                .putName(t.raceName[r], 0, t.raceName[r].length);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int onRaceView(final ResultWriter out)
    {
        final long raceId = raceQueryDecoder.raceId();
        final int r = raceTable.indexOf(raceId);
        if (r == EntryTable.NONE)
        {
            return out.rejected(ResultCode.RACE_NOT_FOUND, raceId, "");
        }
        final RaceTable t = raceTable;
        final RaceViewEncoder encoder = raceViewEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .raceId(raceId)
            .raceDateEpochDay(t.raceDateEpochDay[r])
            .mode(RaceMode.get(t.mode[r]))
            .registrationOpensAt(t.opensAt[r])
            .registrationClosesAt(t.closesAt[r])
            .paymentWindowMs(t.paymentWindowMs[r])
            .maxGroupSize(t.maxGroupSize[r])
            .closed(bool(t.closed[r]))
            .drawn(bool(t.drawn[r]))
            .waitlistClosed(bool(t.waitlistClosed[r]));
        final RaceViewEncoder.CategoriesEncoder rows = encoder.categoriesCount(t.categoryCount[r]);
        for (int c = t.firstCategory[r]; c < t.firstCategory[r] + t.categoryCount[r]; c++)
        {
            putCategory(rows.next(), r, c);
        }
        encoder.putName(t.raceName[r], 0, t.raceName[r].length);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private void putCategory(final RaceViewEncoder.CategoriesEncoder row, final int r, final int c)
    {
        final CategoryTable k = categories;
        final int counts = c * CategoryTable.STATUSES;
        row.putCode(categoryCode(c), 0)
            .capacity(k.capacity[c])
            .feeFen(k.feeFen[c])
            .minAge(k.minAge[c])
            .maxAge(k.maxAge[c])
            .bibFrom(k.bibFrom[c])
            .applied(k.statusCounts[counts + EntryStatus.APPLIED.value()])
            .won(k.statusCounts[counts + EntryStatus.WON.value()])
            .confirmed(k.statusCounts[counts + EntryStatus.CONFIRMED.value()])
            .waitlisted(k.statusCounts[counts + EntryStatus.WAITLISTED.value()])
            .lapsed(k.statusCounts[counts + EntryStatus.LAPSED.value()])
            .withdrawn(k.statusCounts[counts + EntryStatus.WITHDRAWN.value()])
            .notSelected(k.statusCounts[counts + EntryStatus.NOT_SELECTED.value()]);
        final RaceViewEncoder.CategoriesEncoder.PoolsEncoder pools = row.poolsCount(k.poolCount[c]);
        for (int p = 0; p < k.poolCount[c]; p++)
        {
            final int slot = c * k.maxPoolsPerRace + p;
            pools.next()
                .putCode(poolCode(r, k.poolBit[slot]), 0)
                .places(k.poolPlaces[slot])
                .guaranteed(bool(k.poolGuaranteed[slot]));
        }
    }

    private int onBallotView(final ResultWriter out)
    {
        final long raceId = ballotQueryDecoder.raceId();
        final int r = raceTable.indexOf(raceId);
        if (r == EntryTable.NONE)
        {
            return out.rejected(ResultCode.RACE_NOT_FOUND, raceId, "");
        }
        final RaceTable t = raceTable;
        final BallotViewEncoder encoder = ballotViewEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .raceId(raceId)
            .closed(bool(t.closed[r]))
            .drawn(bool(t.drawn[r]))
            .entries(t.closed[r] ? t.listedEntries[r] : races.standingEntries(r))
            .putEntryListHash(t.entryListHash, r * EntryListHash.LENGTH, EntryListHash.LENGTH);
        encoder.putSeed(t.seed, r * Races.SEED_MAX_BYTES, t.seedLength[r]);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int onResultsPage(final ResultWriter out)
    {
        final long raceId = resultsQueryDecoder.raceId();
        final long afterEntryId = resultsQueryDecoder.afterEntryId();
        final int r = raceTable.indexOf(raceId);
        if (r == EntryTable.NONE)
        {
            return out.rejected(ResultCode.RACE_NOT_FOUND, raceId, "");
        }
        if (afterEntryId < 0)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, raceId, "afterEntryId");
        }
        final EntryTable t = entries;
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
        final int poolCount = raceTable.racePoolCount[r];
        final RaceResultsPageEncoder.PoolCodesEncoder poolCodes = encoder.poolCodesCount(poolCount);
        for (int b = 0; b < poolCount; b++)
        {
            poolCodes.next().putCode(poolCode(r, b), 0);
        }
        final RaceResultsPageEncoder.RowsEncoder rows = encoder.rowsCount(rowsInPage);
        for (int m = first, i = 0; i < rowsInPage; m = t.nextInRace[m], i++)
        {
            putResultRow(rows.next(), r, m);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private void putResultRow(final RaceResultsPageEncoder.RowsEncoder row, final int r, final int m)
    {
        final EntryTable t = entries;
        final int g = t.groupIndex[m];
        if (g == EntryTable.NONE)
        {
            row.putGroupCode(PoolCodes.NONE, 0);
        }
        else
        {
            GroupCodes.format(races.groupCodeOf(g), groupCodeBytes);
            row.putGroupCode(groupCodeBytes, 0);
        }
        row.entryId(m + 1L)
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

    /**
     * The race's first entry with an id above the cursor. Ids are global, so the scan passes over
     * other races' entries; entry ids of one race ascend, so the first hit is the next one.
     */
    private int firstEntryAfter(final int r, final long afterEntryId)
    {
        final EntryTable t = entries;
        if (afterEntryId == 0)
        {
            return raceTable.firstEntry[r];
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
        Codes.toBytes(categories.categoryCode0[c], categories.categoryCode1[c], codeBytes);
        return codeBytes;
    }

    private byte[] poolCode(final int r, final int pool)
    {
        if (pool == EntryTable.POOL_GENERAL)
        {
            return PoolCodes.GENERAL;
        }
        if (pool == EntryTable.POOL_WAITLIST)
        {
            return PoolCodes.WAITLIST;
        }
        if (pool == EntryTable.POOL_NONE)
        {
            return PoolCodes.NONE;
        }
        raceTable.poolCode(r, pool, codeBytes);
        return codeBytes;
    }

    private static BooleanType bool(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }
}
