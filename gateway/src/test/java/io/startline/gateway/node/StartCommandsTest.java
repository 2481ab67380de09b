package io.startline.gateway.node;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up defaults: a demo runs on the small tables and {@code serve} on the full ones, and
 * the class-archive training that {@code bin/startline} runs starts and stops a real demo node,
 * leaving nothing behind.
 */
class StartCommandsTest
{
    @Test
    void aDemoTakesTheSmallLimitsAndServeTheDefaultOnes()
    {
        assertThat(limitsOf("demo")).isEqualTo(LimitsProfile.SMALL);
        assertThat(limitsOf("serve", "--jwt-secret", "x")).isEqualTo(LimitsProfile.DEFAULT);
        assertThat(limitsOf("demo", "--limits", "DEFAULT")).isEqualTo(LimitsProfile.DEFAULT);
        assertThat(limitsOf("serve", "--limits", "SMALL")).isEqualTo(LimitsProfile.SMALL);
    }

    @Test
    void theTrainingStartsANodeAndRemovesItsDirectory() throws IOException
    {
        final List<Path> before = trainingDirectories();
        assertThat(NodeMain.commandLine(new String[] {"train-class-archive"}).execute("train-class-archive")).isZero();
        assertThat(trainingDirectories()).isEqualTo(before);
    }

    private static LimitsProfile limitsOf(final String... arguments)
    {
        final CommandLine.ParseResult parsed = NodeMain.commandLine(arguments).parseArgs(arguments);
        return ((NodeMain.NodeOptions)parsed.subcommand().commandSpec().userObject()).limits;
    }

    private static List<Path> trainingDirectories() throws IOException
    {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir"))))
        {
            return entries.filter(path -> path.getFileName().toString().startsWith("startline-training")).sorted()
                .toList();
        }
    }
}
