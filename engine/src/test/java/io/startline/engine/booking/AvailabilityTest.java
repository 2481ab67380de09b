package io.startline.engine.booking;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.VenueDriver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.startline.engine.booking.VenueFixture.PLAY_DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The availability grid (API.md, GET /api/venues/{venueId}/availability?date=): for a local
 * date, each resource in creation order with one status per slot, slot i starting at
 * firstSlotStartAt + i × slotMinutes. PAST once a slot has started, else NOT_RELEASED before
 * the day's release, else FREE, HELD or BOOKED. Queries judge time by the last applied command
 * and change nothing.
 */
class AvailabilityTest
{
    private final VenueFixture f = new VenueFixture();

    @Test
    void theGridHasEveryResourceInCreationOrderWithEverySlotOfTheDay()
    {
        final VenueDriver.Availability grid = f.grid(PLAY_DAY);
        assertThat(grid.firstSlotStartAt()).isEqualTo(f.startAt(8));
        assertThat(grid.slotMinutes()).isEqualTo(60);
        assertThat(grid.resources()).extracting(VenueDriver.ResourceDay::code)
            .containsExactly("COURT-1", "COURT-2", "COURT-3", "COURT-4");
        assertThat(grid.resources()).allSatisfy(r -> assertThat(r.slots()).isEqualTo(Collections.nCopies(14, "FREE")));

        final VenueFixture g = new VenueFixture(VenueDriver.Venue.standard(1)
            .withResources(List.of("Z", "A", "m")).withHours(510, 1230, 15));
        final VenueDriver.Availability quarters = g.grid(PLAY_DAY);
        assertThat(quarters.firstSlotStartAt()).isEqualTo(g.startAt(PLAY_DAY, 8, 30));
        assertThat(quarters.slotMinutes()).isEqualTo(15);
        assertThat(quarters.resources()).extracting(VenueDriver.ResourceDay::code).containsExactly("Z", "A", "m");
        assertThat(quarters.resources()).allSatisfy(r -> assertThat(r.slots()).hasSize(48));
    }

    @Test
    void theLargestGridFits()
    {
        final List<String> codes = new ArrayList<>();
        for (int i = 0; i < 64; i++)
        {
            codes.add("R" + i);
        }
        final VenueFixture g = new VenueFixture(EngineDriver.smallContext().maxCalendarSlots(1 << 18),
            VenueDriver.Venue.standard(1).withResources(codes).withHours(0, 1440, 5));
        g.held(7, "R63", g.startAt(PLAY_DAY, 23, 55), 1);
        final VenueDriver.Availability grid = g.grid(PLAY_DAY);
        assertThat(grid.resources()).hasSize(64);
        assertThat(grid.resources()).allSatisfy(r -> assertThat(r.slots()).hasSize(288));
        assertThat(grid.status("R63", 287)).isEqualTo("HELD");
        assertThat(grid.status("R62", 287)).isEqualTo("FREE");
    }

    @Test
    void eachSlotShowsPastNotReleasedFreeHeldOrBooked()
    {
        f.booked(8, "COURT-1", f.startAt(13), 1);
        f.booked(8, "COURT-1", f.startAt(9), 1);
        f.advanceTo(f.startAt(PLAY_DAY, 10, 20));
        f.held(7, "COURT-1", f.startAt(12), 1);
        assertThat(f.grid(PLAY_DAY).resources().get(0).slots()).containsExactly(
            "PAST", "PAST", "PAST", "FREE", "HELD", "BOOKED", "FREE", "FREE", "FREE", "FREE", "FREE", "FREE", "FREE",
            "FREE");
        assertThat(f.grid(PLAY_DAY).resources().get(1).slots().subList(0, 5))
            .containsExactly("PAST", "PAST", "PAST", "FREE", "FREE");
        assertThat(f.grid(PLAY_DAY.plusDays(7)).resources().get(0).slots()).containsOnly("FREE");
        assertThat(f.grid(PLAY_DAY.plusDays(8)).resources().get(0).slots()).containsOnly("NOT_RELEASED");
        assertThat(f.grid(PLAY_DAY.minusDays(1)).resources().get(0).slots()).containsOnly("PAST");
    }

