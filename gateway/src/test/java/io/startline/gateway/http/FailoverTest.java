package io.startline.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.testkit.ChildJvm;
import io.startline.gateway.node.NodeMain;
import io.startline.gateway.pipeline.Pipeline;
import io.startline.gateway.pipeline.PipelineContext;
import io.startline.persistence.PersistenceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failover as an operator lives it, with each node in its own JVM started by the node's own
 * command line: a sync primary (demo data) and its standby; clients claiming vouchers,
 * entering the marathon and holding courts, every acknowledged answer recorded; the primary
 * killed with SIGKILL mid-load; the standby promoted with the {@code promote} command. Every
 * acknowledged effect must be on the new primary, nothing oversold or doubled; the old
 * primary, restarted as a standby, rejoins and ends with the same state hash.
 */
class FailoverTest
{
    private static final String SECRET = "failover-secret-failover-secret-0123456789";
    private static final int DROP_QUANTITY = 500;
    private static final ZoneOffset VENUE_OFFSET = ZoneOffset.ofHours(8);

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Tokens tokens = new Tokens(SECRET);
    private final Map<Long, String> ackedVoucherCodes = new ConcurrentHashMap<>();
    private final Map<Long, Long> ackedEntryIds = new ConcurrentHashMap<>();
    private final Map<Long, Long> ackedHoldIds = new ConcurrentHashMap<>();
    private final List<Process> started = new ArrayList<>();

