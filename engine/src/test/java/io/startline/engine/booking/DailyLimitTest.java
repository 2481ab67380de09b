package io.startline.engine.booking;

import io.startline.engine.codec.ReservationStatus;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.VenueDriver;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.startline.engine.booking.VenueFixture.MINUTE;
import static io.startline.engine.booking.VenueFixture.PLAY_DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * maxSlotsPerUserPerDay (API.md: LIMIT_REACHED, held + booked slots that local day): counted per
 * user, venue and local day across the venue's resources; other days, other venues and other
 * users are independent; releasing, expiring or cancelling gives the slots back. The standard
 * venue allows 2 slots a day.
 */
class DailyLimitTest
{
    private final VenueFixture f = new VenueFixture();

    @Test
    void heldSlotsCountTowardsTheLimit()
    {
        f.held(7, "COURT-1", f.startAt(9), 2);
        f.assertRefused(ResultCode.LIMIT_REACHED, () -> f.hold(7, "COURT-1", f.startAt(12), 1));
    }

    @Test
    void heldAndBookedSlotsCountTogether()
    {
        f.booked(7, "COURT-1", f.startAt(9), 1);
        f.held(7, "COURT-1", f.startAt(10), 1);
        f.assertRefused(ResultCode.LIMIT_REACHED, () -> f.hold(7, "COURT-1", f.startAt(12), 1));
    }

    @Test
    void theLimitCountsAcrossTheVenuesResources()
    {
        f.held(7, "COURT-1", f.startAt(9), 1);
        f.booked(7, "COURT-2", f.startAt(15), 1);
        f.assertRefused(ResultCode.LIMIT_REACHED, () -> f.hold(7, "COURT-3", f.startAt(20), 1));
    }

    @Test
    void aRunThatWouldPassTheLimitIsRefusedWholeEvenIfPartOfItWouldFit()
    {
        f.held(7, "COURT-1", f.startAt(9), 1);
        f.assertRefused(ResultCode.LIMIT_REACHED, () -> f.hold(7, "COURT-2", f.startAt(12), 2));
        assertThat(f.hold(7, "COURT-2", f.startAt(12), 1).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void aRunLongerThanTheLimitIsRefusedOnAnEmptyDay()
    {
        f.assertRefused(ResultCode.LIMIT_REACHED, () -> f.hold(7, "COURT-1", f.startAt(9), 3));
    }

    @Test
    void otherDaysOtherVenuesAndOtherUsersAreIndependent()
    {
        f.held(7, "COURT-1", f.startAt(9), 2);
        f.assertRefused(ResultCode.LIMIT_REACHED, () -> f.hold(7, "COURT-1", f.startAt(12), 1));
        assertThat(f.hold(8, "COURT-1", f.startAt(12), 2).code()).as("another user").isEqualTo(ResultCode.OK);

        final long second = f.venues.createVenue(VenueDriver.Venue.standard(4)).id();
        assertThat(f.venues.hold(second, 7, "COURT-1", f.startAt(9), 2).code()).as("another venue")
            .isEqualTo(ResultCode.OK);

        f.advanceTo(f.releaseAt(PLAY_DAY.plusDays(1)));
        assertThat(f.hold(7, "COURT-1", f.startAt(PLAY_DAY.plusDays(1), 9, 0), 2).code()).as("another day")
            .isEqualTo(ResultCode.OK);
    }

    @Test
    void theDayIsTheVenuesLocalDayNotTheUtcDay()
    {
        // UTC+8, open around the clock: 23:00 local on the 7th and 00:00 local on the 8th are both
        // 7 December in UTC (15:00Z and 16:00Z), but two local days.
        final VenueFixture g = new VenueFixture(VenueDriver.Venue.standard(2).withHours(0, 1440, 60));
        final long elevenPm = Instant.parse("2026-12-07T15:00:00Z").toEpochMilli();
        final long midnight = Instant.parse("2026-12-07T16:00:00Z").toEpochMilli();
        final long sevenAm = Instant.parse("2026-12-07T23:00:00Z").toEpochMilli();
        g.held(7, "COURT-1", elevenPm - 60 * MINUTE, 2);
        g.assertRefused(ResultCode.LIMIT_REACHED, () -> g.hold(7, "COURT-2", elevenPm, 1));
        assertThat(g.hold(7, "COURT-1", midnight, 2).code()).as("the next local day").isEqualTo(ResultCode.OK);
        g.assertRefused(ResultCode.LIMIT_REACHED, () -> g.hold(7, "COURT-2", sevenAm, 1));
    }

    @Test
    void releasingAHoldGivesItsSlotsBack()
    {
        final long holdId = f.held(7, "COURT-1", f.startAt(9), 2);
        assertThat(f.venues.release(holdId, 7).code()).isEqualTo(ResultCode.OK);
        assertThat(f.hold(7, "COURT-2", f.startAt(12), 2).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void anExpiredHoldGivesItsSlotsBack()
    {
        final VenueDriver.Hold hold = f.hold(7, "COURT-1", f.startAt(9), 2);
        f.advanceTo(hold.expiresAt() - 1);
        f.assertRefused(ResultCode.LIMIT_REACHED, () -> f.hold(7, "COURT-2", f.startAt(12), 1));
        f.advanceTo(hold.expiresAt());
        assertThat(f.hold(7, "COURT-2", f.startAt(12), 2).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void aCancelledBookingGivesItsSlotsBack()
    {
        final VenueDriver.Confirmed booking = f.booked(7, "COURT-1", f.startAt(9), 2);
        assertThat(f.venues.cancel(booking.bookingId(), 7).code()).isEqualTo(ResultCode.OK);
        assertThat(f.hold(7, "COURT-2", f.startAt(12), 2).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void aCheckedInOrNoShowBookingStillCounts()
    {
        final VenueDriver.Confirmed early = f.booked(7, "COURT-1", f.startAt(9), 1);
        f.booked(8, "COURT-1", f.startAt(10), 1);
        f.advanceTo(f.startAt(9));
        assertThat(f.venues.checkIn(f.venueId, early.checkInCode()).code()).isEqualTo(ResultCode.OK);
        f.held(7, "COURT-1", f.startAt(11), 1);
        f.assertRefused(ResultCode.LIMIT_REACHED, () -> f.hold(7, "COURT-1", f.startAt(12), 1));

        f.tickAt(f.startAt(10) + 15 * MINUTE + 1);
        assertThat(f.bookingsOf(8).bookings().get(0).status()).isEqualTo(ReservationStatus.NO_SHOW);
        f.held(8, "COURT-1", f.startAt(13), 1);
        f.assertRefused(ResultCode.LIMIT_REACHED, () -> f.hold(8, "COURT-1", f.startAt(14), 1));
    }
}
