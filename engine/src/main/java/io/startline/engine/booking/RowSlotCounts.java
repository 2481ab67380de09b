package io.startline.engine.booking;

import io.startline.engine.support.LongHeapSort;
import io.startline.engine.support.StateHasher;

import java.util.Arrays;

/**
 * Held + booked slots per user and calendar row (one venue's local day), for
 * {@code maxSlotsPerUserPerDay}. Derived state: rebuilt from the reservations on snapshot load.
 * <p>
 * At a release the rows being booked are hundreds, each hold is for one of them at random, and
 * whatever a hold reads at random in them must stay in cache among everything else a hold
 * touches: a table with an entry per user per row (a megabyte for 364 rows of 20 courts) does
 * not. So each row keeps a log of what its users took and let go, appended to, and a filter of
 * its users, {@value #FILTER_BITS_PER_CELL} bits a cell: a bit is set for every user who
 * entered the log. A hold reads the user's bit (the filters of 364 such rows are 100 KiB) and
 * appends to the log's end (which the row's last hold wrote); most holds are by a user new to
 * the row, whose bit is clear, so the user's slots there are 0 without a look at the log. A user
 * whose bit is set, one with slots there or one sharing the bit, is summed over the log.
 * <p>
 * A log holds twice its row's cells. When it is full it is compacted: sorted, each user's
 * entries summed into one, users back at zero dropped, the filter set again from those left.
 * Users with slots are at most the row's cells, so a compacted log is at most half full.
 * <p>
 * A row's region is the log's length, the filter's words, then the log. An entry is
 * {@code userId << 10 | letGo << 9 | slots}: slots taken, or let go when {@code letGo} is 1
 * (user ids are 1 to 2^53 − 1; a day has at most 288 slots).
 */
final class RowSlotCounts
{
    static final int FILTER_BITS_PER_CELL = 8;

    private static final int SLOT_BITS = 9;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
    private static final long LET_GO = 1L << SLOT_BITS;
    private static final int USER_SHIFT = SLOT_BITS + 1;

    private final long[] entries;
    private int used;

    /**
     * A row's region is at most 2.125 words a cell and two, so the engine's calendar limit is
     * always reached before this one.
     */
    RowSlotCounts(final int maxCalendarSlots, final long maxRows)
    {
        final long words = 17L * maxCalendarSlots / 8 + 2 * Math.min(maxRows, maxCalendarSlots) + 64;
        entries = new long[(int)Math.min(Integer.MAX_VALUE - 8, words)];
    }

    /** Words of one row's region, for a row of {@code cellsPerRow} cells: its log's length, filter and log. */
    static int regionLength(final int cellsPerRow)
    {
        return 1 + filterWords(cellsPerRow) + logCapacity(cellsPerRow);
    }

    boolean hasRoomFor(final long wordCount)
    {
        return wordCount <= entries.length - used;
    }

    /** Reserves the regions of a new venue's rows: {@code wordCount} words, all empty. */
    int allocate(final int wordCount)
    {
        final int first = used;
        used += wordCount;
        return first;
    }

    /**
     * The user's slots in a row.
     *
     * @param region   the row's region ({@link #allocate}).
     * @param userHash {@code StateHasher.mix(userId)}, which a hold works out once for every table it reads.
     */
    int slots(final int region, final int cells, final long userHash, final long userId)
    {
        final int bit = filterBit(cells, userHash);
        if ((entries[region + 1 + (bit >>> 6)] & (1L << bit)) == 0)
        {
            return 0;
        }
        return sum(region, cells, userId);
    }

    int slots(final int region, final int cells, final long userId)
    {
        return slots(region, cells, StateHasher.mix(userId), userId);
    }

    /** Adds {@code taken} slots (at least 1) to the user's in the row: a hold's. */
    void take(final int region, final int cells, final long userHash, final long userId, final int taken)
    {
        if (taken < 1 || taken > SLOT_MASK)
        {
            throw new IllegalStateException("user " + userId + " taking " + taken + " slots in a calendar row");
        }
        append(region, cells, userId << USER_SHIFT | taken);
        final int bit = filterBit(cells, userHash);
        entries[region + 1 + (bit >>> 6)] |= 1L << bit;
    }

