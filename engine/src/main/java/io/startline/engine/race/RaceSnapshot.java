package io.startline.engine.race;

import io.startline.engine.SnapshotSink;
import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.CategoryRecordDecoder;
import io.startline.engine.codec.CategoryRecordEncoder;
import io.startline.engine.codec.EntitlementRecordsDecoder;
import io.startline.engine.codec.EntitlementRecordsEncoder;
import io.startline.engine.codec.EntryRecordsDecoder;
import io.startline.engine.codec.EntryRecordsEncoder;
import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.Gender;
import io.startline.engine.codec.GroupRecordsDecoder;
import io.startline.engine.codec.GroupRecordsEncoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RaceDomainRecordDecoder;
import io.startline.engine.codec.RaceDomainRecordEncoder;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.codec.RaceRecordDecoder;
import io.startline.engine.codec.RaceRecordEncoder;
import io.startline.engine.support.Codes;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Writes the race domain as snapshot records and reads it back. The person, user and
 * entitlement indexes, status counts and places held are rebuilt on load, not stored.
 */
final class RaceSnapshot
{
    /** Rows per run record: an entry row is about 100 bytes, so a record stays near 100 KiB. */
    static final int ROWS_PER_RECORD = 1024;

    private final Races races;
    private final RaceTable raceTable;
    private final CategoryTable categories;
    private final EntryTable entries;
    private final GroupTable groups;
    private final EntitlementTable entitlements;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(128 * 1024);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final byte[] code = new byte[Codes.LENGTH];

    private int expectedRaces = -1;
    private int expectedCategories;
    private int expectedEntries;
    private int expectedGroups;
    private int expectedEntitlements;
    private long expectedNextDeadlineMs;
    private int racesLoaded;
    private int categoriesLoaded;
    private int entriesLoaded;
    private int groupsLoaded;
    private int entitlementsLoaded;

    RaceSnapshot(final Races races)
    {
        this.races = races;
        raceTable = races.raceTable;
        categories = races.categoryTable;
        entries = races.entries;
        groups = races.groups;
        entitlements = races.entitlements;
    }

    /** Writes the domain record, then the races, categories, entries, groups and entitlements. */
    int write(final SnapshotSink sink)
    {
        final RaceDomainRecordEncoder domain = new RaceDomainRecordEncoder().wrapAndApplyHeader(buffer, 0, header)
            .raceCount(raceTable.count)
            .categoryCount(categories.count)
            .entryCount(entries.count)
            .groupCount(groups.count)
            .entitlementCount(entitlements.count)
            .nextDeadlineMs(races.nextDeadlineMs());
        int records = emit(sink, domain.encodedLength());
        records += writeRaces(sink);
        records += writeCategories(sink);
        records += writeEntries(sink);
        records += writeGroups(sink);
        records += writeEntitlements(sink);
        return records;
    }

    private int writeRaces(final SnapshotSink sink)
    {
        int records = 0;
        final RaceRecordEncoder race = new RaceRecordEncoder();
        for (int r = 0; r < raceTable.count; r++)
        {
            race.wrapAndApplyHeader(buffer, 0, header)
                .raceId(raceTable.raceId[r])
                .raceDateEpochDay(raceTable.raceDateEpochDay[r])
                .mode(RaceMode.get(raceTable.mode[r]))
                .registrationOpensAt(raceTable.opensAt[r])
                .registrationClosesAt(raceTable.closesAt[r])
                .paymentWindowMs(raceTable.paymentWindowMs[r])
                .maxGroupSize(raceTable.maxGroupSize[r])
                .firstCategory(raceTable.firstCategory[r])
                .categoryCount(raceTable.categoryCount[r])
                .closed(bool(raceTable.closed[r]))
                .drawn(bool(raceTable.drawn[r]))
                .waitlistClosed(bool(raceTable.waitlistClosed[r]))
                .listedEntries(raceTable.listedEntries[r])
                .firstEntry(raceTable.firstEntry[r])
                .lastEntry(raceTable.lastEntry[r])
                .dueHead(raceTable.dueHead[r])
                .dueTail(raceTable.dueTail[r])
                .putEntryListHash(raceTable.entryListHash, r * EntryListHash.LENGTH, EntryListHash.LENGTH);
            final RaceRecordEncoder.PoolCodesEncoder pools = race.poolCodesCount(raceTable.racePoolCount[r]);
            for (int b = 0; b < raceTable.racePoolCount[r]; b++)
            {
                raceTable.poolCode(r, b, code);
                pools.next().putCode(code, 0);
            }
            race.putName(raceTable.raceName[r], 0, raceTable.raceName[r].length);
            race.putSeed(raceTable.seed, r * Races.SEED_MAX_BYTES, raceTable.seedLength[r]);
            records += emit(sink, race.encodedLength());
        }
        return records;
    }

