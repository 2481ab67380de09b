package io.startline.engine.booking;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.VenueDriver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.startline.engine.booking.VenueFixture.MINUTE;
import static io.startline.engine.booking.VenueFixture.PLAY_DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holding slots (API.md, POST /api/venues/{venueId}/holds): consecutive slots of one resource,
 * all or none, starting exactly at a slot start and ending by closing time; the input checks;
 * SLOT_TAKEN; the engine's reservation limit; and which refusal wins when several rules fail
 * (not found, past / not released, banned, limit reached, slot taken). Each refusal changes nothing.
 */
class HoldTest
{
    private static final long MAX_USER_ID = (1L << 53) - 1;

    private final VenueFixture f = new VenueFixture();

    @Test
    void aHoldOfConsecutiveSlotsAnswersItsIdExpiryAndAmount()
    {
        final VenueDriver.Hold hold = f.hold(7, "COURT-2", f.startAt(9), 2);
        assertThat(hold.code()).isEqualTo(ResultCode.OK);
        assertThat(hold.holdId()).isEqualTo(1);
        assertThat(hold.expiresAt()).as("placed + holdTimeoutMs").isEqualTo(f.now() + 600_000);
        assertThat(hold.amountFen()).as("priceFen × slots").isEqualTo(10_000);
        assertThat(f.grid(PLAY_DAY).resources().get(1).slots().subList(0, 4))
            .containsExactly("FREE", "HELD", "HELD", "FREE");
        assertThat(f.grid(PLAY_DAY).resources().get(0).slots()).containsOnly("FREE");
        assertThat(f.hold(8, "COURT-1", f.startAt(9), 1).holdId()).isEqualTo(2);
    }

    @Test
    void holdIdsAndBookingIdsShareOneSequence()
    {
        final long first = f.held(7, "COURT-1", f.startAt(9), 1);
        assertThat(f.venues.confirm(first, "pay-1").bookingId()).isEqualTo(first).isEqualTo(1);
        assertThat(f.held(8, "COURT-1", f.startAt(10), 1)).isEqualTo(2);
    }

    @Test
    void aRunWithOneTakenSlotIsRefusedWholeAndTakesNothing()
    {
        final VenueFixture g = new VenueFixture(VenueDriver.Venue.standard(2).withMaxSlotsPerUserPerDay(4));
        g.held(8, "COURT-1", g.startAt(11), 1);
        g.assertRefused(ResultCode.SLOT_TAKEN, () -> g.hold(7, "COURT-1", g.startAt(9), 3));
        g.assertRefused(ResultCode.SLOT_TAKEN, () -> g.hold(7, "COURT-1", g.startAt(11), 2));
        g.assertRefused(ResultCode.SLOT_TAKEN, () -> g.hold(7, "COURT-1", g.startAt(10), 4));
        assertThat(g.grid(PLAY_DAY).resources().get(0).slots().subList(0, 6))
            .containsExactly("FREE", "FREE", "FREE", "HELD", "FREE", "FREE");
        assertThat(g.bookingsOf(7).holds()).isEmpty();
        assertThat(g.hold(7, "COURT-1", g.startAt(9), 2).code()).as("the free part alone")
            .isEqualTo(ResultCode.OK);
        assertThat(g.hold(7, "COURT-1", g.startAt(12), 2).code()).as("and the run after it")
            .isEqualTo(ResultCode.OK);
    }

    @Test
    void aBookedSlotIsTakenToo()
    {
        f.booked(8, "COURT-1", f.startAt(9), 2);
        f.assertRefused(ResultCode.SLOT_TAKEN, () -> f.hold(7, "COURT-1", f.startAt(10), 1));
        f.assertRefused(ResultCode.SLOT_TAKEN, () -> f.hold(9, "COURT-1", f.startAt(9), 1));
        assertThat(f.hold(7, "COURT-2", f.startAt(10), 1).code()).as("the same hour on another court")
            .isEqualTo(ResultCode.OK);
    }

    @Test
    void theSameUserMayHoldRunsOnTwoCourtsWithinTheDailyLimit()
    {
        assertThat(f.hold(7, "COURT-1", f.startAt(9), 1).code()).isEqualTo(ResultCode.OK);
        assertThat(f.hold(7, "COURT-4", f.startAt(9), 1).code()).isEqualTo(ResultCode.OK);
        assertThat(f.bookingsOf(7).holds()).hasSize(2);
    }

