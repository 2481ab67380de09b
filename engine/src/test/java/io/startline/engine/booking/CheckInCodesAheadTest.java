package io.startline.engine.booking;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.VenueDriver;
import io.startline.engine.support.CodesAhead;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Check-in codes are made ahead of the bookings, a bounded number per command: at most
 * {@link CodesAhead#PER_COMMAND} when a venue is created and as many again on each idle
 * tick, up to the reservation limit. Whether a confirmation finds its code made or makes it
 * itself, it is the same code, and the gate admits it.
 */
class CheckInCodesAheadTest
{
    private static final int RESERVATIONS = CodesAhead.PER_COMMAND + 1_000;
    private static final long T0 = 1_800_000_000_000L;

    @Test
    void aVenuesCreationMakesABoundedShareOfTheCodesAndIdleTicksTheRest()
    {
        final Venues ahead = new Venues(EngineDriver.smallContext().maxReservations(RESERVATIONS));
        ahead.computeCheckInCodesAhead();
        assertThat(ahead.checkInCodesComputed()).as("no venue, nothing to book").isZero();

        assertThat(ahead.createVenue(VenueFixture.spec("A"), T0)).isEqualTo(ResultCode.OK);
        assertThat(ahead.checkInCodesComputed()).as("on the venue's creation").isEqualTo(CodesAhead.PER_COMMAND);
        ahead.computeCheckInCodesAhead();
        assertThat(ahead.checkInCodesComputed()).as("after one idle tick").isEqualTo(RESERVATIONS);
        ahead.computeCheckInCodesAhead();
        assertThat(ahead.checkInCodesComputed()).as("never past the reservation limit").isEqualTo(RESERVATIONS);

        final Venues onDemand = new Venues(EngineDriver.smallContext().maxReservations(RESERVATIONS));
        assertThat(onDemand.createVenue(VenueFixture.spec("A"), T0)).isEqualTo(ResultCode.OK);
        for (int b = 0; b < RESERVATIONS; b += 97)
        {
            assertThat(onDemand.checkInCode(b)).as("code of reservation index %d", b).isEqualTo(ahead.checkInCode(b));
        }
    }

    @Test
    void aBookingPastTheCodesMadeSoFarMakesItsOwnAndItIsTheSameCode()
    {
        final VenueFixture ahead = fixture();
        assertThat(ahead.engine.tick()).isEqualTo(ResultCode.OK);
        final VenueFixture onDemand = fixture();

        final long startAt = ahead.startAt(10);
        // Held and let go again and again, the same slot gives reservation after reservation.
        final int placed = CodesAhead.PER_COMMAND + 10;
        for (int i = 1; i < placed; i++)
        {
            for (final VenueFixture fixture : new VenueFixture[] {ahead, onDemand})
            {
                final long holdId = fixture.held(7, "COURT-1", startAt, 1);
                assertThat(fixture.venues.release(holdId, 7).code()).isEqualTo(ResultCode.OK);
            }
        }
        final VenueDriver.Confirmed madeAhead = ahead.booked(7, "COURT-1", startAt, 1);
        final VenueDriver.Confirmed madeOnDemand = onDemand.booked(7, "COURT-1", startAt, 1);
        assertThat(madeAhead.bookingId()).isEqualTo(placed).isGreaterThan(CodesAhead.PER_COMMAND);
        assertThat(madeOnDemand).as("the engine that had no idle tick makes the code itself").isEqualTo(madeAhead);

        onDemand.advanceTo(startAt);
        final VenueDriver.CheckedIn checkedIn = onDemand.venues.checkIn(onDemand.venueId, madeOnDemand.checkInCode());
        assertThat(checkedIn.code()).isEqualTo(ResultCode.OK);
        assertThat(checkedIn.bookingId()).isEqualTo(placed);
    }

    private static VenueFixture fixture()
    {
        final EngineContext context = EngineDriver.smallContext().maxReservations(RESERVATIONS);
        return new VenueFixture(context, VenueDriver.Venue.standard(2));
    }
}