    private int writeCategories(final SnapshotSink sink)
    {
        int records = 0;
        final CategoryRecordEncoder category = new CategoryRecordEncoder();
        for (int c = 0; c < categories.count; c++)
        {
            Codes.toBytes(categories.categoryCode0[c], categories.categoryCode1[c], code);
            category.wrapAndApplyHeader(buffer, 0, header)
                .raceIndex(categories.categoryRace[c])
                .putCode(code, 0)
                .capacity(categories.capacity[c])
                .feeFen(categories.feeFen[c])
                .minAge(categories.minAge[c])
                .maxAge(categories.maxAge[c])
                .bibFrom(categories.bibFrom[c])
                .nextBib(categories.nextBib[c])
                .generalTaken(categories.generalTaken[c])
                .waitlistHead(categories.waitlistHead[c])
                .waitlistTail(categories.waitlistTail[c])
                .waitlistPositions(categories.waitlistPositions[c]);
            final CategoryRecordEncoder.PoolsEncoder pools = category.poolsCount(categories.poolCount[c]);
            for (int p = 0; p < categories.poolCount[c]; p++)
            {
                final int slot = c * raceTable.maxPoolsPerRace + p;
                pools.next()
                    .poolBit(categories.poolBit[slot])
                    .places(categories.poolPlaces[slot])
                    .guaranteed(bool(categories.poolGuaranteed[slot]))
                    .taken(categories.poolTaken[slot]);
            }
            records += emit(sink, category.encodedLength());
        }
        return records;
    }

    private int writeEntries(final SnapshotSink sink)
    {
        int records = 0;
        final EntryTable t = entries;
        final EntryRecordsEncoder entryRecords = new EntryRecordsEncoder();
        for (int first = 0; first < t.count; first += ROWS_PER_RECORD)
        {
            final int rows = Math.min(ROWS_PER_RECORD, t.count - first);
            final EntryRecordsEncoder.EntriesEncoder row = entryRecords.wrapAndApplyHeader(buffer, 0, header)
                .firstIndex(first)
                .entriesCount(rows);
            for (int e = first; e < first + rows; e++)
            {
                row.next()
                    .raceIndex(t.raceIndex[e])
                    .categoryIndex(t.categoryIndex[e])
                    .userId(t.userId[e])
                    .personKey0(t.personKey0[e])
                    .personKey1(t.personKey1[e])
                    .gender(Gender.get(t.gender[e]))
                    .birthEpochDay(t.birthEpochDay[e])
                    .groupIndex(t.groupIndex[e])
                    .nextInGroup(t.nextInGroup[e])
                    .nextInRace(t.nextInRace[e])
                    .status(EntryStatus.get(t.status[e]))
                    .pool(t.pool[e])
                    .listed(bool(t.listed[e]))
                    .weight(t.weight[e])
                    .entitledPools(t.entitledPools[e])
                    .drawRank(t.drawRank[e])
                    .waitlistPosition(t.waitlistPosition[e])
                    .paymentDueAt(t.paymentDueAt[e])
                    .bib(t.bib[e])
                    .nextDue(t.nextDue[e])
                    .nextInWaitlist(t.nextInWaitlist[e]);
            }
            records += emit(sink, entryRecords.encodedLength());
        }
        return records;
    }

