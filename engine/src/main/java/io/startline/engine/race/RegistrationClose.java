package io.startline.engine.race;

import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.support.Codes;

/**
 * Closes a race's registration when its time comes: freezes the entry list and commits it by
 * its hash, published before the draw so that nobody can change the list under the seed.
 */
final class RegistrationClose
{
    private static final byte WITHDRAWN = (byte)EntryStatus.WITHDRAWN.value();
    private static final byte LOTTERY = (byte)RaceMode.LOTTERY.value();
    private static final byte FIRST_COME = (byte)RaceMode.FIRST_COME.value();

    private final RaceTable races;
    private final CategoryTable categories;
    private final EntryTable entries;
    private final GroupTable groups;
    private final EntitlementTable entitlements;
    private final Waitlist waitlist;
    private final EntryListHash listHash;
    private final long[] sortedPoolCode0;
    private final long[] sortedPoolCode1;

    RegistrationClose(final RaceTable races, final CategoryTable categories, final EntryTable entries,
        final GroupTable groups, final EntitlementTable entitlements, final Waitlist waitlist)
    {
        this.races = races;
        this.categories = categories;
        this.entries = entries;
        this.groups = groups;
        this.entitlements = entitlements;
        this.waitlist = waitlist;
        listHash = new EntryListHash(races.maxPoolsPerRace);
        sortedPoolCode0 = new long[races.maxPoolsPerRace];
        sortedPoolCode1 = new long[races.maxPoolsPerRace];
    }

    /**
     * Freezes the entry list: entitlements and weights are fixed for the draw and the list is
     * committed by its hash. In first-come mode, reserved places nobody took become general and
     * go down the waitlist.
     */
    void close(final int r, final long nowMs)
    {
        races.closed[r] = true;
        final EntryTable t = entries;
        listHash.start();
        int listed = 0;
        for (int e = races.firstEntry[r]; e != EntryTable.NONE; e = t.nextInRace[e])
        {
            if (t.status[e] == WITHDRAWN)
            {
                continue;
            }
            if (races.mode[r] == LOTTERY)
            {
                entitlements.resolve(t, categories, e);
            }
            t.listed[e] = true;
            listed++;
            final int poolsInLine = sortedPools(r, t.entitledPools[e]);
            final int c = t.categoryIndex[e];
            listHash.addEntry(e + 1L, categories.categoryCode0[c], categories.categoryCode1[c], t.unitIdOf(e, groups),
                sortedPoolCode0, sortedPoolCode1, poolsInLine, t.weight[e]);
        }
        listHash.finish(races.entryListHash, r * EntryListHash.LENGTH);
        races.listedEntries[r] = listed;
        if (races.mode[r] == FIRST_COME)
        {
            for (int c = races.firstCategory[r]; c < races.firstCategory[r] + races.categoryCount[r]; c++)
            {
                waitlist.promote(c, nowMs);
            }
        }
    }

    /**
     * Fills sortedPoolCode0/1 with the codes of the pools in the mask, sorted as text.
     *
     * @return how many.
     */
    private int sortedPools(final int r, final int mask)
    {
        int n = 0;
        final int base = r * races.maxPoolsPerRace;
        for (int b = 0; b < races.racePoolCount[r]; b++)
        {
            if ((mask & (1 << b)) == 0)
            {
                continue;
            }
            final long code0 = races.racePoolCode0[base + b];
            final long code1 = races.racePoolCode1[base + b];
            int at = n++;
            while (at > 0 && Codes.compare(sortedPoolCode0[at - 1], sortedPoolCode1[at - 1], code0, code1) > 0)
            {
                sortedPoolCode0[at] = sortedPoolCode0[at - 1];
                sortedPoolCode1[at] = sortedPoolCode1[at - 1];
                at--;
            }
            sortedPoolCode0[at] = code0;
            sortedPoolCode1[at] = code1;
        }
        return n;
    }
}
