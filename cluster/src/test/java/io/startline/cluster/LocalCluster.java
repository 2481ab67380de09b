package io.startline.cluster;

import io.startline.cluster.client.ClusterClientContext;
import io.startline.cluster.member.ClusterMember;
import io.startline.cluster.member.ClusterMemberContext;
import io.startline.cluster.member.MemberList;
import io.startline.engine.EngineContext;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Members of one cluster in this JVM, for tests of the service and the client (the process-level
 * tests, with a member per child JVM, are the gateway's). Each member has its own media driver,
 * archive and data directory, on ports of their own.
 */
public final class LocalCluster implements AutoCloseable
{
    public static final byte[] SECRET = "local-cluster-secret-0123456789".getBytes(StandardCharsets.US_ASCII);

    private final Path dir;
    private final MemberList members;
    private final Supplier<EngineContext> engineContext;
    private final ClusterMember[] running;
    private UnaryOperator<ClusterMemberContext> tuning = UnaryOperator.identity();

    public LocalCluster(final Path dir, final int size, final Supplier<EngineContext> engineContext)
    {
        this.dir = dir;
        this.engineContext = engineContext;
        members = MemberList.parse(freeMemberList(size));
        running = new ClusterMember[size];
    }

    /** A list whose every port is free now: base ports picked at random, ten apart. */
    public static String freeMemberList(final int size)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            final int base = 20_000 + ThreadLocalRandom.current().nextInt(2_000) * 20;
            boolean free = true;
            for (int port = base; port < base + size * 10 && free; port++)
            {
                free = isFree(port);
            }
            if (free)
            {
                final StringBuilder text = new StringBuilder();
                for (int id = 0; id < size; id++)
                {
                    text.append(id == 0 ? "" : ",").append(id).append("=127.0.0.1:").append(base + id * 10);
                }
                return text.toString();
            }
        }
        throw new IllegalStateException("no free ports found");
    }

    private static boolean isFree(final int port)
    {
        try (ServerSocket tcp = new ServerSocket(port); DatagramSocket udp = new DatagramSocket(port))
        {
            return tcp.getLocalPort() == port && udp.getLocalPort() == port;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /** Settings of a test's own for every member, applied after the defaults. */
    public LocalCluster tune(final UnaryOperator<ClusterMemberContext> tuning)
    {
        this.tuning = tuning;
        return this;
    }

    public MemberList members()
    {
        return members;
    }

    public ClusterMemberContext memberContext(final int id)
    {
        return tuning.apply(new ClusterMemberContext()
            .memberId(id)
            .members(members)
            .dataDir(dir.resolve("member-" + id))
            .aeronDir(Path.of("/dev/shm").toFile().isDirectory() ?
                Path.of("/dev/shm", "startline-test-" + ProcessHandle.current().pid() + "-" + members.member(id).basePort()) :
                dir.resolve("aeron-" + id))
            .engineContext(engineContext.get())
            .clusterSecret(SECRET)
            .tickIntervalMs(50)
            .snapshotIntervalCommands(0)
            .leaderHeartbeatTimeoutMs(2_000)
            .sessionTimeoutMs(10_000));
    }

    public LocalCluster startAll()
    {
        final List<Thread> starting = new ArrayList<>();
        final RuntimeException[] failure = new RuntimeException[1];
        for (int id = 0; id < running.length; id++)
        {
            final int member = id;
            final Thread thread = new Thread(() ->
            {
                try
                {
                    start(member);
                }
                catch (final RuntimeException ex)
                {
                    failure[0] = ex;
                }
            });
            thread.start();
            starting.add(thread);
        }
        for (final Thread thread : starting)
        {
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
        if (failure[0] != null)
        {
            throw failure[0];
        }
        return this;
    }

    public ClusterMember start(final int id)
    {
        running[id] = ClusterMember.launch(memberContext(id));
        return running[id];
    }

    public void stop(final int id)
    {
        if (running[id] != null)
        {
            running[id].close();
            running[id] = null;
        }
    }

    public ClusterMember member(final int id)
    {
        return running[id];
    }

    public int size()
    {
        return running.length;
    }

    public ClusterClientContext clientContext()
    {
        return new ClusterClientContext()
            .members(members)
            .egressEndpoint("127.0.0.1:0")
            .clusterSecret(SECRET)
            .requestTimeoutMs(20_000);
    }

    public void stopAll()
    {
        for (int id = 0; id < running.length; id++)
        {
            stop(id);
        }
    }

    @Override
    public void close()
    {
        stopAll();
    }
}
