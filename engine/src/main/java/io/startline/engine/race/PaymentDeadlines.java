package io.startline.engine.race;

/**
 * The payment deadlines: each race queues its WON entries in the order they won, so the
 * oldest deadline is always at the head, and {@link #nextDeadlineMs} lets a command that
 * comes before any deadline skip the deadline pass without looking at a race.
 */
final class PaymentDeadlines
{
    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private final RaceTable races;
    private final EntryTable entries;
    private long nextDeadlineMs = NO_DEADLINE;

    PaymentDeadlines(final RaceTable races, final EntryTable entries)
    {
        this.races = races;
        this.entries = entries;
    }

    /** The first time at which a registration closes or a payment deadline has passed. */
    long nextDeadlineMs()
    {
        return nextDeadlineMs;
    }

    void restore(final long deadlineMs)
    {
        nextDeadlineMs = deadlineMs;
    }

    /** Queues a WON entry, whose {@code paymentDueAt} is set, behind the race's earlier winners. */
    void queue(final int r, final int e)
    {
        // A first-come entry wins outside any deadline pass: its lapse must be scheduled here.
        nextDeadlineMs = Math.min(nextDeadlineMs, entries.paymentDueAt[e] + 1);
        entries.nextDue[e] = EntryTable.NONE;
        if (races.dueTail[r] == EntryTable.NONE)
        {
            races.dueHead[r] = e;
        }
        else
        {
            entries.nextDue[races.dueTail[r]] = e;
        }
        races.dueTail[r] = e;
    }

    /**
     * Takes the race's oldest queued entry off the queue when its deadline has passed.
     *
     * @return the entry, or NONE when no queued deadline has passed.
     */
    int takeOverdue(final int r, final long nowMs)
    {
        final int e = races.dueHead[r];
        if (e == EntryTable.NONE || entries.paymentDueAt[e] >= nowMs)
        {
            return EntryTable.NONE;
        }
        races.dueHead[r] = entries.nextDue[e];
        if (races.dueHead[r] == EntryTable.NONE)
        {
            races.dueTail[r] = EntryTable.NONE;
        }
        entries.nextDue[e] = EntryTable.NONE;
        return e;
    }

    /** Finds the next deadline again, after a deadline pass or a change of race. */
    void schedule()
    {
        long next = NO_DEADLINE;
        for (int r = 0; r < races.count; r++)
        {
            if (!races.closed[r])
            {
                next = Math.min(next, races.closesAt[r]);
            }
            if (races.dueHead[r] != EntryTable.NONE)
            {
                next = Math.min(next, entries.paymentDueAt[races.dueHead[r]] + 1);
            }
        }
        nextDeadlineMs = next;
    }
}