    /** A failed run must not leave nodes behind. */
    @AfterEach
    void killLeftovers()
    {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void killingThePrimaryMidLoadLosesNoAcknowledgedWriteAndTheOldPrimaryRejoinsWithTheSameState() throws Exception
    {
        final Path dataA = dir.resolve("a");
        final Path dataB = dir.resolve("b");
        shareOneNodeKey(dataA, dataB);
        final int udpA = freePort();
        final int udpB = freePort();
        final int httpA = freePort();
        final int httpB = freePort();

        final Process standby = start("b", "serve", httpB, dataB, "STANDBY", udpB, udpA);
        Process primary = start("a", "demo", httpA, dataA, "PRIMARY", udpA, udpB);
        await("the primary's demo data", () -> output(dir.resolve("a.out")).contains("Startline demo node on"));
        await("the standby to be live", () -> "LIVE".equals(health(httpA).path("replication").path("state").asText()));

        final AtomicBoolean loading = new AtomicBoolean(true);
        final List<Thread> clients = List.of(
            client("claims", loading, user -> claim(httpA, user)),
            client("entries", loading, user -> enter(httpA, user)),
            client("holds", loading, user -> hold(httpA, user)));
        await("some of every kind acknowledged", () -> ackedVoucherCodes.size() > 50 && ackedEntryIds.size() > 50 &&
            ackedHoldIds.size() > 50);
        primary.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        loading.set(false);
        for (final Thread thread : clients)
        {
            thread.join(30_000);
        }

        final Process promote = command("promote", List.of("--url", "http://127.0.0.1:" + httpB, "--jwt-secret", SECRET))
            .redirectOutput(dir.resolve("promote.out").toFile()).redirectErrorStream(true).start();
        assertThat(promote.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(promote.exitValue()).as("the promote command: %s", output(dir.resolve("promote.out"))).isZero();
        assertThat(health(httpB).path("role").asText()).isEqualTo("primary");
        assertThat(health(httpB).path("epoch").asLong()).isEqualTo(2);

        System.out.printf("failover: acknowledged before the kill: %d claims, %d entries, %d holds%n",
            ackedVoucherCodes.size(), ackedEntryIds.size(), ackedHoldIds.size());
        assertEveryAcknowledgedEffectIsOn(httpB);
        final long laterUser = 5_000;
        assertThat(enter(httpB, laterUser)).as("the new primary takes writes").isTrue();

        primary = start("a-rejoined", "serve", httpA, dataA, "STANDBY", udpA, udpB);
        await("the old primary to rejoin as a live standby in sync", () ->
        {
            final JsonNode replication = health(httpB).path("replication");
            return "LIVE".equals(replication.path("state").asText()) && !replication.path("fellBackToAsync").asBoolean();
        });
        assertThat(health(httpA).path("role").asText()).isEqualTo("standby");
        assertThat(health(httpA).path("epoch").asLong()).isEqualTo(2);

        stop(standby);
        stop(primary);
        final Engine newPrimary = recover(dataB);
        final Engine rejoined = recover(dataA);
        assertThat(rejoined.lastSequence()).isEqualTo(newPrimary.lastSequence());
        assertThat(rejoined.stateHash()).isEqualTo(newPrimary.stateHash());
    }

    private void assertEveryAcknowledgedEffectIsOn(final int port) throws Exception
    {
        assertThat(ackedVoucherCodes).isNotEmpty();
        for (final Map.Entry<Long, String> acked : ackedVoucherCodes.entrySet())
        {
            final JsonNode vouchers = get(port, "/api/vouchers/me", participant(acked.getKey())).path("vouchers");
            assertThat(vouchers).as("user %d's vouchers: one, not doubled", acked.getKey()).hasSize(1);
            assertThat(vouchers.get(0).path("voucherCode").asText()).isEqualTo(acked.getValue());
        }
        final JsonNode stats = get(port, "/api/campaigns/1/stats", admin());
        assertThat(stats.path("claimed").asLong()).as("never oversold")
            .isLessThanOrEqualTo(DROP_QUANTITY).isGreaterThanOrEqualTo(ackedVoucherCodes.size());
        for (final Map.Entry<Long, Long> acked : ackedEntryIds.entrySet())
        {
            assertThat(get(port, "/api/races/1/entries/me", participant(acked.getKey())).path("entryId").asLong())
                .as("user %d's entry", acked.getKey()).isEqualTo(acked.getValue());
        }
        for (final Map.Entry<Long, Long> acked : ackedHoldIds.entrySet())
        {
            final JsonNode holds = get(port, "/api/bookings/me", participant(acked.getKey())).path("holds");
            assertThat(holds).as("user %d's holds", acked.getKey()).hasSize(1);
            assertThat(holds.get(0).path("holdId").asLong()).isEqualTo(acked.getValue());
        }
    }

    private boolean claim(final int port, final long user) throws Exception
    {
        final HttpResponse<String> response = send(port, "POST", "/api/campaigns/1/claims", participant(user),
            "{\"dropId\":1}");
        if (response.statusCode() == 201)
        {
            ackedVoucherCodes.put(user, Json.MAPPER.readTree(response.body()).path("voucherCode").asText());
        }
        return response.statusCode() == 201;
    }

    private boolean enter(final int port, final long user) throws Exception
    {
        final HttpResponse<String> response = send(port, "POST", "/api/races/1/entries", participant(user),
            RaceApiTest.entry("HALF", RaceApiTest.nationalId((int)(user % 1000)), null));
        if (response.statusCode() == 201)
        {
            ackedEntryIds.put(user, Json.MAPPER.readTree(response.body()).path("entryId").asLong());
        }
        return response.statusCode() == 201;
    }

    /** Each user holds its own slot: three courts, 24 hours, days one to six ahead. */
    private boolean hold(final int port, final long user) throws Exception
    {
        final long slot = user % (3 * 24 * 6);
        final LocalDate day = LocalDate.now(VENUE_OFFSET).plusDays(1 + slot / 72);
        final long startAt = day.atStartOfDay(VENUE_OFFSET).toInstant().toEpochMilli() +
            TimeUnit.HOURS.toMillis(slot % 72 / 3);
        final HttpResponse<String> response = send(port, "POST", "/api/venues/1/holds", participant(user),
            "{\"resourceCode\":\"COURT-" + (1 + slot % 3) + "\",\"startAt\":" + startAt + ",\"slots\":1}");
        if (response.statusCode() == 201)
        {
            ackedHoldIds.put(user, Json.MAPPER.readTree(response.body()).path("holdId").asLong());
        }
        return response.statusCode() == 201;
    }

    /** A client thread: distinct users, one request each, until told to stop or the node is gone. */
    private static Thread client(final String name, final AtomicBoolean loading, final Request request)
    {
        final AtomicInteger user = new AtomicInteger();
        final Thread thread = new Thread(() ->
        {
            while (loading.get() && user.get() < 900)
            {
                try
                {
                    request.send(user.incrementAndGet());
                }
                catch (final IOException ex)
                {
                    return;
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
            }
        }, "failover-" + name);
        thread.start();
        return thread;
    }

    @FunctionalInterface
    private interface Request
    {
        boolean send(long user) throws Exception;
    }

    private String participant(final long user)
    {
        return tokens.mint(Role.PARTICIPANT, user, 0, 0, Instant.now().plusSeconds(3600));
    }

    private String admin()
    {
        return tokens.mint(Role.ADMIN, 1, 0, 0, Instant.now().plusSeconds(3600));
    }

    private HttpResponse<String> send(final int port, final String method, final String path, final String token,
        final String body) throws IOException, InterruptedException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null)
        {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(final int port, final String path, final String token) throws Exception
    {
        final HttpResponse<String> response = send(port, "GET", path, token, null);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private int status(final int port, final String method, final String path, final String token)
    {
        try
        {
            return send(port, method, path, token, null).statusCode();
        }
        catch (final IOException | InterruptedException ex)
        {
            return -1;
        }
    }

    private JsonNode health(final int port)
    {
        try
        {
            return Json.MAPPER.readTree(send(port, "GET", "/health", null, null).body());
        }
        catch (final IOException | InterruptedException ex)
        {
            return Json.MAPPER.createObjectNode();
        }
    }

    private Process start(final String name, final String subcommand, final int httpPort, final Path dataDir,
        final String role, final int listenUdp, final int peerUdp) throws IOException
    {
        final List<String> arguments = List.of("--host", "127.0.0.1", "--port", Integer.toString(httpPort),
            "--data-dir", dataDir.toString(), "--jwt-secret", SECRET, "--role", role,
            "--replication-listen", "localhost:" + listenUdp, "--replication-peer", "localhost:" + peerUdp,
            "--ack", "SYNC", "--standby-lost", "FALL_BACK_TO_ASYNC", "--sync-timeout-ms", "1000");
        final Process process = command(subcommand, arguments)
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .redirectError(dir.resolve(name + ".err").toFile())
            .start();
        started.add(process);
        await(name + " to serve", () -> status(httpPort, "GET", "/health", null) == 200);
        return process;
    }

    private static ProcessBuilder command(final String subcommand, final List<String> arguments)
    {
        final List<String> nodeArguments = new ArrayList<>();
        nodeArguments.add(subcommand);
        nodeArguments.addAll(arguments);
        return ChildJvm.command(List.of("-Xmx1g", "-Dstartline.replication.handshake.timeout.ms=1000"), NodeMain.class,
            nodeArguments);
    }

    private static String output(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    private static void stop(final Process process) throws InterruptedException
    {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("a graceful stop").isTrue();
    }

    /** The node's own engine, from its data directory, under the node's limits and key. */
    private static Engine recover(final Path dataDir) throws IOException
    {
        final ByteBuffer key = ByteBuffer.wrap(Files.readAllBytes(dataDir.resolve("node.key")));
        try (Pipeline pipeline = Pipeline.start(new PipelineContext().tickIntervalMs(0),
            new PersistenceContext().dataDir(dataDir), new EngineContext().codeKey(key.getLong(0), key.getLong(8))))
        {
            return pipeline.engineAfterClose();
        }
    }

    private static void shareOneNodeKey(final Path a, final Path b) throws IOException
    {
        final byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        for (final Path dataDir : List.of(a, b))
        {
            Files.createDirectories(dataDir);
            Files.write(dataDir.resolve("node.key"), key);
        }
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private static void await(final String what, final BooleanSupplier condition)
    {
        ReplicationTest.await(what, 90, condition);
    }
}
