package io.startline.gateway.http;

import io.startline.engine.EngineContext;
import io.startline.engine.race.Races;
import io.startline.engine.support.Ids;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.voucher.VoucherCampaigns;
import io.startline.gateway.http.routes.RaceRoutes;
import io.startline.gateway.http.routes.VoucherRoutes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's bounds are the engine's: with the engine configured to the highest limits it
 * takes, a request at each bound is accepted and one past it is a 400 naming the field, before
 * anything is journaled. (Bounds the gateway once wrote down for itself had drifted: 3,650 days
 * against the engine's 3,660, a per-user limit of 1,000,000 against 1,000.) A bulk route takes its
 * documented maximum in one request.
 */
class RouteLimitsTest
{
    @TempDir
    static Path dir;

    /** Store ids as long as they come: 16 digits, up to 2^53 − 1. */
    private static final long LONGEST_STORE_ID = 9_007_199_254_000_000L;

    private static TestNode node;
    private static String admin;

    @BeforeAll
    static void start()
    {
        node = new TestNode(dir, EngineDriver.smallContext()
            .maxTiersPerCampaign(EngineContext.MAX_TIERS_PER_CAMPAIGN_CEILING)
            .maxStoresPerCampaign(EngineContext.MAX_STORES_PER_CAMPAIGN_CEILING)
            .maxCategoriesPerRace(EngineContext.MAX_CATEGORIES_PER_RACE_CEILING)
            .maxPoolsPerRace(EngineContext.MAX_POOLS_PER_RACE_CEILING)
            .maxPersonsPerGrant(EngineContext.MAX_PERSONS_PER_GRANT_CEILING)
            .maxEntitlements(1 << 16)
            .maxGroupSizeLimit(EngineContext.MAX_GROUP_SIZE_LIMIT_CEILING)
            .maxBallotWeight(EngineContext.MAX_BALLOT_WEIGHT_CEILING)
            .maxResourcesPerVenue(EngineContext.MAX_RESOURCES_PER_VENUE_CEILING)
            .maxReleaseDaysAhead(EngineContext.MAX_RELEASE_DAYS_AHEAD_CEILING)
            .maxCalendarSlots(1 << 20));
        admin = node.token(Role.ADMIN, 1);
    }

    @AfterAll
    static void stop()
    {
        node.close();
    }

    @Test
    void aCampaignTakesTheEnginesBounds()
    {
        atTheBoundAndOnePast("/api/campaigns", "validDaysAfterClaim", VoucherCampaigns.VALID_DAYS_MAX,
            days -> campaign(days, 1, 1, 2));
        atTheBoundAndOnePast("/api/campaigns", "perUserLimit", VoucherCampaigns.PER_USER_LIMIT_MAX,
            limit -> campaign(7, limit, 1, 2));
        atTheBoundAndOnePast("/api/campaigns", "tiers", EngineContext.MAX_TIERS_PER_CAMPAIGN_CEILING,
            tiers -> campaign(7, 1, tiers, 2));
    }

    @Test
    void aCampaignsAmountsAndStoresTakeTheEnginesBoundsSoNoneIsJournaledToBeRefused()
    {
        final String campaign = campaign(7, 1, 1, 1);
        atTheLongBoundAndOnePast("/api/campaigns", "budgetFen", VoucherCampaigns.BUDGET_MAX_FEN,
            budget -> campaign.replace("\"budgetFen\":100000000", "\"budgetFen\":" + budget));
        atTheLongBoundAndOnePast("/api/campaigns", "tiers[0].thresholdFen", VoucherCampaigns.ORDER_AMOUNT_MAX_FEN,
            threshold -> campaign.replace("\"thresholdFen\":200", "\"thresholdFen\":" + threshold));
        atTheLongBoundAndOnePast("/api/campaigns", "storeIds[0]", Ids.EXTERNAL_ID_MAX,
            storeId -> campaign(7, 1, 1, 1, storeId));
        final long before = node.journaled();
        assertRefused(node.post("/api/campaigns", admin, campaign.replace("\"faceValueFen\":100",
            "\"faceValueFen\":" + (VoucherCampaigns.BUDGET_MAX_FEN + 1))), "tiers[0].faceValueFen");
        assertRefused(node.post("/api/redemptions", node.merchant(1), "{\"voucherCode\":\"1\",\"orderAmountFen\":" +
            (VoucherCampaigns.ORDER_AMOUNT_MAX_FEN + 1) + ",\"merchantTxnId\":\"pos-1\"}"), "orderAmountFen");
        assertThat(node.journaled()).as("nothing journaled").isEqualTo(before);
    }

    @Test
    void aCampaignOfTheDocumentedMaximumOfStoresIsTakenInOneRequest()
    {
        final String body = campaign(7, 1, 1, EngineContext.MAX_STORES_PER_CAMPAIGN_DEFAULT, LONGEST_STORE_ID);
        assertThat(body.length()).isGreaterThan(GatewayContext.MAX_BODY_BYTES_DEFAULT)
            .isLessThanOrEqualTo(VoucherRoutes.CAMPAIGN_MAX_BODY_BYTES);
        final TestNode.Response created = node.post("/api/campaigns", admin, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    @Test
    void aDropTakesTheEnginesPerUserLimit()
    {
        final long campaignId = node.post("/api/campaigns", admin, campaign(7, 1, 1, 2)).json().get("campaignId").asLong();
        atTheBoundAndOnePast("/api/campaigns/" + campaignId + "/drops", "perUserLimit",
            VoucherCampaigns.PER_USER_LIMIT_MAX, limit -> "{\"tierCode\":\"T0\",\"quantity\":10,\"startsAt\":" +
                System.currentTimeMillis() + ",\"perUserLimit\":" + limit + "}");
    }

    @Test
    void aRaceTakesTheEnginesBounds()
    {
        atTheBoundAndOnePast("/api/races", "maxGroupSize", EngineContext.MAX_GROUP_SIZE_LIMIT_CEILING,
            size -> race(size, 1, 1));
        atTheBoundAndOnePast("/api/races", "categories", EngineContext.MAX_CATEGORIES_PER_RACE_CEILING,
            categories -> race(2, categories, 1));
        atTheBoundAndOnePast("/api/races", "categories[0].pools", EngineContext.MAX_POOLS_PER_RACE_CEILING,
            pools -> race(2, 1, pools));
    }

    @Test
    void anEntitlementGrantTakesTheEnginesWeightAndItsDocumentedMaximumOfPersonsInOneRequest()
    {
        final long raceId = node.post("/api/races", admin, race(2, 1, 1)).json().get("raceId").asLong();
        final String path = "/api/races/" + raceId + "/entitlements";
        atTheBoundAndOnePast(path, "weight", EngineContext.MAX_BALLOT_WEIGHT_CEILING,
            weight -> "{\"weight\":" + weight + ",\"personIds\":[\"" + RaceApiTest.nationalId(0) + "\"]}");

        final String grant = grant(EngineContext.MAX_PERSONS_PER_GRANT_DEFAULT);
        assertThat(grant.length()).isGreaterThan(GatewayContext.MAX_BODY_BYTES_DEFAULT)
            .isLessThanOrEqualTo(RaceRoutes.ENTITLEMENTS_MAX_BODY_BYTES);
        final TestNode.Response granted = node.post(path, admin, grant);
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
    }

    @Test
    void aVenueTakesTheEnginesBounds()
    {
        atTheBoundAndOnePast("/api/venues", "resources", EngineContext.MAX_RESOURCES_PER_VENUE_CEILING,
            resources -> venue(resources, 7));
        atTheBoundAndOnePast("/api/venues", "releaseDaysAhead", EngineContext.MAX_RELEASE_DAYS_AHEAD_CEILING,
            days -> venue(1, days));
    }

    @Test
    void aParticipantNameOverTheEnginesBytesIsRefusedByTheGateway()
    {
        final long raceId = node.post("/api/races", admin, race(2, 1, 1)).json().get("raceId").asLong();
        final String participant = node.token(Role.PARTICIPANT, 9);
        final TestNode.Response longName = node.post("/api/races/" + raceId + "/entries", participant,
            RaceApiTest.entry("C0", RaceApiTest.nationalId(1), null).replace("\"name\":\"", "\"name\":\"" +
                "x".repeat(Races.PERSON_NAME_MAX_BYTES)));
        assertRefused(longName, "name");
    }

    @Test
    void anOrganisersCodeFollowsTheEnginesOneRuleInEveryDomain()
    {
        final long before = node.journaled();
        assertRefused(node.post("/api/campaigns", admin, campaign(7, 1, 1, 2).replace("\"T0\"", "\"T.0\"")),
            "tiers[0].code");
        assertRefused(node.post("/api/races", admin, race(2, 1, 0).replace("\"C0\"", "\"C 0\"")),
            "categories[0].code");
        assertRefused(node.post("/api/venues", admin, venue(1, 7).replace("\"R0\"", "\"R/0\"")),
            "resources[0].code");
        assertThat(node.journaled()).as("nothing journaled").isEqualTo(before);
        final TestNode.Response accepted = node.post("/api/campaigns", admin,
            campaign(7, 1, 1, 2).replace("\"T0\"", "\"Tier-5_a\""));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
    }

    private static void atTheBoundAndOnePast(final String path, final String field, final int bound,
        final IntFunction<String> body)
    {
        atTheLongBoundAndOnePast(path, field, bound, value -> body.apply((int)value));
    }

    private static void atTheLongBoundAndOnePast(final String path, final String field, final long bound,
        final LongFunction<String> body)
    {
        final TestNode.Response at = node.post(path, admin, body.apply(bound));
        assertThat(at.status()).as("%s = %d at %s: %s", field, bound, path, at).isBetween(200, 201);
        final long before = node.journaled();
        assertRefused(node.post(path, admin, body.apply(bound + 1)), field);
        assertThat(node.journaled()).as("nothing journaled").isEqualTo(before);
    }

    private static void assertRefused(final TestNode.Response response, final String field)
    {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("error").path("field").asText()).as(response.toString()).isEqualTo(field);
    }

    private static String campaign(final int validDays, final int perUserLimit, final int tiers, final int stores)
    {
        return campaign(validDays, perUserLimit, tiers, stores, 1);
    }

    private static String campaign(final int validDays, final int perUserLimit, final int tiers, final int stores,
        final long firstStoreId)
    {
        final StringJoiner tierList = new StringJoiner(",", "[", "]");
        for (int i = 0; i < tiers; i++)
        {
            tierList.add("{\"code\":\"T" + i + "\",\"faceValueFen\":100,\"thresholdFen\":200}");
        }
        final StringJoiner storeList = new StringJoiner(",", "[", "]");
        for (int i = 0; i < stores; i++)
        {
            storeList.add(Long.toString(firstStoreId + i));
        }
        return "{\"name\":\"Limits\",\"budgetFen\":100000000,\"validDaysAfterClaim\":" + validDays + ",\"validUntil\":" +
            (System.currentTimeMillis() + 30L * 86_400_000) + ",\"perUserLimit\":" + perUserLimit + ",\"tiers\":" +
            tierList + ",\"storeIds\":" + storeList + "}";
    }

    private static String race(final int maxGroupSize, final int categories, final int pools)
    {
        final long now = System.currentTimeMillis();
        final StringJoiner categoryList = new StringJoiner(",", "[", "]");
        for (int c = 0; c < categories; c++)
        {
            final StringJoiner poolList = new StringJoiner(",", "[", "]");
            for (int p = 0; p < (c == 0 ? pools : 0); p++)
            {
                poolList.add("{\"code\":\"P" + p + "\",\"places\":1}");
            }
            categoryList.add("{\"code\":\"C" + c + "\",\"capacity\":" + (pools + 10) + ",\"feeFen\":100,\"pools\":" +
                poolList + "}");
        }
        return "{\"name\":\"Limits\",\"raceDate\":\"2027-04-12\",\"mode\":\"LOTTERY\",\"registrationOpensAt\":" +
            (now - 1_000) + ",\"registrationClosesAt\":" + (now + 3_600_000) + ",\"paymentWindowMs\":60000," +
            "\"maxGroupSize\":" + maxGroupSize + ",\"categories\":" + categoryList + "}";
    }

    private static String grant(final int persons)
    {
        final StringJoiner ids = new StringJoiner("\",\"", "[\"", "\"]");
        for (int i = 0; i < persons; i++)
        {
            ids.add(RaceApiTest.nationalId(i));
        }
        return "{\"weight\":2,\"personIds\":" + ids + "}";
    }

    private static String venue(final int resources, final int releaseDaysAhead)
    {
        final StringJoiner resourceList = new StringJoiner(",", "[", "]");
        for (int i = 0; i < resources; i++)
        {
            resourceList.add("{\"code\":\"R" + i + "\",\"name\":\"Court " + i + "\"}");
        }
        return "{\"name\":\"Limits\",\"utcOffsetMinutes\":480,\"resources\":" + resourceList + ",\"opensMinuteOfDay\":480," +
            "\"closesMinuteOfDay\":540,\"slotMinutes\":60,\"priceFen\":5000,\"releaseDaysAhead\":" + releaseDaysAhead +
            ",\"releaseMinuteOfDay\":0,\"maxSlotsPerUserPerDay\":1,\"holdTimeoutMs\":600000,\"cancelCutoffMs\":3600000," +
            "\"checkInEarlyMs\":900000,\"checkInLateMs\":900000,\"noShowStrikesForBan\":3,\"banDays\":30}";
    }
}
