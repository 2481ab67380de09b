package io.startline.engine.booking;

import io.startline.engine.codec.ReservationStatus;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.VenueDriver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.startline.engine.booking.VenueFixture.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate (API.md, POST /api/venues/{venueId}/checkins): a booking's code admits it once, at
 * a gate of its own venue, from {@code startAt − checkInEarlyMs} to {@code startAt +
 * checkInLateMs}, both ends included (15 minutes either side at the standard venue). Each
 * refusal changes nothing.
 */
class CheckInTest
{
    private final VenueFixture f = new VenueFixture();

    /** Bookings of the 09:00 slot on COURT-1..n by users 1..n. */
    private List<VenueDriver.Confirmed> nineOClockBookings(final VenueFixture g, final int n)
    {
        final List<VenueDriver.Confirmed> bookings = new ArrayList<>();
        for (int court = 1; court <= n; court++)
        {
            bookings.add(g.booked(court, "COURT-" + court, g.startAt(9), 1));
        }
        return bookings;
    }

    @Test
    void theWindowIncludesBothEdgesAndNotOneMillisecondOutside()
    {
        final List<VenueDriver.Confirmed> b = nineOClockBookings(f, 3);
        final long opens = f.startAt(9) - 15 * MINUTE;
        final long closes = f.startAt(9) + 15 * MINUTE;

        f.advanceTo(opens - 1);
        f.assertRefused(ResultCode.NOT_IN_WINDOW, () -> f.venues.checkIn(f.venueId, b.get(0).checkInCode()));
        f.advanceTo(opens);
        final VenueDriver.CheckedIn first = f.venues.checkIn(f.venueId, b.get(0).checkInCode());
        assertThat(first).isEqualTo(new VenueDriver.CheckedIn(ResultCode.OK, b.get(0).bookingId(), "COURT-1",
            f.startAt(9), ""));
        f.advanceTo(closes);
        assertThat(f.venues.checkIn(f.venueId, b.get(1).checkInCode()).code()).isEqualTo(ResultCode.OK);
        f.advanceTo(closes + 1);
        f.assertRefused(ResultCode.NOT_IN_WINDOW, () -> f.venues.checkIn(f.venueId, b.get(2).checkInCode()));

        assertThat(f.bookingsOf(1).bookings().get(0).status()).isEqualTo(ReservationStatus.CHECKED_IN);
        assertThat(f.bookingsOf(2).bookings().get(0).status()).isEqualTo(ReservationStatus.CHECKED_IN);
        assertThat(f.bookingsOf(3).bookings().get(0).status()).isEqualTo(ReservationStatus.NO_SHOW);
    }

    @Test
    void aZeroWidthWindowAdmitsOnlyAtTheStartMillisecond()
    {
        final VenueFixture g = new VenueFixture(VenueDriver.Venue.standard(2).withTimes(600_000L, 0, 0, 0));
        final List<VenueDriver.Confirmed> b = nineOClockBookings(g, 2);
        g.advanceTo(g.startAt(9) - 1);
        g.assertRefused(ResultCode.NOT_IN_WINDOW, () -> g.venues.checkIn(g.venueId, b.get(0).checkInCode()));
        g.advanceTo(g.startAt(9));
        assertThat(g.venues.checkIn(g.venueId, b.get(0).checkInCode()).code()).isEqualTo(ResultCode.OK);
        g.advanceTo(g.startAt(9) + 1);
        g.assertRefused(ResultCode.NOT_IN_WINDOW, () -> g.venues.checkIn(g.venueId, b.get(1).checkInCode()));
    }

    @Test
    void aLongerBookingIsAdmittedAroundItsFirstSlotOnly()
    {
        final VenueDriver.Confirmed booking = f.booked(7, "COURT-1", f.startAt(9), 2);
        f.advanceTo(f.startAt(10) - 15 * MINUTE);
        f.assertRefused(ResultCode.NOT_IN_WINDOW, () -> f.venues.checkIn(f.venueId, booking.checkInCode()));
    }

