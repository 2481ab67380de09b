package io.startline.engine.booking;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.VenueDriver;
import org.junit.jupiter.api.Test;

import static io.startline.engine.booking.VenueFixture.MINUTE;
import static io.startline.engine.booking.VenueFixture.PLAY_DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hold not paid for expires at exactly {@code expiresAt} (placed + holdTimeoutMs) and frees
 * its slots by itself: the deadline fires before the command carrying that time, a tick being
 * enough. After expiry it cannot be confirmed (API.md: 409 EXPIRED) nor released.
 */
class HoldExpiryTest
{
    private final VenueFixture f = new VenueFixture();

    @Test
    void aHoldIsLiveUntilTheMillisecondBeforeExpiresAt()
    {
        final VenueDriver.Hold hold = f.hold(7, "COURT-1", f.startAt(9), 2);
        f.tickAt(hold.expiresAt() - 1);
        assertThat(f.slot("COURT-1", 9)).isEqualTo("HELD");
        assertThat(f.bookingsOf(7).holds()).singleElement()
            .satisfies(h -> assertThat(h.expiresAt()).isEqualTo(hold.expiresAt()));
        f.assertRefused(ResultCode.SLOT_TAKEN, () -> f.hold(8, "COURT-1", f.startAt(10), 1));
        assertThat(f.venues.confirm(hold.holdId(), "pay-1").code()).as("paid in its last millisecond")
            .isEqualTo(ResultCode.OK);
    }

    @Test
    void aHoldExpiresAtExpiresAtByItselfOnATick()
    {
        final VenueDriver.Hold hold = f.hold(7, "COURT-1", f.startAt(9), 2);
        f.tickAt(hold.expiresAt());
        assertThat(f.slot("COURT-1", 9)).isEqualTo("FREE");
        assertThat(f.slot("COURT-1", 10)).isEqualTo("FREE");
        assertThat(f.bookingsOf(7).holds()).isEmpty();
        assertThat(f.bookingsOf(7).bookings()).isEmpty();
        assertThat(f.hold(8, "COURT-1", f.startAt(9), 2).code()).as("free for another user").isEqualTo(ResultCode.OK);
    }

    @Test
    void theExpiryFiresBeforeACommandArrivingAtExpiresAt()
    {
        final VenueDriver.Hold hold = f.hold(7, "COURT-1", f.startAt(9), 2);
        f.advanceTo(hold.expiresAt());
        assertThat(f.hold(8, "COURT-1", f.startAt(10), 1).code()).isEqualTo(ResultCode.OK);
        assertThat(f.hold(7, "COURT-1", f.startAt(9), 1).code()).as("the owner again, as a new hold")
            .isEqualTo(ResultCode.OK);
    }

    @Test
    void anExpiredHoldCannotBeConfirmed()
    {
        final VenueDriver.Hold hold = f.hold(7, "COURT-1", f.startAt(9), 1);
        f.advanceTo(hold.expiresAt());
        f.assertRefused(ResultCode.EXPIRED, () -> f.venues.confirm(hold.holdId(), "pay-1"));
        f.advanceTo(hold.expiresAt() + 60 * MINUTE);
        f.assertRefused(ResultCode.EXPIRED, () -> f.venues.confirm(hold.holdId(), "pay-1"));
        assertThat(f.slot("COURT-1", 9)).isEqualTo("FREE");
    }

    @Test
    void anExpiredHoldCannotBeReleased()
    {
        final VenueDriver.Hold hold = f.hold(7, "COURT-1", f.startAt(9), 1);
        f.advanceTo(hold.expiresAt());
        f.assertRefused(ResultCode.EXPIRED, () -> f.venues.release(hold.holdId(), 7));
    }

    @Test
    void holdsExpireInTheOrderPlacedEachAtItsOwnTime()
    {
        final VenueDriver.Hold first = f.hold(7, "COURT-1", f.startAt(9), 1);
        f.advanceTo(f.now() + MINUTE);
        final VenueDriver.Hold second = f.hold(8, "COURT-2", f.startAt(9), 1);
        f.advanceTo(f.now() + MINUTE);
        final VenueDriver.Hold third = f.hold(9, "COURT-3", f.startAt(9), 1);
        assertThat(f.venues.confirm(second.holdId(), "pay-2").code()).isEqualTo(ResultCode.OK);

        f.tickAt(first.expiresAt());
        assertThat(f.grid(PLAY_DAY).resources().stream().map(r -> r.slots().get(1)))
            .containsExactly("FREE", "BOOKED", "HELD", "FREE");
        f.tickAt(third.expiresAt() - 1);
        assertThat(f.slot("COURT-3", 9)).isEqualTo("HELD");
        f.tickAt(third.expiresAt());
        assertThat(f.grid(PLAY_DAY).resources().stream().map(r -> r.slots().get(1)))
            .containsExactly("FREE", "BOOKED", "FREE", "FREE");
    }

    @Test
    void manyHoldsDueTogetherAllExpireOnOneTick()
    {
        for (int user = 1; user <= 4; user++)
        {
            f.held(user, "COURT-" + user, f.startAt(9 + user), 2);
            f.advanceTo(f.now() + 1_000);
        }
        f.tickAt(f.now() + 60 * MINUTE);
        assertThat(f.grid(PLAY_DAY).resources()).allSatisfy(r -> assertThat(r.slots()).containsOnly("FREE"));
    }

    @Test
    void eachVenueExpiresItsHoldsAfterItsOwnTimeout()
    {
        final long quick = f.venues.createVenue(VenueDriver.Venue.standard(1).withTimes(1_000, 0, 0, 0)).id();
        final VenueDriver.Hold slow = f.hold(7, "COURT-1", f.startAt(9), 1);
        final VenueDriver.Hold fast = f.venues.hold(quick, 7, "COURT-1", f.startAt(9), 1);
        assertThat(fast.expiresAt()).isEqualTo(f.now() + 1_000);
        f.tickAt(fast.expiresAt());
        assertThat(f.venues.availability(quick, PLAY_DAY).status("COURT-1", 1)).isEqualTo("FREE");
        assertThat(f.slot("COURT-1", 9)).isEqualTo("HELD");
        f.tickAt(slow.expiresAt());
        assertThat(f.slot("COURT-1", 9)).isEqualTo("FREE");
    }

    @Test
    void aHoldMayOutliveItsSlotsStartUntilItExpires()
    {
        final VenueFixture g = new VenueFixture(VenueDriver.Venue.standard(1).withTimes(3_600_000L, 0, 0, 900_000L));
        g.advanceTo(g.startAt(9) - MINUTE);
        final VenueDriver.Hold hold = g.hold(7, "COURT-1", g.startAt(9), 2);
        g.tickAt(g.startAt(9) + MINUTE);
        assertThat(g.bookingsOf(7).holds()).hasSize(1);
        assertThat(g.slot("COURT-1", 9)).isEqualTo("PAST");
        assertThat(g.slot("COURT-1", 10)).isEqualTo("HELD");
        g.tickAt(hold.expiresAt());
        assertThat(g.bookingsOf(7).holds()).isEmpty();
        assertThat(g.slot("COURT-1", 10)).isEqualTo("FREE");
    }
}
