package io.startline.engine.booking;

import io.startline.engine.codec.ReservationStatus;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.VenueDriver;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static io.startline.engine.booking.VenueFixture.DAY;
import static io.startline.engine.booking.VenueFixture.MINUTE;
import static io.startline.engine.booking.VenueFixture.PLAY_DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No-shows, strikes and bans (API.md: a booking not checked in by {@code startAt +
 * checkInLateMs} becomes NO_SHOW and counts a strike). A booking becomes a no-show strictly
 * after that moment, by itself; {@code noShowStrikesForBan} strikes whose slots started within
 * 30 days ban the user at that venue for {@code banDays} from the last no-show, and are used up
 * by the ban. A ban refuses new holds only. The standard venue: 15 minutes late, 3 strikes, 30 days.
 */
class NoShowTest
{
    private static final long LATE = 15 * MINUTE;

    private final VenueFixture f = new VenueFixture();

    private static LocalDate day(final int n)
    {
        return PLAY_DAY.plusDays(n);
    }

    /** A no-show of user 7 at 09:00 on each day (booked now), then the clock just past the last one's deadline. */
    private static void noShows(final VenueFixture g, final int... days)
    {
        for (final int n : days)
        {
            g.booked(7, "COURT-1", g.startAt(day(n), 9, 0), 1);
        }
        g.tickAt(g.startAt(day(days[days.length - 1]), 9, 0) + LATE + 1);
    }

    private static ReservationStatus statusOf(final VenueFixture g, final long bookingId)
    {
        return g.bookingsOf(7).bookings().stream().filter(b -> b.bookingId() == bookingId).findFirst().orElseThrow()
            .status();
    }

    @Test
    void aBookingBecomesANoShowOnlyStrictlyAfterStartAtPlusCheckInLate()
    {
        final VenueDriver.Confirmed booking = f.booked(7, "COURT-1", f.startAt(9), 1);
        f.tickAt(f.startAt(9) + LATE);
        assertThat(statusOf(f, booking.bookingId())).isEqualTo(ReservationStatus.BOOKED);
        f.tickAt(f.startAt(9) + LATE + 1);
        assertThat(statusOf(f, booking.bookingId())).isEqualTo(ReservationStatus.NO_SHOW);
    }

    @Test
    void aCheckInAtExactlyStartAtPlusCheckInLateWins()
    {
        final VenueDriver.Confirmed booking = f.booked(7, "COURT-1", f.startAt(9), 1);
        f.advanceTo(f.startAt(9) + LATE);
        assertThat(f.venues.checkIn(f.venueId, booking.checkInCode()).code()).isEqualTo(ResultCode.OK);
        f.tickAt(f.startAt(9) + LATE + 1);
        f.tickAt(f.startAt(day(1), 9, 0));
        assertThat(statusOf(f, booking.bookingId())).isEqualTo(ReservationStatus.CHECKED_IN);
    }

    @Test
    void threeNoShowsWithinThirtyDaysBanTheUserFromNewHoldsOnly()
    {
        f.advanceTo(f.releaseAt(day(5)));
        final VenueDriver.Confirmed later = f.booked(7, "COURT-2", f.startAt(day(5), 9, 0), 1);
        noShows(f, 0, 1);
        final long heldBefore = f.held(7, "COURT-3", f.startAt(day(4), 10, 0), 1);
        assertThat(f.venues.release(heldBefore, 7).code()).as("two strikes: not banned yet").isEqualTo(ResultCode.OK);

        f.booked(7, "COURT-1", f.startAt(day(2), 9, 0), 1);
        f.advanceTo(f.startAt(day(2), 9, 0) + LATE);
        final long pending = f.held(7, "COURT-4", f.startAt(day(4), 10, 0), 1);
        f.advanceTo(f.startAt(day(2), 9, 0) + LATE + 1);
        f.assertRefused(ResultCode.BANNED, () -> f.hold(7, "COURT-3", f.startAt(day(4), 12, 0), 1));
        assertThat(f.hold(8, "COURT-3", f.startAt(day(4), 12, 0), 1).code()).as("another user")
            .isEqualTo(ResultCode.OK);

        assertThat(f.venues.confirm(pending, "pay-pending").code()).as("a hold placed before the ban can be paid")
            .isEqualTo(ResultCode.OK);
        assertThat(statusOf(f, later.bookingId())).isEqualTo(ReservationStatus.BOOKED);
        f.advanceTo(f.startAt(day(5), 9, 0));
        assertThat(f.venues.checkIn(f.venueId, later.checkInCode()).code()).as("an earlier booking is kept")
            .isEqualTo(ResultCode.OK);
    }

