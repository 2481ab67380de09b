package io.startline.engine.booking;

import io.startline.engine.support.Codes;

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
     * The resources' codes by a hash of the code, open addressing at most half full, each slot
     * its code's two words side by side (both 0 when empty: a code's first byte is never NUL);
     * {@link #codeSlotResource} is the resource in each slot. A hold finds its court by reading
     * one slot, mostly, where a scan of the codes would stop at an unpredictable place.
     */
    private final long[] codeSlots;
    private final int[] codeSlotResource;
    private final int codeSlotShift;
    /**
     * Renamed at any time ({@link VenueRename}). A venue's other settings are never edited: it takes
     * holds from its creation on, so its hours, slots, release and rules are already in effect.
     */
    byte[] name;

    /** First cell of this venue in the shared calendar arrays. */
    final int firstCell;
    /** Where the venue's rows' slot-count regions start, a row's cells, and a region's length. */
    final int firstCountEntry;
    final int countCells;
    private final int countRegionLength;
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
        final int codeSlotCount = Integer.highestOneBit(resourceCount) << 2;
        codeSlots = new long[2 * codeSlotCount];
        codeSlotResource = new int[codeSlotCount];
        codeSlotShift = 64 - Integer.numberOfTrailingZeros(codeSlotCount);
        for (int r = 0; r < resourceCount; r++)
        {
            resourceCodeBytes[r] = new byte[Codes.LENGTH];
            Codes.toBytes(resourceCode0[r], resourceCode1[r], resourceCodeBytes[r]);
            int slot = codeSlot(resourceCode0[r], resourceCode1[r]);
            while (codeSlots[2 * slot] != 0)
            {
                slot = (slot + 1) & (codeSlotCount - 1);
            }
            codeSlots[2 * slot] = resourceCode0[r];
            codeSlots[2 * slot + 1] = resourceCode1[r];
            codeSlotResource[slot] = r;
        }
        name = Arrays.copyOf(spec.name, spec.nameLength);
        this.firstCell = firstCell;
        this.firstCountEntry = firstCountEntry;
        countCells = spec.resourceCount * spec.slotsPerDay();
        countRegionLength = RowSlotCounts.regionLength(countCells);
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

    /** Words of all the venue's slot-count regions, one a calendar row. */
    static long countEntries(final VenueSpec spec)
    {
        return (long)spec.calendarDays() * RowSlotCounts.regionLength(spec.resourceCount * spec.slotsPerDay());
    }

    int countTable(final int row)
    {
        return firstCountEntry + row * countRegionLength;
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
        final int mask = codeSlotResource.length - 1;
        for (int slot = codeSlot(code0, code1); ; slot = (slot + 1) & mask)
        {
            final long slotCode0 = codeSlots[2 * slot];
            if (slotCode0 == 0)
            {
                return -1;
            }
            if (slotCode0 == code0 && codeSlots[2 * slot + 1] == code1)
            {
                return codeSlotResource[slot];
            }
        }
    }

    /** The code's home slot: the top bits of one multiply, which every bit of both words reaches. */
    private int codeSlot(final long code0, final long code1)
    {
        return (int)(((code0 ^ Long.rotateLeft(code1, 29)) * 0x9E37_79B9_7F4A_7C15L) >>> codeSlotShift);
    }
}
