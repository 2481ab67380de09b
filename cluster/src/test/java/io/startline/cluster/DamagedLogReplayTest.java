package io.startline.cluster;

import io.startline.cluster.client.EngineClusterClient;
import io.startline.cluster.member.ClusterMember;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.MixedWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member whose recorded Raft log had one byte changed while it was down (a bad sector) finds
 * it when it replays the log at start-up, by the frame's checksum, and stops naming the damage and
 * what to do. Before, the consensus module asked for the same replay again and again, logging the
 * mismatch twice a second for ever, and the member never served.
 */
class DamagedLogReplayTest
{
    private static final int COMMANDS = 200;

    @TempDir
    Path dir;

    @Test
    void aMemberWhoseLogIsDamagedStopsAtStartUpNamingTheDamage() throws Exception
    {
        try (LocalCluster cluster = new LocalCluster(dir, 1, MixedWorkload::context))
        {
            cluster.startAll();
            final long logged = logCommands(cluster);
            cluster.stop(0);
            final Path dataDir = cluster.memberContext(0).dataDir();
            ArchiveDamage.changeOneByteInsideACommand(dataDir.resolve(ClusterMember.ARCHIVE_DIR));

            final ClusterMember restarted = cluster.start(0);
            final CompletableFuture<String> stopped = CompletableFuture.supplyAsync(() ->
            {
                try
                {
                    return restarted.awaitTermination();
                }
                catch (final InterruptedException ex)
                {
                    throw new IllegalStateException(ex);
                }
            });
            final String reason = stopped.get(30, TimeUnit.SECONDS);
            assertThat(reason).contains("a replay of the Raft log met a damaged frame").contains("checksum mismatch")
                .contains("verify-archive --data-dir " + dataDir);
            assertThat(restarted.status().appliedSequence()).as("nothing past the damage applied")
                .isLessThan(logged);
        }
    }

    /** @return the sequence the member had applied once every command was answered. */
    private static long logCommands(final LocalCluster cluster) throws Exception
    {
        final MixedWorkload workload = new MixedWorkload(MixedWorkload.context(), 20261206L);
        workload.steps(COMMANDS);
        try (EngineClusterClient client = new EngineClusterClient(cluster.clientContext()))
        {
            for (final EngineDriver.JournalEntry entry : workload.journal())
            {
                ClusterCalls.send(client, ClusterCalls.keyed(entry.command())).get(30, TimeUnit.SECONDS);
            }
        }
        final long applied = cluster.member(0).status().appliedSequence();
        assertThat(applied).as("commands applied before the stop").isPositive();
        return applied;
    }
}
