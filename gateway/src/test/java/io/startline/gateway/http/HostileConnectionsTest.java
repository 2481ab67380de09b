package io.startline.gateway.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections that hold the server rather than use it: headers sent a line at a time and never
 * finished (slowloris), headers larger than the limit, a body that trickles (with a token, and
 * without one, which is refused before its body is read), and connections that say nothing. While they hold on, claims flow and every one is answered, and the heap holds no
 * more than each connection's header and body limits; then the server has closed every attacking
 * socket by itself. (How fast is a benchmark's question, not this test's:
 * it waits up to a generous deadline.)
 */
class HostileConnectionsTest
{
    private static final int SLOW_HEADERS = 100;
    private static final int HUGE_HEADERS = 20;
    private static final int TRICKLED_BODIES = 20;
    private static final int SILENT = 100;
    private static final int CLAIMS = 200;
    private static final long CLOSED_WITHIN_MS = 30_000;
    private static final long HEAP_SLACK_BYTES = 32L << 20;

    @TempDir
    Path dataDir;

    @Test
    void slowHeadersHugeHeadersTrickledBodiesAndSilentConnectionsAreClosedWhileClaimsAreAnswered() throws Exception
    {
        final GatewayContext gateway = new GatewayContext().rateLimitPerSecond(100_000).rateLimitBurst(100_000)
            .headerTimeoutMs(500).bodyTimeoutMs(500).idleTimeoutMs(1_000);
        try (TestNode node = new TestNode(dataDir, gateway))
        {
            final String admin = node.token(Role.ADMIN, 1);
            final long campaignId = Vouchers.createCampaign(node, admin);
            final long dropId = Vouchers.openDrop(node, admin, campaignId, CLAIMS / 2);
            final String claims = "/api/campaigns/" + campaignId + "/claims";

            final long heapBefore = liveHeapBytes();
            final List<Attacker> attackers = new ArrayList<>();
            for (int i = 0; i < SLOW_HEADERS; i++)
            {
                attackers.add(Attacker.open(node, "POST " + claims + " HTTP/1.1\r\nHost: node\r\n", "X-Slow: 1\r\n"));
            }
            for (int i = 0; i < HUGE_HEADERS; i++)
            {
                attackers.add(Attacker.open(node, "GET /health HTTP/1.1\r\nHost: node\r\nX-Huge: " +
                    "h".repeat(GatewayContext.MAX_HEADER_BYTES_DEFAULT * 4) + "\r\n\r\n", null));
            }
            for (int i = 0; i < TRICKLED_BODIES; i++)
            {
                attackers.add(Attacker.open(node, "POST " + claims + " HTTP/1.1\r\nHost: node\r\nAuthorization: Bearer " +
                    node.token(Role.PARTICIPANT, 50_000 + i) + "\r\nContent-Type: application/json\r\n" +
                    "Content-Length: 4000\r\n\r\n{", " "));
            }
            for (int i = 0; i < TRICKLED_BODIES; i++)
            {
                // Refused at once (no token), then the body trickles on: draining it would never end.
                attackers.add(Attacker.open(node, "POST " + claims + " HTTP/1.1\r\nHost: node\r\n" +
                    "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n{", " "));
            }
            for (int i = 0; i < SILENT; i++)
            {
                attackers.add(Attacker.open(node, "", null));
            }

            int answered = 0;
            for (int user = 1; user <= CLAIMS; user++)
            {
                final TestNode.Response answer = Vouchers.claim(node, campaignId, dropId, 1000 + user);
                assertThat(answer.status()).as("claim %d: %s", user, answer).isIn(201, 409);
                answered++;
                attackers.forEach(Attacker::trickle);
            }
            assertThat(answered).isEqualTo(CLAIMS);
            // What the server may hold for a connection is bounded (headers, then a body); the rest
            // is slack for the claims' own survivors.
            final long bound = attackers.size() * (long)(GatewayContext.MAX_HEADER_BYTES_DEFAULT +
                GatewayContext.MAX_BODY_BYTES_DEFAULT) + HEAP_SLACK_BYTES;
            final long held = liveHeapBytes() - heapBefore;
            System.out.printf("HostileConnectionsTest: %d attacking connections held %,d bytes of heap (bound %,d)%n",
                attackers.size(), held, bound);
            assertThat(held).as("heap held by %d attacking connections", attackers.size()).isLessThan(bound);

            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSED_WITHIN_MS);
            while (attackers.stream().anyMatch(a -> !a.closedByServer()) && System.nanoTime() < deadlineNs)
            {
                attackers.forEach(Attacker::trickle);
                Thread.sleep(100);
            }
            assertThat(attackers.stream().filter(a -> !a.closedByServer()).map(Attacker::toString).toList())
                .as("attacking connections the server still holds").isEmpty();
            assertThat(node.get("/health", null).status()).isEqualTo(200);
        }
    }

    /** The heap in use after a full collection: what is still held, not what awaits collecting. */
    private static long liveHeapBytes()
    {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** One attacking connection: what it sent first, and what it sends a little of on every trickle. */
    private static final class Attacker
    {
        private final Socket socket;
        private final String first;
        private final byte[] trickle;
        private boolean closed;

        private Attacker(final Socket socket, final String first, final String trickle)
        {
            this.socket = socket;
            this.first = first.length() > 40 ? first.substring(0, 40) + "…" : first;
            this.trickle = trickle == null ? null : trickle.getBytes(StandardCharsets.US_ASCII);
        }

        static Attacker open(final TestNode node, final String first, final String trickle) throws IOException
        {
            final Socket socket = new Socket("127.0.0.1", node.node.port());
            socket.setSoTimeout(1);
            final Attacker attacker = new Attacker(socket, first, trickle);
            try
            {
                socket.getOutputStream().write(first.getBytes(StandardCharsets.US_ASCII));
            }
            catch (final IOException refused)
            {
                attacker.closed = true;
            }
            return attacker;
        }

        void trickle()
        {
            if (trickle == null || closed)
            {
                return;
            }
            try
            {
                final OutputStream out = socket.getOutputStream();
                out.write(trickle);
                out.flush();
            }
            catch (final IOException reset)
            {
                closed = true;
            }
        }

        /** True once the server has closed its end: end of stream or a reset, after any answer it sent. */
        boolean closedByServer()
        {
            if (closed)
            {
                return true;
            }
            try
            {
                final InputStream in = socket.getInputStream();
                final byte[] answer = new byte[4096];
                int read;
                while ((read = in.read(answer)) > 0)
                {
                    // an answer (a 4xx) may come before the close: read past it
                }
                closed = read < 0;
            }
            catch (final SocketTimeoutException stillOpen)
            {
                return false;
            }
            catch (final IOException reset)
            {
                closed = true;
            }
            if (closed)
            {
                closeQuietly();
            }
            return closed;
        }

        private void closeQuietly()
        {
            try
            {
                socket.close();
            }
            catch (final IOException ignored)
            {
                // closed already by the server: nothing to release
            }
        }

        @Override
        public String toString()
        {
            return "connection that sent " + first.replace("\r\n", "\\r\\n");
        }
    }
}
