package io.startline.engine.race;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.RaceDriver;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.startline.engine.race.RaceFixture.CLOSES_AT;
import static io.startline.engine.race.RaceFixture.assertRefusalChangesNothing;
import static io.startline.engine.race.RaceFixture.person;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entitlements (API.md, POST /api/races/{raceId}/entitlements): a grant carries a pool, a weight
 * or both, never neither; an unknown pool is POOL_NOT_FOUND; the weight stays within the engine's
 * limit; grants end when registration closes; a race-wide pool counts only in categories that
 * have it; grants made before close count for entries made earlier. Each refusal changes nothing.
 */
class EntitlementTest
{
    private final RaceFixture f = new RaceFixture();

    @Test
    void aGrantWithAPoolAnswersHowManyPersonsItCovers()
    {
        final RaceDriver.Result granted = f.races.grant(f.raceId, "LOCAL", 0, person(1), person(2), person(3));
        assertThat(granted.code()).isEqualTo(ResultCode.OK);
        assertThat(granted.id()).isEqualTo(3);
        f.enter(1);
        f.closeRegistration();
        assertThat(f.row(1).pools()).containsExactly("LOCAL");
        assertThat(f.row(1).weight()).as("a pool grant leaves the default weight").isEqualTo(1);
    }

    @Test
    void aGrantWithOnlyAWeightSetsTheBallotWeight()
    {
        assertThat(f.races.grant(f.raceId, null, 3, person(1)).code()).isEqualTo(ResultCode.OK);
        f.enter(1);
        f.enter(2);
        f.closeRegistration();
        assertThat(f.row(1).weight()).isEqualTo(3);
        assertThat(f.row(1).pools()).isEmpty();
        assertThat(f.row(2).weight()).as("the default").isEqualTo(1);
    }

    @Test
    void aGrantMayCarryAPoolAndAWeightTogether()
    {
        assertThat(f.races.grant(f.raceId, "ELITE", 2, person(1)).code()).isEqualTo(ResultCode.OK);
        f.enter(1);
        f.closeRegistration();
        assertThat(f.row(1).pools()).containsExactly("ELITE");
        assertThat(f.row(1).weight()).isEqualTo(2);
    }

    @Test
    void grantsToOnePersonAddUp()
    {
        f.grant("LOCAL", 0, 1);
        f.grant("ELITE", 0, 1);
        f.grant(null, 4, 1);
        f.enter(1);
        f.closeRegistration();
        assertThat(f.row(1).pools()).containsExactly("ELITE", "LOCAL");
        assertThat(f.row(1).weight()).isEqualTo(4);
    }

    @Test
    void aGrantAfterTheEntryButBeforeCloseCounts()
    {
        f.enter(1);
        f.grant("LOCAL", 2, 1);
        f.closeRegistration();
        assertThat(f.row(1).pools()).containsExactly("LOCAL");
        assertThat(f.row(1).weight()).isEqualTo(2);
    }

    @Test
    void aGrantWithNeitherPoolNorWeightIsRefused()
    {
        final RaceDriver.Result refused = f.races.grant(f.raceId, null, 0, person(1));
        assertThat(refused.code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(refused.field()).isIn("pool", "weight");
        assertRefusalChangesNothing(g -> { }, g -> g.races.grant(g.raceId, null, 0, person(1)).code());
    }

    @Test
    void aGrantForAnUnknownPoolIsRefused()
    {
        assertThat(f.races.grant(f.raceId, "VIP", 0, person(1)).code()).isEqualTo(ResultCode.POOL_NOT_FOUND);
        assertThat(f.races.grant(f.raceId, "VIP", 2, person(1)).code()).isEqualTo(ResultCode.POOL_NOT_FOUND);
        assertRefusalChangesNothing(g -> { }, g -> g.races.grant(g.raceId, "VIP", 0, person(1)).code());
    }

    @Test
    void aGrantForAnUnknownRaceIsRefused()
    {
        assertThat(f.races.grant(999, "LOCAL", 0, person(1)).code()).isEqualTo(ResultCode.RACE_NOT_FOUND);
        assertRefusalChangesNothing(g -> { }, g -> g.races.grant(999, "LOCAL", 0, person(1)).code());
    }

    @Test
    void aGrantAfterRegistrationClosesIsRefused()
    {
        f.engine.advanceTo(CLOSES_AT);
        assertThat(f.races.grant(f.raceId, "LOCAL", 0, person(1)).code()).isEqualTo(ResultCode.CLOSED);
        assertThat(f.races.grant(f.raceId, null, 2, person(1)).code()).isEqualTo(ResultCode.CLOSED);
        assertRefusalChangesNothing(g -> g.engine.advanceTo(CLOSES_AT),
            g -> g.races.grant(g.raceId, "LOCAL", 0, person(1)).code());
    }

    @Test
    void aWeightAboveTheEngineLimitIsRefused()
    {
        final RaceDriver.Result refused = f.races.grant(f.raceId, null, 101, person(1));
        assertThat(refused.code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(refused.field()).isEqualTo("weight");
        assertThat(f.races.grant(f.raceId, null, -1, person(1)).code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertRefusalChangesNothing(g -> { }, g -> g.races.grant(g.raceId, null, 101, person(1)).code());
        assertThat(f.races.grant(f.raceId, null, 100, person(1)).code()).as("the limit itself")
            .isEqualTo(ResultCode.OK);
    }

    @Test
    void aGrantWithoutPersonsOrWithAnAllZeroKeyIsRefused()
    {
        final RaceDriver.Result empty = f.races.grant(f.raceId, "LOCAL", 0);
        assertThat(empty.code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(empty.field()).isEqualTo("personIds");
        final RaceDriver.Result zero = f.races.grant(f.raceId, "LOCAL", 0, person(1), new long[] {0, 0});
        assertThat(zero.code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(zero.field()).isEqualTo("personIds");
        assertRefusalChangesNothing(g -> { },
            g -> g.races.grant(g.raceId, "LOCAL", 0, person(1), new long[] {0, 0}).code());
    }

    @Test
    void aPoolEntitlementCountsOnlyInCategoriesThatHaveThePool()
    {
        f.grant("ELITE", 0, 1, 2);
        f.grant("LOCAL", 0, 3, 4);
        f.enter(1, "FULL");
        f.enter(2, "HALF");
        f.enter(3, "FULL");
        f.enter(4, "HALF");
        f.closeRegistration();
        assertThat(f.row(1).pools()).as("FULL has ELITE").isEqualTo(List.of("ELITE"));
        assertThat(f.row(2).pools()).as("HALF has no ELITE pool").isEmpty();
        assertThat(f.row(3).pools()).isEqualTo(List.of("LOCAL"));
        assertThat(f.row(4).pools()).as("LOCAL is one pool in both categories").isEqualTo(List.of("LOCAL"));

        f.draw();
        assertThat(f.row(2).pool()).as("drawn from the general pool").isEqualTo("GENERAL");
        assertThat(f.row(4).pool()).isEqualTo("LOCAL");
    }
}
