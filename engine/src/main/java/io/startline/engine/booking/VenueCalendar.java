package io.startline.engine.booking;

import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Every venue's calendar cells, which the venues share, and each calendar row's slot counts per
 * user: what each slot shows, which reservation has it, and how many of a day's slots each user
 * has taken.
 */
final class VenueCalendar
{
    static final byte FREE = SlotStatus.FREE;
    static final byte HELD = SlotStatus.HELD;
    static final byte BOOKED = SlotStatus.BOOKED;

    /** Every venue's calendar cells: what each slot shows, and which reservation (index + 1) has it. */
    final byte[] cellStatus;
    final int[] cellHolder;
    /** {@link #cellStatus} as a buffer, so a grid row is copied into a result in one go. */
    final DirectBuffer cellStatusView;
    private int cellsUsed;
    final RowSlotCounts rowCounts;
    private final ReservationTable reservations;

    VenueCalendar(final int maxCalendarSlots, final long maxRows, final ReservationTable reservations)
    {
        cellStatus = new byte[maxCalendarSlots];
        cellHolder = new int[maxCalendarSlots];
        cellStatusView = new UnsafeBuffer(cellStatus);
        rowCounts = new RowSlotCounts(maxCalendarSlots, maxRows);
        this.reservations = reservations;
    }

    int cellsUsed()
    {
        return cellsUsed;
    }

    /** Whether the cells and slot-count regions of a venue made to {@code spec} still fit. */
    boolean hasRoomFor(final VenueSpec spec)
    {
        final long cells = (long)spec.calendarDays() * spec.resourceCount * spec.slotsPerDay();
        return cells <= cellStatus.length - cellsUsed && rowCounts.hasRoomFor(Venue.countEntries(spec));
    }

    /** A venue made to {@code spec} with its calendar taken from what is left; check {@link #hasRoomFor} first. */
    Venue newVenue(final int index, final VenueSpec spec)
    {
        final Venue venue = new Venue(index, spec, cellsUsed, rowCounts.allocate((int)Venue.countEntries(spec)));
        cellsUsed += venue.cellCount();
        return venue;
    }

    boolean areFree(final int firstCell, final int count)
    {
        for (int cell = firstCell; cell < firstCell + count; cell++)
        {
            if (cellStatus[cell] != FREE)
            {
                return false;
            }
        }
        return true;
    }

    void hold(final int firstCell, final int count, final int h)
    {
        for (int cell = firstCell; cell < firstCell + count; cell++)
        {
            cellStatus[cell] = HELD;
            cellHolder[cell] = h + 1;
        }
    }

    /**
     * A later day takes over a calendar row. The day it held is at least two days gone, its
     * holds expired and its no-shows recorded, so its cells are only history.
     */
    void takeOverRow(final Venue venue, final int row, final int day)
    {
        assert venue.rowDay[row] == Venue.NO_DAY || venue.rowDay[row] < venue.noShowDay :
            "calendar row of day " + venue.rowDay[row] + " still in use";
        final int first = venue.cell(row, 0, 0);
        final int last = first + venue.resourceCount * venue.slotsPerDay;
        Arrays.fill(cellStatus, first, last, FREE);
        Arrays.fill(cellHolder, first, last, 0);
        rowCounts.clear(venue.countTable(row), venue.countCells);
        venue.rowDay[row] = day;
    }

    /** The status of a reservation's cells; their holder stays. */
    void markStatus(final Venue venue, final int h, final byte status)
    {
        final int first = firstCellOf(venue, h);
        Arrays.fill(cellStatus, first, first + reservations.slots[h], status);
    }

    /** A hold or booking lets its slots go: they show FREE again and leave the user's daily count. */
    void freeSlots(final Venue venue, final int h, final byte newStatus)
    {
        final ReservationTable t = reservations;
        markSlots(venue, h, FREE, 0);
        rowCounts.add(venue.countTable(venue.calendarRow(t.epochDay[h])), venue.countCells, t.userId[h], -t.slots[h]);
        t.status[h] = newStatus;
    }

