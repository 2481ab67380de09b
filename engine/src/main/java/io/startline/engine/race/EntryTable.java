package io.startline.engine.race;

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
}