    @Test
    void theBanLastsBanDaysFromTheLastNoShowAndEndsExactlyThen()
    {
        f.advanceTo(f.releaseAt(day(2)));
        noShows(f, 0, 1, 2);
        final long bannedUntil = f.startAt(day(2), 9, 0) + LATE + 30 * DAY;
        final long slot = f.startAt(day(32), 10, 0);

        f.advanceTo(f.releaseAt(day(32)));
        f.assertRefused(ResultCode.BANNED, () -> f.hold(7, "COURT-1", slot, 1));
        f.advanceTo(bannedUntil - 1);
        f.assertRefused(ResultCode.BANNED, () -> f.hold(7, "COURT-1", slot, 1));
        f.advanceTo(bannedUntil);
        assertThat(f.hold(7, "COURT-1", slot, 1).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void aStrikeWhoseSlotStartedExactlyThirtyDaysEarlierNoLongerCounts()
    {
        noShows(f, 0);
        noShows(f, 1);
        f.advanceTo(f.releaseAt(day(30)));
        noShows(f, 30);
        assertThat(f.hold(7, "COURT-1", f.startAt(day(30), 12, 0), 1).code()).as("day 0 is 30 days before day 30")
            .isEqualTo(ResultCode.OK);
    }

    @Test
    void aStrikeWhoseSlotStartedLessThanThirtyDaysEarlierCounts()
    {
        noShows(f, 0);
        noShows(f, 1);
        f.advanceTo(f.releaseAt(day(30)));
        f.booked(7, "COURT-1", f.startAt(day(30), 8, 0), 1);
        f.advanceTo(f.startAt(day(30), 8, 0) + LATE + 1);
        f.assertRefused(ResultCode.BANNED, () -> f.hold(7, "COURT-1", f.startAt(day(30), 12, 0), 1));
    }

    @Test
    void aBanUsesUpItsStrikes()
    {
        // Banned for one day by the no-shows of days 0–2; the no-show of day 3 is then the first of a new count.
        final VenueFixture g = new VenueFixture(VenueDriver.Venue.standard(4).withBans(3, 1));
        g.advanceTo(g.releaseAt(day(5)));
        for (final int n : new int[] {0, 1, 2, 3, 4, 5})
        {
            g.booked(7, "COURT-1", g.startAt(day(n), 9, 0), 1);
        }
        g.advanceTo(g.startAt(day(2), 9, 0) + LATE + 1);
        g.assertRefused(ResultCode.BANNED, () -> g.hold(7, "COURT-2", g.startAt(day(3), 12, 0), 1));

        g.advanceTo(g.startAt(day(3), 9, 0) + LATE + 1);
        assertThat(g.hold(7, "COURT-2", g.startAt(day(3), 12, 0), 1).code())
            .as("the ban is over and day 3's no-show is one strike, not the third of days 1–3")
            .isEqualTo(ResultCode.OK);
        g.advanceTo(g.startAt(day(4), 9, 0) + LATE + 1);
        assertThat(g.hold(7, "COURT-2", g.startAt(day(4), 12, 0), 1).code()).isEqualTo(ResultCode.OK);
        g.advanceTo(g.startAt(day(5), 9, 0) + LATE + 1);
        g.assertRefused(ResultCode.BANNED, () -> g.hold(7, "COURT-2", g.startAt(day(5), 12, 0), 1));
    }

    @Test
    void withNoShowStrikesForBanZeroNoShowsNeverBan()
    {
        final VenueFixture g = new VenueFixture(VenueDriver.Venue.standard(4).withBans(0, 30));
        g.advanceTo(g.releaseAt(day(3)));
        noShows(g, 0, 1, 2, 3);
        assertThat(g.bookingsOf(7).bookings()).extracting(VenueDriver.BookingRow::status)
            .containsOnly(ReservationStatus.NO_SHOW).hasSize(4);
        assertThat(g.hold(7, "COURT-1", g.startAt(day(3), 12, 0), 1).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void bansAndStrikesArePerVenue()
    {
        final VenueDriver.Venue oneStrike = VenueDriver.Venue.standard(4).withBans(1, 30);
        final VenueFixture g = new VenueFixture(oneStrike);
        final long other = g.venues.createVenue(oneStrike).id();
        g.booked(7, "COURT-1", g.startAt(9), 1);
        g.advanceTo(g.startAt(9) + LATE + 1);
        g.assertRefused(ResultCode.BANNED, () -> g.hold(7, "COURT-1", g.startAt(12), 1));
        assertThat(g.venues.hold(other, 7, "COURT-1", g.startAt(12), 1).code()).isEqualTo(ResultCode.OK);

        final VenueDriver.Venue twoStrikes = VenueDriver.Venue.standard(4).withBans(2, 30);
        final VenueFixture h = new VenueFixture(twoStrikes);
        final long second = h.venues.createVenue(twoStrikes).id();
        h.booked(7, "COURT-1", h.startAt(9), 1);
        h.bookedAt(second, 7, "COURT-1", h.startAt(9), 1);
        h.tickAt(h.startAt(9) + LATE + 1);
        assertThat(h.hold(7, "COURT-1", h.startAt(12), 1).code()).as("one strike at each venue").isEqualTo(ResultCode.OK);
        assertThat(h.venues.hold(second, 7, "COURT-1", h.startAt(12), 1).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void aNoShowOfSeveralSlotsIsOneStrike()
    {
        final VenueFixture g = new VenueFixture(VenueDriver.Venue.standard(4).withBans(2, 30));
        g.advanceTo(g.releaseAt(day(1)));
        g.booked(7, "COURT-1", g.startAt(9), 2);
        g.tickAt(g.startAt(11));
        assertThat(g.hold(7, "COURT-2", g.startAt(day(1), 12, 0), 1).code()).isEqualTo(ResultCode.OK);
        g.booked(7, "COURT-1", g.startAt(day(1), 9, 0), 1);
        g.advanceTo(g.startAt(day(1), 9, 0) + LATE + 1);
        g.assertRefused(ResultCode.BANNED, () -> g.hold(7, "COURT-3", g.startAt(day(1), 14, 0), 1));
    }

    @Test
    void cancelledCheckedInAndUnpaidReservationsAreNoStrikes()
    {
        final VenueFixture g = new VenueFixture(
            VenueDriver.Venue.standard(4).withBans(1, 30).withTimes(3_600_000L, 0, 900_000L, 900_000L));
        final VenueDriver.Confirmed cancelled = g.booked(7, "COURT-1", g.startAt(9), 1);
        final VenueDriver.Confirmed admitted = g.booked(7, "COURT-2", g.startAt(9), 1);
        g.venues.cancel(cancelled.bookingId(), 7);
        g.advanceTo(g.startAt(9) - MINUTE);
        g.held(7, "COURT-3", g.startAt(9), 1);
        g.advanceTo(g.startAt(9));
        g.venues.checkIn(g.venueId, admitted.checkInCode());
        g.tickAt(g.startAt(9) + LATE + 1);
        assertThat(g.bookingsOf(7).bookings()).extracting(VenueDriver.BookingRow::status)
            .containsExactly(ReservationStatus.CHECKED_IN, ReservationStatus.CANCELLED);
        g.venues.release(3, 7);
        assertThat(g.hold(7, "COURT-1", g.startAt(12), 1).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void theOrganisersDayGridShowsCheckInsAndNoShowsWhereTheParticipantsGridShowsThePast()
    {
        final VenueDriver.Confirmed came = f.booked(7, "COURT-1", f.startAt(9), 1);
        f.booked(8, "COURT-2", f.startAt(9), 1);
        f.advanceTo(f.startAt(9) + MINUTE);
        assertThat(f.venues.checkIn(f.venueId, came.checkInCode()).code()).isEqualTo(ResultCode.OK);
        f.tickAt(f.startAt(9) + LATE + 1);
        f.held(9, "COURT-3", f.startAt(11), 1);

        final VenueDriver.Availability day = f.venues.venueDay(f.venueId, PLAY_DAY);
        final int nine = slotOf(day, 9);
        assertThat(day.status("COURT-1", nine)).isEqualTo("CHECKED_IN");
        assertThat(day.status("COURT-2", nine)).isEqualTo("NO_SHOW");
        assertThat(day.status("COURT-3", nine)).as("a started slot nobody had").isEqualTo("PAST");
        assertThat(day.status("COURT-3", slotOf(day, 11))).isEqualTo("HELD");
        assertThat(f.slot("COURT-1", 9)).as("participants see only that it has started").isEqualTo("PAST");
        assertThat(f.slot("COURT-3", 11)).isEqualTo("HELD");
    }

    private int slotOf(final VenueDriver.Availability grid, final int hh)
    {
        return (int)((f.startAt(hh) - grid.firstSlotStartAt()) / (grid.slotMinutes() * MINUTE));
    }
}
