package io.startline.engine.booking;

import io.startline.engine.support.Codes;
import io.startline.engine.support.StateHasher;

import java.util.Arrays;

/**
 * One venue: its rules, its resources, and where its calendar lives in the shared cell arrays.
 * <p>
 * The calendar is a ring of day rows, one per bookable local day plus yesterday: day D lives in
 * row {@code D mod calendarDays}, and a row is cleared and taken over when a later day first
 * needs it. By then the day it held is over and its deadlines have fired (holds and late
 * check-ins last at most a day), so nothing still reads it. Within a row the cells run
 * resource by resource, slot by slot, so one resource's day is one contiguous run of bytes.
 */
final class Venue
{
    static final long MINUTE_MS = 60_000L;
    static final long DAY_MS = 86_400_000L;
    static final int NO_DAY = Integer.MIN_VALUE;

    final int index;
    final int utcOffsetMinutes;
    final long utcOffsetMs;
    final int opensMinuteOfDay;
    final int closesMinuteOfDay;
    final int slotMinutes;
    final long slotMs;
    final int slotsPerDay;
    final long priceFen;
    final int releaseDaysAhead;
    final int releaseMinuteOfDay;
    final int maxSlotsPerUserPerDay;
    final long holdTimeoutMs;
    final long cancelCutoffMs;
    final long checkInEarlyMs;
    final long checkInLateMs;
    final int noShowStrikesForBan;
    final int banDays;
    final int resourceCount;
    final long[] resourceCode0;
    final long[] resourceCode1;
    /** Each resource's code as the bytes a result carries, made once rather than per grid row. */
    final byte[][] resourceCodeBytes;
    /**
     * Resource index + 1 by a hash of its code, open addressing at most half full: a hold finds
     * its court with one probe, where a scan of the codes would stop at an unpredictable place.
     */
    private final int[] resourceByCodeHash;
    final byte[] name;

    /** First cell of this venue in the shared calendar arrays. */
    final int firstCell;
    /** Where the venue's per-row slot-count tables start, and each one's size (a power of two). */
    final int firstCountEntry;
    final int countTableSize;
    final int calendarDays;
    /** The local day each calendar row holds, or {@link #NO_DAY}. */
    final int[] rowDay;

    /** Holds in the order they were placed, which is also the order they expire in. */
    int holdQueueHead = ReservationTable.NONE;
    int holdQueueTail = ReservationTable.NONE;

    /** The next slot start whose late check-in deadline has not been processed. */
    int noShowDay;
    int noShowSlot;

    Venue(final int index, final VenueSpec spec, final int firstCell, final int firstCountEntry)
    {
        this.index = index;
        utcOffsetMinutes = spec.utcOffsetMinutes;
        utcOffsetMs = spec.utcOffsetMinutes * MINUTE_MS;
        opensMinuteOfDay = spec.opensMinuteOfDay;
        closesMinuteOfDay = spec.closesMinuteOfDay;
        slotMinutes = spec.slotMinutes;
        slotMs = spec.slotMinutes * MINUTE_MS;
        slotsPerDay = spec.slotsPerDay();
        priceFen = spec.priceFen;
        releaseDaysAhead = spec.releaseDaysAhead;
        releaseMinuteOfDay = spec.releaseMinuteOfDay;
        maxSlotsPerUserPerDay = spec.maxSlotsPerUserPerDay;
        holdTimeoutMs = spec.holdTimeoutMs;
        cancelCutoffMs = spec.cancelCutoffMs;
        checkInEarlyMs = spec.checkInEarlyMs;
        checkInLateMs = spec.checkInLateMs;
        noShowStrikesForBan = spec.noShowStrikesForBan;
        banDays = spec.banDays;
        resourceCount = spec.resourceCount;
        resourceCode0 = Arrays.copyOf(spec.resourceCode0, spec.resourceCount);
        resourceCode1 = Arrays.copyOf(spec.resourceCode1, spec.resourceCount);
        resourceCodeBytes = new byte[resourceCount][];
        resourceByCodeHash = new int[Integer.highestOneBit(resourceCount) << 2];
        for (int r = 0; r < resourceCount; r++)
        {
            resourceCodeBytes[r] = new byte[Codes.LENGTH];
            Codes.toBytes(resourceCode0[r], resourceCode1[r], resourceCodeBytes[r]);
            int slot = codeHash(resourceCode0[r], resourceCode1[r]);
            while (resourceByCodeHash[slot] != 0)
            {
                slot = (slot + 1) & (resourceByCodeHash.length - 1);
            }
            resourceByCodeHash[slot] = r + 1;
        }
        name = Arrays.copyOf(spec.name, spec.nameLength);
        this.firstCell = firstCell;
        this.firstCountEntry = firstCountEntry;
        countTableSize = RowSlotCounts.tableSize(spec.resourceCount * spec.slotsPerDay());
        calendarDays = spec.calendarDays();
        rowDay = new int[calendarDays];
        Arrays.fill(rowDay, NO_DAY);
    }

    int cellCount()
    {
        return calendarDays * resourceCount * slotsPerDay;
    }

    int localDay(final long epochMs)
    {
        return (int)Math.floorDiv(epochMs + utcOffsetMs, DAY_MS);
    }

    long slotStartAt(final int day, final int slot)
    {
        return day * DAY_MS - utcOffsetMs + opensMinuteOfDay * MINUTE_MS + slot * slotMs;
    }

    /** The slots of local day {@code day} become bookable at this instant. */
    long releaseAt(final int day)
    {
        return (day - (long)releaseDaysAhead) * DAY_MS - utcOffsetMs + releaseMinuteOfDay * MINUTE_MS;
    }

    int calendarRow(final int day)
    {
        return Math.floorMod(day, calendarDays);
    }

    /** Entries of all the venue's slot-count tables, one a calendar row. */
    static long countEntries(final VenueSpec spec)
    {
        return (long)spec.calendarDays() * RowSlotCounts.tableSize(spec.resourceCount * spec.slotsPerDay());
    }

    int countTable(final int row)
    {
        return firstCountEntry + row * countTableSize;
    }

    int cell(final int row, final int resource, final int slot)
    {
        return firstCell + (row * resourceCount + resource) * slotsPerDay + slot;
    }

    /** A booking of the cursor's slot not checked in is a no-show once time passes this. */
    long noShowDeadline()
    {
        return slotStartAt(noShowDay, noShowSlot) + checkInLateMs;
    }

    /**
     * @return the index of the resource with this code, or -1.
     */
    int resourceIndex(final long code0, final long code1)
    {
        final int mask = resourceByCodeHash.length - 1;
        for (int slot = codeHash(code0, code1); resourceByCodeHash[slot] != 0; slot = (slot + 1) & mask)
        {
            final int r = resourceByCodeHash[slot] - 1;
            if (resourceCode0[r] == code0 && resourceCode1[r] == code1)
            {
                return r;
            }
        }
        return -1;
    }

    private int codeHash(final long code0, final long code1)
    {
        return (int)StateHasher.mix(code0 ^ Long.rotateLeft(code1, 29)) & (resourceByCodeHash.length - 1);
    }
}
