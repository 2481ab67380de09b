package io.startline.engine.booking;

import io.startline.engine.codec.ReservationStatus;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.VenueDriver;
import org.junit.jupiter.api.Test;

import static io.startline.engine.booking.VenueFixture.MINUTE;
import static io.startline.engine.booking.VenueFixture.PLAY_DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A participant's own list (API.md, GET /api/bookings/me): live holds in {@code holds},
 * bookings of every status in {@code bookings}, newest first; expired and released holds are
 * left out. Only the user's newest maxReservationsListedPerUser reservations are looked at.
 */
class UserBookingsTest
{
    private final VenueFixture f = new VenueFixture();

    @Test
    void liveHoldsAndBookingsAreListedApartWithTheirDetails()
    {
        final VenueDriver.Hold hold = f.hold(7, "COURT-1", f.startAt(9), 1);
        final VenueDriver.Confirmed booking = f.booked(7, "COURT-2", f.startAt(10), 1);
        final VenueDriver.UserBookings mine = f.bookingsOf(7);
        assertThat(mine.code()).isEqualTo(ResultCode.OK);
        assertThat(mine.holds()).containsExactly(new VenueDriver.HoldRow(hold.holdId(), f.venueId, "COURT-1",
            f.startAt(9), 1, hold.expiresAt(), 5_000));
        assertThat(mine.bookings()).containsExactly(new VenueDriver.BookingRow(booking.bookingId(), f.venueId,
            "COURT-2", f.startAt(10), 1, ReservationStatus.BOOKED, booking.checkInCode()));
    }

    @Test
    void bothListsAreNewestFirstByWhenPlacedAcrossVenues()
    {
        final long other = f.venues.createVenue(VenueDriver.Venue.standard(2)).id();
        final long b1 = f.booked(7, "COURT-1", f.startAt(20), 1).bookingId();
        final long h2 = f.held(7, "COURT-1", f.startAt(18), 1);
        final long b3 = f.bookedAt(other, 7, "COURT-2", f.startAt(8), 2).bookingId();
        final long h4 = f.heldAt(other, 7, "COURT-1", f.startAt(PLAY_DAY.minusDays(1), 21, 0), 1);
        final long b5 = f.booked(7, "COURT-3", f.startAt(PLAY_DAY.minusDays(3), 12, 0), 1).bookingId();
        final VenueDriver.UserBookings mine = f.bookingsOf(7);
        assertThat(mine.holds()).extracting(VenueDriver.HoldRow::holdId).containsExactly(h4, h2);
        assertThat(mine.holds()).extracting(VenueDriver.HoldRow::venueId).containsExactly(other, f.venueId);
        assertThat(mine.bookings()).extracting(VenueDriver.BookingRow::bookingId).containsExactly(b5, b3, b1);
        assertThat(mine.bookings()).extracting(VenueDriver.BookingRow::venueId)
            .containsExactly(f.venueId, other, f.venueId);
    }

    @Test
    void expiredAndReleasedHoldsAreLeftOutAndBookingsOfEveryStatusListed()
    {
        final VenueFixture g = new VenueFixture(VenueDriver.Venue.standard(4).withMaxSlotsPerUserPerDay(6));
        final long noShow = g.booked(7, "COURT-1", g.startAt(8), 1).bookingId();
        final long admitted = g.booked(7, "COURT-1", g.startAt(9), 1).bookingId();
        final long cancelled = g.booked(7, "COURT-1", g.startAt(10), 1).bookingId();
        final long booked = g.booked(7, "COURT-1", g.startAt(11), 1).bookingId();
        g.venues.cancel(cancelled, 7);
        g.venues.release(g.held(7, "COURT-2", g.startAt(12), 1), 7);
        g.held(7, "COURT-3", g.startAt(12), 1);
        g.advanceTo(g.startAt(9));
        g.venues.checkIn(g.venueId, g.bookingsOf(7).bookings().get(2).checkInCode());
        final long live = g.held(7, "COURT-4", g.startAt(12), 1);

        final VenueDriver.UserBookings mine = g.bookingsOf(7);
        assertThat(mine.holds()).extracting(VenueDriver.HoldRow::holdId).containsExactly(live);
        assertThat(mine.bookings()).extracting(VenueDriver.BookingRow::bookingId)
            .containsExactly(booked, cancelled, admitted, noShow);
        assertThat(mine.bookings()).extracting(VenueDriver.BookingRow::status).containsExactly(
            ReservationStatus.BOOKED, ReservationStatus.CANCELLED, ReservationStatus.CHECKED_IN,
            ReservationStatus.NO_SHOW);
    }

    @Test
    void aUserSeesOnlyTheirOwnAndAUserWithNothingAnEmptyList()
    {
        f.booked(7, "COURT-1", f.startAt(9), 1);
        f.held(8, "COURT-2", f.startAt(9), 1);
        assertThat(f.bookingsOf(7).holds()).isEmpty();
        assertThat(f.bookingsOf(8).bookings()).isEmpty();
        final VenueDriver.UserBookings nobody = f.bookingsOf(9);
        assertThat(nobody.code()).isEqualTo(ResultCode.OK);
        assertThat(nobody.holds()).isEmpty();
        assertThat(nobody.bookings()).isEmpty();
    }

    @Test
    void anInvalidUserIdIsRefusedAndChangesNothing()
    {
        final long before = f.engine.engine().stateHash();
        for (final long userId : new long[] {0, -1, 1L << 53, Long.MAX_VALUE})
        {
            assertThat(f.bookingsOf(userId).code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
            assertThat(f.engine.lastRejectedField()).isEqualTo("userId");
        }
        assertThat(f.engine.engine().stateHash()).isEqualTo(before);
    }

    @Test
    void onlyTheNewestMaxReservationsListedPerUserAreLookedAt()
    {
        final VenueFixture g = new VenueFixture(EngineDriver.smallContext().maxReservationsListedPerUser(3),
            VenueDriver.Venue.standard(4).withMaxSlotsPerUserPerDay(14));
        final long[] ids = new long[5];
        for (int i = 0; i < 5; i++)
        {
            ids[i] = g.booked(7, "COURT-1", g.startAt(9 + i), 1).bookingId();
        }
        assertThat(g.bookingsOf(7).bookings()).extracting(VenueDriver.BookingRow::bookingId)
            .containsExactly(ids[4], ids[3], ids[2]);

        final VenueDriver.Hold expiring = g.hold(7, "COURT-2", g.startAt(9), 1);
        assertThat(g.bookingsOf(7).holds()).extracting(VenueDriver.HoldRow::holdId).containsExactly(expiring.holdId());
        assertThat(g.bookingsOf(7).bookings()).extracting(VenueDriver.BookingRow::bookingId)
            .containsExactly(ids[4], ids[3]);
        g.tickAt(expiring.expiresAt() + MINUTE);
        assertThat(g.bookingsOf(7).holds()).isEmpty();
        assertThat(g.bookingsOf(7).bookings()).as("the expired hold still takes one of the three looks")
            .extracting(VenueDriver.BookingRow::bookingId).containsExactly(ids[4], ids[3]);
        assertThat(g.bookingsOf(8).bookings()).isEmpty();
    }
}