    /** A reservation read from a snapshot takes its slots again, if the calendar still holds its day. */
    void restore(final Venue venue, final int h)
    {
        final ReservationTable t = reservations;
        final int row = venue.calendarRow(t.epochDay[h]);
        if (ReservationTable.occupiesSlots(t.status[h]) && venue.rowDay[row] == t.epochDay[h])
        {
            rowCounts.add(venue.countTable(row), venue.countCells, t.userId[h], t.slots[h]);
            markSlots(venue, h, t.status[h] == ReservationTable.HELD ? HELD : BOOKED, h + 1);
        }
    }

    private void markSlots(final Venue venue, final int h, final byte status, final int holder)
    {
        final int first = firstCellOf(venue, h);
        Arrays.fill(cellStatus, first, first + reservations.slots[h], status);
        Arrays.fill(cellHolder, first, first + reservations.slots[h], holder);
    }

    private int firstCellOf(final Venue venue, final int h)
    {
        final ReservationTable t = reservations;
        final int row = venue.calendarRow(t.epochDay[h]);
        assert venue.rowDay[row] == t.epochDay[h] : "a live reservation's day left the calendar";
        return venue.cell(row, t.resourceIndex[h], t.firstSlot[h]);
    }

    // ----------------------------------------------------------------- availability

    /**
     * Writes the grid of one resource on local day {@code day} into {@code statuses}: PAST for
     * slots that have started, NOT_RELEASED before the day's release, else what the calendar holds.
     */
    void slotStatuses(
        final Venue venue, final int resource, final int day, final long nowMs, final byte[] statuses)
    {
        final int slots = venue.slotsPerDay;
        final int calendarCell = calendarCellOf(venue, day, nowMs);
        if (nowMs < venue.releaseAt(day))
        {
            Arrays.fill(statuses, 0, slots, SlotStatus.NOT_RELEASED);
        }
        else if (calendarCell >= 0)
        {
            System.arraycopy(cellStatus, calendarCell + resource * slots, statuses, 0, slots);
        }
        else
        {
            Arrays.fill(statuses, 0, slots, FREE);
        }
        final int started = startedSlots(venue, day, nowMs);
        Arrays.fill(statuses, 0, started, SlotStatus.PAST);
    }

    /**
     * The organiser's view of one resource's day: as {@link #slotStatuses}, but a slot that a
     * reservation holds shows that reservation's state (HELD, BOOKED, CHECKED_IN, NO_SHOW), also
     * once it has started, so the day's check-ins and no-shows can be read off the grid.
     */
    void operationsStatuses(
        final Venue venue, final int resource, final int day, final long nowMs, final byte[] statuses)
    {
        slotStatuses(venue, resource, day, nowMs, statuses);
        final int calendarCell = calendarCellOf(venue, day, nowMs);
        if (calendarCell < 0)
        {
            return;
        }
        final int first = calendarCell + resource * venue.slotsPerDay;
        for (int slot = 0; slot < venue.slotsPerDay; slot++)
        {
            final int holder = cellHolder[first + slot] - 1;
            if (holder >= 0 && cellStatus[first + slot] != FREE)
            {
                statuses[slot] = slotStatusOf(reservations.status[holder]);
            }
        }
    }

    private static byte slotStatusOf(final byte reservationStatus)
    {
        if (reservationStatus == ReservationTable.CHECKED_IN)
        {
            return SlotStatus.CHECKED_IN;
        }
        if (reservationStatus == ReservationTable.NO_SHOW)
        {
            return SlotStatus.NO_SHOW;
        }
        return reservationStatus == ReservationTable.HELD ? HELD : BOOKED;
    }

    /**
     * @return the first calendar cell of local day {@code day} (its first resource's first slot)
     * when the day is released and the calendar holds it, else -1: the grid is then all
     * NOT_RELEASED or all FREE, whatever the cells hold.
     */
    int calendarCellOf(final Venue venue, final int day, final long nowMs)
    {
        final int row = venue.calendarRow(day);
        return nowMs >= venue.releaseAt(day) && venue.rowDay[row] == day ? venue.cell(row, 0, 0) : -1;
    }

    /** How many of the day's slots have started at {@code nowMs}. */
    int startedSlots(final Venue venue, final int day, final long nowMs)
    {
        final long sinceFirst = nowMs - venue.slotStartAt(day, 0);
        if (sinceFirst < 0)
        {
            return 0;
        }
        return (int)Math.min(venue.slotsPerDay, sinceFirst / venue.slotMs + 1);
    }
}
