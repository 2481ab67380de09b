package io.startline.engine.race;

import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.RaceMode;

/**
 * The categories' waitlists: ballot units in position order, each linked through its first
 * member. A freed place is offered down the category's waitlist at once (BALLOT.md, "After the
 * draw").
 */
final class Waitlist
{
    private static final byte WAITLISTED = (byte)EntryStatus.WAITLISTED.value();
    private static final byte NOT_SELECTED = (byte)EntryStatus.NOT_SELECTED.value();
    private static final byte LOTTERY = (byte)RaceMode.LOTTERY.value();
    private static final byte FIRST_COME = (byte)RaceMode.FIRST_COME.value();
    private static final int NONE = EntryTable.NONE;

    private final RaceTable races;
    private final CategoryTable categories;
    private final EntryTable entries;
    private final Places places;
    private final RaceResult result;

    Waitlist(final RaceTable races, final CategoryTable categories, final EntryTable entries, final Places places,
        final RaceResult result)
    {
        this.races = races;
        this.categories = categories;
        this.entries = entries;
        this.places = places;
        this.result = result;
    }

    void append(final int c, final int head)
    {
        entries.nextInWaitlist[head] = NONE;
        if (categories.waitlistTail[c] == NONE)
        {
            categories.waitlistHead[c] = head;
        }
        else
        {
            entries.nextInWaitlist[categories.waitlistTail[c]] = head;
        }
        categories.waitlistTail[c] = head;
    }

    /**
     * Offers free places down the waitlist in position order: every unit whose remaining
     * members all fit is promoted, all or none, with a fresh payment deadline; units that no
     * longer have anyone waiting leave the list as they are passed.
     */
    void promote(final int c, final long nowMs)
    {
        final int r = categories.categoryRace[c];
        if (races.waitlistClosed[r] || (races.mode[r] == LOTTERY && !races.drawn[r]))
        {
            return;
        }
        int previous = NONE;
        int head = categories.waitlistHead[c];
        while (head != NONE && categories.holding[c] < categories.capacity[c])
        {
            final int next = entries.nextInWaitlist[head];
            final int waiting = waitingMembers(head);
            boolean leaves = waiting == 0;
            if (!leaves)
            {
                final int place = races.mode[r] == FIRST_COME ? places.firstComePlace(c, entries.entitledPools[head]) :
                    (waiting <= categories.capacity[c] - categories.holding[c] ? EntryTable.POOL_WAITLIST : NONE);
                if (place != NONE)
                {
                    promoteUnit(head, place, nowMs);
                    leaves = true;
                }
            }
            if (leaves)
            {
                unlink(c, previous, head, next);
            }
            else
            {
                previous = head;
            }
            head = next;
        }
    }

    /**
     * Ends the race's waitlists: whoever still waits is not selected.
     *
     * @return how many entries that made NOT_SELECTED.
     */
    int closeAll(final int r)
    {
        int notSelected = 0;
        for (int c = races.firstCategory[r]; c < races.firstCategory[r] + races.categoryCount[r]; c++)
        {
            for (int head = categories.waitlistHead[c]; head != NONE; head = entries.nextInWaitlist[head])
            {
                for (int m = head; m != NONE; m = nextMemberOfUnit(m))
                {
                    if (entries.status[m] == WAITLISTED)
                    {
                        categories.setStatus(entries, m, NOT_SELECTED);
                        notSelected++;
                    }
                }
            }
            categories.waitlistHead[c] = NONE;
            categories.waitlistTail[c] = NONE;
        }
        return notSelected;
    }

    private void promoteUnit(final int head, final int place, final long nowMs)
    {
        for (int m = head; m != NONE; m = nextMemberOfUnit(m))
        {
            if (entries.status[m] == WAITLISTED)
            {
                places.win(m, place, nowMs);
                result.promotedEntries++;
            }
        }
    }

    private int waitingMembers(final int head)
    {
        int waiting = 0;
        for (int m = head; m != NONE; m = nextMemberOfUnit(m))
        {
            if (entries.status[m] == WAITLISTED)
            {
                waiting++;
            }
        }
        return waiting;
    }

    /** The next member of the same ballot unit: a group's next member, NONE for a single entry. */
    private int nextMemberOfUnit(final int m)
    {
        return entries.groupIndex[m] == NONE ? NONE : entries.nextInGroup[m];
    }

    private void unlink(final int c, final int previous, final int head, final int next)
    {
        if (previous == NONE)
        {
            categories.waitlistHead[c] = next;
        }
        else
        {
            entries.nextInWaitlist[previous] = next;
        }
        if (categories.waitlistTail[c] == head)
        {
            categories.waitlistTail[c] = previous;
        }
        entries.nextInWaitlist[head] = NONE;
    }
}
