package io.startline.engine.race;

import io.startline.engine.support.StateHasher;

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

    /** Adds the entry, the newest, as the group's last member. */
    void join(final EntryTable entries, final int g, final int e)
    {
        if (lastMember[g] == EntryTable.NONE)
        {
            firstMember[g] = e;
        }
        else
        {
            entries.nextInGroup[lastMember[g]] = e;
        }
        lastMember[g] = e;
        memberCount[g]++;
    }

    /** Unlinks the entry from its group, if it has one; the entry is then on its own. */
    void leave(final EntryTable entries, final int e)
    {
        final int g = entries.groupIndex[e];
        if (g == EntryTable.NONE)
        {
            return;
        }
        int previous = EntryTable.NONE;
        for (int m = firstMember[g]; m != e; m = entries.nextInGroup[m])
        {
            previous = m;
        }
        final int next = entries.nextInGroup[e];
        if (previous == EntryTable.NONE)
        {
            firstMember[g] = next;
        }
        else
        {
            entries.nextInGroup[previous] = next;
        }
        if (lastMember[g] == e)
        {
            lastMember[g] = previous;
        }
        memberCount[g]--;
        entries.nextInGroup[e] = EntryTable.NONE;
        entries.groupIndex[e] = EntryTable.NONE;
    }

    void hashInto(final StateHasher hasher)
    {
        for (int g = 0; g < count; g++)
        {
            hasher.add(raceIndex[g]).add(categoryIndex[g]).add(creatorUserId[g])
                .add(firstMember[g]).add(lastMember[g]).add(memberCount[g]);
        }
    }
}
