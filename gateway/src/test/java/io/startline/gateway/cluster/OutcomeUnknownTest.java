package io.startline.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.startline.cluster.LocalCluster;
import io.startline.gateway.http.GatewayContext;
import io.startline.gateway.http.Json;
import io.startline.gateway.http.Role;
import io.startline.gateway.http.Tokens;
import io.startline.gateway.node.LimitsProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.startline.gateway.cluster.ClusterHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway whose cluster cannot commit (two of three members gone): a write that reached the
 * leader is answered {@code 503 OUTCOME_UNKNOWN} with the key to retry with (the client's, or the
 * gateway's own when the client sent none), never a false 2xx or 409; a read is {@code 503
 * NO_LEADER}. Once the members are back, the retry with that key gets the write's one outcome.
 */
class OutcomeUnknownTest
{
    @TempDir
    Path dir;

    private static final String CLAIMS = "/api/campaigns/1/claims";
    private static final String CLAIM = "{\"dropId\":1}";

    private final GatewayCalls calls = new GatewayCalls();
    private final Tokens tokens = new Tokens(ClusterHarness.JWT_SECRET);

    @Test
    void aWriteNoLeaderConfirmedIsRetriedWithItsKeyAndHasOneOutcome() throws Exception
    {
        try (LocalCluster cluster = new LocalCluster(dir, 3, () -> LimitsProfile.SMALL.engineContext()
            .codeKey(1, 2)).startAll();
            StartlineGateway gateway = new StartlineGateway(new GatewayContext().host("127.0.0.1").port(0),
                cluster.clientContext().requestTimeoutMs(1_500), ClusterHarness.JWT_SECRET,
                ClusterHarness.PERSON_KEY_SECRET))
        {
            final int port = gateway.port();
            await("the gateway's session", 60, () -> status(port, "GET", "/health", null, null) == 200);
            final long now = System.currentTimeMillis();
            assertThat(status(port, "POST", "/api/campaigns", admin(), """
                {"name":"Unknown outcomes","budgetFen":1000000,"validDaysAfterClaim":30,"validUntil":%d,
                 "perUserLimit":1,"tiers":[{"code":"T5","faceValueFen":500,"thresholdFen":1000}],"storeIds":[1]}
                """.formatted(now + TimeUnit.DAYS.toMillis(30)))).isEqualTo(201);
            assertThat(status(port, "POST", "/api/campaigns/1/drops", admin(),
                "{\"tierCode\":\"T5\",\"quantity\":10,\"startsAt\":" + now + ",\"perUserLimit\":1}")).isEqualTo(201);

            int leader = -1;
            for (int id = 0; id < cluster.size(); id++)
            {
                if (cluster.member(id).consensusRole() == io.aeron.cluster.service.Cluster.Role.LEADER)
                {
                    leader = id;
                }
            }
            assertThat(leader).isNotNegative();
            for (int id = 0; id < cluster.size(); id++)
            {
                if (id != leader)
                {
                    cluster.stop(id);
                }
            }

            // Both at once, before the leader finds itself without a quorum and steps down (then a write is
            // not sent at all, and is NO_LEADER).
            final CompletableFuture<HttpResponse<String>> unkeyedAnswer =
                calls.sendAsync(port, "POST", CLAIMS, participant(7), CLAIM, null);
            final CompletableFuture<HttpResponse<String>> keyedAnswer =
                calls.sendAsync(port, "POST", CLAIMS, participant(8), CLAIM, "my-key-8");
            final HttpResponse<String> unkeyed = unkeyedAnswer.get(30, TimeUnit.SECONDS);
            assertThat(unkeyed.statusCode()).as(unkeyed.body()).isEqualTo(503);
            assertThat(code(unkeyed)).isEqualTo("OUTCOME_UNKNOWN");
            final String mintedKey = unkeyed.headers().firstValue("Idempotency-Key").orElseThrow();
            assertThat(unkeyed.headers().firstValue("Retry-After")).isPresent();

            final HttpResponse<String> keyed = keyedAnswer.get(30, TimeUnit.SECONDS);
            assertThat(code(keyed)).isEqualTo("OUTCOME_UNKNOWN");
            assertThat(keyed.headers().firstValue("Idempotency-Key")).contains("my-key-8");

            final HttpResponse<String> read = calls.send(port, "GET", "/api/vouchers/me", participant(7), null, null);
            assertThat(read.statusCode()).isEqualTo(503);
            assertThat(code(read)).isEqualTo("NO_LEADER");

            for (int id = 0; id < cluster.size(); id++)
            {
                if (id != leader)
                {
                    cluster.start(id);
                }
            }
            final String firstAnswer = retryUntilDefinite(port, 7, mintedKey);
            assertThat(retryUntilDefinite(port, 7, mintedKey)).as("the same key again: the first answer")
                .isEqualTo(firstAnswer);
            retryUntilDefinite(port, 8, "my-key-8");
            for (final long user : new long[] {7, 8})
            {
                final JsonNode vouchers = Json.MAPPER.readTree(calls.send(port, "GET", "/api/vouchers/me", participant(user),
                    null, null).body()).path("vouchers");
                assertThat(vouchers).as("user %d holds one voucher, not two", user).hasSize(1);
            }
            assertThat(Json.MAPPER.readTree(firstAnswer).path("voucherCode").asText()).isEqualTo(Json.MAPPER.readTree(
                calls.send(port, "GET", "/api/vouchers/me", participant(7), null, null).body()).path("vouchers").get(0)
                .path("voucherCode").asText());
        }
    }

    private String retryUntilDefinite(final int port, final long user, final String key) throws Exception
    {
        for (int attempt = 0; attempt < 120; attempt++)
        {
            final HttpResponse<String> response = calls.send(port, "POST", CLAIMS, participant(user), CLAIM, key);
            if (response.statusCode() != 503)
            {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                return response.body();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("user " + user + "'s claim never got a definite answer");
    }

    private static String code(final HttpResponse<String> response) throws IOException
    {
        return Json.MAPPER.readTree(response.body()).path("error").path("code").asText();
    }

    private String admin()
    {
        return tokens.mint(Role.ADMIN, 1, 0, 0, Instant.now().plusSeconds(600));
    }

    private String participant(final long user)
    {
        return tokens.mint(Role.PARTICIPANT, user, 0, 0, Instant.now().plusSeconds(600));
    }

    private int status(final int port, final String method, final String path, final String token, final String body)
    {
        try
        {
            return calls.send(port, method, path, token, body, null).statusCode();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }
}
