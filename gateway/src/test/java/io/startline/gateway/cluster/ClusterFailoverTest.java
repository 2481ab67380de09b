package io.startline.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.startline.gateway.http.Json;
import io.startline.gateway.http.Role;
import io.startline.gateway.http.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.startline.gateway.cluster.ClusterHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A three-member cluster of child JVMs and a gateway, while clients claim vouchers through it:
 * the leader killed with SIGKILL, the killed member brought back, the next leader paused with
 * SIGSTOP past the election timeout and resumed, the first member's disk lost and restored from a
 * copy taken while it was stopped, and the whole cluster killed and restarted.
 * What must hold, whatever the elections did (their number and timing are not asserted):
 * <ul>
 *   <li>every claim a client saw acknowledged is there afterwards, with its code, and every claim
 *       refused holds nothing: no client got a false answer;</li>
 *   <li>nothing is oversold;</li>
 *   <li>one leader per term, as the members report it and as the answers show it; no leader
 *       acknowledged a write placed after a later term's writes (a deposed leader stays silent);</li>
 *   <li>every member, the one that was away and all of them after the restart, reaches the same
 *       state hash at the same log position.</li>
 * </ul>
 */
class ClusterFailoverTest
{
    private static final int STOCK = 2_000;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Tokens tokens = new Tokens(ClusterHarness.JWT_SECRET);
    /** Every (term, leader) the members' logs named, polled from each member all along. */
    private final Map<Long, Set<Integer>> leadersByTerm = new ConcurrentHashMap<>();
    private volatile int gatewayPort;

    @Test
    void acknowledgedClaimsSurviveLeaderKillPauseAndFullRestartWithOneLeaderPerTermAndEqualStateHashes()
        throws Exception
    {
        try (ClusterHarness cluster = new ClusterHarness(dir, 3))
        {
            cluster.startAll();
            final AtomicBoolean watching = new AtomicBoolean(true);
            final Thread watcher = watchLeaders(cluster, watching);
            try (StartlineGateway gateway = cluster.gateway())
            {
                final int port = gateway.port();
                gatewayPort = port;
                await("a leader and the gateway's session", 90, () -> health(port).path("connected").asBoolean());
                final long campaignId = createCampaign(port);
                final long dropId = createDrop(port, campaignId);

                final ClaimLoad load = new ClaimLoad(port, campaignId, dropId, 1).start(4);
                final Thread reporter = report(load, port);
                final int firstLeader = killLeaderUnderLoad(cluster, load);
                final Path backup = dir.resolve("backup-of-member-" + firstLeader);
                copy(cluster.dataDir(firstLeader), backup);
                restartFollowerAndCompare(cluster, port, firstLeader);
                pauseLeaderUnderLoad(cluster, load);
                restoreFromBackup(cluster, firstLeader, backup);
                load.rush();
                await("the drop sold out", 120, load::soldOut);
                load.close();
                System.out.printf("cluster failover: %d acknowledged, %d refused, %d answers OUTCOME_UNKNOWN, " +
                    "%d retries%n", load.acks.size(), load.refused.size(), load.outcomeUnknown.get(), load.retried.get());

                assertThat(load.unexpected).as("answers outside API.md's").isEmpty();
                assertEveryAnswerHolds(port, load);
                awaitEqualSnapshots(cluster, port);

                restartWholeCluster(cluster, port);
                assertEveryAnswerHolds(port, load);
                awaitEqualSnapshots(cluster, port);
                assertOneLeaderPerTerm(load);
                reporter.interrupt();
            }
            catch (final AssertionError | RuntimeException ex)
            {
                cluster.printOutputs(60);
                throw ex;
            }
            finally
            {
                watching.set(false);
                watcher.join();
            }
        }
    }

