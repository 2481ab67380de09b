package io.startline.gateway.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route × no token, an expired token, a wrong signature, a token with no usable claims,
 * and every role it does not allow: 401 or 403 as API.md says, and the journal untouched.
 * Acting for another store is a 403 that journals nothing too.
 */
class SecurityMatrixTest
{
    @TempDir
    static Path dataDir;

    private static TestNode node;
    private static long campaignId;
    private static long redemptionId;

    static List<RefusedCallers.Route> routes()
    {
        return List.of(
            new RefusedCallers.Route("POST", "/api/campaigns", "{\"name\":\"x\"}", Set.of(Role.ADMIN)),
            new RefusedCallers.Route("POST", "/api/campaigns/1/drops", "{\"tierCode\":\"T50\"}", Set.of(Role.ADMIN)),
            new RefusedCallers.Route("PATCH", "/api/campaigns/1", "{\"name\":\"x\"}", Set.of(Role.ADMIN)),
            new RefusedCallers.Route("PATCH", "/api/campaigns/1/drops/1", "{\"startsAt\":1}", Set.of(Role.ADMIN)),
            new RefusedCallers.Route("POST", "/api/campaigns/1/drops/1/cancel", null, Set.of(Role.ADMIN)),
            new RefusedCallers.Route("POST", "/api/campaigns/1/claims", "{\"dropId\":1}", Set.of(Role.PARTICIPANT)),
            new RefusedCallers.Route("GET", "/api/vouchers/me", null, Set.of(Role.PARTICIPANT)),
            new RefusedCallers.Route("POST", "/api/redemptions", "{\"voucherCode\":\"1\"}", Set.of(Role.MERCHANT)),
            new RefusedCallers.Route("POST", "/api/redemptions/1/refund", null, Set.of(Role.MERCHANT)),
            new RefusedCallers.Route("GET", "/api/campaigns/1/stats", null, Set.of(Role.ADMIN)),
            new RefusedCallers.Route("GET", "/api/campaigns/1/settlement?format=csv", null, Set.of(Role.ADMIN)));
    }

    static Stream<Arguments> cases()
    {
        return RefusedCallers.cases(node, routes());
    }

    @BeforeAll
    static void start()
    {
        node = new TestNode(dataDir);
        final String admin = node.token(Role.ADMIN, 1);
        final long now = System.currentTimeMillis();
        campaignId = node.post("/api/campaigns", admin, """
            {"name":"W","budgetFen":1000000,"validDaysAfterClaim":7,"validUntil":%d,"perUserLimit":1,
             "tiers":[{"code":"T50","faceValueFen":5000,"thresholdFen":20000}],"storeIds":[101,102]}
            """.formatted(now + 86_400_000L)).json().get("campaignId").asLong();
        final long dropId = node.post("/api/campaigns/" + campaignId + "/drops", admin,
            "{\"tierCode\":\"T50\",\"quantity\":10,\"startsAt\":" + now + ",\"perUserLimit\":1}").json()
            .get("dropId").asLong();
        final String code = node.post("/api/campaigns/" + campaignId + "/claims", node.token(Role.PARTICIPANT, 7),
            "{\"dropId\":" + dropId + "}").json().get("voucherCode").asText();
        redemptionId = node.post("/api/redemptions", node.merchant(101),
            "{\"voucherCode\":\"" + code + "\",\"orderAmountFen\":30000,\"merchantTxnId\":\"m-1\"}").json()
            .get("redemptionId").asLong();
    }

    @AfterAll
    static void stop()
    {
        node.close();
    }

    @ParameterizedTest(name = "{0} with {1} → {3}")
    @MethodSource("cases")
    void refusedCallersGetTheirStatusAndNothingIsJournaled(final RefusedCallers.Route route, final String who, final String token,
        final int status)
    {
        RefusedCallers.check(node, route, token, status);
    }

    @Test
    void aMerchantRefundingAnotherStoresRedemptionIs403AndJournalsNothing()
    {
        final long journaled = node.journaled();
        final TestNode.Response response = node.post("/api/redemptions/" + redemptionId + "/refund", node.merchant(102),
            null);
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(node.journaled()).isEqualTo(journaled);
        assertThat(node.post("/api/redemptions/" + redemptionId + "/refund", node.merchant(101), null).status())
            .as("its own store may").isEqualTo(200);
    }

    @Test
    void aParticipantSeesOnlyTheirOwnVouchers()
    {
        assertThat(node.get("/api/vouchers/me", node.token(Role.PARTICIPANT, 7)).json().get("vouchers")).hasSize(1);
        assertThat(node.get("/api/vouchers/me", node.token(Role.PARTICIPANT, 8)).json().get("vouchers")).isEmpty();
    }
}
