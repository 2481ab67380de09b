package io.startline.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The voucher routes end to end over real HTTP: every route, every status class, every role.
 */
class VoucherApiTest
{
    @TempDir
    Path dataDir;

    private TestNode node;
    private String admin;
    private String alice;
    private String bob;
    private String merchant;
    private long campaignId;
    private long dropId;

    @BeforeEach
    void start()
    {
        node = new TestNode(dataDir);
        admin = node.token(Role.ADMIN, 1);
        alice = node.token(Role.PARTICIPANT, 1001);
        bob = node.token(Role.PARTICIPANT, 1002);
        merchant = node.merchant(101);
        final long now = System.currentTimeMillis();
        final TestNode.Response created = node.post("/api/campaigns", admin, """
            {"name":"Winter","budgetFen":1000000,"validDaysAfterClaim":7,"validUntil":%d,"perUserLimit":1,
             "tiers":[{"code":"T50","faceValueFen":5000,"thresholdFen":20000}],"storeIds":[101,102]}
            """.formatted(now + 30L * 86_400_000));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        campaignId = created.json().get("campaignId").asLong();
        final TestNode.Response drop = node.post("/api/campaigns/" + campaignId + "/drops", admin,
            "{\"tierCode\":\"T50\",\"quantity\":1,\"startsAt\":" + now + ",\"perUserLimit\":1}");
        assertThat(drop.status()).as(drop.toString()).isEqualTo(201);
        dropId = drop.json().get("dropId").asLong();
    }

    @AfterEach
    void stop()
    {
        node.close();
    }

    private TestNode.Response claim(final String token)
    {
        return node.post("/api/campaigns/" + campaignId + "/claims", token, "{\"dropId\":" + dropId + "}");
    }

    @Test
    void aVoucherIsClaimedListedRedeemedRefundedAndCountedInTheStatisticsAndSettlement()
    {
        final TestNode.Response claimed = claim(alice);
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(201);
        final JsonNode voucher = claimed.json();
        assertThat(voucher.get("voucherCode").isTextual()).as("codes are strings").isTrue();
        assertThat(voucher.get("faceValueFen").asLong()).isEqualTo(5000);

        final JsonNode mine = node.get("/api/vouchers/me", alice).json();
        assertThat(mine.get("vouchers")).hasSize(1);
        assertThat(mine.get("vouchers").get(0).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(node.get("/api/vouchers/me", bob).json().get("vouchers")).isEmpty();

        final TestNode.Response redeemed = node.post("/api/redemptions", merchant,
            "{\"voucherCode\":\"" + voucher.get("voucherCode").asText() + "\",\"orderAmountFen\":25000," +
            "\"merchantTxnId\":\"pos-1\"}");
        assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(201);
        assertThat(redeemed.json().get("discountFen").asLong()).isEqualTo(5000);
        assertThat(redeemed.json().get("payableFen").asLong()).isEqualTo(20000);
        final long redemptionId = redeemed.json().get("redemptionId").asLong();

        final JsonNode stats = node.get("/api/campaigns/" + campaignId + "/stats", admin).json();
        assertThat(stats.get("claimed").asLong()).isEqualTo(1);
        assertThat(stats.get("redeemed").asLong()).isEqualTo(1);
        assertThat(stats.get("redemptionRate").asDouble()).isEqualTo(1.0);
        assertThat(stats.get("leverage").asDouble()).isEqualTo(5.0);
        assertThat(stats.get("byStore").get(0).get("storeId").asLong()).isEqualTo(101);

        final TestNode.Response csv = node.get("/api/campaigns/" + campaignId + "/settlement?format=csv", admin);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text()).isEqualTo("storeId,redemptions,orderAmountFen,subsidyFen\n101,1,25000,5000\n102,0,0,0\n");

        final TestNode.Response refunded = node.post("/api/redemptions/" + redemptionId + "/refund", merchant, null);
        assertThat(refunded.status()).as(refunded.toString()).isEqualTo(200);
        assertThat(refunded.json().get("status").asText()).isEqualTo("REFUNDED");
        assertThat(refunded.json().get("voucherRestored").asBoolean()).isTrue();
    }