    @Test
    void aBookingIsAdmittedOnce()
    {
        final VenueDriver.Confirmed booking = f.booked(7, "COURT-1", f.startAt(9), 1);
        f.advanceTo(f.startAt(9));
        assertThat(f.venues.checkIn(f.venueId, booking.checkInCode()).code()).isEqualTo(ResultCode.OK);
        f.advanceTo(f.startAt(9) + MINUTE);
        f.assertRefused(ResultCode.ALREADY_CHECKED_IN, () -> f.venues.checkIn(f.venueId, booking.checkInCode()));
        f.advanceTo(f.startAt(9) + 60 * MINUTE);
        f.assertRefused(ResultCode.ALREADY_CHECKED_IN, () -> f.venues.checkIn(f.venueId, booking.checkInCode()));
    }

    @Test
    void aCancelledBookingIsNotAdmitted()
    {
        final VenueDriver.Confirmed booking = f.booked(7, "COURT-1", f.startAt(9), 1);
        f.venues.cancel(booking.bookingId(), 7);
        f.advanceTo(f.startAt(9));
        f.assertRefused(ResultCode.BOOKING_CANCELLED, () -> f.venues.checkIn(f.venueId, booking.checkInCode()));
    }

    @Test
    void aGateAdmitsOnlyBookingsOfItsOwnVenue()
    {
        final long otherVenue = f.venues.createVenue(VenueDriver.Venue.standard(4)).id();
        final VenueDriver.Confirmed booking = f.booked(7, "COURT-1", f.startAt(9), 1);
        final VenueDriver.Confirmed cancelled = f.booked(8, "COURT-2", f.startAt(9), 1);
        f.venues.cancel(cancelled.bookingId(), 8);
        f.advanceTo(f.startAt(9));
        f.assertRefused(ResultCode.WRONG_VENUE, () -> f.venues.checkIn(otherVenue, booking.checkInCode()));
        f.assertRefused(ResultCode.WRONG_VENUE, () -> f.venues.checkIn(otherVenue, cancelled.checkInCode()));
        assertThat(f.venues.checkIn(f.venueId, booking.checkInCode()).code()).isEqualTo(ResultCode.OK);
        f.assertRefused(ResultCode.WRONG_VENUE, () -> f.venues.checkIn(otherVenue, booking.checkInCode()));
    }

    @Test
    void anUnknownGateVenueIsNotFoundBeforeTheCodeIsLookedAt()
    {
        final VenueDriver.Confirmed booking = f.booked(7, "COURT-1", f.startAt(9), 1);
        f.advanceTo(f.startAt(9));
        for (final long venueId : new long[] {0, 2, -1})
        {
            f.assertRefused(ResultCode.VENUE_NOT_FOUND, () -> f.venues.checkIn(venueId, booking.checkInCode()));
            f.assertRefused(ResultCode.VENUE_NOT_FOUND, () -> f.venues.checkIn(venueId, 12345));
        }
    }

    @Test
    void aCodeThatIsNoBookingsIsNotFound()
    {
        final VenueDriver.Confirmed booking = f.booked(7, "COURT-1", f.startAt(9), 1);
        final long holdId = f.held(8, "COURT-2", f.startAt(9), 1);
        f.advanceTo(f.startAt(9));
        final long code = booking.checkInCode();
        // The code the hold would get if paid: the same keyed permutation, as the engine's own Venues computes it.
        final Venues sameKey = new Venues(EngineDriver.smallContext());
        assertThat(sameKey.checkInCode((int)booking.bookingId() - 1)).isEqualTo(code);
        final long holdsCode = sameKey.checkInCode((int)holdId - 1);
        for (final long unknown : new long[] {holdsCode, 0, 1, 2, code + 1, code - 1, code ^ (1L << 40),
            Long.MIN_VALUE, Long.MAX_VALUE})
        {
            f.assertRefused(ResultCode.BOOKING_NOT_FOUND, "checkInCode", () -> f.venues.checkIn(f.venueId, unknown));
        }
        assertThat(f.venues.checkIn(f.venueId, code).code()).isEqualTo(ResultCode.OK);
    }
}
