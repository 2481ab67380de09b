package io.startline.engine.race;

import io.startline.engine.support.StateHasher;

/**
 * Every entry of every race, as parallel arrays indexed by entry index ({@code entryId − 1}).
 * Entries are never removed: a withdrawn entry keeps its row, its person and its id.
 */
final class EntryTable
{
    static final int NONE = -1;

    /** {@link #pool} values besides a race pool bit (0..30). */
    static final byte POOL_NONE = -1;
    static final byte POOL_GENERAL = 32;
    static final byte POOL_WAITLIST = 33;

    final int[] raceIndex;
    final int[] categoryIndex;
    final long[] userId;
    final long[] personKey0;
    final long[] personKey1;
    final byte[] gender;
    final int[] birthEpochDay;
    final int[] groupIndex;
    final int[] nextInGroup;
    final int[] nextInRace;
    /** An {@code EntryStatus} value. */
    final byte[] status;
    final byte[] pool;
    /** Whether the entry is in its race's frozen entry list (and so in the draw). */
    final boolean[] listed;
    final int[] weight;
    final int[] entitledPools;
    final int[] drawRank;
    final int[] waitlistPosition;
    final long[] paymentDueAt;
    final int[] bib;
    /** The race's payment-deadline queue: entries in the order they became WON. */
    final int[] nextDue;
    /** A category's waitlist, linked through each unit's first member. */
    final int[] nextInWaitlist;
    int count;

    EntryTable(final int capacity)
    {
        raceIndex = new int[capacity];
        categoryIndex = new int[capacity];
        userId = new long[capacity];
        personKey0 = new long[capacity];
        personKey1 = new long[capacity];
        gender = new byte[capacity];
        birthEpochDay = new int[capacity];
        groupIndex = new int[capacity];
        nextInGroup = new int[capacity];
        nextInRace = new int[capacity];
        status = new byte[capacity];
        pool = new byte[capacity];
        listed = new boolean[capacity];
        weight = new int[capacity];
        entitledPools = new int[capacity];
        drawRank = new int[capacity];
        waitlistPosition = new int[capacity];
        paymentDueAt = new long[capacity];
        bib = new int[capacity];
        nextDue = new int[capacity];
        nextInWaitlist = new int[capacity];
    }

    int capacity()
    {
        return raceIndex.length;
    }

    /** The ballot unit an entry belongs to: its group's smallest member id, else its own id. */
    long unitIdOf(final int e, final GroupTable groups)
    {
        final int g = groupIndex[e];
        return g == NONE ? e + 1L : groups.firstMember[g] + 1L;
    }

    void hashInto(final StateHasher hasher)
    {
        for (int e = 0; e < count; e++)
        {
            hasher.add(raceIndex[e]).add(categoryIndex[e]).add(userId[e]).add(personKey0[e])
                .add(personKey1[e]).add(gender[e]).add(birthEpochDay[e]).add(groupIndex[e])
                .add(nextInGroup[e]).add(nextInRace[e]).add(status[e]).add(pool[e]).add(listed[e] ? 1 : 0)
                .add(weight[e]).add(entitledPools[e]).add(drawRank[e]).add(waitlistPosition[e])
                .add(paymentDueAt[e]).add(bib[e]).add(nextDue[e]).add(nextInWaitlist[e]);
        }
    }
}
