package io.startline.gateway.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client address holds at most maxConnectionsPerAddress connections: the next is answered
 * 429 TOO_MANY_CONNECTIONS in API.md's shape and closed, and once one of the address's
 * connections closes, a new one is served again.
 */
class ConnectionsPerAddressTest
{
    private static final int LIMIT = 4;

    @TempDir
    Path dataDir;

    @Test
    void oneConnectionPastTheAddressLimitIsAnswered429AndClosedAndAClosedOneMakesRoom() throws IOException
    {
        final GatewayContext gateway = new GatewayContext().rateLimitPerSecond(100_000).rateLimitBurst(100_000)
            .maxConnectionsPerAddress(LIMIT);
        try (TestNode node = new TestNode(dataDir, gateway))
        {
            final List<Socket> held = new ArrayList<>();
            try
            {
                for (int i = 0; i < LIMIT; i++)
                {
                    held.add(new Socket("127.0.0.1", node.node.port()));
                    assertThat(healthOn(held.get(i))).as("connection %d of %d", i + 1, LIMIT).startsWith("HTTP/1.1 200");
                }
                try (Socket onePast = new Socket("127.0.0.1", node.node.port()))
                {
                    final String refused = healthOn(onePast);
                    assertThat(refused).startsWith("HTTP/1.1 429").contains("\"code\":\"TOO_MANY_CONNECTIONS\"");
                    assertThat(onePast.getInputStream().read()).as("closed after the answer").isEqualTo(-1);
                }
                assertThat(healthOn(held.get(0))).as("a held connection is still served").startsWith("HTTP/1.1 200");

                held.remove(0).close();
                awaitServedOnANewConnection(node);
                assertThat(node.get("/metrics", null).text()).containsPattern("startline_http_connections_refused_total [1-9]");
            }
            finally
            {
                for (final Socket socket : held)
                {
                    socket.close();
                }
            }
        }
    }

    /** The server learns of a client's close a moment later: until then the address is still full. */
    private static void awaitServedOnANewConnection(final TestNode node) throws IOException
    {
        final long deadlineNs = System.nanoTime() + 10_000_000_000L;
        while (true)
        {
            try (Socket socket = new Socket("127.0.0.1", node.node.port()))
            {
                if (healthOn(socket).startsWith("HTTP/1.1 200"))
                {
                    return;
                }
            }
            assertThat(System.nanoTime()).as("served again within 10 s of a close").isLessThan(deadlineNs);
            try
            {
                Thread.sleep(20);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    /** One GET /health on a kept-alive connection: the status line and the body. */
    private static String healthOn(final Socket socket) throws IOException
    {
        final OutputStream out = socket.getOutputStream();
        out.write("GET /health HTTP/1.1\r\nHost: node\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        final BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        final String statusLine = in.readLine();
        int contentLength = 0;
        for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine())
        {
            if (header.toLowerCase().startsWith("content-length:"))
            {
                contentLength = Integer.parseInt(header.substring("content-length:".length()).trim());
            }
        }
        final char[] body = new char[contentLength];
        int read = 0;
        while (read < contentLength)
        {
            read += in.read(body, read, contentLength - read);
        }
        return statusLine + " " + new String(body);
    }
}