    private int writeGroups(final SnapshotSink sink)
    {
        int records = 0;
        final GroupRecordsEncoder groupRecords = new GroupRecordsEncoder();
        for (int first = 0; first < groups.count; first += ROWS_PER_RECORD)
        {
            final int rows = Math.min(ROWS_PER_RECORD, groups.count - first);
            final GroupRecordsEncoder.GroupsEncoder row = groupRecords.wrapAndApplyHeader(buffer, 0, header)
                .firstIndex(first)
                .groupsCount(rows);
            for (int g = first; g < first + rows; g++)
            {
                row.next()
                    .raceIndex(groups.raceIndex[g])
                    .categoryIndex(groups.categoryIndex[g])
                    .creatorUserId(groups.creatorUserId[g])
                    .firstMember(groups.firstMember[g])
                    .lastMember(groups.lastMember[g])
                    .memberCount(groups.memberCount[g]);
            }
            records += emit(sink, groupRecords.encodedLength());
        }
        return records;
    }

    private int writeEntitlements(final SnapshotSink sink)
    {
        int records = 0;
        final EntitlementRecordsEncoder entitlementRecords = new EntitlementRecordsEncoder();
        for (int first = 0; first < entitlements.count; first += ROWS_PER_RECORD)
        {
            final int rows = Math.min(ROWS_PER_RECORD, entitlements.count - first);
            final EntitlementRecordsEncoder.EntitlementsEncoder row = entitlementRecords
                .wrapAndApplyHeader(buffer, 0, header)
                .firstIndex(first)
                .entitlementsCount(rows);
            for (int i = first; i < first + rows; i++)
            {
                row.next()
                    .raceIndex(entitlements.entitlementRace[i])
                    .personKey0(entitlements.entitlementKey0[i])
                    .personKey1(entitlements.entitlementKey1[i])
                    .pools(entitlements.entitlementPools[i])
                    .weight(entitlements.entitlementWeight[i]);
            }
            records += emit(sink, entitlementRecords.encodedLength());
        }
        return records;
    }

    void load(final MessageHeaderDecoder headerDecoder, final DirectBuffer source, final int offset)
    {
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        final int templateId = headerDecoder.templateId();
        if (templateId == RaceDomainRecordDecoder.TEMPLATE_ID)
        {
            final RaceDomainRecordDecoder d = new RaceDomainRecordDecoder().wrap(source, offset, blockLength, version);
            expectedRaces = d.raceCount();
            expectedCategories = d.categoryCount();
            expectedEntries = d.entryCount();
            expectedGroups = d.groupCount();
            expectedEntitlements = d.entitlementCount();
            expectedNextDeadlineMs = d.nextDeadlineMs();
            return;
        }
        if (expectedRaces < 0)
        {
            throw new IllegalStateException("race record " + templateId + " before the race domain record");
        }
        switch (templateId)
        {
            case RaceRecordDecoder.TEMPLATE_ID:
                loadRace(new RaceRecordDecoder().wrap(source, offset, blockLength, version));
                break;
            case CategoryRecordDecoder.TEMPLATE_ID:
                loadCategory(new CategoryRecordDecoder().wrap(source, offset, blockLength, version));
                break;
            case EntryRecordsDecoder.TEMPLATE_ID:
                loadEntries(new EntryRecordsDecoder().wrap(source, offset, blockLength, version));
                break;
            case GroupRecordsDecoder.TEMPLATE_ID:
                loadGroups(new GroupRecordsDecoder().wrap(source, offset, blockLength, version));
                break;
            case EntitlementRecordsDecoder.TEMPLATE_ID:
                loadEntitlements(new EntitlementRecordsDecoder().wrap(source, offset, blockLength, version));
                break;
            default:
                throw new IllegalStateException("unknown race record " + templateId);
        }
    }