    @Test
    void startAtMustBeExactlyASlotStartWithinOpeningHours()
    {
        for (final long startAt : new long[] {
            f.startAt(PLAY_DAY, 9, 30), f.startAt(9) + 1, f.startAt(9) - 1, f.startAt(9) + MINUTE,
            f.startAt(PLAY_DAY, 7, 0), f.startAt(PLAY_DAY, 22, 0), f.startAt(PLAY_DAY, 23, 0),
            f.startAt(PLAY_DAY, 0, 0), -1, Long.MIN_VALUE, Long.MAX_VALUE, Venues.TIME_MAX_MS + 1})
        {
            f.assertRefused(ResultCode.INVALID_ARGUMENT, "startAt", () -> f.hold(7, "COURT-1", startAt, 1));
        }
        assertThat(f.hold(7, "COURT-1", f.startAt(8), 1).code()).as("opening time").isEqualTo(ResultCode.OK);
        assertThat(f.hold(7, "COURT-1", f.startAt(21), 1).code()).as("the last slot").isEqualTo(ResultCode.OK);
    }

    @Test
    void aHoldIsOneOrMoreSlotsEndingByClosingTime()
    {
        final VenueFixture g = new VenueFixture(VenueDriver.Venue.standard(2).withMaxSlotsPerUserPerDay(14));
        for (final int slots : new int[] {0, -1, Integer.MIN_VALUE, 15, Integer.MAX_VALUE})
        {
            g.assertRefused(ResultCode.INVALID_ARGUMENT, "slots", () -> g.hold(7, "COURT-1", g.startAt(8), slots));
        }
        g.assertRefused(ResultCode.INVALID_ARGUMENT, "slots", () -> g.hold(7, "COURT-1", g.startAt(21), 2));
        g.assertRefused(ResultCode.INVALID_ARGUMENT, "slots", () -> g.hold(7, "COURT-1", g.startAt(12), 11));
        assertThat(g.hold(7, "COURT-1", g.startAt(20), 2).code()).as("up to closing").isEqualTo(ResultCode.OK);
        assertThat(g.hold(8, "COURT-2", g.startAt(8), 14).code()).as("the whole day").isEqualTo(ResultCode.OK);
    }

    @Test
    void anUnknownVenueOrResourceIsNotFound()
    {
        for (final long venueId : new long[] {0, 2, -1, Long.MAX_VALUE})
        {
            f.assertRefused(ResultCode.VENUE_NOT_FOUND, () -> f.venues.hold(venueId, 7, "COURT-1", f.startAt(9), 1));
        }
        f.assertRefused(ResultCode.RESOURCE_NOT_FOUND, "resourceCode", () -> f.hold(7, "COURT-5", f.startAt(9), 1));
        f.assertRefused(ResultCode.RESOURCE_NOT_FOUND, "resourceCode", () -> f.hold(7, "court-1", f.startAt(9), 1));
        f.assertRefused(ResultCode.RESOURCE_NOT_FOUND, "resourceCode", () -> f.hold(7, "COURT-", f.startAt(9), 1));
    }

    @Test
    void everyResourceOfAVenueWithTheMostResourcesIsFoundByItsCodeAndOnlyByIt()
    {
        final List<String> codes = new ArrayList<>();
        for (int r = 1; r <= EngineContext.MAX_RESOURCES_PER_VENUE_DEFAULT; r++)
        {
            codes.add(r % 2 == 0 ? "LANE-" + r : "lane_" + r + "-ABCDEFGH".substring(0, r % 9));
        }
        final VenueFixture g = new VenueFixture(EngineDriver.smallContext()
            .maxResourcesPerVenue(EngineContext.MAX_RESOURCES_PER_VENUE_DEFAULT), VenueDriver.Venue.standard(1)
            .withResources(codes));
        for (int r = 0; r < codes.size(); r++)
        {
            final long holdId = g.held(1000 + r, codes.get(r), g.startAt(9), 1);
            assertThat(g.venues.bookingsOf(1000 + r).holds().get(0).resourceCode()).as("hold %d", holdId)
                .isEqualTo(codes.get(r));
        }
        for (final String unknown : new String[] {"LANE-65", "LANE-1", "lane_2", "LANE-64X", "LANE-3", "ANE-64"})
        {
            g.assertRefused(ResultCode.RESOURCE_NOT_FOUND, "resourceCode", () -> g.hold(7, unknown, g.startAt(9), 1));
        }
    }

    @Test
    void aMalformedResourceCodeIsAnInvalidArgument()
    {
        f.assertRefused(ResultCode.INVALID_ARGUMENT, "resourceCode", () -> f.hold(7, "COURT 1", f.startAt(9), 1));
        f.assertRefused(ResultCode.INVALID_ARGUMENT, "resourceCode", () -> f.hold(7, "", f.startAt(9), 1));
    }

