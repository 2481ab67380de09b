package io.startline.engine.race;

import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.RaceMode;

/**
 * Who holds a place: winning one (with a payment deadline) and giving it back, and, in
 * first-come mode, which pool a place is taken from while registration is open.
 */
final class Places
{
    private static final byte WON = (byte)EntryStatus.WON.value();
    private static final byte FIRST_COME = (byte)RaceMode.FIRST_COME.value();

    private final RaceTable races;
    private final CategoryTable categories;
    private final EntryTable entries;
    private final PaymentDeadlines deadlines;
    private final int[] selectionOrder;

    Places(final RaceTable races, final CategoryTable categories, final EntryTable entries,
        final PaymentDeadlines deadlines)
    {
        this.races = races;
        this.categories = categories;
        this.entries = entries;
        this.deadlines = deadlines;
        selectionOrder = new int[categories.maxPoolsPerRace];
    }

    /**
     * First-come: the pool an entry takes a place from now, or NONE when it must wait. While
     * registration is open, reserved places go to entitled entrants only; after it closes every
     * free place is open to the waitlist.
     */
    int firstComePlace(final int c, final int entitledPools)
    {
        final CategoryTable k = categories;
        if (races.closed[k.categoryRace[c]])
        {
            return k.holding[c] < k.capacity[c] ? EntryTable.POOL_WAITLIST : EntryTable.NONE;
        }
        final int pools = k.poolsInSelectionOrder(c, selectionOrder);
        for (int i = 0; i < pools; i++)
        {
            final int slot = selectionOrder[i];
            if ((entitledPools & (1 << k.poolBit[slot])) != 0 && k.poolTaken[slot] < k.poolPlaces[slot])
            {
                return k.poolBit[slot];
            }
        }
        return k.generalTaken[c] < k.capacity[c] - k.reservedPlaces(c) ? EntryTable.POOL_GENERAL : EntryTable.NONE;
    }

    /** The entry wins a place from the pool and must pay within the race's payment window. */
    void win(final int e, final int pool, final long nowMs)
    {
        final int c = entries.categoryIndex[e];
        final int r = categories.categoryRace[c];
        entries.pool[e] = (byte)pool;
        entries.paymentDueAt[e] = nowMs + races.paymentWindowMs[r];
        categories.setStatus(entries, e, WON);
        categories.holding[c]++;
        if (races.mode[r] == FIRST_COME && !races.closed[r])
        {
            countFirstComePlace(c, pool, 1);
        }
        deadlines.queue(r, e);
    }

    /** The entry gives its place back; the caller sets its new status. */
    void release(final int e)
    {
        final int c = entries.categoryIndex[e];
        categories.holding[c]--;
        if (races.mode[categories.categoryRace[c]] == FIRST_COME && !races.closed[categories.categoryRace[c]])
        {
            countFirstComePlace(c, entries.pool[e], -1);
        }
    }

    private void countFirstComePlace(final int c, final int pool, final int delta)
    {
        if (pool == EntryTable.POOL_GENERAL)
        {
            categories.generalTaken[c] += delta;
            return;
        }
        final int base = c * categories.maxPoolsPerRace;
        for (int p = 0; p < categories.poolCount[c]; p++)
        {
            if (categories.poolBit[base + p] == pool)
            {
                categories.poolTaken[base + p] += delta;
                return;
            }
        }
    }
}
