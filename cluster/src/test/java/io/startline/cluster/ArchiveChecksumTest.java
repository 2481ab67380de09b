package io.startline.cluster;

import io.aeron.archive.ArchiveTool;
import io.startline.cluster.member.ClusterMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;

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
        final Path archiveDir = ArchiveDamage.logCommands(dir, COMMANDS).resolve(ClusterMember.ARCHIVE_DIR);
        assertThat(verify(archiveDir, true)).as("every frame was checksummed as recorded").isTrue();

        ArchiveDamage.changeOneByteInsideACommand(archiveDir);

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
}
