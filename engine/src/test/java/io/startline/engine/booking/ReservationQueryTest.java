package io.startline.engine.booking;

import io.startline.engine.codec.ReservationStatus;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.VenueDriver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GetReservation: who owns a hold or booking, at which venue, and its status. The gateway asks
 * it before a release or a cancellation so that another user's attempt is a 403 that journals
 * nothing; it must therefore answer from state alone and change none of it.
 */
class ReservationQueryTest
{
    private final VenueFixture f = new VenueFixture();

    @Test
    void aHoldAndABookingShowTheirOwnerVenueAndStatus()
    {
        final long holdId = f.held(7, "COURT-1", f.startAt(9), 1);
        final long bookingId = f.booked(8, "COURT-2", f.startAt(10), 2).bookingId();
        assertThat(f.venues.reservation(holdId))
            .isEqualTo(new VenueDriver.ReservationView(ResultCode.OK, holdId, 7, f.venueId, ReservationStatus.HELD));
        assertThat(f.venues.reservation(bookingId))
            .isEqualTo(new VenueDriver.ReservationView(ResultCode.OK, bookingId, 8, f.venueId, ReservationStatus.BOOKED));
    }

    @Test
    void theStatusFollowsTheReservationThroughReleaseAndCancellationAndOtherVenuesAreNamed()
    {
        final long other = f.venues.createVenue(VenueDriver.Venue.standard(1)).id();
        final long released = f.held(7, "COURT-1", f.startAt(9), 1);
        f.venues.release(released, 7);
        final long cancelled = f.booked(7, "COURT-1", f.startAt(11), 1).bookingId();
        f.venues.cancel(cancelled, 7);
        final long elsewhere = f.heldAt(other, 9, "COURT-1", f.startAt(12), 1);
        assertThat(f.venues.reservation(released).status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(f.venues.reservation(cancelled).status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(f.venues.reservation(elsewhere).venueId()).isEqualTo(other);
        assertThat(f.venues.reservation(elsewhere).userId()).isEqualTo(9);
    }

    @Test
    void anIdThatWasNeverIssuedIsHoldNotFound()
    {
        final long holdId = f.held(7, "COURT-1", f.startAt(9), 1);
        for (final long id : new long[] {0, -1, holdId + 1, Long.MAX_VALUE, Long.MIN_VALUE})
        {
            final VenueDriver.ReservationView view = f.venues.reservation(id);
            assertThat(view.code()).as("id %d", id).isEqualTo(ResultCode.HOLD_NOT_FOUND);
            assertThat(f.engine.lastRejectedSubjectId()).isEqualTo(id);
        }
    }

    @Test
    void askingChangesNothingNeitherTheStateNorTheSequence()
    {
        final long holdId = f.held(7, "COURT-1", f.startAt(9), 1);
        final long bookingId = f.booked(8, "COURT-2", f.startAt(10), 1).bookingId();
        final long hash = f.engine.engine().stateHash();
        final long sequence = f.engine.engine().lastSequence();
        f.venues.reservation(holdId);
        f.venues.reservation(bookingId);
        f.venues.reservation(bookingId + 1);
        assertThat(f.engine.engine().stateHash()).isEqualTo(hash);
        assertThat(f.engine.engine().lastSequence()).as("a query is not a command").isEqualTo(sequence);
    }
}
