package io.startline.gateway.node;

import io.startline.cluster.ArchiveDamage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify-archive} checks a stopped member's log frame by frame: a whole one passes, one
 * byte changed inside a logged command fails it, and a directory that is no member's is one line.
 */
class VerifyArchiveTest
{
    @TempDir
    Path dir;

    @Test
    void aWholeLogPassesAndOneChangedByteFailsIt() throws Exception
    {
        final Path dataDir = ArchiveDamage.logCommands(dir, 100);
        final StringWriter whole = new StringWriter();
        assertThat(verify(whole, "--data-dir", dataDir.toString())).as(whole.toString()).isZero();
        assertThat(whole.toString()).contains("every recording and every frame checks");

        ArchiveDamage.changeOneByteInsideACommand(dataDir.resolve("archive"));
        final StringWriter damaged = new StringWriter();
        assertThat(verify(damaged, "--data-dir", dataDir.toString())).as(damaged.toString()).isEqualTo(1);
        assertThat(damaged.toString()).contains("INVALID").contains("damaged");
    }

    @Test
    void aDirectoryWithoutAnArchiveIsOneLine()
    {
        final StringWriter said = new StringWriter();
        assertThat(verify(said, "--data-dir", dir.toString())).isEqualTo(1);
        assertThat(said.toString()).startsWith("verify-archive: no archive in " + dir).doesNotContain("Exception")
            .hasLineCount(1);
    }

    private static int verify(final StringWriter said, final String... arguments)
    {
        final String[] command = new String[arguments.length + 1];
        command[0] = "verify-archive";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        final PrintWriter writer = new PrintWriter(said);
        final CommandLine commandLine = NodeMain.commandLine(command);
        commandLine.getSubcommands().get("verify-archive").setOut(writer).setErr(writer);
        commandLine.setOut(writer).setErr(writer);
        return commandLine.execute(command);
    }
}
