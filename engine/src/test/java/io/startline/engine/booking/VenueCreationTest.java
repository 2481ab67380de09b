package io.startline.engine.booking;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.VenueDriver;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.startline.engine.booking.VenueFixture.DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating a venue (API.md, POST /api/venues): every field's limits, the field a refusal
 * names, resource codes, and the engine's room for venues and calendar cells. Each refusal
 * changes nothing; venue ids run 1, 2, 3… in creation order.
 */
class VenueCreationTest
{
    private static final VenueDriver.Venue STANDARD = VenueDriver.Venue.standard(4);

    /** Creates the venue in a fresh engine and asserts it was accepted. */
    private static void accepted(final VenueDriver.Venue venue)
    {
        final VenueFixture f = VenueFixture.withoutVenue(EngineDriver.smallContext());
        final VenueDriver.Result created = f.venues.createVenue(venue);
        assertThat(created.code()).as("created: %s", created.field()).isEqualTo(ResultCode.OK);
        assertThat(created.id()).isEqualTo(1);
    }

    /** Creates the venue in a fresh engine and asserts INVALID_ARGUMENT naming the field, changing nothing. */
    private static void refused(final VenueDriver.Venue venue, final String field)
    {
        final VenueFixture f = VenueFixture.withoutVenue(EngineDriver.smallContext());
        f.assertRefused(ResultCode.INVALID_ARGUMENT, field, () -> f.venues.createVenue(venue));
    }

    private static List<String> courts(final int n)
    {
        return VenueDriver.Venue.standard(n).resourceCodes();
    }

    @Test
    void venueIdsRunInCreationOrderAndARefusalTakesNoId()
    {
        final VenueFixture f = VenueFixture.withoutVenue(EngineDriver.smallContext());
        assertThat(f.venues.createVenue(STANDARD).id()).isEqualTo(1);
        assertThat(f.venues.createVenue(STANDARD.withUtcOffsetMinutes(-300)).id()).isEqualTo(2);
        f.assertRefused(ResultCode.INVALID_ARGUMENT, "priceFen", () -> f.venues.createVenue(STANDARD.withPriceFen(-1)));
        assertThat(f.venues.createVenue(STANDARD).id()).isEqualTo(3);
    }

    @Test
    void theUtcOffsetIsWithinFourteenHoursEitherWay()
    {
        accepted(STANDARD.withUtcOffsetMinutes(-840));
        accepted(STANDARD.withUtcOffsetMinutes(840));
        accepted(STANDARD.withUtcOffsetMinutes(0));
        refused(STANDARD.withUtcOffsetMinutes(-841), "utcOffsetMinutes");
        refused(STANDARD.withUtcOffsetMinutes(841), "utcOffsetMinutes");
    }

    @Test
    void aVenueHasOneToMaxResourcesPerVenueResources()
    {
        accepted(STANDARD.withResources(courts(1)));
        accepted(STANDARD.withResources(courts(64)));
        refused(STANDARD.withResources(List.of()), "resources");
        refused(STANDARD.withResources(courts(65)), "resources");
    }