    /**
     * Every 5 s the claims acknowledged and the gateway's health, until the gateway is gone: what a
     * failed run in CI needs to be read.
     */
    private Thread report(final ClaimLoad load, final int port)
    {
        final Thread reporter = new Thread(() ->
        {
            while (!Thread.currentThread().isInterrupted())
            {
                final JsonNode gateway = health(port);
                if (gateway.isEmpty())
                {
                    return;
                }
                System.out.println("cluster failover: " + load.acks.size() + " acknowledged; gateway " + gateway);
                try
                {
                    Thread.sleep(5_000);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
        }, "progress");
        reporter.setDaemon(true);
        reporter.start();
        return reporter;
    }

    /** Kills the leader with SIGKILL once claims are flowing; claims go on until a later term acknowledged 50. */
    private int killLeaderUnderLoad(final ClusterHarness cluster, final ClaimLoad load) throws Exception
    {
        await("100 claims acknowledged", 60, () -> load.acks.size() >= 100);
        final int leader = cluster.leader();
        assertThat(leader).as("a leader").isNotNegative();
        final long term = cluster.health(leader).path("epoch").asLong();
        final long killedAt = System.nanoTime();
        cluster.kill(leader);
        await("50 claims acknowledged in a later term", 60, () -> load.acksInTermsAfter(term) >= 50);
        final long firstAfterNs = load.acks.stream().filter(ack -> ack.epoch() > term)
            .mapToLong(ClaimLoad.Ack::atNs).min().orElseThrow();
        System.out.printf("cluster failover: leader %d killed; the next term's first claim acknowledged %d ms later%n",
            leader, TimeUnit.NANOSECONDS.toMillis(firstAfterNs - killedAt));
        return leader;
    }

    private void restartFollowerAndCompare(final ClusterHarness cluster, final int port, final int member)
        throws Exception
    {
        cluster.start(member);
        await("member " + member + " back", 90, () -> cluster.health(member) != null &&
            "follower".equals(cluster.health(member).path("role").asText()));
        awaitEqualSnapshots(cluster, port);
    }

    /**
     * Pauses the leader with SIGSTOP until another member leads a later term, and resumes it: it must
     * step down, and it may not have acknowledged anything the new leader's log placed after its own.
     */
    private void pauseLeaderUnderLoad(final ClusterHarness cluster, final ClaimLoad load) throws Exception
    {
        final int leader = cluster.leader();
        final long term = cluster.health(leader).path("epoch").asLong();
        final int acksBefore = load.acks.size();
        cluster.signal(leader, "STOP");
        await("a new leader while member " + leader + " is paused", 60, () ->
        {
            final int next = cluster.leader();
            return next >= 0 && next != leader && cluster.health(next).path("epoch").asLong() > term;
        });
        await("claims acknowledged by the new leader", 60, () -> load.acksInTermsAfter(term) >= 50);
        Thread.sleep(ClusterHarness.LEADER_HEARTBEAT_TIMEOUT_MS);
        cluster.signal(leader, "CONT");
        await("member " + leader + " to step down after it resumed", 60, () ->
        {
            final JsonNode health = cluster.health(leader);
            return health != null && "follower".equals(health.path("role").asText()) &&
                health.path("epoch").asLong() > term;
        });
        await("claims acknowledged after the resume", 60, () -> load.acks.size() >= acksBefore + 100);
    }

    /**
     * The member loses its disk and is restored from the copy of its data directory taken while it was
     * stopped: it starts from that copy's snapshot and log, and catches up on the rest from the leader.
     */
    private static void restoreFromBackup(final ClusterHarness cluster, final int member, final Path backup)
        throws Exception
    {
        cluster.kill(member);
        delete(cluster.dataDir(member));
        copy(backup, cluster.dataDir(member));
        cluster.start(member);
        await("member " + member + " restored from its backup", 90, () ->
        {
            final JsonNode health = cluster.health(member);
            return health != null && !"starting".equals(health.path("role").asText());
        });
    }

    private static void copy(final Path from, final Path to) throws IOException
    {
        try (var paths = Files.walk(from))
        {
            for (final Path path : paths.toList())
            {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
    }

    private static void delete(final Path root) throws IOException
    {
        try (var paths = Files.walk(root))
        {
            for (final Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }

    private void restartWholeCluster(final ClusterHarness cluster, final int port) throws Exception
    {
        for (int id = 0; id < cluster.size(); id++)
        {
            cluster.kill(id);
        }
        cluster.startAll();
        await("the gateway's session with the restarted cluster", 120, () ->
        {
            try
            {
                return "gateway".equals(health(port).path("role").asText()) &&
                    get(port, "/api/vouchers/me", tokens.mint(Role.PARTICIPANT, 1, 0, 0,
                        Instant.now().plusSeconds(60))).statusCode() == 200;
            }
            catch (final IOException ex)
            {
                return false;
            }
        });
    }

    private void assertEveryAnswerHolds(final int port, final ClaimLoad load) throws Exception
    {
        assertThat(load.acks).isNotEmpty();
        for (final ClaimLoad.Ack ack : load.acks)
        {
            final JsonNode vouchers = Json.MAPPER.readTree(get(port, "/api/vouchers/me", load.participant(ack.user()))
                .body()).path("vouchers");
            assertThat(vouchers).as("user %d's vouchers: the one acknowledged, not doubled", ack.user()).hasSize(1);
            assertThat(vouchers.get(0).path("voucherCode").asText()).isEqualTo(ack.voucherCode());
        }
        for (final Map.Entry<Long, String> refusal : load.refused.entrySet())
        {
            final JsonNode vouchers = Json.MAPPER.readTree(get(port, "/api/vouchers/me",
                load.participant(refusal.getKey())).body()).path("vouchers");
            assertThat(vouchers).as("user %d was refused (%s) and holds nothing", refusal.getKey(), refusal.getValue())
                .isEmpty();
        }
        final JsonNode stats = Json.MAPPER.readTree(get(port, "/api/campaigns/1/stats", admin()).body());
        assertThat(stats.path("claimed").asLong()).as("never oversold").isLessThanOrEqualTo(STOCK)
            .isEqualTo(load.acks.size());
    }

    /**
     * One leader per term, by every member's log and by the answers; and across terms, no
     * answer of an earlier term carries a sequence past the first of a later term's answers.
     */
    private void assertOneLeaderPerTerm(final ClaimLoad load)
    {
        final Map<Long, Set<Integer>> byTerm = new TreeMap<>();
        leadersByTerm.forEach((term, leaders) -> byTerm.computeIfAbsent(term, t -> ConcurrentHashMap.newKeySet())
            .addAll(leaders));
        final Map<Long, long[]> sequenceRange = new TreeMap<>();
        for (final ClaimLoad.Ack ack : load.acks)
        {
            byTerm.computeIfAbsent(ack.epoch(), t -> ConcurrentHashMap.newKeySet()).add(ack.leader());
            final long[] range = sequenceRange.computeIfAbsent(ack.epoch(), t -> new long[] {Long.MAX_VALUE, 0});
            range[0] = Math.min(range[0], ack.sequence());
            range[1] = Math.max(range[1], ack.sequence());
        }
        System.out.println("cluster failover: leaders by term " + byTerm);
        byTerm.forEach((term, leaders) -> assertThat(leaders).as("leaders of term %d", term).hasSize(1));
        final List<Map.Entry<Long, long[]>> terms = new ArrayList<>(sequenceRange.entrySet());
        assertThat(terms.size()).as("terms that acknowledged claims").isGreaterThanOrEqualTo(3);
        for (int i = 1; i < terms.size(); i++)
        {
            assertThat(terms.get(i - 1).getValue()[1]).as("term %d's last acknowledged sequence, before term %d's first",
                terms.get(i - 1).getKey(), terms.get(i).getKey()).isLessThan(terms.get(i).getValue()[0]);
        }
    }

    /** Asks for a snapshot through the gateway until every member took one at the same log position, and compares. */
    private void awaitEqualSnapshots(final ClusterHarness cluster, final int port) throws Exception
    {
        final Map<Integer, Long> before = new HashMap<>();
        for (int id = 0; id < cluster.size(); id++)
        {
            before.put(id, cluster.health(id).path("snapshot").path("logPosition").asLong());
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline)
        {
            assertThat(post(port, "/api/admin/snapshot", admin(), null).statusCode()).isIn(202, 503);
            final long askedAt = System.nanoTime();
            while (System.nanoTime() - askedAt < TimeUnit.SECONDS.toNanos(5))
            {
                final List<JsonNode> snapshots = new ArrayList<>();
                for (int id = 0; id < cluster.size(); id++)
                {
                    final JsonNode health = cluster.health(id);
                    snapshots.add(health == null ? Json.MAPPER.createObjectNode() : health.path("snapshot"));
                }
                final long position = snapshots.get(0).path("logPosition").asLong(-1);
                boolean common = position > before.get(0);
                for (int id = 1; id < snapshots.size(); id++)
                {
                    common &= snapshots.get(id).path("logPosition").asLong(-2) == position;
                }
                if (common)
                {
                    for (int id = 1; id < snapshots.size(); id++)
                    {
                        assertThat(snapshots.get(id).path("stateHash").asText()).as("member %d's state hash at log " +
                            "position %d", id, position).isEqualTo(snapshots.get(0).path("stateHash").asText());
                        assertThat(snapshots.get(id).path("sequence").asLong()).as("member %d's engine sequence", id)
                            .isEqualTo(snapshots.get(0).path("sequence").asLong());
                    }
                    return;
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the members took no common snapshot");
    }

    private Thread watchLeaders(final ClusterHarness cluster, final AtomicBoolean watching)
    {
        final Thread thread = new Thread(() ->
        {
            while (watching.get())
            {
                for (int id = 0; id < cluster.size(); id++)
                {
                    if (cluster.isRunning(id))
                    {
                        final JsonNode health = cluster.health(id);
                        if (health != null && health.path("epoch").asLong(-1) >= 0)
                        {
                            leadersByTerm.computeIfAbsent(health.path("epoch").asLong(),
                                term -> ConcurrentHashMap.newKeySet()).add(health.path("leader").asInt());
                        }
                    }
                }
                try
                {
                    Thread.sleep(100);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
        }, "leader-watch");
        thread.start();
        return thread;
    }

    private long createCampaign(final int port) throws Exception
    {
        final long now = System.currentTimeMillis();
        final HttpResponse<String> response = post(port, "/api/campaigns", admin(), """
            {"name":"Cluster rush","budgetFen":100000000,"validDaysAfterClaim":30,"validUntil":%d,"perUserLimit":1,
             "tiers":[{"code":"T50","faceValueFen":5000,"thresholdFen":20000}],"storeIds":[101]}
            """.formatted(now + TimeUnit.DAYS.toMillis(60)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.MAPPER.readTree(response.body()).path("campaignId").asLong();
    }

    private long createDrop(final int port, final long campaignId) throws Exception
    {
        final HttpResponse<String> response = post(port, "/api/campaigns/" + campaignId + "/drops", admin(),
            "{\"tierCode\":\"T50\",\"quantity\":" + STOCK + ",\"startsAt\":" + System.currentTimeMillis() +
            ",\"perUserLimit\":1}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.MAPPER.readTree(response.body()).path("dropId").asLong();
    }

    private String admin()
    {
        return tokens.mint(Role.ADMIN, 1, 0, 0, Instant.now().plusSeconds(3600));
    }

    private JsonNode health(final int port)
    {
        try
        {
            return Json.MAPPER.readTree(get(port, "/health", null).body());
        }
        catch (final IOException ex)
        {
            return Json.MAPPER.createObjectNode();
        }
    }

    private HttpResponse<String> get(final int port, final String path, final String token) throws IOException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30)).GET();
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private HttpResponse<String> post(final int port, final String path, final String token, final String body)
        throws IOException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null)
        {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    private HttpResponse<String> send(final HttpRequest request) throws IOException
    {
        try
        {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException(ex);
        }
    }
}