    @Test
    void businessRefusalsAre409sNotFoundIs404AndBadValuesAre400NamingTheField()
    {
        assertThat(claim(alice).status()).isEqualTo(201);
        final TestNode.Response soldOut = claim(bob);
        assertThat(soldOut.status()).isEqualTo(409);
        assertThat(soldOut.errorCode()).isEqualTo("SOLD_OUT");

        final TestNode.Response unknown = node.post("/api/campaigns/999/claims", alice, "{\"dropId\":1}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("CAMPAIGN_NOT_FOUND");

        final TestNode.Response notFoundVoucher = node.post("/api/redemptions", merchant,
            "{\"voucherCode\":\"12345\",\"orderAmountFen\":25000,\"merchantTxnId\":\"x\"}");
        assertThat(notFoundVoucher.status()).isEqualTo(404);

        final TestNode.Response stringNumber = node.post("/api/campaigns/" + campaignId + "/claims", alice,
            "{\"dropId\":\"1\"}");
        assertThat(stringNumber.status()).isEqualTo(400);
        assertThat(stringNumber.json().at("/error/field").asText()).isEqualTo("dropId");

        final TestNode.Response badTier = node.post("/api/campaigns", admin, """
            {"name":"x","budgetFen":100,"validDaysAfterClaim":7,"validUntil":1,"perUserLimit":1,
             "tiers":[{"code":"T50","faceValueFen":0.5,"thresholdFen":1}],"storeIds":[1]}""");
        assertThat(badTier.status()).isEqualTo(400);
        assertThat(badTier.json().at("/error/field").asText()).isEqualTo("tiers[0].faceValueFen");

        final TestNode.Response unknownField = node.post("/api/campaigns/" + campaignId + "/claims", alice,
            "{\"dropId\":1,\"extra\":true}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().at("/error/field").asText()).isEqualTo("extra");
    }

    @Test
    void theProtocolStatusesAre401403404405413415And429()
    {
        assertThat(node.get("/api/vouchers/me", null).status()).isEqualTo(401);
        assertThat(node.get("/api/campaigns/" + campaignId + "/stats", alice).status()).isEqualTo(403);
        assertThat(node.get("/api/nothing-here", alice).status()).isEqualTo(404);
        final TestNode.Response wrongMethod = node.send("PUT", "/api/vouchers/me", alice, null, null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
        final TestNode.Response huge = node.post("/api/campaigns/" + campaignId + "/claims", alice,
            "{\"dropId\":1" + " ".repeat(70_000) + "}");
        assertThat(huge.status()).isEqualTo(413);
        final TestNode.Response notJson = node.send("POST", "/api/campaigns/" + campaignId + "/claims", alice,
            "text/plain", "dropId=1".getBytes());
        assertThat(notJson.status()).isEqualTo(415);
    }

    @Test
    void aCallerOverItsRateIsToldToRetryAfterAndOthersAreNot(@TempDir final Path otherDir)
    {
        node.close();
        node = new TestNode(otherDir, new GatewayContext().rateLimitPerSecond(1).rateLimitBurst(3));
        final String carol = node.token(Role.PARTICIPANT, 77);
        for (int i = 0; i < 3; i++)
        {
            assertThat(node.get("/api/vouchers/me", carol).status()).isEqualTo(200);
        }
        final TestNode.Response limited = node.get("/api/vouchers/me", carol);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfter()).isNotNull();
        assertThat(limited.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(node.get("/api/vouchers/me", node.token(Role.PARTICIPANT, 78)).status()).isEqualTo(200);
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyGetsTheFirstAnswerAndChangesNothing()
    {
        final TestNode.Response first = node.post("/api/campaigns/" + campaignId + "/claims", alice,
            "{\"dropId\":" + dropId + "}", "Idempotency-Key", "claim-1");
        assertThat(first.status()).isEqualTo(201);
        final long journaled = node.journaled();

        final TestNode.Response retry = node.post("/api/campaigns/" + campaignId + "/claims", alice,
            "{\"dropId\":" + dropId + "}", "Idempotency-Key", "claim-1");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.text()).isEqualTo(first.text());
        assertThat(node.journaled()).as("the retry never reached the journal").isEqualTo(journaled);

        final TestNode.Response otherBody = node.post("/api/campaigns/" + campaignId + "/claims", alice,
            "{\"dropId\":" + (dropId + 1) + "}", "Idempotency-Key", "claim-1");
        assertThat(otherBody.status()).isEqualTo(409);
        assertThat(otherBody.errorCode()).isEqualTo("IDEMPOTENCY_MISMATCH");

        final TestNode.Response sameKeyOtherCaller = node.post("/api/campaigns/" + campaignId + "/claims", bob,
            "{\"dropId\":" + dropId + "}", "Idempotency-Key", "claim-1");
        assertThat(sameKeyOtherCaller.errorCode()).as("another caller's key is another request").isEqualTo("SOLD_OUT");
        assertThat(node.get("/metrics", null).text()).as("both keys are in the engine")
            .contains("startline_idempotency_keys 2.0", "startline_idempotency_keys_evicted_early_total 0.0");
    }

    @Test
    void healthAndMetricsNeedNoTokenAndMetricsCountRequestsByRouteAndStatus()
    {
        claim(alice);
        final JsonNode health = node.get("/health", null).json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("sequence").asLong()).isEqualTo(node.journaled());
        final String metrics = node.get("/metrics", null).text();
        assertThat(metrics).contains("startline_http_requests_total{route=\"POST /api/campaigns/{campaignId}/claims\"," +
            "status=\"201\"} 1");
        assertThat(metrics).contains("startline_pipeline_sequence", "startline_ring_occupancy", "startline_journal_lag",
            "startline_http_request_duration_seconds_bucket", "startline_ring_wait_max_seconds");
        assertThat(metrics).as("every journaled command waited in the ring, and the histogram counted each")
            .contains("startline_ring_wait_seconds_count " + node.journaled());
        assertThat(metrics).as("the build, named").contains("startline_build_info{version=\"unpackaged\"} 1");
        assertThat(metrics).as("the process's own figures, once").contains("jvm_memory_used_bytes", "jvm_threads_current")
            .containsOnlyOnce("# TYPE jvm_threads_current gauge");
    }

    @Test
    void metricsCountTheEnginesOutcomesByRouteSoTheOrganiserSeesClaimsWonAndLost()
    {
        assertThat(claim(alice).status()).isEqualTo(201);
        final TestNode.Response late = claim(bob);
        assertThat(late.json().get("error").get("code").asText()).as(late.toString()).isEqualTo("SOLD_OUT");

        final String metrics = node.get("/metrics", null).text();
        final String claims = "\",route=\"POST /api/campaigns/{campaignId}/claims\"} 1";
        assertThat(metrics).contains("startline_engine_outcomes_total{outcome=\"OK" + claims,
            "startline_engine_outcomes_total{outcome=\"SOLD_OUT" + claims);
    }

    @Test
    void anOrganiserListsTheCampaignsAPageAtATime()
    {
        final TestNode.Response second = node.post("/api/campaigns", admin, """
            {"name":"Spring","budgetFen":500000,"validDaysAfterClaim":7,"validUntil":%d,"perUserLimit":1,
             "tiers":[{"code":"T50","faceValueFen":5000,"thresholdFen":20000}],"storeIds":[101]}
            """.formatted(System.currentTimeMillis() + 30L * 86_400_000));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);

        final JsonNode first = node.get("/api/campaigns?limit=1", admin).json();
        assertThat(first.get("campaigns")).hasSize(1);
        assertThat(first.get("campaigns").get(0).get("name").asText()).isEqualTo("Winter");
        assertThat(first.get("campaigns").get(0).get("drops").asInt()).isEqualTo(1);
        final JsonNode last = node.get("/api/campaigns?limit=1&after=" + first.get("next").asLong(), admin).json();
        assertThat(last.get("campaigns").get(0).get("name").asText()).isEqualTo("Spring");
        assertThat(last.get("next").isNull()).as("the last page").isTrue();

        assertThat(node.get("/api/campaigns", alice).status()).as("organisers only").isEqualTo(403);
        for (final String bad : List.of("limit=0", "limit=101", "limit=x", "after=-1"))
        {
            final TestNode.Response refused = node.get("/api/campaigns?" + bad, admin);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("error").get("field").asText()).isEqualTo(bad.substring(0, bad.indexOf('=')));
        }
    }
}
