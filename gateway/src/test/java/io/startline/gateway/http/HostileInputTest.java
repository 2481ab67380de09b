package io.startline.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input an attacker or a careless client sends, each case a defect found by trying: an
 * Idempotency-Key reused on another resource, ids written in another form, tokens with absurd
 * times, a chunked body past the limit. Each is refused with the JSON error shape, or taken as
 * what it is, and changes nothing it should not.
 */
class HostileInputTest
{
    @TempDir
    Path dataDir;

    private TestNode node;
    private String admin;
    private String alice;

    @BeforeEach
    void start()
    {
        node = new TestNode(dataDir);
        admin = node.token(Role.ADMIN, 1);
        alice = node.token(Role.PARTICIPANT, 1001);
    }

    @AfterEach
    void stop()
    {
        node.close();
    }

    @Test
    void theSameIdempotencyKeyOnAnotherCampaignIsAnotherRequest()
    {
        final long first = Vouchers.createCampaign(node, admin);
        final long second = Vouchers.createCampaign(node, admin);
        final long firstDrop = Vouchers.openDrop(node, admin, first, 10);
        final long secondDrop = Vouchers.openDrop(node, admin, second, 10);

        final TestNode.Response fromFirst = node.post("/api/campaigns/" + first + "/claims", alice,
            "{\"dropId\":" + firstDrop + "}", "Idempotency-Key", "k1");
        final TestNode.Response fromSecond = node.post("/api/campaigns/" + second + "/claims", alice,
            "{\"dropId\":" + secondDrop + "}", "Idempotency-Key", "k1");

        assertThat(fromFirst.status()).as(fromFirst.toString()).isEqualTo(201);
        assertThat(fromSecond.status()).as(fromSecond.toString()).isEqualTo(201);
        assertThat(fromSecond.json().get("voucherId").asLong()).as("a voucher of its own, not the first answer")
            .isNotEqualTo(fromFirst.json().get("voucherId").asLong());
        final JsonNode mine = node.get("/api/vouchers/me", alice).json().get("vouchers");
        assertThat(mine).hasSize(2);
        assertThat(java.util.List.of(mine.get(0).get("campaignId").asLong(), mine.get(1).get("campaignId").asLong()))
            .containsExactlyInAnyOrder(first, second);
    }

    @Test
    void theSameIdempotencyKeyOnAnotherRedemptionRefundsThatRedemption()
    {
        final long campaignId = Vouchers.createCampaign(node, admin);
        final long dropId = Vouchers.openDrop(node, admin, campaignId, 10);
        final String merchant = node.merchant(101);
        final long firstRedemption = redeemAVoucherOf(1001, campaignId, dropId, merchant);
        final long secondRedemption = redeemAVoucherOf(1002, campaignId, dropId, merchant);

        final TestNode.Response firstRefund = node.post("/api/redemptions/" + firstRedemption + "/refund", merchant, null,
            "Idempotency-Key", "refund-key");
        final TestNode.Response secondRefund = node.post("/api/redemptions/" + secondRedemption + "/refund", merchant,
            null, "Idempotency-Key", "refund-key");

        assertThat(firstRefund.status()).as(firstRefund.toString()).isEqualTo(200);
        assertThat(secondRefund.status()).as(secondRefund.toString()).isEqualTo(200);
        final JsonNode stats = node.get("/api/campaigns/" + campaignId + "/stats", admin).json();
        assertThat(stats.get("refunded").asLong()).as("both refunded: " + stats).isEqualTo(2);
    }

    private long redeemAVoucherOf(final long userId, final long campaignId, final long dropId, final String merchant)
    {
        final TestNode.Response claimed = Vouchers.claim(node, campaignId, dropId, userId);
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(201);
        final TestNode.Response redeemed = node.post("/api/redemptions", merchant, "{\"voucherCode\":\"" +
            claimed.json().get("voucherCode").asText() + "\",\"orderAmountFen\":25000,\"merchantTxnId\":\"pos-" + userId + "\"}");
        assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(201);
        return redeemed.json().get("redemptionId").asLong();
    }

    @Test
    void anIdInAPathIsACanonicalDecimalOrNotFound()
    {
        final long campaignId = Vouchers.createCampaign(node, admin);
        assertThat(node.get("/api/campaigns/" + campaignId + "/stats", admin).status()).isEqualTo(200);
        for (final String other : new String[]{"+" + campaignId, "0" + campaignId, campaignId + ".0", "00",
            "99999999999999999999", "-" + campaignId})
        {
            final TestNode.Response answer = node.get("/api/campaigns/" + other + "/stats", admin);
            assertThat(answer.status()).as(other + ": " + answer).isEqualTo(404);
            assertThat(answer.errorCode()).isEqualTo("CAMPAIGN_NOT_FOUND");
        }
    }