    @Test
    void aMalformedResourceCodeIsTheAnswerWhateverElseIsWrong()
    {
        f.assertRefused(ResultCode.INVALID_ARGUMENT, "resourceCode", () -> f.hold(0, "COURT 1", f.startAt(9), 1));
        f.assertRefused(ResultCode.INVALID_ARGUMENT, "resourceCode", () -> f.venues.hold(99, 7, "COURT 1", f.startAt(9), 1));
        f.assertRefused(ResultCode.INVALID_ARGUMENT, "resourceCode", () -> f.venues.hold(99, 0, "", f.startAt(9), 0));
        f.assertRefused(ResultCode.INVALID_ARGUMENT, "resourceCode", () -> f.hold(7, "COURT 1", f.startAt(9) + 1, 0));
        assertThat(f.bookingsOf(7).holds()).isEmpty();
    }

    @Test
    void theUserIdIsOneToTwoToTheFiftyThreeMinusOne()
    {
        for (final long userId : new long[] {0, -1, MAX_USER_ID + 1, Long.MAX_VALUE, Long.MIN_VALUE})
        {
            f.assertRefused(ResultCode.INVALID_ARGUMENT, "userId", () -> f.hold(userId, "COURT-1", f.startAt(9), 1));
        }
        assertThat(f.hold(MAX_USER_ID, "COURT-1", f.startAt(9), 1).code()).isEqualTo(ResultCode.OK);
        assertThat(f.bookingsOf(MAX_USER_ID).holds()).hasSize(1);
    }

    @Test
    void whenSeveralRulesFailTheFirstInApiOrderIsReported()
    {
        // One no-show bans: user 7 books 09:00 and 12:00 (the day's limit of 2), misses 09:00 and is banned.
        final VenueFixture g = new VenueFixture(VenueDriver.Venue.standard(4).withBans(1, 30));
        g.booked(7, "COURT-1", g.startAt(9), 1);
        g.booked(7, "COURT-1", g.startAt(12), 1);
        g.advanceTo(g.startAt(9) + 15 * MINUTE + 1);
        g.booked(8, "COURT-2", g.startAt(12), 2);
        final long nine = g.startAt(9);
        final long noon = g.startAt(12);
        final long notReleased = g.startAt(PLAY_DAY.plusDays(8), 12, 0);

        g.assertRefused(ResultCode.INVALID_ARGUMENT, "userId", () -> g.venues.hold(99, 0, "COURT-9", nine + 1, 0));
        g.assertRefused(ResultCode.VENUE_NOT_FOUND, () -> g.venues.hold(99, 7, "COURT-9", nine + 1, 0));
        g.assertRefused(ResultCode.RESOURCE_NOT_FOUND, "resourceCode", () -> g.hold(7, "COURT-9", nine + 1, 0));
        g.assertRefused(ResultCode.INVALID_ARGUMENT, "startAt", () -> g.hold(7, "COURT-1", nine + 1, 0));
        g.assertRefused(ResultCode.INVALID_ARGUMENT, "slots", () -> g.hold(7, "COURT-1", nine, 0));
        g.assertRefused(ResultCode.PAST, () -> g.hold(7, "COURT-1", nine, 1));
        g.assertRefused(ResultCode.NOT_RELEASED, () -> g.hold(7, "COURT-1", notReleased, 3));
        g.assertRefused(ResultCode.BANNED, () -> g.hold(7, "COURT-1", noon, 1));
        g.assertRefused(ResultCode.LIMIT_REACHED, () -> g.hold(8, "COURT-1", noon, 1));
        g.assertRefused(ResultCode.SLOT_TAKEN, () -> g.hold(9, "COURT-1", noon, 1));
        assertThat(g.hold(9, "COURT-3", noon, 1).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void theEngineHoldsAtMostMaxReservationsEverPlaced()
    {
        final VenueFixture g = new VenueFixture(EngineDriver.smallContext().maxReservations(2),
            VenueDriver.Venue.standard(4));
        final long first = g.held(7, "COURT-1", g.startAt(9), 1);
        g.held(8, "COURT-1", g.startAt(10), 1);
        g.assertRefused(ResultCode.SLOT_TAKEN, () -> g.hold(9, "COURT-1", g.startAt(9), 1));
        g.assertRefused(ResultCode.CAPACITY_REACHED, () -> g.hold(9, "COURT-2", g.startAt(9), 1));
        assertThat(g.venues.release(first, 7).code()).isEqualTo(ResultCode.OK);
        g.assertRefused(ResultCode.CAPACITY_REACHED, () -> g.hold(9, "COURT-1", g.startAt(9), 1));
    }
}
