package io.startline.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.startline.cluster.LocalCluster;
import io.startline.cluster.client.ClusterClientContext;
import io.startline.cluster.member.MemberList;
import io.startline.engine.testkit.ChildJvm;
import io.startline.gateway.http.GatewayContext;
import io.startline.gateway.node.MemberHealth;
import io.startline.gateway.node.NodeMain;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A cluster of child JVMs, each started by the node's own command line ({@code cluster-node}), so
 * that a kill or a pause hits one member's process: media driver, archive, consensus module and
 * service together. Timeouts are short (a 2 s leader heartbeat timeout) and limits small.
 */
final class ClusterHarness implements AutoCloseable
{
    static final String JWT_SECRET = "cluster-test-secret-cluster-test-secret-0123";
    static final byte[] PERSON_KEY_SECRET = "person-key-secret-for-cluster-tests-0123".getBytes(StandardCharsets.UTF_8);
    static final long LEADER_HEARTBEAT_TIMEOUT_MS = 2_000;

    private final Path dir;
    private final MemberList members;
    private final Process[] processes;
    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    final Path nodeKey;
    final Path clusterSecret;

    ClusterHarness(final Path dir, final int size) throws IOException
    {
        this.dir = dir;
        members = MemberList.parse(LocalCluster.freeMemberList(size));
        processes = new Process[size];
        nodeKey = dir.resolve("node.key");
        clusterSecret = dir.resolve("cluster.secret");
        final byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.write(nodeKey, key);
        Files.writeString(clusterSecret, "cluster-harness-secret-" + Long.toHexString(new SecureRandom().nextLong()));
    }

    MemberList members()
    {
        return members;
    }

    int size()
    {
        return processes.length;
    }

    Path dataDir(final int id)
    {
        return dir.resolve("member-" + id);
    }

    /** The member's command line arguments after {@code cluster-node}. */
    List<String> memberArguments(final int id)
    {
        return new ArrayList<>(List.of("--member-id", Integer.toString(id), "--members", members.toString(),
            "--data-dir", dataDir(id).toString(), "--node-key-file", nodeKey.toString(),
            "--cluster-secret-file", clusterSecret.toString(), "--limits", "SMALL",
            // In the test's directory, not /dev/shm: a killed member leaves its driver's files behind.
            "--aeron-dir", dir.resolve("aeron-" + id).toString(),
            "--leader-heartbeat-timeout-ms", Long.toString(LEADER_HEARTBEAT_TIMEOUT_MS),
            "--snapshot-interval", "0"));
    }

    static ProcessBuilder command(final List<String> arguments)
    {
        // C1 only: the members do little work in these tests, and on two cores a JIT storm at start-up
        // could starve a leader's heartbeats.
        return ChildJvm.command(List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), NodeMain.class,
            arguments);
    }

    Process start(final int id) throws IOException
    {
        final List<String> arguments = new ArrayList<>(List.of("cluster-node"));
        arguments.addAll(memberArguments(id));
        final Process process = command(arguments)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("member-" + id + ".out").toFile()))
            .redirectErrorStream(true)
            .start();
        processes[id] = process;
        started.add(process);
        return process;
    }

    void startAll() throws IOException
    {
        for (int id = 0; id < processes.length; id++)
        {
            start(id);
        }
    }

    void kill(final int id) throws InterruptedException
    {
        processes[id].destroyForcibly();
        processes[id].waitFor(30, TimeUnit.SECONDS);
        processes[id] = null;
    }

    void signal(final int id, final String signal) throws IOException, InterruptedException
    {
        final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(processes[id].pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0)
        {
            throw new IllegalStateException("kill -" + signal + " failed for member " + id);
        }
    }

    boolean isRunning(final int id)
    {
        return processes[id] != null && processes[id].isAlive();
    }

    /** The member's {@code /health}, or null when it does not answer within half a second. */
    JsonNode health(final int id)
    {
        return MemberHealth.fetch(http, members.member(id), Duration.ofMillis(500));
    }

    /** The member a running member says it is, when it says it is the leader; -1 when none does. */
    int leader()
    {
        for (int id = 0; id < processes.length; id++)
        {
            if (isRunning(id))
            {
                final JsonNode health = health(id);
                if (health != null && "leader".equals(health.path("role").asText()))
                {
                    return id;
                }
            }
        }
        return -1;
    }

    StartlineGateway gateway()
    {
        return new StartlineGateway(new GatewayContext().host("127.0.0.1").port(0).rateLimitPerSecond(100_000)
            .rateLimitBurst(100_000), clientContext(), JWT_SECRET, PERSON_KEY_SECRET);
    }

    ClusterClientContext clientContext()
    {
        try
        {
            return new ClusterClientContext()
                .members(members)
                .egressEndpoint("127.0.0.1:0")
                .clusterSecret(Files.readString(clusterSecret).trim().getBytes(StandardCharsets.UTF_8))
                .requestTimeoutMs(8_000);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    String output(final int id)
    {
        try
        {
            final Path file = dir.resolve("member-" + id + ".out");
            return Files.exists(file) ? Files.readString(file) : "";
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    /** Prints the end of every member's output: what a failed run needs to be understood. */
    void printOutputs(final int lines)
    {
        for (int id = 0; id < processes.length; id++)
        {
            final String[] all = output(id).split("\n");
            System.out.printf("----- member %d, last %d lines -----%n", id, Math.min(lines, all.length));
            for (int i = Math.max(0, all.length - lines); i < all.length; i++)
            {
                System.out.println(all[i]);
            }
        }
    }

    static void await(final String what, final long timeoutSeconds, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            try
            {
                Thread.sleep(50);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    @Override
    public void close()
    {
        for (final Process process : started)
        {
            if (process.isAlive())
            {
                try
                {
                    new ProcessBuilder("kill", "-CONT", Long.toString(process.pid())).start().waitFor();
                }
                catch (final IOException | InterruptedException ex)
                {
                    // the process is killed below either way
                }
                process.destroyForcibly();
            }
        }
    }
}
