package io.startline.cluster;

import io.startline.cluster.client.EngineClusterClient;
import io.startline.engine.codec.GrantEntitlementsEncoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.TakeSnapshotEncoder;
import io.startline.engine.testkit.EngineDriver;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive does not grow without bound: once a member holds more snapshots than it retains,
 * the log before the oldest one kept is deleted, and the member still restarts from its newest
 * snapshot and the log after it.
 */
class LogRetentionTest
{
    /** Entitlements for a race that does not exist: refused, but each is about 80 KiB of log. */
    private static final int PERSONS_PER_COMMAND = 5_000;

    @TempDir
    Path dir;

    @Test
    void theLogBeforeTheOldestRetainedSnapshotIsDeletedAndTheMemberStillRestarts() throws Exception
    {
        try (LocalCluster cluster = new LocalCluster(dir, 1, EngineDriver::smallContext)
            .tune(member -> member.termLength(1 << 20).snapshotsRetained(2)).startAll())
        {
            final long sequenceBeforeRestart;
            try (EngineClusterClient client = new EngineClusterClient(cluster.clientContext()))
            {
                for (int snapshot = 0; snapshot < 4; snapshot++)
                {
                    for (int command = 0; command < 60; command++)
                    {
                        ClusterCalls.send(client, ClusterCalls.keyed(bigRefusedCommand())).get(30, TimeUnit.SECONDS);
                    }
                    final long taken = cluster.member(0).status().snapshotsTaken();
                    ClusterCalls.send(client, takeSnapshot()).get(30, TimeUnit.SECONDS);
                    awaitTrue(() -> cluster.member(0).status().snapshotsTaken() > taken);
                }
                // Four snapshots about 4.8 MiB of log apart, two kept: at least the first two intervals
                // go, in whole segments of 4 MiB (four 1 MiB terms).
                awaitTrue(() -> cluster.member(0).logBytesPurged() >= 8L << 20);
                sequenceBeforeRestart = cluster.member(0).status().appliedSequence();
            }
            cluster.stopAll();
            cluster.startAll();
            try (EngineClusterClient client = new EngineClusterClient(cluster.clientContext()))
            {
                ClusterCalls.send(client, ClusterCalls.keyed(bigRefusedCommand())).get(30, TimeUnit.SECONDS);
                assertThat(cluster.member(0).status().appliedSequence()).as("restarted past where it stopped")
                    .isGreaterThan(sequenceBeforeRestart);
            }
        }
    }

    private static byte[] bigRefusedCommand()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 + PERSONS_PER_COMMAND * 16]);
        final GrantEntitlementsEncoder grant = new GrantEntitlementsEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .raceId(999)
            .poolCode("LOCAL")
            .weight(0);
        final GrantEntitlementsEncoder.PersonsEncoder persons = grant.personsCount(PERSONS_PER_COMMAND);
        for (int i = 0; i < PERSONS_PER_COMMAND; i++)
        {
            persons.next().personKey0(i).personKey1(-i);
        }
        final byte[] bytes = new byte[MessageHeaderEncoder.ENCODED_LENGTH + grant.encodedLength()];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private static byte[] takeSnapshot()
    {
        final byte[] bytes = new byte[MessageHeaderEncoder.ENCODED_LENGTH];
        new TakeSnapshotEncoder().wrapAndApplyHeader(new UnsafeBuffer(bytes), 0, new MessageHeaderEncoder());
        return bytes;
    }

    private static void awaitTrue(final java.util.function.BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime() < deadline).as("in time").isTrue();
            Thread.sleep(50);
        }
    }
}