    @Test
    void queriesJudgeTimeByTheLastAppliedCommand()
    {
        f.held(7, "COURT-1", f.startAt(9), 1);
        f.advanceTo(f.startAt(9));
        assertThat(f.slot("COURT-1", 9)).as("no command yet at 09:00").isEqualTo("HELD");
        f.engine.tick();
        assertThat(f.slot("COURT-1", 9)).isEqualTo("PAST");
    }

    @Test
    void anUnknownVenueIsNotFoundAndChangesNothing()
    {
        final long before = f.engine.engine().stateHash();
        for (final long venueId : new long[] {0, 2, -1, Long.MAX_VALUE})
        {
            assertThat(f.venues.availability(venueId, PLAY_DAY).code()).isEqualTo(ResultCode.VENUE_NOT_FOUND);
            assertThat(f.venues.availability(venueId, -1).code()).as("before the date").isEqualTo(ResultCode.VENUE_NOT_FOUND);
        }
        assertThat(f.engine.engine().stateHash()).isEqualTo(before);
    }

    @Test
    void theDateIsAnEpochDayFrom1970ToTheEndOf9999()
    {
        final long before = f.engine.engine().stateHash();
        for (final int day : new int[] {-1, 2_932_897, Integer.MIN_VALUE, Integer.MAX_VALUE})
        {
            final VenueDriver.Availability refused = f.venues.availability(f.venueId, day);
            assertThat(refused.code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
            assertThat(refused.field()).isEqualTo("date");
        }
        assertThat(f.engine.engine().stateHash()).isEqualTo(before);
        assertThat(f.venues.availability(f.venueId, 0).resources().get(0).slots()).containsOnly("PAST");
        assertThat(f.venues.availability(f.venueId, 2_932_896).resources().get(0).slots()).containsOnly("NOT_RELEASED");
    }

    @Test
    void aDayWhoseCalendarRowWasTakenOverByALaterDayIsAllPast()
    {
        // Nine calendar rows (releaseDaysAhead 7 + 2): PLAY_DAY and PLAY_DAY + 9 share one.
        f.booked(7, "COURT-1", f.startAt(9), 1);
        f.advanceTo(f.releaseAt(PLAY_DAY.plusDays(9)));
        f.engine.tick();
        assertThat(f.slot("COURT-1", PLAY_DAY.plusDays(9), 9)).as("the row still holds PLAY_DAY").isEqualTo("FREE");
        f.held(8, "COURT-1", f.startAt(PLAY_DAY.plusDays(9), 10, 0), 1);
        assertThat(f.grid(PLAY_DAY).resources().get(0).slots()).containsOnly("PAST");
        assertThat(f.grid(PLAY_DAY.plusDays(9)).resources().get(0).slots().subList(1, 4))
            .containsExactly("FREE", "HELD", "FREE");
    }

    @Test
    void aSlotTakenOnOneDayIsFreeOnTheNext()
    {
        f.booked(7, "COURT-1", f.startAt(9), 1);
        f.advanceTo(f.releaseAt(PLAY_DAY.plusDays(1)));
        f.engine.tick();
        assertThat(f.slot("COURT-1", PLAY_DAY.plusDays(1), 9)).isEqualTo("FREE");
        assertThat(f.slot("COURT-1", 9)).isEqualTo("BOOKED");
        assertThat(f.hold(8, "COURT-1", f.startAt(PLAY_DAY.plusDays(1), 9, 0), 1).code()).isEqualTo(ResultCode.OK);
        assertThat(f.slot("COURT-1", 9)).isEqualTo("BOOKED");
        assertThat(f.slot("COURT-1", PLAY_DAY.plusDays(1), 9)).isEqualTo("HELD");
    }
}
