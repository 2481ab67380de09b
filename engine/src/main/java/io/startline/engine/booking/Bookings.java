package io.startline.engine.booking;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.KeyedPermutation;

/** Bookings after their confirmation: cancelled by their owner, or checked in at a gate by their code. */
final class Bookings
{
    private final VenueTable venues;
    private final ReservationTable reservations;
    private final VenueCalendar calendar;
    private final KeyedPermutation checkInCodes;
    private final BookingOutcome outcome;

    Bookings(
        final VenueTable venues,
        final ReservationTable reservations,
        final VenueCalendar calendar,
        final KeyedPermutation checkInCodes,
        final BookingOutcome outcome)
    {
        this.venues = venues;
        this.reservations = reservations;
        this.calendar = calendar;
        this.checkInCodes = checkInCodes;
        this.outcome = outcome;
    }

    /**
     * The owner cancels a booking before its slot starts: refundable at or before
     * {@code startAt − cancelCutoffMs}, not after; either way the slots are free again.
     * Cancelling again answers the same.
     */
    ResultCode cancel(final long bookingId, final long userId, final long nowMs)
    {
        final ReservationTable t = reservations;
        if (bookingId < 1 || bookingId > t.count || !ReservationTable.isBooking(t.status[(int)(bookingId - 1)]))
        {
            return outcome.reject(ResultCode.BOOKING_NOT_FOUND, bookingId, "");
        }
        final int b = (int)(bookingId - 1);
        if (t.userId[b] != userId)
        {
            return outcome.reject(ResultCode.NOT_OWNER, bookingId, "");
        }
        final byte status = t.status[b];
        if (status == ReservationTable.CANCELLED)
        {
            return outcome.reservation(b, true);
        }
        if (status == ReservationTable.CHECKED_IN)
        {
            return outcome.reject(ResultCode.ALREADY_CHECKED_IN, bookingId, "");
        }
        final long startAt = venues.startAt(b);
        if (status == ReservationTable.NO_SHOW || nowMs >= startAt)
        {
            return outcome.reject(ResultCode.PAST, bookingId, "");
        }
        final Venue venue = venues.of(b);
        t.refundable[b] = nowMs <= startAt - venue.cancelCutoffMs;
        calendar.freeSlots(venue, b, ReservationTable.CANCELLED);
        return outcome.reservation(b, false);
    }

    /**
     * A gate of the booking's venue admits it, once, from {@code startAt − checkInEarlyMs} to
     * {@code startAt + checkInLateMs} inclusive.
     */
    ResultCode checkIn(final long venueId, final long checkInCode, final long nowMs)
    {
        final Venue venue = venues.byId(venueId);
        if (venue == null)
        {
            return outcome.reject(ResultCode.VENUE_NOT_FOUND, venueId, "");
        }
        final ReservationTable t = reservations;
        final long bookingId = checkInCodes.decode(checkInCode);
        if (bookingId < 1 || bookingId > t.count || !ReservationTable.isBooking(t.status[(int)(bookingId - 1)]))
        {
            return outcome.reject(ResultCode.BOOKING_NOT_FOUND, venueId, "checkInCode");
        }
        final int b = (int)(bookingId - 1);
        if (t.venueIndex[b] != venue.index)
        {
            return outcome.reject(ResultCode.WRONG_VENUE, venueId, "");
        }
        final byte status = t.status[b];
        if (status == ReservationTable.CANCELLED)
        {
            return outcome.reject(ResultCode.BOOKING_CANCELLED, bookingId, "");
        }
        if (status == ReservationTable.CHECKED_IN)
        {
            return outcome.reject(ResultCode.ALREADY_CHECKED_IN, bookingId, "");
        }
        final long startAt = venues.startAt(b);
        if (status == ReservationTable.NO_SHOW || nowMs < startAt - venue.checkInEarlyMs ||
            nowMs > startAt + venue.checkInLateMs)
        {
            return outcome.reject(ResultCode.NOT_IN_WINDOW, bookingId, "");
        }
        t.status[b] = ReservationTable.CHECKED_IN;
        return outcome.reservation(b);
    }
}
