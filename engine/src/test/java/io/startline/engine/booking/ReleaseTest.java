package io.startline.engine.booking;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.VenueDriver;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;

import static io.startline.engine.booking.VenueFixture.DAY;
import static io.startline.engine.booking.VenueFixture.HOUR;
import static io.startline.engine.booking.VenueFixture.PLAY_DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When slots can be held (API.md, availability): the slots of local date D from
 * {@code releaseMinuteOfDay} local time on D − {@code releaseDaysAhead}, that millisecond
 * included; a slot is PAST from its start. Local days follow the venue's UTC offset, whichever
 * way it points and wherever the UTC day boundary falls.
 */
class ReleaseTest
{
    private static final VenueDriver.Venue STANDARD = VenueDriver.Venue.standard(4);

    private static VenueFixture startingAt(final VenueDriver.Venue venue, final long startMs)
    {
        return new VenueFixture(EngineDriver.smallContext(), venue, startMs);
    }

    private static long utc(final String instant)
    {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void slotsAreNotReleasedUntilTheReleaseMillisecondAndReleasedAtIt()
    {
        final long releaseAt = VenueFixture.releaseAt(STANDARD, PLAY_DAY);
        assertThat(releaseAt).as("08:00 in Beijing seven days before").isEqualTo(utc("2026-12-01T00:00:00Z"));
        final VenueFixture f = startingAt(STANDARD, releaseAt - HOUR);

        f.advanceTo(releaseAt - 1);
        f.assertRefused(ResultCode.NOT_RELEASED, () -> f.hold(7, "COURT-1", f.startAt(9), 1));
        assertThat(f.grid(PLAY_DAY).resources()).allSatisfy(r ->
            assertThat(r.slots()).containsOnly("NOT_RELEASED").hasSize(14));

        f.advanceTo(releaseAt);
        assertThat(f.hold(7, "COURT-1", f.startAt(9), 1).code()).isEqualTo(ResultCode.OK);
        assertThat(f.slot("COURT-1", 8)).isEqualTo("FREE");
        assertThat(f.slot("COURT-1", 9)).isEqualTo("HELD");
    }

    @Test
    void eachLaterDayIsReleasedADayLater()
    {
        final VenueFixture f = new VenueFixture();
        f.assertRefused(ResultCode.NOT_RELEASED, () -> f.hold(7, "COURT-1", f.startAt(PLAY_DAY.plusDays(1), 21, 0), 1));
        assertThat(f.slot("COURT-1", PLAY_DAY.plusDays(1), 21)).isEqualTo("NOT_RELEASED");

        f.advanceTo(f.releaseAt(PLAY_DAY.plusDays(1)) - 1);
        f.assertRefused(ResultCode.NOT_RELEASED, () -> f.hold(7, "COURT-1", f.startAt(PLAY_DAY.plusDays(1), 21, 0), 1));
        f.advanceTo(f.releaseAt(PLAY_DAY.plusDays(1)));
        assertThat(f.hold(7, "COURT-1", f.startAt(PLAY_DAY.plusDays(1), 21, 0), 1).code()).isEqualTo(ResultCode.OK);
        assertThat(f.releaseAt(PLAY_DAY.plusDays(1)) - f.releaseAt(PLAY_DAY)).isEqualTo(DAY);
    }

    @Test
    void aSlotIsPastFromItsStartMillisecond()
    {
        final VenueFixture f = new VenueFixture();
        f.advanceTo(f.startAt(9) - 1);
        assertThat(f.hold(7, "COURT-1", f.startAt(9), 1).code()).as("the last millisecond before it starts")
            .isEqualTo(ResultCode.OK);
        f.advanceTo(f.startAt(9));
        f.assertRefused(ResultCode.PAST, () -> f.hold(8, "COURT-2", f.startAt(9), 1));
        f.assertRefused(ResultCode.PAST, () -> f.hold(8, "COURT-2", f.startAt(8), 2));

        f.tickAt(f.startAt(10));
        assertThat(f.grid(PLAY_DAY).resources().get(0).slots().subList(0, 4))
            .containsExactly("PAST", "PAST", "PAST", "FREE");
    }

    @Test
    void aSlotThatStartedIsPastEvenBeforeItsDayIsReleased()
    {
        // Released on the day itself at 12:00, opening at 08:00: at 10:30 the morning is past, the rest not released.
        final VenueDriver.Venue venue = STANDARD.withRelease(0, 720);
        final VenueFixture f = startingAt(venue, VenueFixture.at(venue, PLAY_DAY, 10, 30));
        f.assertRefused(ResultCode.PAST, () -> f.hold(7, "COURT-1", f.startAt(9), 1));
        f.assertRefused(ResultCode.PAST, () -> f.hold(7, "COURT-1", f.startAt(10), 2));
        f.assertRefused(ResultCode.NOT_RELEASED, () -> f.hold(7, "COURT-1", f.startAt(11), 1));
        assertThat(f.grid(PLAY_DAY).resources().get(0).slots().subList(0, 5))
            .containsExactly("PAST", "PAST", "PAST", "NOT_RELEASED", "NOT_RELEASED");

        f.advanceTo(f.startAt(12));
        f.assertRefused(ResultCode.PAST, () -> f.hold(7, "COURT-1", f.startAt(12), 1));
        assertThat(f.hold(7, "COURT-1", f.startAt(13), 1).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void withReleaseDaysAheadZeroADayIsReleasedOnItselfAtTheReleaseMinute()
    {
        final VenueDriver.Venue venue = STANDARD.withRelease(0, 0);
        final long midnight = VenueFixture.at(venue, PLAY_DAY, 0, 0);
        assertThat(VenueFixture.releaseAt(venue, PLAY_DAY)).isEqualTo(midnight);
        final VenueFixture f = startingAt(venue, midnight - 1);
        f.assertRefused(ResultCode.NOT_RELEASED, () -> f.hold(7, "COURT-1", f.startAt(21), 1));
        f.advanceTo(midnight);
        assertThat(f.hold(7, "COURT-1", f.startAt(21), 1).code()).isEqualTo(ResultCode.OK);
        f.assertRefused(ResultCode.NOT_RELEASED, () -> f.hold(7, "COURT-1", f.startAt(PLAY_DAY.plusDays(1), 8, 0), 1));
    }

    @Test
    void aReleaseAtLocalMidnightEastOfUtcFallsOnThePreviousUtcDay()
    {
        final VenueDriver.Venue venue = STANDARD.withRelease(7, 0);
        final long releaseAt = VenueFixture.releaseAt(venue, PLAY_DAY);
        assertThat(releaseAt).isEqualTo(utc("2026-11-30T16:00:00Z"));
        final VenueFixture f = startingAt(venue, releaseAt - 1);
        f.assertRefused(ResultCode.NOT_RELEASED, () -> f.hold(7, "COURT-1", f.startAt(9), 1));
        f.advanceTo(releaseAt);
        assertThat(f.hold(7, "COURT-1", f.startAt(9), 1).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void aVenueOpenFromMidnightEastOfUtcStartsItsLocalDayOnThePreviousUtcDay()
    {
        final VenueFixture f = new VenueFixture(STANDARD.withHours(0, 1440, 60));
        final VenueDriver.Availability grid = f.grid(PLAY_DAY);
        assertThat(Instant.ofEpochMilli(grid.firstSlotStartAt())).isEqualTo(Instant.parse("2026-12-07T16:00:00Z"));
        assertThat(grid.resources().get(0).slots()).hasSize(24);

        final VenueDriver.Hold first = f.hold(7, "COURT-1", utc("2026-12-07T16:00:00Z"), 1);
        assertThat(first.code()).isEqualTo(ResultCode.OK);
        assertThat(f.grid(PLAY_DAY).status("COURT-1", 0)).isEqualTo("HELD");
        assertThat(f.grid(PLAY_DAY.minusDays(1)).status("COURT-1", 23)).as("15:00Z, 23:00 the local day before")
            .isEqualTo("FREE");
        assertThat(f.hold(8, "COURT-1", utc("2026-12-08T00:00:00Z"), 1).code()).isEqualTo(ResultCode.OK);
        assertThat(f.grid(PLAY_DAY).status("COURT-1", 8)).as("08:00 local").isEqualTo("HELD");
    }

    @Test
    void aVenueOpenToMidnightHasItsLastSlotAt2300AndMidnightIsTheNextDaysFirstSlot()
    {
        final VenueFixture f = new VenueFixture(STANDARD.withHours(0, 1440, 60));
        assertThat(f.hold(7, "COURT-1", f.startAt(PLAY_DAY, 23, 0), 1).code()).isEqualTo(ResultCode.OK);
        f.assertRefused(ResultCode.INVALID_ARGUMENT, "slots", () -> f.hold(8, "COURT-2", f.startAt(PLAY_DAY, 23, 0), 2));
        f.assertRefused(ResultCode.NOT_RELEASED, () -> f.hold(8, "COURT-2", f.startAt(PLAY_DAY, 24, 0), 1));
        f.advanceTo(f.releaseAt(PLAY_DAY.plusDays(1)));
        assertThat(f.hold(8, "COURT-2", f.startAt(PLAY_DAY, 24, 0), 1).code()).isEqualTo(ResultCode.OK);
        assertThat(f.grid(PLAY_DAY.plusDays(1)).status("COURT-2", 0)).isEqualTo("HELD");
    }

    @Test
    void aVenueWestOfUtcHasItsLocalEveningOnTheNextUtcDay()
    {
        final VenueDriver.Venue venue = STANDARD.withUtcOffsetMinutes(-300);
        final long releaseAt = VenueFixture.releaseAt(venue, PLAY_DAY);
        assertThat(releaseAt).as("08:00 at UTC-5").isEqualTo(utc("2026-12-01T13:00:00Z"));
        final VenueFixture f = startingAt(venue, releaseAt - 1);
        final long ninePmLocal = utc("2026-12-09T02:00:00Z");
        f.assertRefused(ResultCode.NOT_RELEASED, () -> f.hold(7, "COURT-1", ninePmLocal, 1));

        f.advanceTo(releaseAt);
        assertThat(f.hold(7, "COURT-1", ninePmLocal, 1).code()).isEqualTo(ResultCode.OK);
        final VenueDriver.Availability grid = f.grid(PLAY_DAY);
        assertThat(Instant.ofEpochMilli(grid.firstSlotStartAt())).isEqualTo(Instant.parse("2026-12-08T13:00:00Z"));
        assertThat(grid.status("COURT-1", 13)).isEqualTo("HELD");
        assertThat(f.hold(8, "COURT-1", utc("2026-12-09T00:00:00Z"), 1).code()).as("19:00 local on the 8th")
            .isEqualTo(ResultCode.OK);
        assertThat(f.grid(PLAY_DAY).status("COURT-1", 11)).isEqualTo("HELD");
        f.assertRefused(ResultCode.NOT_RELEASED, () -> f.hold(9, "COURT-1", utc("2026-12-09T13:00:00Z"), 1));
        f.assertRefused(ResultCode.INVALID_ARGUMENT, "startAt",
            () -> f.hold(9, "COURT-1", utc("2026-12-08T08:00:00Z"), 1));
    }

    @Test
    void theExtremeOffsetsPutTheLocalDayFourteenHoursEitherSideOfUtc()
    {
        final VenueFixture east = new VenueFixture(STANDARD.withUtcOffsetMinutes(840).withHours(0, 1440, 60));
        assertThat(Instant.ofEpochMilli(east.grid(PLAY_DAY).firstSlotStartAt()))
            .isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
        assertThat(east.hold(7, "COURT-1", utc("2026-12-07T10:00:00Z"), 1).code()).isEqualTo(ResultCode.OK);

        final VenueFixture west = new VenueFixture(STANDARD.withUtcOffsetMinutes(-840).withHours(0, 1440, 60));
        assertThat(Instant.ofEpochMilli(west.grid(PLAY_DAY).firstSlotStartAt()))
            .isEqualTo(Instant.parse("2026-12-08T14:00:00Z"));
        assertThat(west.hold(7, "COURT-1", utc("2026-12-09T13:00:00Z"), 1).code()).as("23:00 local on the 8th")
            .isEqualTo(ResultCode.OK);
        assertThat(west.grid(PLAY_DAY).status("COURT-1", 23)).isEqualTo("HELD");
    }

    @Test
    void slotsCanBeReleasedUpToThirtyDaysAhead()
    {
        final VenueDriver.Venue venue = STANDARD.withRelease(30, 480);
        final VenueFixture f = new VenueFixture(venue);
        assertThat(f.now()).isEqualTo(VenueFixture.at(venue, PLAY_DAY.minusDays(30), 8, 0));
        assertThat(f.hold(7, "COURT-1", f.startAt(9), 1).code()).isEqualTo(ResultCode.OK);
        assertThat(f.hold(7, "COURT-1", f.startAt(PLAY_DAY.minusDays(30), 9, 0), 1).code())
            .as("and today").isEqualTo(ResultCode.OK);
        f.assertRefused(ResultCode.NOT_RELEASED, () -> f.hold(7, "COURT-1", f.startAt(PLAY_DAY.plusDays(1), 9, 0), 1));
        assertThat(f.grid(PLAY_DAY.plusDays(1)).resources().get(3).slots())
            .isEqualTo(Collections.nCopies(14, "NOT_RELEASED"));
        assertThat(f.grid(PLAY_DAY).resources().get(3).slots()).isEqualTo(Collections.nCopies(14, "FREE"));
    }
}
