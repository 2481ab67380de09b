package io.startline.engine.booking;

import io.startline.engine.support.StateHasher;

import java.util.Arrays;

/**
 * Held + booked slots per user and calendar row (one venue's local day), for
 * {@code maxSlotsPerUserPerDay}. Each row has a small open-addressing table of its own, so a
 * hold reads the table of the day it is for: at a release the days being booked are few and
 * their tables stay in cache, where one table of every (user, venue, day) would miss it on
 * every hold. A user is in a row's table while holding or booking slots of it, and leaves it
 * at zero, so a table never holds more users than its row has cells; it is sized at least a
 * quarter larger. Derived state: rebuilt from the reservations on snapshot load.
 * <p>
 * An entry is {@code userId << 9 | slots}, 0 when empty (user ids are 1 to 2^53 − 1; a day has at
 * most 288 slots).
 */
final class RowSlotCounts
{
    private static final int SLOT_BITS = 9;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;

    private final long[] entries;
    private int used;

    /**
     * A row's table is at most 2.5 times its cells (a power of two at least 1.25 times them), so
     * the engine's calendar limit is always reached before this one.
     */
    RowSlotCounts(final int maxCalendarSlots)
    {
        entries = new long[(int)Math.min(Integer.MAX_VALUE - 8, 5L * maxCalendarSlots / 2 + 64)];
    }

    /** Entries in one row's table, for a row of {@code cellsPerRow} cells: a power of two, at least 1.25 times the cells. */
    static int tableSize(final int cellsPerRow)
    {
        final int wanted = cellsPerRow + cellsPerRow / 4 + 1;
        return Integer.highestOneBit(wanted - 1) << 1;
    }

    boolean hasRoomFor(final long entryCount)
    {
        return entryCount <= entries.length - used;
    }

    /** Reserves the tables of a new venue: {@code entryCount} entries, all empty. */
    int allocate(final int entryCount)
    {
        final int first = used;
        used += entryCount;
        return first;
    }

    /**
     * Where the user is in a row's table, or where the user would go: a hold reads the user's
     * slots there ({@link #slotsAt}) and then writes them there ({@link #setAt}), one probe for both.
     *
     * @param userHash {@code StateHasher.mix(userId)}, which a hold works out once for every table it reads.
     */
    int find(final int table, final int size, final long userHash, final long userId)
    {
        final int mask = size - 1;
        for (int i = (int)userHash & mask; ; i = (i + 1) & mask)
        {
            final long entry = entries[table + i];
            if (entry == 0 || entry >>> SLOT_BITS == userId)
            {
                return table + i;
            }
        }
    }

    /** The slots at an entry {@link #find} answered: 0 where the user is not in the table. */
    int slotsAt(final int entry)
    {
        return (int)(entries[entry] & SLOT_MASK);
    }

    /**
     * Sets the user's slots at the entry {@link #find} answered, with nothing changed in the table
     * since; at least 1 (a hold adds slots; letting them go is {@link #add}).
     */
    void setAt(final int entry, final long userId, final int slots)
    {
        if (slots < 1 || slots > SLOT_MASK)
        {
            throw new IllegalStateException("slots of user " + userId + " in a calendar row would be " + slots);
        }
        entries[entry] = userId << SLOT_BITS | slots;
    }

    int slots(final int table, final int size, final long userId)
    {
        return slotsAt(find(table, size, StateHasher.mix(userId), userId));
    }

    /** Adds {@code delta} (negative when slots are let go) to the user's slots in the row. */
    void add(final int table, final int size, final long userId, final int delta)
    {
        final int mask = size - 1;
        int i = home(userId, mask);
        while (entries[table + i] != 0 && entries[table + i] >>> SLOT_BITS != userId)
        {
            i = (i + 1) & mask;
        }
        final int slots = (int)(entries[table + i] & SLOT_MASK) + delta;
        if (slots < 0 || slots > SLOT_MASK)
        {
            throw new IllegalStateException("slots of user " + userId + " in a calendar row would be " + slots);
        }
        if (slots == 0)
        {
            remove(table, mask, i);
        }
        else
        {
            entries[table + i] = userId << SLOT_BITS | slots;
        }
    }

    void clear(final int table, final int size)
    {
        Arrays.fill(entries, table, table + size, 0);
    }

    /** The row's users and slots, in an order-free sum: the same whatever order they came in. */
    long hash(final int table, final int size)
    {
        long sum = 0;
        for (int i = table; i < table + size; i++)
        {
            if (entries[i] != 0)
            {
                sum += StateHasher.mix(entries[i]);
            }
        }
        return sum;
    }

    /** Empties entry {@code hole}, moving later entries of the same probe run back over it. */
    private void remove(final int table, final int mask, final int slot)
    {
        int hole = slot;
        for (int i = (slot + 1) & mask; entries[table + i] != 0; i = (i + 1) & mask)
        {
            final int home = home(entries[table + i] >>> SLOT_BITS, mask);
            if (((i - home) & mask) >= ((i - hole) & mask))
            {
                entries[table + hole] = entries[table + i];
                hole = i;
            }
        }
        entries[table + hole] = 0;
    }

    private static int home(final long userId, final int mask)
    {
        return (int)StateHasher.mix(userId) & mask;
    }
}
