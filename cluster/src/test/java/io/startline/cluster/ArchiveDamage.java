package io.startline.cluster;

import io.aeron.protocol.DataHeaderFlyweight;
import io.startline.cluster.client.EngineClusterClient;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.MixedWorkload;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A member's Raft log with commands in it, and one byte of it changed as a bad sector would. */
public final class ArchiveDamage
{
    private ArchiveDamage()
    {
    }

    /**
     * Runs a one-member cluster in {@code dir}, logs {@code commands} keyed commands of a mixed
     * workload, and stops it.
     *
     * @return the member's data directory.
     */
    public static Path logCommands(final Path dir, final int commands) throws Exception
    {
        try (LocalCluster cluster = new LocalCluster(dir, 1, MixedWorkload::context).startAll())
        {
            final MixedWorkload workload = new MixedWorkload(MixedWorkload.context(), 20261205L);
            workload.steps(commands);
            try (EngineClusterClient client = new EngineClusterClient(cluster.clientContext()))
            {
                for (final EngineDriver.JournalEntry entry : workload.journal())
                {
                    ClusterCalls.send(client, ClusterCalls.keyed(entry.command())).get(30, TimeUnit.SECONDS);
                }
            }
            return cluster.memberContext(0).dataDir();
        }
    }

    /** Flips a byte in the payload of the largest data frame of the log's first segment. */
    public static void changeOneByteInsideACommand(final Path archiveDir) throws IOException
    {
        final Path segment;
        try (Stream<Path> files = Files.list(archiveDir))
        {
            segment = files.filter(file -> file.getFileName().toString().endsWith(".rec"))
                .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw"))
        {
            final ByteBuffer bytes = ByteBuffer.allocate((int)Math.min(file.length(), 8 << 20)).order(ByteOrder.LITTLE_ENDIAN);
            file.getChannel().read(bytes, 0);
            int largestAt = -1;
            int largestLength = 0;
            for (int at = 0; at + DataHeaderFlyweight.HEADER_LENGTH <= bytes.capacity(); )
            {
                final int frameLength = bytes.getInt(at);
                if (frameLength <= 0)
                {
                    break;
                }
                if (bytes.getShort(at + 6) == DataHeaderFlyweight.HDR_TYPE_DATA && frameLength > largestLength)
                {
                    largestAt = at;
                    largestLength = frameLength;
                }
                at += (frameLength + 31) & ~31;
            }
            assertThat(largestLength).as("a data frame with a payload in " + segment)
                .isGreaterThan(DataHeaderFlyweight.HEADER_LENGTH + 8);
            final int target = largestAt + largestLength - 1;
            file.seek(target);
            final int original = file.read();
            file.seek(target);
            file.write(original ^ 0x5A);
        }
    }
}
