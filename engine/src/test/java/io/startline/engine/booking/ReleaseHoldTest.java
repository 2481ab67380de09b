package io.startline.engine.booking;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.VenueDriver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Letting a hold go (API.md, DELETE /api/holds/{holdId}): only its owner may; the slots are
 * free at once; releasing again answers the same; an expired hold or a booking cannot be
 * released. Each refusal changes nothing.
 */
class ReleaseHoldTest
{
    private final VenueFixture f = new VenueFixture();

    @Test
    void theOwnerReleasesAHoldAndItsSlotsAreFreeAtOnce()
    {
        final long holdId = f.held(7, "COURT-1", f.startAt(9), 2);
        final VenueDriver.Result released = f.venues.release(holdId, 7);
        assertThat(released.code()).isEqualTo(ResultCode.OK);
        assertThat(released.id()).isEqualTo(holdId);
        assertThat(f.slot("COURT-1", 9)).isEqualTo("FREE");
        assertThat(f.slot("COURT-1", 10)).isEqualTo("FREE");
        assertThat(f.bookingsOf(7).holds()).isEmpty();
        assertThat(f.hold(8, "COURT-1", f.startAt(9), 2).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void onlyTheOwnerMayReleaseAHold()
    {
        final long holdId = f.held(7, "COURT-1", f.startAt(9), 1);
        f.assertRefused(ResultCode.NOT_OWNER, () -> f.venues.release(holdId, 8));
        assertThat(f.slot("COURT-1", 9)).isEqualTo("HELD");
    }

    @Test
    void releasingTwiceAnswersTheSameAndChangesNothing()
    {
        final long holdId = f.held(7, "COURT-1", f.startAt(9), 1);
        f.venues.release(holdId, 7);
        f.held(8, "COURT-1", f.startAt(9), 1);
        f.assertChangesNothing(() ->
        {
            final VenueDriver.Result again = f.venues.release(holdId, 7);
            assertThat(again.code()).isEqualTo(ResultCode.OK);
            assertThat(again.id()).isEqualTo(holdId);
        });
        assertThat(f.slot("COURT-1", 9)).as("the next user's hold stays").isEqualTo("HELD");
        f.assertRefused(ResultCode.NOT_OWNER, () -> f.venues.release(holdId, 8));
    }

    @Test
    void anUnknownHoldIsNotFound()
    {
        f.held(7, "COURT-1", f.startAt(9), 1);
        for (final long holdId : new long[] {0, 2, -1, Long.MAX_VALUE})
        {
            f.assertRefused(ResultCode.HOLD_NOT_FOUND, () -> f.venues.release(holdId, 7));
        }
    }

    @Test
    void anExpiredHoldCannotBeReleasedButOnlyItsOwnerHearsSo()
    {
        final VenueDriver.Hold hold = f.hold(7, "COURT-1", f.startAt(9), 1);
        f.advanceTo(hold.expiresAt());
        f.assertRefused(ResultCode.NOT_OWNER, () -> f.venues.release(hold.holdId(), 8));
        f.assertRefused(ResultCode.EXPIRED, () -> f.venues.release(hold.holdId(), 7));
    }

    @Test
    void aConfirmedHoldIsABookingAndCannotBeReleased()
    {
        final VenueDriver.Confirmed booking = f.booked(7, "COURT-1", f.startAt(9), 1);
        f.assertRefused(ResultCode.ALREADY_CONFIRMED, () -> f.venues.release(booking.bookingId(), 7));
        f.assertRefused(ResultCode.NOT_OWNER, () -> f.venues.release(booking.bookingId(), 8));
        assertThat(f.venues.cancel(booking.bookingId(), 7).code()).isEqualTo(ResultCode.OK);
        f.assertRefused(ResultCode.ALREADY_CONFIRMED, () -> f.venues.release(booking.bookingId(), 7));
        assertThat(f.slot("COURT-1", 9)).isEqualTo("FREE");
    }
}
