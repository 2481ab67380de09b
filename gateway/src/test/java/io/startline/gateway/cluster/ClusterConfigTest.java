package io.startline.gateway.cluster;

import io.startline.cluster.member.MemberList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.startline.gateway.cluster.ClusterHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member started with a mistake in its configuration says so in one line, exits non-zero, and
 * writes nothing: a member id not in the list, a port another process holds, a member list that
 * disagrees with a running member's, no cluster secret.
 */
class ClusterConfigTest
{
    @TempDir
    Path dir;

    private record Run(int exitCode, List<String> lines)
    {
    }

    @Test
    void aMemberIdNotInTheListIsOneLine() throws Exception
    {
        try (ClusterHarness cluster = new ClusterHarness(dir, 3))
        {
            final List<String> arguments = cluster.memberArguments(0);
            arguments.set(arguments.indexOf("--member-id") + 1, "3");
            final Run run = run(arguments);
            assertOneLineRefusal(run, "--member-id 3 is not in --members (ids 0 to 2)");
            assertThat(cluster.dataDir(0)).doesNotExist();
        }
    }

    @Test
    void aPortInUseIsNamed() throws Exception
    {
        try (ClusterHarness cluster = new ClusterHarness(dir, 3))
        {
            final MemberList.Member member = cluster.members().member(1);
            final int consensusPort = member.basePort() + MemberList.CONSENSUS_PORT_OFFSET;
            try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(member.host(), consensusPort)))
            {
                assertThat(taken.getLocalPort()).isEqualTo(consensusPort);
                final Run run = run(cluster.memberArguments(1));
                assertOneLineRefusal(run, "member port " + member.host() + ":" + consensusPort + " (consensus, UDP)");
            }
            assertThat(cluster.dataDir(1)).doesNotExist();
        }
    }

    @Test
    void aMemberListThatDisagreesWithARunningMembersIsRefused() throws Exception
    {
        try (ClusterHarness cluster = new ClusterHarness(dir, 3))
        {
            cluster.start(0);
            await("member 0's status", 60, () -> cluster.health(0) != null);
            final List<String> arguments = cluster.memberArguments(1);
            final MemberList.Member moved = cluster.members().member(2);
            final String otherList = cluster.members().toString().replace(moved.host() + ":" + moved.basePort(),
                moved.host() + ":" + (moved.basePort() + 100));
            arguments.set(arguments.indexOf("--members") + 1, otherList);
            final Run run = run(arguments);
            assertOneLineRefusal(run, "--members disagrees with member 0's");
            assertThat(cluster.dataDir(1)).doesNotExist();
        }
    }

    @Test
    void noClusterSecretIsOneLine() throws Exception
    {
        try (ClusterHarness cluster = new ClusterHarness(dir, 3))
        {
            final List<String> arguments = cluster.memberArguments(2);
            final int at = arguments.indexOf("--cluster-secret-file");
            arguments.remove(at + 1);
            arguments.remove(at);
            final Run run = run(arguments);
            assertOneLineRefusal(run, "a cluster secret is required");
            assertThat(cluster.dataDir(2)).doesNotExist();
        }
    }

    private static void assertOneLineRefusal(final Run run, final String expected)
    {
        assertThat(run.exitCode()).as("exit code; output %s", run.lines()).isNotZero();
        assertThat(run.lines()).as("the output").hasSize(1);
        assertThat(run.lines().get(0)).startsWith("cluster-node: ").contains(expected);
    }

    private Run run(final List<String> memberArguments) throws IOException, InterruptedException
    {
        final List<String> arguments = new ArrayList<>(List.of("cluster-node"));
        arguments.addAll(memberArguments);
        final Path output = Files.createTempFile(dir, "run", ".out");
        final Process process = ClusterHarness.command(arguments).redirectErrorStream(true)
            .redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError("cluster-node did not exit: " + Files.readString(output));
        }
        final List<String> lines = Arrays.stream(Files.readString(output, StandardCharsets.UTF_8).split("\n"))
            .filter(line -> !line.isBlank()).toList();
        return new Run(process.exitValue(), lines);
    }
}
