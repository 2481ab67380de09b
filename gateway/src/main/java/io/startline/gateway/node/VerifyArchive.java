package io.startline.gateway.node;

import io.aeron.archive.ArchiveTool;
import io.startline.cluster.member.ClusterMember;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.Callable;

/**
 * Checks a stopped member's log, or a copy of it, frame by frame against the checksums the
 * archive recorded: Aeron's own ArchiveTool, with the options a Startline member needs, so an
 * operator trusts a backup before restoring from it.
 */
@Command(name = "verify-archive", mixinStandardHelpOptions = true,
    description = "Checks every frame of a stopped cluster member's log (or a copy of its data directory) against " +
        "its recorded checksum. A damaged recording is marked INVALID in the copy's catalog; exit code 1.")
final class VerifyArchive implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
        description = "the member's data directory (the one given to cluster-node), or a copy of it")
    Path dataDir;

    @Override
    public Integer call()
    {
        final Path archiveDir = dataDir.resolve(ClusterMember.ARCHIVE_DIR);
        if (!Files.isDirectory(archiveDir))
        {
            throw new IllegalArgumentException("no archive in " + dataDir + " (expected " + archiveDir +
                "): is it a cluster member's data directory?");
        }
        final ByteArrayOutputStream report = new ByteArrayOutputStream();
        final boolean valid = ArchiveTool.verify(new PrintStream(report, true, StandardCharsets.UTF_8),
            archiveDir.toFile(),
            EnumSet.of(ArchiveTool.VerifyOption.APPLY_CHECKSUM, ArchiveTool.VerifyOption.VERIFY_ALL_SEGMENT_FILES),
            ClusterMember.ARCHIVE_CHECKSUM, file -> false);
        final PrintWriter out = spec.commandLine().getOut();
        out.print(report.toString(StandardCharsets.UTF_8));
        out.println(valid ? "archive in " + archiveDir + ": every recording and every frame checks" :
            "archive in " + archiveDir + ": damaged (see the INVALID recordings above); restore this member from " +
                "another copy, or let it catch up from the leader");
        out.flush();
        return valid ? 0 : 1;
    }
}
