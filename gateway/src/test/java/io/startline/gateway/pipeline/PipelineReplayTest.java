package io.startline.gateway.pipeline;

import io.startline.gateway.link.ResultListener;
import io.startline.gateway.link.SubmitStatus;
import io.startline.engine.EngineContext;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.MixedWorkload;
import io.startline.persistence.PersistenceContext;
import io.startline.persistence.snapshot.SnapshotStore;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay equivalence through the whole node: a random workload over vouchers, races and
 * venues goes through the real pipeline (stamped by a test clock with the workload's own
 * times), and the node restarted on its data directory has the live engine's state hash:
 * from the journal alone, from a snapshot and the journal after it, and from an older
 * snapshot when the newest is corrupt.
 */
class PipelineReplayTest
{
    /** The layout these tests run on; {@link FusedPipelineReplayTest} runs them all again fused. */
    PipelineContext.StageLayout layout()
    {
        return PipelineContext.StageLayout.STAGED;
    }

    private static final long SEED = 0x2026_1122_0005L;
    private static final int STEPS = 8_000;
    private static List<EngineDriver.JournalEntry> entries;
    private static long liveHash;

    @TempDir
    Path dataDir;

    private final CachedEpochClock clock = new CachedEpochClock();

    @BeforeAll
    static void runTheWorkload()
    {
        System.out.println("PipelineReplayTest workload seed " + SEED);
        final MixedWorkload workload = new MixedWorkload(MixedWorkload.context(), SEED);
        workload.steps(STEPS);
        entries = List.copyOf(workload.journal());
        liveHash = workload.driver().engine().stateHash();
    }

    private static EngineContext engine()
    {
        return MixedWorkload.context();
    }

    private PersistenceContext persistence()
    {
        return new PersistenceContext().dataDir(dataDir);
    }

    private PipelineContext pipeline(final long snapshotInterval)
    {
        return new PipelineContext().stageLayout(layout()).clock(clock).tickIntervalMs(0)
            .snapshotIntervalCommands(snapshotInterval).snapshotDeferBusyRate(0);
    }

    /** Sends every recorded command through the node, one at a time, at its recorded time. */
    private long runThroughTheNode(final long snapshotInterval)
    {
        final Pipeline node = Pipeline.start(pipeline(snapshotInterval), persistence(), engine());
        for (final EngineDriver.JournalEntry entry : entries)
        {
            clock.update(entry.timestampMs());
            final Results.Pending pending = new Results.Pending();
            final UnsafeBuffer command = new UnsafeBuffer(entry.command());
            assertThat(node.submit(command, 0, command.capacity(), pending)).isEqualTo(SubmitStatus.ACCEPTED);
            assertThat(pending.await().sequence()).isEqualTo(entry.sequence());
        }
        node.close();
        return node.engineAfterClose().stateHash();
    }

    private long restartedHash()
    {
        try (Pipeline restarted = Pipeline.start(pipeline(0), persistence(), engine()))
        {
            return restarted.recovered().engine().stateHash();
        }
    }

    @Test
    void aNodeRestartedFromItsJournalHasTheLiveStateHash()
    {
        assertThat(runThroughTheNode(0)).as("the node's live engine matches the workload's").isEqualTo(liveHash);
        assertThat(restartedHash()).isEqualTo(liveHash);
    }

    @Test
    void aNodeRestartedFromASnapshotAndTheJournalAfterItHasTheLiveStateHash()
    {
        assertThat(runThroughTheNode(3_000)).isEqualTo(liveHash);
        final List<SnapshotStore.SnapshotFile> snapshots = new SnapshotStore(persistence().snapshotDir()).list();
        assertThat(snapshots).extracting(SnapshotStore.SnapshotFile::sequence).containsExactly(6_000L, 3_000L);
        try (Pipeline restarted = Pipeline.start(pipeline(0), persistence(), engine()))
        {
            assertThat(restarted.recovered().snapshot().sequence()).isEqualTo(6_000L);
            assertThat(restarted.recovered().replayedCommands()).isEqualTo(entries.size() - 6_000L);
            assertThat(restarted.recovered().engine().stateHash()).isEqualTo(liveHash);
        }
    }

    @Test
    void aNodeWhoseNewestSnapshotIsCorruptRestartsFromTheOlderOneWithTheLiveStateHash() throws IOException
    {
        runThroughTheNode(3_000);
        final SnapshotStore.SnapshotFile newest = new SnapshotStore(persistence().snapshotDir()).list().get(0);
        try (RandomAccessFile file = new RandomAccessFile(newest.path().toFile(), "rw"))
        {
            file.seek(file.length() / 3);
            final int old = file.read();
            file.seek(file.length() / 3);
            file.write(old ^ 0x01);
        }
        try (Pipeline restarted = Pipeline.start(pipeline(0), persistence(), engine()))
        {
            assertThat(restarted.recovered().snapshot().sequence()).isEqualTo(3_000L);
            assertThat(restarted.recovered().engine().stateHash()).isEqualTo(liveHash);
        }
    }
}