    /**
     * Checks every announced row arrived, then rebuilds the derived indexes and counts.
     */
    void finish()
    {
        if (expectedRaces < 0)
        {
            throw new IllegalStateException("snapshot has no race domain record");
        }
        if (racesLoaded != expectedRaces || categoriesLoaded != expectedCategories ||
            entriesLoaded != expectedEntries || groupsLoaded != expectedGroups ||
            entitlementsLoaded != expectedEntitlements)
        {
            throw new IllegalStateException("race snapshot incomplete: races " + racesLoaded + "/" + expectedRaces +
                ", categories " + categoriesLoaded + "/" + expectedCategories +
                ", entries " + entriesLoaded + "/" + expectedEntries +
                ", groups " + groupsLoaded + "/" + expectedGroups +
                ", entitlements " + entitlementsLoaded + "/" + expectedEntitlements);
        }
        races.rebuildAfterLoad(expectedRaces, expectedCategories, expectedEntries, expectedGroups,
            expectedEntitlements, expectedNextDeadlineMs);
    }

    private void loadRace(final RaceRecordDecoder d)
    {
        final int r = racesLoaded++;
        requireWithin(r, expectedRaces, "race");
        raceTable.raceId[r] = d.raceId();
        raceTable.raceDateEpochDay[r] = d.raceDateEpochDay();
        raceTable.mode[r] = (byte)d.modeRaw();
        raceTable.opensAt[r] = d.registrationOpensAt();
        raceTable.closesAt[r] = d.registrationClosesAt();
        raceTable.paymentWindowMs[r] = d.paymentWindowMs();
        raceTable.maxGroupSize[r] = d.maxGroupSize();
        raceTable.firstCategory[r] = d.firstCategory();
        raceTable.categoryCount[r] = d.categoryCount();
        raceTable.closed[r] = d.closed() == BooleanType.TRUE;
        raceTable.drawn[r] = d.drawn() == BooleanType.TRUE;
        raceTable.waitlistClosed[r] = d.waitlistClosed() == BooleanType.TRUE;
        raceTable.listedEntries[r] = d.listedEntries();
        raceTable.firstEntry[r] = d.firstEntry();
        raceTable.lastEntry[r] = d.lastEntry();
        raceTable.dueHead[r] = d.dueHead();
        raceTable.dueTail[r] = d.dueTail();
        d.getEntryListHash(raceTable.entryListHash, r * EntryListHash.LENGTH, EntryListHash.LENGTH);
        int b = 0;
        for (final RaceRecordDecoder.PoolCodesDecoder pool : d.poolCodes())
        {
            pool.getCode(code, 0);
            raceTable.racePoolCode0[r * raceTable.maxPoolsPerRace + b] = Codes.word0(code);
            raceTable.racePoolCode1[r * raceTable.maxPoolsPerRace + b] = Codes.word1(code);
            b++;
        }
        raceTable.racePoolCount[r] = b;
        final byte[] name = new byte[d.nameLength()];
        d.getName(name, 0, name.length);
        raceTable.raceName[r] = name;
        raceTable.seedLength[r] = d.getSeed(raceTable.seed, r * Races.SEED_MAX_BYTES, d.seedLength());
    }

    private void loadCategory(final CategoryRecordDecoder d)
    {
        final int c = categoriesLoaded++;
        requireWithin(c, expectedCategories, "category");
        categories.categoryRace[c] = d.raceIndex();
        d.getCode(code, 0);
        categories.categoryCode0[c] = Codes.word0(code);
        categories.categoryCode1[c] = Codes.word1(code);
        categories.capacity[c] = d.capacity();
        categories.feeFen[c] = d.feeFen();
        categories.minAge[c] = d.minAge();
        categories.maxAge[c] = d.maxAge();
        categories.bibFrom[c] = d.bibFrom();
        categories.nextBib[c] = d.nextBib();
        categories.generalTaken[c] = d.generalTaken();
        categories.waitlistHead[c] = d.waitlistHead();
        categories.waitlistTail[c] = d.waitlistTail();
        categories.waitlistPositions[c] = d.waitlistPositions();
        int p = 0;
        for (final CategoryRecordDecoder.PoolsDecoder pool : d.pools())
        {
            final int slot = c * raceTable.maxPoolsPerRace + p++;
            categories.poolBit[slot] = pool.poolBit();
            categories.poolPlaces[slot] = pool.places();
            categories.poolGuaranteed[slot] = pool.guaranteed() == BooleanType.TRUE;
            categories.poolTaken[slot] = pool.taken();
        }
        categories.poolCount[c] = p;
    }

