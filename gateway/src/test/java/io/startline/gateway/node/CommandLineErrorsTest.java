package io.startline.gateway.node;

import io.startline.persistence.PersistenceContext;
import io.startline.persistence.journal.SyncPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mistake on the command line or in the configuration is one line naming it and a non-zero
 * exit, and changes nothing: a value out of its set, a key the command does not take, a file that
 * is not there, a system property a flag would silently override, a port in use, a data directory
 * that cannot be made, a token the node would refuse. Values of a set are taken in any case.
 */
class CommandLineErrorsTest
{
    private static final String SECRET = "command-line-secret-command-line-secret-0123";

    @TempDir
    Path dir;

    @Test
    void aValueOutOfItsSetIsOneLineAndAnyCaseIsTaken()
    {
        final Said said = run("serve", "--sync", "sometimes", "--jwt-secret", SECRET);
        assertOneLine(said, 2, "serve: Invalid value for option '--sync'");
        assertThat(said.text).contains("(startline serve --help lists the options)");

        final CommandLine.ParseResult parsed = NodeMain.commandLine(new String[0])
            .parseArgs("serve", "--sync", "batch", "--limits", "small");
        final NodeMain.Serve serve = (NodeMain.Serve)parsed.subcommand().commandSpec().userObject();
        assertThat(serve.sync).isEqualTo(SyncPolicy.BATCH);
        assertThat(serve.limits).isEqualTo(LimitsProfile.SMALL);
    }

    @Test
    void aConfigKeyTheCommandDoesNotTakeIsRefusedByName() throws IOException
    {
        final Path config = Files.writeString(dir.resolve("node.properties"), "port=8181\nsnapshot-intervall=5\n");
        for (final String[] form : new String[][] {{"--config", config.toString()}, {"--config=" + config}})
        {
            final String[] arguments = concat(new String[] {"serve", "--jwt-secret", SECRET, "--data-dir",
                dir.resolve("data").toString()}, form);
            assertOneLine(run(arguments), 2, "'snapshot-intervall' is not an option of serve");
        }
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aConfigFileIsReadInEitherForm() throws IOException
    {
        final Path config = Files.writeString(dir.resolve("node.properties"), "port=8181\nsync=batch\n");
        final NodeMain.Serve serve = (NodeMain.Serve)NodeMain.commandLine(new String[] {"--config=" + config})
            .parseArgs("serve", "--config=" + config).subcommand().commandSpec().userObject();
        assertThat(serve.port).isEqualTo(8181);
        assertThat(serve.sync).isEqualTo(SyncPolicy.BATCH);
    }

    @Test
    void aMissingConfigFileIsOneLine()
    {
        assertOneLine(run("serve", "--jwt-secret", SECRET, "--config", dir.resolve("none.properties").toString()), 2,
            "cannot read --config " + dir.resolve("none.properties") + ": no such file");
    }

    @Test
    void aSystemPropertyThatAFlagOwnsIsRefusedByName()
    {
        System.setProperty(PersistenceContext.SYNC_POLICY_PROP_NAME, "BATCH");
        try
        {
            assertOneLine(run("serve", "--jwt-secret", SECRET, "--data-dir", dir.resolve("data").toString()), 2,
                "-Dstartline.journal.sync is not read by serve: set --sync");
        }
        finally
        {
            System.clearProperty(PersistenceContext.SYNC_POLICY_PROP_NAME);
        }
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aPortInUseIsNamed() throws IOException
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            assertOneLine(run("serve", "--jwt-secret", SECRET, "--host", "127.0.0.1", "--port",
                Integer.toString(taken.getLocalPort()), "--limits", "SMALL", "--data-dir", dir.resolve("data").toString()),
                1, "serve: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ");
        }
    }

    @Test
    void aDataDirectoryThatCannotBeMadeIsNamed() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertOneLine(run("serve", "--jwt-secret", SECRET, "--data-dir", file.resolve("data").toString()), 1,
            "serve: cannot use " + file);
    }

    @Test
    void aTokenTheNodeWouldRefuseIsNotMinted()
    {
        assertOneLine(run("token", "--jwt-secret", SECRET, "--role", "merchant"), 2,
            "token: --role merchant needs --store");
        assertOneLine(run("token", "--jwt-secret", SECRET, "--role", "gate"), 2, "token: --role gate needs --venue");
    }

    private record Said(int exitCode, String text)
    {
    }

    private static void assertOneLine(final Said said, final int exitCode, final String expected)
    {
        assertThat(said.exitCode).as(said.text).isEqualTo(exitCode);
        assertThat(said.text.strip()).as("one line").doesNotContain("\n").contains(expected).doesNotContain("Exception");
    }

    private static Said run(final String... arguments)
    {
        final StringWriter said = new StringWriter();
        final PrintWriter writer = new PrintWriter(said);
        final CommandLine commandLine = NodeMain.commandLine(arguments);
        commandLine.setOut(writer).setErr(writer);
        commandLine.getSubcommands().values().forEach(command -> command.setOut(writer).setErr(writer));
        final int exitCode = commandLine.execute(arguments);
        writer.flush();
        return new Said(exitCode, said.toString());
    }

    private static String[] concat(final String[] first, final String[] second)
    {
        final String[] both = new String[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
