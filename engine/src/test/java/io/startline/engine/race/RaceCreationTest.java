package io.startline.engine.race;

import io.startline.engine.codec.RaceMode;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.RaceDriver;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.startline.engine.race.RaceFixture.CLOSES_AT;
import static io.startline.engine.race.RaceFixture.FULL;
import static io.startline.engine.race.RaceFixture.HALF;
import static io.startline.engine.race.RaceFixture.PAYMENT_WINDOW_MS;
import static io.startline.engine.race.RaceFixture.RACE_DATE;
import static io.startline.engine.race.RaceFixture.T0;
import static io.startline.engine.race.RaceFixture.assertRefusalChangesNothing;
import static io.startline.engine.race.RaceFixture.lotteryRace;
import static io.startline.engine.race.RaceFixture.race;
import static io.startline.engine.race.RaceFixture.raceWith;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating a race (API.md, POST /api/races): a valid race gets an id, a requested id is kept
 * unless taken, every malformed field is INVALID_ARGUMENT naming the field, and the engine's
 * race limit is CAPACITY_REACHED. Each refusal changes nothing.
 */
class RaceCreationTest
{
    private final RaceFixture f = new RaceFixture();

    @Test
    void aValidRaceIsCreatedWithAnIdAndItsCategories()
    {
        assertThat(f.raceId).isPositive();
        final RaceDriver.RaceView view = f.races.race(f.raceId);
        assertThat(view.code()).isEqualTo(ResultCode.OK);
        assertThat(view.raceId()).isEqualTo(f.raceId);
        assertThat(view.closed()).isFalse();
        assertThat(view.drawn()).isFalse();
        assertThat(view.categories()).extracting(RaceDriver.CategoryCounts::code).containsExactly("FULL", "HALF");
        assertThat(view.categories()).extracting(RaceDriver.CategoryCounts::capacity).containsExactly(10, 6);
    }

    @Test
    void aSecondRaceGetsAnotherId()
    {
        final RaceDriver.Result second = f.races.createRace(lotteryRace());
        assertThat(second.code()).isEqualTo(ResultCode.OK);
        assertThat(second.id()).isPositive().isNotEqualTo(f.raceId);
    }

