package io.startline.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.startline.engine.testkit.ChildJvm;
import io.startline.gateway.node.NodeMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A node out of file descriptors, for real: a child node started under {@code ulimit -n}, and
 * idle connections opened until it holds every descriptor it may. A snapshot then cannot open its
 * file: the node says so on {@code /health} and serves on, claims are journaled (the journal needs
 * no new descriptor), the server backs off accepting; once the connections close, the next
 * snapshot is written and new connections are served, with no restart.
 */
class DescriptorExhaustionTest
{
    private static final int DESCRIPTOR_LIMIT = 400;
    private static final String SECRET = "descriptor-test-secret-descriptor-test-0123";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Tokens tokens = new Tokens(SECRET);

    @Test
    void aNodeOutOfDescriptorsReportsTheFailedSnapshotServesOnAndRecoversWhenTheyReturn() throws Exception
    {
        final Path descriptors = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(descriptors), "needs Linux's /proc");
        final int port = freePort();
        final Process node = start(port);
        final List<Socket> idle = new ArrayList<>();
        try (KeepAlive admin = awaitServing(node, port); KeepAlive participant = new KeepAlive(port))
        {
            final String adminToken = token(Role.ADMIN, 1);
            final long campaignId = admin.post("/api/campaigns", adminToken, """
                {"name":"Winter","budgetFen":100000000,"validDaysAfterClaim":7,"validUntil":%d,"perUserLimit":1,
                 "tiers":[{"code":"T50","faceValueFen":5000,"thresholdFen":20000}],"storeIds":[101]}
                """.formatted(System.currentTimeMillis() + 86_400_000L)).get("campaignId").asLong();
            final long dropId = admin.post("/api/campaigns/" + campaignId + "/drops", adminToken,
                "{\"tierCode\":\"T50\",\"quantity\":10,\"startsAt\":" + System.currentTimeMillis() + ",\"perUserLimit\":1}")
                .get("dropId").asLong();

            exhaustDescriptors(node, port, idle);
            admin.post("/api/admin/snapshot", adminToken, "");
            final JsonNode failed = admin.awaitHealth(health -> health.has("snapshotFailure"));
            assertThat(failed.get("snapshotFailure").asText()).contains("Too many open files");
            assertThat(failed.get("status").asText()).as("a failed snapshot does not stop the node").isEqualTo("UP");
            assertThat(participant.postStatus("/api/campaigns/" + campaignId + "/claims", token(Role.PARTICIPANT, 1001),
                "{\"dropId\":" + dropId + "}")).as("a claim is journaled while no descriptor is left").isEqualTo(201);

            for (final Socket socket : idle)
            {
                socket.close();
            }
            idle.clear();
            admin.post("/api/admin/snapshot", adminToken, "");
            admin.awaitHealth(health -> !health.has("snapshotFailure"));
            try (KeepAlive newcomer = awaitServing(node, port))
            {
                assertThat(newcomer.get("/health").get("status").asText()).isEqualTo("UP");
            }
        }
        finally
        {
            for (final Socket socket : idle)
            {
                socket.close();
            }
            node.destroyForcibly().waitFor();
        }
    }

    private Process start(final int port) throws IOException
    {
        final List<String> java = ChildJvm.command(List.of("-Xmx512m"), NodeMain.class, List.of("serve",
            "--data-dir", dir.resolve("data").toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
            "--limits", "SMALL", "--jwt-secret", SECRET)).command();
        final List<String> command = new ArrayList<>(List.of("bash", "-c",
            "ulimit -n " + DESCRIPTOR_LIMIT + " && exec \"$@\"", "node"));
        command.addAll(java);
        return new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolve("node.out").toFile()).start();
    }

    /** A connection once the node answers /health (it may still be starting); its output if it died. */
    private KeepAlive awaitServing(final Process node, final int port) throws Exception
    {
        final long deadlineNs = System.nanoTime() + 120_000_000_000L;
        while (true)
        {
            try
            {
                final KeepAlive connection = new KeepAlive(port);
                connection.get("/health");
                return connection;
            }
            catch (final IOException notYet)
            {
                if (!node.isAlive() || System.nanoTime() > deadlineNs)
                {
                    throw new AssertionError("the node does not serve (" + notYet + "); its output:\n" +
                        Files.readString(dir.resolve("node.out")), notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Opens idle connections until the node holds every descriptor its limit allows. */
    private static void exhaustDescriptors(final Process node, final int port, final List<Socket> idle)
        throws Exception
    {
        final Path descriptors = Path.of("/proc", Long.toString(node.pid()), "fd");
        while (openDescriptors(descriptors) < DESCRIPTOR_LIMIT && idle.size() < DESCRIPTOR_LIMIT)
        {
            idle.add(new Socket("127.0.0.1", port));
            if (idle.size() % 25 == 0)
            {
                Thread.sleep(100);
            }
        }
        Thread.sleep(500);
        assertThat(openDescriptors(descriptors)).as("the node holds every descriptor it may")
            .isEqualTo(DESCRIPTOR_LIMIT);
    }

    private static long openDescriptors(final Path descriptors) throws IOException
    {
        try (Stream<Path> open = Files.list(descriptors))
        {
            return open.count();
        }
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private String token(final Role role, final long userId)
    {
        return tokens.mint(role, userId, 0, 0, Instant.now().plusSeconds(3600));
    }

    /** One kept-alive connection, so requests still reach a node that can accept no new one. */
    private static final class KeepAlive implements AutoCloseable
    {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        KeepAlive(final int port) throws IOException
        {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        JsonNode get(final String path) throws IOException
        {
            return JSON.readTree(exchange("GET", path, null, null).body);
        }

        JsonNode post(final String path, final String token, final String body) throws IOException
        {
            final Response response = exchange("POST", path, token, body);
            assertThat(response.status).as(path + ": " + response.body).isBetween(200, 202);
            return JSON.readTree(response.body);
        }

        int postStatus(final String path, final String token, final String body) throws IOException
        {
            return exchange("POST", path, token, body).status;
        }

        JsonNode awaitHealth(final Predicate<JsonNode> condition) throws Exception
        {
            final long deadlineNs = System.nanoTime() + 30_000_000_000L;
            JsonNode health = get("/health");
            while (!condition.test(health))
            {
                assertThat(System.nanoTime()).as("health never became what was awaited: " + health)
                    .isLessThan(deadlineNs);
                Thread.sleep(100);
                health = get("/health");
            }
            return health;
        }

        private Response exchange(final String method, final String path, final String token, final String body)
            throws IOException
        {
            final byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            final StringBuilder request = new StringBuilder(method).append(' ').append(path)
                .append(" HTTP/1.1\r\nHost: node\r\nContent-Length: ").append(content.length).append("\r\n");
            if (token != null)
            {
                request.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            if (content.length > 0)
            {
                request.append("Content-Type: application/json\r\n");
            }
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return read();
        }

        private Response read() throws IOException
        {
            final String head = readHead();
            final int status = Integer.parseInt(head.substring(9, 12));
            int length = 0;
            for (final String line : head.split("\r\n"))
            {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15))
                {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return new Response(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }

        private String readHead() throws IOException
        {
            final StringBuilder head = new StringBuilder();
            while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n"))
            {
                final int b = in.read();
                if (b < 0)
                {
                    throw new IOException("the node closed the connection");
                }
                head.append((char)b);
            }
            return head.toString();
        }

        @Override
        public void close() throws IOException
        {
            socket.close();
        }

        private record Response(int status, String body)
        {
        }
    }
}
