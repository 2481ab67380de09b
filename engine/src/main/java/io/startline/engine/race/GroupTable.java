package io.startline.engine.race;

/**
 * Groups (all-or-none ballot units), indexed by group index; the public group code is a keyed
 * permutation of the index, so it needs no lookup table and cannot be guessed from another.
 */
final class GroupTable
{
    final int[] raceIndex;
    final int[] categoryIndex;
    final long[] creatorUserId;
    /** Members in ascending entry id; withdrawals before the list froze are unlinked. */
    final int[] firstMember;
    final int[] lastMember;
    final int[] memberCount;
    int count;

    GroupTable(final int capacity)
    {
        raceIndex = new int[capacity];
        categoryIndex = new int[capacity];
        creatorUserId = new long[capacity];
        firstMember = new int[capacity];
        lastMember = new int[capacity];
        memberCount = new int[capacity];
    }

    int capacity()
    {
        return raceIndex.length;
    }
}
