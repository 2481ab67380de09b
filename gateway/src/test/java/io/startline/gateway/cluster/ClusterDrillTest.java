package io.startline.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.startline.gateway.http.Json;
import io.startline.gateway.http.Role;
import io.startline.gateway.http.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.startline.gateway.cluster.ClusterHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's drill, run on purpose ({@code -Pcluster-drill}, see the README): claims flowing
 * through a gateway while the leader is killed again and again (SIGKILL, then the member brought
 * back), timing each kill to the first claim a later term acknowledged. Every acknowledged claim
 * must be there at the end, nothing oversold. The figures go to {@code target/cluster-drill.json}.
 */
@EnabledIfSystemProperty(named = "startline.cluster.drill.kills", matches = "[1-9][0-9]*")
class ClusterDrillTest
{
    private static final int STOCK = 120_000;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Tokens tokens = new Tokens(ClusterHarness.JWT_SECRET);

    @Test
    void leaderKilledRepeatedlyUnderLoad() throws Exception
    {
        final int kills = Integer.getInteger("startline.cluster.drill.kills");
        final List<Long> recoveryMs = new ArrayList<>();
        try (ClusterHarness cluster = new ClusterHarness(dir, 3))
        {
            cluster.startAll();
            try (StartlineGateway gateway = cluster.gateway())
            {
                final int port = gateway.port();
                await("the gateway's session", 90, () -> health(port).path("connected").asBoolean());
                post(port, "/api/campaigns", """
                    {"name":"Drill","budgetFen":1000000000,"validDaysAfterClaim":30,"validUntil":%d,"perUserLimit":1,
                     "tiers":[{"code":"T1","faceValueFen":100,"thresholdFen":100}],"storeIds":[1]}
                    """.formatted(System.currentTimeMillis() + TimeUnit.DAYS.toMillis(30)));
                post(port, "/api/campaigns/1/drops", "{\"tierCode\":\"T1\",\"quantity\":" + STOCK +
                    ",\"startsAt\":" + System.currentTimeMillis() + ",\"perUserLimit\":1}");
                final ClaimLoad load = new ClaimLoad(port, 1, 1, 1).start(4);
                try
                {
                    for (int kill = 0; kill < kills; kill++)
                    {
                        recoveryMs.add(killAndTime(cluster, load, kill));
                    }
                }
                finally
                {
                    load.close();
                }
                assertThat(load.unexpected).isEmpty();
                assertEveryAckHolds(port, load);
                report(recoveryMs, load);
            }
            catch (final AssertionError | RuntimeException ex)
            {
                cluster.printOutputs(40);
                throw ex;
            }
        }
    }

    private static long killAndTime(final ClusterHarness cluster, final ClaimLoad load, final int kill)
        throws Exception
    {
        await("a leader", 120, () -> cluster.leader() >= 0);
        final int leader = cluster.leader();
        final long term = cluster.health(leader).path("epoch").asLong();
        await("claims in term " + term, 120, () -> load.acks.stream().filter(ack -> ack.epoch() == term).count() >= 20);
        final long killedAt = System.nanoTime();
        cluster.kill(leader);
        await("a claim acknowledged after kill " + kill, 120, () -> load.acksInTermsAfter(term) > 0);
        final long firstNs = load.acks.stream().filter(ack -> ack.epoch() > term).mapToLong(ClaimLoad.Ack::atNs)
            .min().orElseThrow();
        final long ms = TimeUnit.NANOSECONDS.toMillis(firstNs - killedAt);
        System.out.printf("drill: kill %d of member %d (term %d): first claim of a later term %d ms after%n", kill + 1,
            leader, term, ms);
        cluster.start(leader);
        await("member " + leader + " back", 120, () ->
        {
            final JsonNode health = cluster.health(leader);
            return health != null && "follower".equals(health.path("role").asText()) &&
                health.path("epoch").asLong() > term;
        });
        return ms;
    }

    private void assertEveryAckHolds(final int port, final ClaimLoad load) throws Exception
    {
        for (final ClaimLoad.Ack ack : load.acks)
        {
            final JsonNode vouchers = Json.MAPPER.readTree(get(port, "/api/vouchers/me", load.participant(ack.user()))
                .body()).path("vouchers");
            assertThat(vouchers).as("user %d", ack.user()).hasSize(1);
            assertThat(vouchers.get(0).path("voucherCode").asText()).isEqualTo(ack.voucherCode());
        }
        final JsonNode stats = Json.MAPPER.readTree(get(port, "/api/campaigns/1/stats", admin()).body());
        assertThat(stats.path("claimed").asLong()).isEqualTo(load.acks.size()).isLessThanOrEqualTo(STOCK);
    }

    private static void report(final List<Long> recoveryMs, final ClaimLoad load) throws Exception
    {
        final List<Long> sorted = recoveryMs.stream().sorted().toList();
        final long median = sorted.get(sorted.size() / 2);
        final long max = sorted.get(sorted.size() - 1);
        System.out.printf("drill: %d leader kills; kill to first acknowledged claim of a later term: median %d ms, " +
            "max %d ms, all %s; %d claims acknowledged, %d OUTCOME_UNKNOWN answers, %d retries%n", sorted.size(), median,
            max, recoveryMs, load.acks.size(), load.outcomeUnknown.get(), load.retried.get());
        final var json = Json.object().put("kills", sorted.size()).put("medianMs", median).put("maxMs", max)
            .put("acknowledged", load.acks.size()).put("outcomeUnknown", load.outcomeUnknown.get())
            .put("retries", load.retried.get());
        final var all = json.putArray("recoveryMs");
        recoveryMs.forEach(all::add);
        Files.writeString(Path.of("target", "cluster-drill.json"), json.toPrettyString());
    }

    private String admin()
    {
        return tokens.mint(Role.ADMIN, 1, 0, 0, Instant.now().plusSeconds(7200));
    }

    private JsonNode health(final int port)
    {
        try
        {
            return Json.MAPPER.readTree(get(port, "/health", null).body());
        }
        catch (final Exception ex)
        {
            return Json.MAPPER.createObjectNode();
        }
    }

    private void post(final int port, final String path, final String body) throws Exception
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port +
                path)).header("Authorization", "Bearer " + admin()).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private HttpResponse<String> get(final int port, final String path, final String token) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
