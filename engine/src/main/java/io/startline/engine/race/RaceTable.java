package io.startline.engine.race;

import io.startline.engine.support.Codes;
import io.startline.engine.support.StateHasher;

/**
 * Every race, as parallel arrays indexed by race index. A race's categories are consecutive
 * rows of the {@link CategoryTable} from {@link #firstCategory}; its pools are numbered by a
 * race-wide bit, so that one entitlement can name a pool that several categories share.
 */
final class RaceTable
{
    final long[] raceId;
    final int[] raceDateEpochDay;
    final byte[] mode;
    final long[] opensAt;
    final long[] closesAt;
    final long[] paymentWindowMs;
    final int[] maxGroupSize;
    final int[] firstCategory;
    final int[] categoryCount;
    final int[] racePoolCount;
    /** Race pool codes by bit: [race * maxPoolsPerRace + bit]. */
    final long[] racePoolCode0;
    final long[] racePoolCode1;
    final byte[][] raceName;
    final boolean[] closed;
    final boolean[] drawn;
    final boolean[] waitlistClosed;
    final int[] listedEntries;
    final byte[] entryListHash;
    final byte[] seed;
    final int[] seedLength;
    final int[] firstEntry;
    final int[] lastEntry;
    /** The race's payment-deadline queue, linked through {@link EntryTable#nextDue}. */
    final int[] dueHead;
    final int[] dueTail;
    final int maxPoolsPerRace;
    int count;

    RaceTable(final int maxRaces, final int maxPoolsPerRace)
    {
        this.maxPoolsPerRace = maxPoolsPerRace;
        raceId = new long[maxRaces];
        raceDateEpochDay = new int[maxRaces];
        mode = new byte[maxRaces];
        opensAt = new long[maxRaces];
        closesAt = new long[maxRaces];
        paymentWindowMs = new long[maxRaces];
        maxGroupSize = new int[maxRaces];
        firstCategory = new int[maxRaces];
        categoryCount = new int[maxRaces];
        racePoolCount = new int[maxRaces];
        racePoolCode0 = new long[maxRaces * maxPoolsPerRace];
        racePoolCode1 = new long[maxRaces * maxPoolsPerRace];
        raceName = new byte[maxRaces][];
        closed = new boolean[maxRaces];
        drawn = new boolean[maxRaces];
        waitlistClosed = new boolean[maxRaces];
        listedEntries = new int[maxRaces];
        entryListHash = new byte[maxRaces * EntryListHash.LENGTH];
        seed = new byte[maxRaces * Races.SEED_MAX_BYTES];
        seedLength = new int[maxRaces];
        firstEntry = new int[maxRaces];
        lastEntry = new int[maxRaces];
        dueHead = new int[maxRaces];
        dueTail = new int[maxRaces];
    }

    int capacity()
    {
        return raceId.length;
    }

    int indexOf(final long id)
    {
        for (int r = 0; r < count; r++)
        {
            if (raceId[r] == id)
            {
                return r;
            }
        }
        return EntryTable.NONE;
    }

    /**
     * @return the pool's race-wide bit, adding the code when {@code add} and it is new; NONE when absent.
     */
    int poolBit(final int r, final long code0, final long code1, final boolean add)
    {
        final int base = r * maxPoolsPerRace;
        for (int b = 0; b < racePoolCount[r]; b++)
        {
            if (racePoolCode0[base + b] == code0 && racePoolCode1[base + b] == code1)
            {
                return b;
            }
        }
        if (!add)
        {
            return EntryTable.NONE;
        }
        final int b = racePoolCount[r]++;
        racePoolCode0[base + b] = code0;
        racePoolCode1[base + b] = code1;
        return b;
    }

    /** Writes the text of a race's pool (by its race-wide bit) into {@code code}. */
    void poolCode(final int r, final int bit, final byte[] code)
    {
        Codes.toBytes(racePoolCode0[r * maxPoolsPerRace + bit], racePoolCode1[r * maxPoolsPerRace + bit], code);
    }

    void hashInto(final StateHasher hasher)
    {
        for (int r = 0; r < count; r++)
        {
            hasher.add(raceId[r]).add(raceDateEpochDay[r]).add(mode[r]).add(opensAt[r]).add(closesAt[r])
                .add(paymentWindowMs[r]).add(maxGroupSize[r]).add(firstCategory[r]).add(categoryCount[r])
                .add(racePoolCount[r]).add(closed[r] ? 1 : 0).add(drawn[r] ? 1 : 0).add(waitlistClosed[r] ? 1 : 0)
                .add(listedEntries[r]).add(seedLength[r]).add(firstEntry[r]).add(lastEntry[r])
                .add(dueHead[r]).add(dueTail[r]);
            hasher.add(raceName[r], raceName[r].length);
            for (int b = 0; b < racePoolCount[r]; b++)
            {
                hasher.add(racePoolCode0[r * maxPoolsPerRace + b]).add(racePoolCode1[r * maxPoolsPerRace + b]);
            }
            for (int i = 0; i < EntryListHash.LENGTH; i++)
            {
                hasher.add(entryListHash[r * EntryListHash.LENGTH + i]);
            }
            for (int i = 0; i < seedLength[r]; i++)
            {
                hasher.add(seed[r * Races.SEED_MAX_BYTES + i]);
            }
        }
    }
}