    @Test
    void aRequestedRaceIdIsHonoured()
    {
        final RaceDriver.Result created = f.races.createRace(lotteryRace().withRequestedRaceId(42));
        assertThat(created.code()).isEqualTo(ResultCode.OK);
        assertThat(created.id()).isEqualTo(42);
        assertThat(f.races.race(42).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void aRequestedRaceIdAlreadyInUseIsRefused()
    {
        f.races.createRace(lotteryRace().withRequestedRaceId(42));
        final RaceDriver.Result again = f.races.createRace(lotteryRace().withRequestedRaceId(42));
        assertThat(again.code()).isEqualTo(ResultCode.RACE_ID_TAKEN);
        assertThat(f.races.createRace(lotteryRace().withRequestedRaceId(f.raceId)).code())
            .as("the fixture's own, engine-assigned id").isEqualTo(ResultCode.RACE_ID_TAKEN);
        assertRefusalChangesNothing(
            g -> g.races.createRace(lotteryRace().withRequestedRaceId(42)),
            g -> g.races.createRace(lotteryRace().withRequestedRaceId(42)).code());
    }

    @Test
    void aBlankNameIsRefused()
    {
        assertInvalid(named(""), "name");
        assertInvalid(named("   "), "name");
    }

    @Test
    void registrationMustCloseAfterItOpens()
    {
        assertInvalid(race("Spring", RACE_DATE, T0, T0, PAYMENT_WINDOW_MS, List.of(FULL)), "registrationClosesAt");
        assertInvalid(race("Spring", RACE_DATE, T0, T0 - 1, PAYMENT_WINDOW_MS, List.of(FULL)), "registrationClosesAt");
        assertThat(f.races.createRace(race("Spring", RACE_DATE, T0, T0 + 1, PAYMENT_WINDOW_MS, List.of(FULL))).code())
            .as("one millisecond of registration is enough").isEqualTo(ResultCode.OK);
    }

    @Test
    void thePaymentWindowMustBeAtLeastOneMillisecond()
    {
        assertInvalid(race("Spring", RACE_DATE, T0, CLOSES_AT, 0, List.of(FULL)), "paymentWindowMs");
        assertInvalid(race("Spring", RACE_DATE, T0, CLOSES_AT, -1, List.of(FULL)), "paymentWindowMs");
        assertThat(f.races.createRace(race("Spring", RACE_DATE, T0, CLOSES_AT, 1, List.of(FULL))).code())
            .isEqualTo(ResultCode.OK);
    }

    @Test
    void theMaxGroupSizeMustBeAtLeastOneAndWithinTheEngineLimit()
    {
        assertInvalid(lotteryRace().withMaxGroupSize(0), "maxGroupSize");
        assertInvalid(lotteryRace().withMaxGroupSize(21), "maxGroupSize");
        assertThat(f.races.createRace(lotteryRace().withMaxGroupSize(20)).code())
            .as("the default limit itself").isEqualTo(ResultCode.OK);
        assertThat(f.races.createRace(lotteryRace().withMaxGroupSize(1)).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void aRaceWithoutCategoriesIsRefused()
    {
        assertInvalid(raceWith(), "categories");
    }

    @Test
    void twoCategoriesWithTheSameCodeAreRefused()
    {
        assertInvalid(raceWith(FULL, HALF, FULL), "categories.code");
    }

    @Test
    void aCategoryWithoutPlacesIsRefused()
    {
        assertInvalid(raceWith(category("FULL", 0, 18, 80), HALF), "categories.capacity");
    }

    @Test
    void aMinimumAgeAboveTheMaximumIsRefused()
    {
        final RaceDriver.Race race = raceWith(category("FULL", 10, 41, 40));
        final RaceDriver.Result result = f.races.createRace(race);
        assertThat(result.code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(result.field()).isIn("categories.minAge", "categories.maxAge");
        assertRefusalChangesNothing(g -> { }, g -> g.races.createRace(race).code());
        assertThat(f.races.createRace(raceWith(category("FULL", 10, 40, 40))).code())
            .as("a single age is a range").isEqualTo(ResultCode.OK);
    }

    @Test
    void aPoolWithoutPlacesIsRefused()
    {
        assertInvalid(raceWith(withPools(FULL, new RaceDriver.Pool("ELITE", 0, true))), "categories.pools.places");
    }

    @Test
    void reservedPlacesAboveTheCapacityAreRefused()
    {
        assertInvalid(raceWith(withPools(category("FULL", 10, 18, 80),
            new RaceDriver.Pool("ELITE", 6, true), new RaceDriver.Pool("LOCAL", 5, false))), "categories.pools.places");
        assertThat(f.races.createRace(raceWith(withPools(category("FULL", 10, 18, 80),
            new RaceDriver.Pool("ELITE", 5, true), new RaceDriver.Pool("LOCAL", 5, false)))).code())
            .as("every place reserved is allowed").isEqualTo(ResultCode.OK);
    }

    @Test
    void aPoolCodeTwiceInOneCategoryIsRefused()
    {
        assertInvalid(raceWith(withPools(FULL, new RaceDriver.Pool("LOCAL", 1, false),
            new RaceDriver.Pool("LOCAL", 2, false))), "categories.pools.code");
    }

    @Test
    void theSamePoolCodeInTwoCategoriesIsOnePoolAndAllowed()
    {
        assertThat(f.races.createRace(raceWith(FULL, HALF)).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void aPoolMayNotBeCalledGeneralOrWaitlist()
    {
        assertInvalid(raceWith(withPools(FULL, new RaceDriver.Pool("GENERAL", 1, false))), "categories.pools.code");
        assertInvalid(raceWith(withPools(FULL, new RaceDriver.Pool("WAITLIST", 1, false))), "categories.pools.code");
    }

    @Test
    void anUndefinedModeIsRefused()
    {
        assertInvalid(lotteryRace().withMode(RaceMode.NULL_VAL), "mode");
    }

    @Test
    void aFirstComeRaceIsCreatedLikeALotteryRace()
    {
        final RaceDriver.Result created = f.races.createRace(lotteryRace().withMode(RaceMode.FIRST_COME));
        assertThat(created.code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void racesPastTheEngineLimitAreRefused()
    {
        final RaceFixture one = new RaceFixture(EngineDriver.smallContext().maxRaces(1), lotteryRace());
        final RaceDriver.Result second = one.races.createRace(lotteryRace());
        assertThat(second.code()).isEqualTo(ResultCode.CAPACITY_REACHED);
        assertRefusalChangesNothing(() -> new RaceFixture(EngineDriver.smallContext().maxRaces(1), lotteryRace()),
            g -> { }, g -> g.races.createRace(lotteryRace()).code());
    }

    // ------------------------------------------------------------------ helpers

    private void assertInvalid(final RaceDriver.Race race, final String field)
    {
        final RaceDriver.Result result = f.races.createRace(race);
        assertThat(result.code()).as("refusal of %s", field).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(result.field()).isEqualTo(field);
        assertRefusalChangesNothing(g -> { }, g -> g.races.createRace(race).code());
    }

    private static RaceDriver.Race named(final String name)
    {
        return race(name, RACE_DATE, T0, CLOSES_AT, PAYMENT_WINDOW_MS, List.of(FULL, HALF));
    }

    private static RaceDriver.Category category(final String code, final int capacity, final int minAge,
        final int maxAge)
    {
        return new RaceDriver.Category(code, capacity, 20_000, minAge, maxAge, 1001, List.of());
    }

    private static RaceDriver.Category withPools(final RaceDriver.Category category, final RaceDriver.Pool... pools)
    {
        return new RaceDriver.Category(category.code(), category.capacity(), category.feeFen(), category.minAge(),
            category.maxAge(), category.bibFrom(), List.of(pools));
    }
}
