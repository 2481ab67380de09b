package io.startline.gateway.node;

import net.openhft.chronicle.core.io.IOTools;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * What {@code bin/startline} runs once per build of the jar, under
 * {@code -XX:ArchiveClassesAtExit}: a demo node started on a temporary directory, its sample data
 * made, one {@code GET /health} answered, then stopped. The classes it loads are the ones every
 * start loads, and the archive lets later starts map them instead of loading and verifying each
 * (1.7 s → 1.2 s to the first {@code /health} 200 on the 2-core machine, bench/RESULTS.md).
 */
@Command(name = "train-class-archive", hidden = true,
    description = "Starts and stops a demo node on a temporary directory (bin/startline's class archive).")
final class ClassArchiveTraining extends NodeMain.NodeOptions implements Callable<Integer>
{
    @Override
    public Integer call() throws IOException
    {
        final Path directory = Files.createTempDirectory("startline-training");
        dataDir = directory.resolve("data");
        port = 0;
        host = "127.0.0.1";
        limits = LimitsProfile.SMALL;
        try (StartlineNode node = start("training-secret-training-secret-0123456789"))
        {
            DemoData.createIfEmpty(node);
            final URL health = URI.create("http://127.0.0.1:" + node.port() + "/health").toURL();
            try (InputStream in = health.openStream())
            {
                in.readAllBytes();
            }
        }
        finally
        {
            IOTools.deleteDirWithFiles(directory.toFile());
        }
        return 0;
    }
}
