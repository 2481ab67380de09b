package io.startline.engine.booking;

import io.startline.engine.support.StateHasher;

import java.util.Arrays;

/**
 * Held + booked slots per user and calendar row (one venue's local day), for
 * {@code maxSlotsPerUserPerDay}. Each row has a small open-addressing table of its own, so a
 * hold reads the table of the day it is for: at a release the days being booked are few and
 * their tables stay in cache, where one table of every (user, venue, day) would miss it on
 * every hold. A user is in a row's table while holding or booking slots of it, and leaves it
 * at zero, so a table never holds more users than its row has cells; it is a quarter larger
 * and no more, not a power of two, so that the tables of the rows being booked take as little
 * of the cache as they can. Derived state: rebuilt from the reservations on snapshot load.
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
     * A row's table is at most 2.25 times its cells (1.25 times them and one), so the engine's
     * calendar limit is always reached before this one.
     */
    RowSlotCounts(final int maxCalendarSlots)
    {
        entries = new long[(int)Math.min(Integer.MAX_VALUE - 8, 9L * maxCalendarSlots / 4 + 64)];
    }

    /** Entries in one row's table, for a row of {@code cellsPerRow} cells: 1.25 times them and one, so never full. */
    static int tableSize(final int cellsPerRow)
    {
        return cellsPerRow + cellsPerRow / 4 + 1;
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
        for (int i = home(userHash, size); ; i = next(i, size))
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
        int i = home(StateHasher.mix(userId), size);
        while (entries[table + i] != 0 && entries[table + i] >>> SLOT_BITS != userId)
        {
            i = next(i, size);
        }
        final int slots = (int)(entries[table + i] & SLOT_MASK) + delta;
        if (slots < 0 || slots > SLOT_MASK)
        {
            throw new IllegalStateException("slots of user " + userId + " in a calendar row would be " + slots);
        }
        if (slots == 0)
        {
            remove(table, size, i);
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
    private void remove(final int table, final int size, final int slot)
    {
        int hole = slot;
        for (int i = next(slot, size); entries[table + i] != 0; i = next(i, size))
        {
            final int home = home(StateHasher.mix(entries[table + i] >>> SLOT_BITS), size);
            if (distance(home, i, size) >= distance(hole, i, size))
            {
                entries[table + hole] = entries[table + i];
                hole = i;
            }
        }
        entries[table + hole] = 0;
    }

    /** The low half of the hash scaled to the table, which needs no power-of-two size. */
    private static int home(final long userHash, final int size)
    {
        return (int)(((userHash & 0xFFFF_FFFFL) * size) >>> 32);
    }

    private static int next(final int i, final int size)
    {
        return i + 1 == size ? 0 : i + 1;
    }

    private static int distance(final int from, final int to, final int size)
    {
        return to >= from ? to - from : to + size - from;
    }
}