    /** Adds {@code delta} (negative when slots are let go) to the user's slots in the row. */
    void add(final int region, final int cells, final long userId, final int delta)
    {
        if (delta > 0)
        {
            take(region, cells, StateHasher.mix(userId), userId, delta);
            return;
        }
        final int held = sum(region, cells, userId);
        if (held + delta < 0 || -delta > SLOT_MASK)
        {
            throw new IllegalStateException("slots of user " + userId + " in a calendar row would be " + (held + delta));
        }
        if (delta < 0)
        {
            append(region, cells, userId << USER_SHIFT | LET_GO | -delta);
        }
    }

    /** Empties a row's region, for a later day. */
    void clear(final int region, final int cells)
    {
        Arrays.fill(entries, region, region + regionLength(cells), 0);
    }

    /**
     * The row's users and slots, in an order-free sum: the same whatever order they came in,
     * and whatever the log's entries were. Compacts the log first, which changes no count. Each
     * user is hashed as {@code userId << 9 | slots}, as the row tables before the logs were, so
     * the state hash and the snapshots of earlier builds still check.
     */
    long hash(final int region, final int cells)
    {
        compact(region, cells);
        long sum = 0;
        final int log = region + 1 + filterWords(cells);
        for (int i = log; i < log + (int)entries[region]; i++)
        {
            sum += StateHasher.mix((entries[i] >>> USER_SHIFT) << SLOT_BITS | (entries[i] & SLOT_MASK));
        }
        return sum;
    }

    private int sum(final int region, final int cells, final long userId)
    {
        final int log = region + 1 + filterWords(cells);
        final int end = log + (int)entries[region];
        int slots = 0;
        for (int i = log; i < end; i++)
        {
            final long entry = entries[i];
            if (entry >>> USER_SHIFT == userId)
            {
                slots += (entry & LET_GO) == 0 ? (int)(entry & SLOT_MASK) : -(int)(entry & SLOT_MASK);
            }
        }
        return slots;
    }

    private void append(final int region, final int cells, final long entry)
    {
        if (entries[region] == logCapacity(cells))
        {
            compact(region, cells);
        }
        final int length = (int)entries[region];
        entries[region + 1 + filterWords(cells) + length] = entry;
        entries[region] = length + 1;
    }

    /**
     * Sorts the log, so that each user's entries are together, sums each user's into one entry,
     * drops the users back at zero and sets the filter again from the users left.
     */
    private void compact(final int region, final int cells)
    {
        final int filter = region + 1;
        final int log = filter + filterWords(cells);
        final int end = log + (int)entries[region];
        LongHeapSort.sort(entries, log, end);
        Arrays.fill(entries, filter, log, 0);
        int kept = log;
        for (int i = log; i < end; )
        {
            final long userId = entries[i] >>> USER_SHIFT;
            int slots = 0;
            for (; i < end && entries[i] >>> USER_SHIFT == userId; i++)
            {
                slots += (entries[i] & LET_GO) == 0 ? (int)(entries[i] & SLOT_MASK) : -(int)(entries[i] & SLOT_MASK);
            }
            if (slots < 0 || slots > SLOT_MASK)
            {
                throw new IllegalStateException("slots of user " + userId + " in a calendar row are " + slots);
            }
            if (slots > 0)
            {
                entries[kept++] = userId << USER_SHIFT | slots;
                final int bit = filterBit(cells, StateHasher.mix(userId));
                entries[filter + (bit >>> 6)] |= 1L << bit;
            }
        }
        Arrays.fill(entries, kept, end, 0);
        entries[region] = kept - log;
    }

    /** From the hash's high half, scaled to the filter's size (a multiple of 64, not a power of two). */
    private static int filterBit(final int cells, final long userHash)
    {
        return (int)(((userHash >>> 32) * (64L * filterWords(cells))) >>> 32);
    }

    private static int filterWords(final int cells)
    {
        return (FILTER_BITS_PER_CELL * cells + 63) >>> 6;
    }

    private static int logCapacity(final int cells)
    {
        return 2 * cells;
    }
}
