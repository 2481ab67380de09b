package io.startline.cluster;

import io.aeron.archive.ArchiveTool;
import io.aeron.protocol.DataHeaderFlyweight;
import io.startline.cluster.client.EngineClusterClient;
import io.startline.cluster.member.ClusterMember;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.MixedWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Raft log's recording carries a checksum in every frame, so one changed byte of a
 * command, which leaves every frame well formed, is still found: Aeron's ArchiveTool verify,
 * with the checksum, names the recording invalid, where without it the damage passes.
 */
class ArchiveChecksumTest
{
    private static final int COMMANDS = 200;

    @TempDir
    Path dir;

    @Test
    void aByteChangedInsideALoggedCommandIsFoundByTheChecksumAndOnlyByIt() throws Exception
    {
        final Path archiveDir;
        try (LocalCluster cluster = new LocalCluster(dir, 1, MixedWorkload::context).startAll())
        {
            archiveDir = cluster.memberContext(0).dataDir().resolve(ClusterMember.ARCHIVE_DIR);
            final MixedWorkload workload = new MixedWorkload(MixedWorkload.context(), 20261205L);
            workload.steps(COMMANDS);
            final List<EngineDriver.JournalEntry> journal = workload.journal();
            try (EngineClusterClient client = new EngineClusterClient(cluster.clientContext()))
            {
                for (final EngineDriver.JournalEntry entry : journal)
                {
                    ClusterCalls.send(client, ClusterCalls.keyed(entry.command())).get(30, TimeUnit.SECONDS);
                }
            }
        }
        assertThat(verify(archiveDir, true)).as("every frame was checksummed as recorded").isTrue();

        changeOneByteInsideACommand(archiveDir);

        assertThat(verify(archiveDir, false)).as("the frames are still well formed").isTrue();
        final ByteArrayOutputStream report = new ByteArrayOutputStream();
        assertThat(ArchiveTool.verify(new PrintStream(report, true, StandardCharsets.UTF_8), archiveDir.toFile(),
            EnumSet.of(ArchiveTool.VerifyOption.APPLY_CHECKSUM, ArchiveTool.VerifyOption.VERIFY_ALL_SEGMENT_FILES),
            ClusterMember.ARCHIVE_CHECKSUM, file -> false)).as(report.toString(StandardCharsets.UTF_8)).isFalse();
        assertThat(report.toString(StandardCharsets.UTF_8)).containsIgnoringCase("checksum");
    }

    private static boolean verify(final Path archiveDir, final boolean withChecksum)
    {
        final ByteArrayOutputStream ignored = new ByteArrayOutputStream();
        return ArchiveTool.verify(new PrintStream(ignored, true, StandardCharsets.UTF_8), archiveDir.toFile(),
            withChecksum ? EnumSet.of(ArchiveTool.VerifyOption.APPLY_CHECKSUM, ArchiveTool.VerifyOption.VERIFY_ALL_SEGMENT_FILES) :
                EnumSet.of(ArchiveTool.VerifyOption.VERIFY_ALL_SEGMENT_FILES),
            withChecksum ? ClusterMember.ARCHIVE_CHECKSUM : null, file -> false);
    }

    /** Flips a byte in the payload of the largest data frame of the log's first segment. */
    private static void changeOneByteInsideACommand(final Path archiveDir) throws IOException
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