    @Test
    void aTokenWithAHugeTimeClaimIsA401WithTheErrorShapeSignedOrNot()
    {
        final long now = Instant.now().getEpochSecond();
        for (final String claims : new String[]{
            "{\"sub\":\"1001\",\"role\":\"participant\",\"exp\":1000000000000000000}",
            "{\"sub\":\"1001\",\"role\":\"participant\",\"exp\":" + (now + 60) + ",\"nbf\":1000000000000000000}",
            "{\"sub\":\"1001\",\"role\":\"participant\",\"exp\":" + (now + 60) + ",\"iat\":1e18}",
            "{\"sub\":\"1001\",\"role\":\"participant\",\"exp\":1e300}"})
        {
            assertUnauthorized(node.get("/api/vouchers/me", signed(claims)), "signed " + claims);
            assertUnauthorized(node.get("/api/vouchers/me", unsigned(claims)), "unsigned " + claims);
        }
    }

    @Test
    void aTokenThatLivesLongerThanTheNodeAllowsIsRefused()
    {
        final String tenThousandYears = node.tokens.mint(Role.PARTICIPANT, 1001, 0, 0,
            Instant.parse("9999-12-31T00:00:00Z"));
        assertUnauthorized(node.get("/api/vouchers/me", tenThousandYears), "exp in 9999");

        final long maxSeconds = GatewayContext.MAX_TOKEN_LIFETIME_SECONDS_DEFAULT;
        final String justPast = node.tokens.mint(Role.PARTICIPANT, 1001, 0, 0, Instant.now().plusSeconds(maxSeconds + 120));
        assertUnauthorized(node.get("/api/vouchers/me", justPast), "exp past the longest lifetime");
        final String justWithin = node.tokens.mint(Role.PARTICIPANT, 1001, 0, 0, Instant.now().plusSeconds(maxSeconds - 120));
        assertThat(node.get("/api/vouchers/me", justWithin).status()).isEqualTo(200);
    }

    @Test
    void aSubjectWithASignOrALeadingZeroIsRefused()
    {
        final long exp = Instant.now().getEpochSecond() + 600;
        for (final String sub : new String[]{"+1001", "01001", "1001.0", " 1001"})
        {
            final String claims = "{\"sub\":\"" + sub + "\",\"role\":\"participant\",\"exp\":" + exp + "}";
            assertUnauthorized(node.get("/api/vouchers/me", signed(claims)), claims);
        }
    }

    @Test
    void aChunkedBodyPastTheLimitIsRefused413AndNothingIsJournaled() throws Exception
    {
        final long campaignId = Vouchers.createCampaign(node, admin);
        final long journaled = node.journaled();
        final byte[] padding = ("{\"dropId\":1,\"pad\":\"" + "x".repeat(GatewayContext.MAX_BODY_BYTES_DEFAULT * 3) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
        // A body publisher of unknown length makes the client send it chunked.
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.node.port() +
                "/api/campaigns/" + campaignId + "/claims"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + alice)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(padding)))
            .build();

        final HttpResponse<byte[]> answer = node.client.send(request, HttpResponse.BodyHandlers.ofByteArray());

        final TestNode.Response response = new TestNode.Response(answer.statusCode(), answer.body(), null, "");
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.errorCode()).isEqualTo("TOO_LARGE");
        assertThat(node.journaled()).isEqualTo(journaled);
        assertThat(node.get("/health", null).status()).isEqualTo(200);
    }

    private static void assertUnauthorized(final TestNode.Response answer, final String what)
    {
        assertThat(answer.status()).as(what + ": " + answer).isEqualTo(401);
        assertThat(answer.errorCode()).as(what).isEqualTo("UNAUTHORIZED");
        assertThat(answer.contentType()).startsWith("application/json");
    }

    private static String unsigned(final String claims)
    {
        return base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64(claims) + "." +
            base64("not-a-signature-not-a-signature!");
    }

    /** Signed with the node's secret, whatever the claims say. */
    private static String signed(final String claims)
    {
        final String input = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64(claims);
        try
        {
            final javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(TestNode.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        }
        catch (final java.security.GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static String base64(final String text)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