    @Test
    void theResourceLimitComesFromTheEngineContext()
    {
        final EngineContext context = EngineDriver.smallContext().maxResourcesPerVenue(3);
        final VenueFixture f = VenueFixture.withoutVenue(context);
        f.assertRefused(ResultCode.INVALID_ARGUMENT, "resources",
            () -> f.venues.createVenue(STANDARD.withResources(courts(4))));
        assertThat(f.venues.createVenue(STANDARD.withResources(courts(3))).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void resourceCodesAreOneToSixteenLettersDigitsDashesAndUnderscores()
    {
        accepted(STANDARD.withResources(List.of("A", "b", "0", "-", "_", "Court_9-b", "ABCDEFGHIJKLMNOP")));
        refused(STANDARD.withResources(List.of("COURT-1", "")), "resources.code");
        refused(STANDARD.withResources(List.of("COURT 1")), "resources.code");
        refused(STANDARD.withResources(List.of("COURT.1")), "resources.code");
        refused(STANDARD.withResources(List.of("COURT/1")), "resources.code");
        refused(STANDARD.withResources(List.of("\u00e9")), "resources.code");
        refused(STANDARD.withResources(List.of("A\u0000B")), "resources.code");
    }

    @Test
    void theRulesThemselvesRefuseAMalformedResourceCodeAsAHoldReliesOnThem()
    {
        // What the adapter checks before them: a hold takes a code that names a court as well-formed.
        final Venues venues = new Venues(EngineDriver.smallContext());
        final VenueSpec spec = VenueFixture.spec("COURT-1", "COURT-2");
        // COURT-2's first word moved into its second: a code whose first byte is NUL.
        spec.resourceCode1[1] = spec.resourceCode0[1];
        spec.resourceCode0[1] = 0;
        assertThat(venues.createVenue(spec, 0)).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(venues.outcome().rejectedField).isEqualTo("resources.code");
        assertThat(venues.venueCount()).isZero();
        spec.resourceCode0[1] = spec.resourceCode1[1];
        spec.resourceCode1[1] = 0;
        assertThat(venues.createVenue(spec, 0)).isEqualTo(ResultCode.OK);
    }

    @Test
    void resourceCodesAreUniqueWithinAVenueButCaseMatters()
    {
        refused(STANDARD.withResources(List.of("COURT-1", "COURT-2", "COURT-1")), "resources.code");
        refused(STANDARD.withResources(List.of("A", "A")), "resources.code");
        accepted(STANDARD.withResources(List.of("court-1", "COURT-1")));
    }

    @Test
    void twoVenuesMayUseTheSameResourceCodes()
    {
        final VenueFixture f = VenueFixture.withoutVenue(EngineDriver.smallContext());
        assertThat(f.venues.createVenue(STANDARD).code()).isEqualTo(ResultCode.OK);
        assertThat(f.venues.createVenue(STANDARD).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void theVenueOpensAtAMinuteOfTheDay()
    {
        accepted(STANDARD.withHours(0, 1320, 60));
        accepted(STANDARD.withHours(1435, 1440, 5).withMaxSlotsPerUserPerDay(1));
        refused(STANDARD.withHours(-1, 1320, 1), "opensMinuteOfDay");
        refused(STANDARD.withHours(1440, 1445, 5), "opensMinuteOfDay");
    }

    @Test
    void theVenueClosesAfterItOpensAndAtTheLatestAtMidnight()
    {
        accepted(STANDARD.withHours(0, 1440, 60));
        accepted(STANDARD.withHours(480, 485, 5).withMaxSlotsPerUserPerDay(1));
        refused(STANDARD.withHours(480, 480, 60), "closesMinuteOfDay");
        refused(STANDARD.withHours(480, 420, 60), "closesMinuteOfDay");
        refused(STANDARD.withHours(480, 1441, 1), "closesMinuteOfDay");
        refused(STANDARD.withHours(0, 1500, 60), "closesMinuteOfDay");
    }

    @Test
    void slotsAreAtLeastFiveMinutesAndDivideTheOpeningHours()
    {
        accepted(STANDARD.withHours(480, 1320, 5));
        accepted(STANDARD.withHours(480, 1320, 840).withMaxSlotsPerUserPerDay(1));
        accepted(STANDARD.withHours(0, 1440, 1440).withMaxSlotsPerUserPerDay(1));
        accepted(STANDARD.withHours(480, 1320, 7));
        refused(STANDARD.withHours(480, 1320, 4), "slotMinutes");
        refused(STANDARD.withHours(480, 1320, 0), "slotMinutes");
        refused(STANDARD.withHours(480, 1320, -60), "slotMinutes");
        refused(STANDARD.withHours(480, 1320, 50), "slotMinutes");
        refused(STANDARD.withHours(480, 1320, 1680), "slotMinutes");
    }

    @Test
    void thePriceIsZeroToOneHundredMillionFen()
    {
        accepted(STANDARD.withPriceFen(0));
        accepted(STANDARD.withPriceFen(100_000_000L));
        refused(STANDARD.withPriceFen(-1), "priceFen");
        refused(STANDARD.withPriceFen(100_000_001L), "priceFen");
    }

    @Test
    void slotsAreReleasedZeroToMaxReleaseDaysAheadDaysAhead()
    {
        accepted(STANDARD.withRelease(0, 480));
        accepted(STANDARD.withRelease(30, 480));
        refused(STANDARD.withRelease(-1, 480), "releaseDaysAhead");
        refused(STANDARD.withRelease(31, 480), "releaseDaysAhead");

        final VenueFixture f = VenueFixture.withoutVenue(EngineDriver.smallContext().maxReleaseDaysAhead(3));
        f.assertRefused(ResultCode.INVALID_ARGUMENT, "releaseDaysAhead",
            () -> f.venues.createVenue(STANDARD.withRelease(4, 480)));
        assertThat(f.venues.createVenue(STANDARD.withRelease(3, 480)).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void slotsAreReleasedAtAMinuteOfTheDay()
    {
        accepted(STANDARD.withRelease(7, 0));
        accepted(STANDARD.withRelease(7, 1439));
        refused(STANDARD.withRelease(7, -1), "releaseMinuteOfDay");
        refused(STANDARD.withRelease(7, 1440), "releaseMinuteOfDay");
    }

    @Test
    void theDailyLimitIsOneToTheSlotsOfADay()
    {
        accepted(STANDARD.withMaxSlotsPerUserPerDay(1));
        accepted(STANDARD.withMaxSlotsPerUserPerDay(14));
        refused(STANDARD.withMaxSlotsPerUserPerDay(0), "maxSlotsPerUserPerDay");
        refused(STANDARD.withMaxSlotsPerUserPerDay(15), "maxSlotsPerUserPerDay");
        refused(STANDARD.withHours(480, 1320, 840), "maxSlotsPerUserPerDay");
    }

    @Test
    void aHoldLastsOneSecondToOneDay()
    {
        accepted(times(1_000, 0, 0, 0));
        accepted(times(DAY, 0, 0, 0));
        refused(times(999, 0, 0, 0), "holdTimeoutMs");
        refused(times(0, 0, 0, 0), "holdTimeoutMs");
        refused(times(DAY + 1, 0, 0, 0), "holdTimeoutMs");
    }

    @Test
    void theCancelCutoffIsZeroToThirtyDays()
    {
        accepted(times(1_000, 0, 0, 0));
        accepted(times(1_000, 30 * DAY, 0, 0));
        refused(times(1_000, -1, 0, 0), "cancelCutoffMs");
        refused(times(1_000, 30 * DAY + 1, 0, 0), "cancelCutoffMs");
    }

    @Test
    void theCheckInWindowOpensAndClosesAtMostADayFromTheStart()
    {
        accepted(times(1_000, 0, DAY, DAY));
        refused(times(1_000, 0, -1, 0), "checkInEarlyMs");
        refused(times(1_000, 0, DAY + 1, 0), "checkInEarlyMs");
        refused(times(1_000, 0, 0, -1), "checkInLateMs");
        refused(times(1_000, 0, 0, DAY + 1), "checkInLateMs");
    }

    @Test
    void noShowsBanAfterZeroToTenStrikesForOneToThreeThousandSixHundredSixtyDays()
    {
        accepted(STANDARD.withBans(0, 1));
        accepted(STANDARD.withBans(10, 3660));
        refused(STANDARD.withBans(-1, 30), "noShowStrikesForBan");
        refused(STANDARD.withBans(11, 30), "noShowStrikesForBan");
        refused(STANDARD.withBans(3, 0), "banDays");
        refused(STANDARD.withBans(3, 3661), "banDays");
        refused(STANDARD.withBans(0, 0), "banDays");
    }

    @Test
    void theNameIsOneToTwoHundredBytesOfPrintableUtf8()
    {
        accepted(STANDARD.withName("x"));
        accepted(STANDARD.withName("n".repeat(200)));
        accepted(STANDARD.withName("\u4f53\u80b2\u4e2d\u5fc3".repeat(16) + "ab"));
        refused(STANDARD.withName(""), "name");
        refused(STANDARD.withName("n".repeat(201)), "name");
        refused(STANDARD.withName("\u4f53".repeat(67)), "name");
        refused(STANDARD.withName("City\nSports"), "name");
        refused(STANDARD.withName("City\u0000"), "name");
        refused(STANDARD.withName(" City"), "name");
        refused(STANDARD.withName("City "), "name");
    }

    @Test
    void theEngineHoldsAtMostMaxVenuesVenues()
    {
        final VenueFixture f = VenueFixture.withoutVenue(EngineDriver.smallContext().maxVenues(2));
        assertThat(f.venues.createVenue(STANDARD).id()).isEqualTo(1);
        assertThat(f.venues.createVenue(STANDARD).id()).isEqualTo(2);
        f.assertRefused(ResultCode.CAPACITY_REACHED, () -> f.venues.createVenue(STANDARD));
    }

    @Test
    void aVenueTakesReleaseDaysAheadPlusTwoDaysOfCalendarCellsForEachResourceAndSlot()
    {
        final int standardCells = (7 + 2) * 4 * 14;
        final VenueFixture f = VenueFixture.withoutVenue(
            EngineDriver.smallContext().maxCalendarSlots(2 * standardCells - 1));
        assertThat(f.venues.createVenue(STANDARD).code()).isEqualTo(ResultCode.OK);
        f.assertRefused(ResultCode.CAPACITY_REACHED, () -> f.venues.createVenue(STANDARD));
        // 3 courts: 9 × 3 × 14 = 378 cells fit in the 503 left.
        assertThat(f.venues.createVenue(STANDARD.withResources(courts(3))).id()).isEqualTo(2);
        // 125 left: releaseDaysAhead 0 keeps 2 days, 2 × 4 × 14 = 112.
        assertThat(f.venues.createVenue(STANDARD.withRelease(0, 480)).id()).isEqualTo(3);
        f.assertRefused(ResultCode.CAPACITY_REACHED,
            () -> f.venues.createVenue(STANDARD.withRelease(0, 480).withResources(courts(1))));
    }

    @Test
    void venuesFillingTheCalendarExactlyAreAccepted()
    {
        final int standardCells = (7 + 2) * 4 * 14;
        final VenueFixture f = VenueFixture.withoutVenue(
            EngineDriver.smallContext().maxCalendarSlots(2 * standardCells));
        assertThat(f.venues.createVenue(STANDARD).code()).isEqualTo(ResultCode.OK);
        assertThat(f.venues.createVenue(STANDARD).code()).isEqualTo(ResultCode.OK);
        f.assertRefused(ResultCode.CAPACITY_REACHED, () -> f.venues.createVenue(STANDARD.withResources(courts(1))));
    }

    @Test
    void anInvalidFieldIsReportedBeforeTheEngineBeingFull()
    {
        final VenueFixture f = VenueFixture.withoutVenue(EngineDriver.smallContext().maxVenues(1));
        assertThat(f.venues.createVenue(STANDARD).code()).isEqualTo(ResultCode.OK);
        f.assertRefused(ResultCode.INVALID_ARGUMENT, "banDays", () -> f.venues.createVenue(STANDARD.withBans(3, 0)));
    }

    private static VenueDriver.Venue times(
        final long holdTimeout, final long cancelCutoff, final long checkInEarly, final long checkInLate)
    {
        return STANDARD.withTimes(holdTimeout, cancelCutoff, checkInEarly, checkInLate);
    }
}
