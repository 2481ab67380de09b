package io.startline.engine.race;

import io.startline.engine.codec.EntryStatus;
import io.startline.engine.support.StateHasher;

/**
 * Every category of every race, as parallel arrays indexed by category index; a race's
 * categories are consecutive. A category's reserved pools are slots
 * [category * maxPoolsPerRace + p], each naming its race-wide pool bit.
 */
final class CategoryTable
{
    /** The entry statuses a category counts: every EntryStatus but the codec's NULL_VAL. */
    static final int STATUSES = EntryStatus.values().length - 1;

    final int[] categoryRace;
    final long[] categoryCode0;
    final long[] categoryCode1;
    final int[] capacity;
    final long[] feeFen;
    final int[] minAge;
    final int[] maxAge;
    final int[] bibFrom;
    final int[] nextBib;
    /** Places held by WON and CONFIRMED entries. */
    final int[] holding;
    /** Entries by status: [category * STATUSES + status]. */
    final int[] statusCounts;
    final int[] poolCount;
    /** A category's pools in declared order: [category * maxPoolsPerRace + slot]. */
    final int[] poolBit;
    final int[] poolPlaces;
    final boolean[] poolGuaranteed;
    /** First-come places taken per pool slot while registration is open. */
    final int[] poolTaken;
    final int[] generalTaken;
    /** A category's waitlist, linked through {@link EntryTable#nextInWaitlist}. */
    final int[] waitlistHead;
    final int[] waitlistTail;
    final int[] waitlistPositions;
    final int maxPoolsPerRace;
    int count;

    CategoryTable(final int maxCategories, final int maxPoolsPerRace)
    {
        this.maxPoolsPerRace = maxPoolsPerRace;
        categoryRace = new int[maxCategories];
        categoryCode0 = new long[maxCategories];
        categoryCode1 = new long[maxCategories];
        capacity = new int[maxCategories];
        feeFen = new long[maxCategories];
        minAge = new int[maxCategories];
        maxAge = new int[maxCategories];
        bibFrom = new int[maxCategories];
        nextBib = new int[maxCategories];
        holding = new int[maxCategories];
        statusCounts = new int[maxCategories * STATUSES];
        poolCount = new int[maxCategories];
        poolBit = new int[maxCategories * maxPoolsPerRace];
        poolPlaces = new int[maxCategories * maxPoolsPerRace];
        poolGuaranteed = new boolean[maxCategories * maxPoolsPerRace];
        poolTaken = new int[maxCategories * maxPoolsPerRace];
        generalTaken = new int[maxCategories];
        waitlistHead = new int[maxCategories];
        waitlistTail = new int[maxCategories];
        waitlistPositions = new int[maxCategories];
    }

    int capacity()
    {
        return categoryRace.length;
    }

    /**
     * The order BALLOT.md takes a category's pools in: the guaranteed ones as declared, then the
     * others as declared.
     *
     * @return how many pool slots were written into {@code slots}.
     */
    int poolsInSelectionOrder(final int c, final int[] slots)
    {
        int n = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int p = 0; p < poolCount[c]; p++)
            {
                final int slot = c * maxPoolsPerRace + p;
                if (poolGuaranteed[slot] == (pass == 0))
                {
                    slots[n++] = slot;
                }
            }
        }
        return n;
    }

    /** The places a category reserves for its pools. */
    int reservedPlaces(final int c)
    {
        int reserved = 0;
        for (int p = 0; p < poolCount[c]; p++)
        {
            reserved += poolPlaces[c * maxPoolsPerRace + p];
        }
        return reserved;
    }

    /** The race-wide bits of the category's pools, as a mask. */
    int poolMask(final int c)
    {
        int mask = 0;
        for (int p = 0; p < poolCount[c]; p++)
        {
            mask |= 1 << poolBit[c * maxPoolsPerRace + p];
        }
        return mask;
    }

    /** Moves an entry to another status, keeping its category's counts by status. */
    void setStatus(final EntryTable entries, final int e, final byte status)
    {
        final int c = entries.categoryIndex[e];
        statusCounts[c * STATUSES + entries.status[e]]--;
        statusCounts[c * STATUSES + status]++;
        entries.status[e] = status;
    }

    void hashInto(final StateHasher hasher)
    {
        for (int c = 0; c < count; c++)
        {
            hasher.add(categoryRace[c]).add(categoryCode0[c]).add(categoryCode1[c]).add(capacity[c]).add(feeFen[c])
                .add(minAge[c]).add(maxAge[c]).add(bibFrom[c]).add(nextBib[c]).add(holding[c]).add(poolCount[c])
                .add(generalTaken[c]).add(waitlistHead[c]).add(waitlistTail[c]).add(waitlistPositions[c]);
            for (int s = 0; s < STATUSES; s++)
            {
                hasher.add(statusCounts[c * STATUSES + s]);
            }
            for (int p = 0; p < poolCount[c]; p++)
            {
                final int slot = c * maxPoolsPerRace + p;
                hasher.add(poolBit[slot]).add(poolPlaces[slot]).add(poolGuaranteed[slot] ? 1 : 0).add(poolTaken[slot]);
            }
        }
    }
}
