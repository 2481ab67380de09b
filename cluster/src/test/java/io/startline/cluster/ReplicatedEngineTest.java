package io.startline.cluster;

import io.startline.cluster.client.EngineClusterClient;
import io.startline.cluster.service.ServiceStatus;
import io.startline.engine.codec.IdempotentDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.TakeSnapshotEncoder;
import io.startline.engine.codec.TickDecoder;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.MixedWorkload;
import io.startline.engine.testkit.RandomizedRun;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three members in this JVM apply one log: a seeded mixed stream over all three domains, sent
 * through the cluster client. Every member that snapshots at a log position must hold the same
 * state there; a member that was away, and the whole cluster restarted, catch up to it.
 */
class ReplicatedEngineTest
{
    @TempDir
    Path dir;

    @Test
    void everyMemberReachesTheSameStateFromTheSameLogIncludingOneAwayAndAllRestarted() throws Exception
    {
        final RandomizedRun run = RandomizedRun.of("ReplicatedEngineTest", 1_500);
        final MixedWorkload workload = new MixedWorkload(MixedWorkload.context(), run.seed());
        workload.steps((int)run.steps());
        final List<EngineDriver.JournalEntry> journal = workload.journal();
        final int half = journal.size() / 2;

        try (LocalCluster cluster = new LocalCluster(dir, 3, MixedWorkload::context).startAll())
        {
            try (EngineClusterClient client = new EngineClusterClient(cluster.clientContext()))
            {
                sendAll(client, journal.subList(0, half));
                assertCutShortCommandIsRefusedWithoutASequence(client, firstUnkeyedCommand(journal, half));
                final CommonSnapshot first = awaitCommonSnapshot(cluster, client, -1);

                cluster.stop(2);
                sendAll(client, journal.subList(half, journal.size()));
                cluster.start(2);
                final CommonSnapshot second = awaitCommonSnapshot(cluster, client, first.logPosition());
                assertThat(second.sequence()).isGreaterThan(first.sequence());
            }
            final long sequenceBefore = cluster.member(0).status().appliedSequence();
            cluster.stopAll();
            cluster.startAll();
            try (EngineClusterClient client = new EngineClusterClient(cluster.clientContext()))
            {
                final CommonSnapshot restarted = awaitCommonSnapshot(cluster, client, -1);
                assertThat(restarted.sequence()).isGreaterThanOrEqualTo(sequenceBefore);
            }
        }
    }

    /**
     * A command one byte short (as a damaged or hostile gateway might send) is refused on every
     * member before the engine: no sequence is taken, and the members' common snapshot later shows
     * they stayed alike.
     */
    private static void assertCutShortCommandIsRefusedWithoutASequence(final EngineClusterClient client,
        final byte[] command) throws Exception
    {
        final byte[] keyed = resendSafe(command);
        final byte[] cutShort = Arrays.copyOf(keyed, keyed.length - 1);
        assertThat(ClusterCalls.send(client, cutShort).get(30, TimeUnit.SECONDS).sequence()).isZero();
    }

    /**
     * The first command from {@code from} on that a gateway would key: not a tick, whose header
     * alone, cut short, the client refuses before it is sent.
     */
    private static byte[] firstUnkeyedCommand(final List<EngineDriver.JournalEntry> journal, final int from)
    {
        for (final EngineDriver.JournalEntry entry : journal.subList(from, journal.size()))
        {
            if (resendSafe(entry.command()) != entry.command())
            {
                return entry.command();
            }
        }
        throw new AssertionError("no command to key after journal entry " + from);
    }

    /** Sends every command, keyed as a gateway keys writes, up to 64 at a time. */
    private static void sendAll(final EngineClusterClient client, final List<EngineDriver.JournalEntry> commands)
        throws Exception
    {
        final List<CompletableFuture<ClusterCalls.Answer>> window = new ArrayList<>();
        for (final EngineDriver.JournalEntry entry : commands)
        {
            window.add(ClusterCalls.send(client, resendSafe(entry.command())));
            if (window.size() == 64)
            {
                awaitAll(window);
            }
        }
        awaitAll(window);
    }

    private static void awaitAll(final List<CompletableFuture<ClusterCalls.Answer>> window) throws Exception
    {
        for (final CompletableFuture<ClusterCalls.Answer> answer : window)
        {
            assertThat(answer.get(30, TimeUnit.SECONDS).sequence()).isPositive();
        }
        window.clear();
    }

    private static byte[] resendSafe(final byte[] command)
    {
        final int templateId = new UnsafeBuffer(command).getShort(MessageHeaderDecoder.templateIdEncodingOffset(),
            ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        return templateId == IdempotentDecoder.TEMPLATE_ID || templateId == TickDecoder.TEMPLATE_ID ? command :
            ClusterCalls.keyed(command);
    }

    /**
     * Asks for a snapshot and waits until every member has taken one at the same log position past
     * {@code after}; their state hashes there must agree.
     */
    private record CommonSnapshot(long logPosition, long sequence, long stateHash)
    {
    }

    private static CommonSnapshot awaitCommonSnapshot(final LocalCluster cluster, final EngineClusterClient client,
        final long after) throws Exception
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long nextAskNs = 0;
        while (System.nanoTime() < deadlineNs)
        {
            if (System.nanoTime() > nextAskNs)
            {
                final byte[] takeSnapshot = new byte[MessageHeaderEncoder.ENCODED_LENGTH];
                new TakeSnapshotEncoder().wrapAndApplyHeader(new UnsafeBuffer(takeSnapshot), 0, new MessageHeaderEncoder());
                ClusterCalls.send(client, takeSnapshot).get(30, TimeUnit.SECONDS);
                nextAskNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            }
            final ServiceStatus reference = cluster.member(0).status();
            boolean common = reference.snapshotLogPosition() > after;
            for (int id = 1; id < cluster.size() && common; id++)
            {
                common = cluster.member(id).status().snapshotLogPosition() == reference.snapshotLogPosition();
            }
            if (common)
            {
                for (int id = 1; id < cluster.size(); id++)
                {
                    final ServiceStatus status = cluster.member(id).status();
                    assertThat(status.snapshotSequence()).as("member %d's engine sequence at log position %d", id,
                        reference.snapshotLogPosition()).isEqualTo(reference.snapshotSequence());
                    assertThat(status.snapshotStateHash()).as("member %d's state hash at log position %d", id,
                        reference.snapshotLogPosition()).isEqualTo(reference.snapshotStateHash());
                }
                return new CommonSnapshot(reference.snapshotLogPosition(), reference.snapshotSequence(),
                    reference.snapshotStateHash());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the members took no common snapshot past log position " + after);
    }
}