    private void loadEntries(final EntryRecordsDecoder d)
    {
        final EntryTable t = entries;
        int e = d.firstIndex();
        if (e != entriesLoaded)
        {
            throw new IllegalStateException("entry records out of order: " + e + " after " + entriesLoaded);
        }
        for (final EntryRecordsDecoder.EntriesDecoder row : d.entries())
        {
            requireWithin(e, expectedEntries, "entry");
            t.raceIndex[e] = row.raceIndex();
            t.categoryIndex[e] = row.categoryIndex();
            t.userId[e] = row.userId();
            t.personKey0[e] = row.personKey0();
            t.personKey1[e] = row.personKey1();
            t.gender[e] = (byte)row.genderRaw();
            t.birthEpochDay[e] = row.birthEpochDay();
            t.groupIndex[e] = row.groupIndex();
            t.nextInGroup[e] = row.nextInGroup();
            t.nextInRace[e] = row.nextInRace();
            t.status[e] = (byte)row.statusRaw();
            t.pool[e] = row.pool();
            t.listed[e] = row.listed() == BooleanType.TRUE;
            t.weight[e] = row.weight();
            t.entitledPools[e] = row.entitledPools();
            t.drawRank[e] = row.drawRank();
            t.waitlistPosition[e] = row.waitlistPosition();
            t.paymentDueAt[e] = row.paymentDueAt();
            t.bib[e] = row.bib();
            t.nextDue[e] = row.nextDue();
            t.nextInWaitlist[e] = row.nextInWaitlist();
            e++;
        }
        entriesLoaded = e;
    }

    private void loadGroups(final GroupRecordsDecoder d)
    {
        int g = d.firstIndex();
        if (g != groupsLoaded)
        {
            throw new IllegalStateException("group records out of order: " + g + " after " + groupsLoaded);
        }
        for (final GroupRecordsDecoder.GroupsDecoder row : d.groups())
        {
            requireWithin(g, expectedGroups, "group");
            groups.raceIndex[g] = row.raceIndex();
            groups.categoryIndex[g] = row.categoryIndex();
            groups.creatorUserId[g] = row.creatorUserId();
            groups.firstMember[g] = row.firstMember();
            groups.lastMember[g] = row.lastMember();
            groups.memberCount[g] = row.memberCount();
            g++;
        }
        groupsLoaded = g;
    }

    private void loadEntitlements(final EntitlementRecordsDecoder d)
    {
        int i = d.firstIndex();
        if (i != entitlementsLoaded)
        {
            throw new IllegalStateException("entitlement records out of order: " + i + " after " + entitlementsLoaded);
        }
        for (final EntitlementRecordsDecoder.EntitlementsDecoder row : d.entitlements())
        {
            requireWithin(i, expectedEntitlements, "entitlement");
            entitlements.entitlementRace[i] = row.raceIndex();
            entitlements.entitlementKey0[i] = row.personKey0();
            entitlements.entitlementKey1[i] = row.personKey1();
            entitlements.entitlementPools[i] = row.pools();
            entitlements.entitlementWeight[i] = row.weight();
            i++;
        }
        entitlementsLoaded = i;
    }

    private static void requireWithin(final int index, final int expected, final String what)
    {
        if (index >= expected)
        {
            throw new IllegalStateException("more " + what + " rows than the snapshot announced (" + expected + ")");
        }
    }

    private int emit(final SnapshotSink sink, final int bodyLength)
    {
        sink.record(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
        return 1;
    }

    private static BooleanType bool(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }
}
