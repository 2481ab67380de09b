package io.startline.bench.load;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Connections that hold a server rather than use it, timed: for each kind, how long the server
 * takes to close them by itself. Run beside a load run to see what the attack costs legitimate
 * callers (bench/scripts/attack.sh); the test suite only checks that they are closed.
 * <p>
 * {@code java -cp startline-load.jar io.startline.bench.load.ConnectionAttack HOST PORT PER_KIND SECONDS}
 */
public final class ConnectionAttack
{
    private static final long TRICKLE_EVERY_MS = 100;
    private static final int HUGE_HEADER_BYTES = 64 * 1024;

    private enum Kind
    {
        /** A request line and one header line at a time, never finished (slowloris). */
        SLOW_HEADERS,
        /** Headers four times the server's limit. */
        HUGE_HEADERS,
        /** A body announced as 4,000 bytes, one byte at a time. */
        TRICKLED_BODY,
        /** Nothing at all. */
        SILENT
    }

    private ConnectionAttack()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length != 4)
        {
            System.err.println("usage: ConnectionAttack HOST PORT PER_KIND SECONDS");
            System.exit(2);
        }
        final String host = args[0];
        final int port = Integer.parseInt(args[1]);
        final int perKind = Integer.parseInt(args[2]);
        final long untilNs = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        final List<Attacker> attackers = new ArrayList<>();
        for (final Kind kind : Kind.values())
        {
            for (int i = 0; i < perKind; i++)
            {
                attackers.add(new Attacker(kind, new Socket(host, port)));
            }
        }
        while (System.nanoTime() < untilNs && attackers.stream().anyMatch(a -> a.closedAfterNs < 0))
        {
            for (final Attacker attacker : attackers)
            {
                attacker.trickle();
            }
            Thread.sleep(TRICKLE_EVERY_MS);
        }
        report(attackers);
        for (final Attacker attacker : attackers)
        {
            attacker.socket.close();
        }
    }

    private static void report(final List<Attacker> attackers)
    {
        final Map<Kind, Histogram> closeMs = new EnumMap<>(Kind.class);
        final Map<Kind, Integer> open = new EnumMap<>(Kind.class);
        for (final Attacker attacker : attackers)
        {
            closeMs.computeIfAbsent(attacker.kind, k -> new Histogram(3));
            if (attacker.closedAfterNs < 0)
            {
                open.merge(attacker.kind, 1, Integer::sum);
            }
            else
            {
                closeMs.get(attacker.kind).recordValue(attacker.closedAfterNs / 1_000_000);
            }
        }
        for (final Kind kind : Kind.values())
        {
            final Histogram histogram = closeMs.get(kind);
            System.out.printf("attack %-13s closed by the server %4d, after p50 %,6d ms, max %,6d ms; still open %d%n",
                kind, histogram.getTotalCount(), histogram.getValueAtPercentile(50), histogram.getMaxValue(),
                open.getOrDefault(kind, 0));
        }
    }

    /** One attacking connection and when the server closed it. */
    private static final class Attacker
    {
        private final Kind kind;
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final long openedNs = System.nanoTime();
        private long closedAfterNs = -1;

        Attacker(final Kind kind, final Socket socket) throws IOException
        {
            this.kind = kind;
            this.socket = socket;
            socket.setSoTimeout(1);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            send(switch (kind)
            {
                case SLOW_HEADERS -> "POST /api/campaigns/1/claims HTTP/1.1\r\nHost: node\r\n";
                case HUGE_HEADERS -> "GET /health HTTP/1.1\r\nHost: node\r\nX-Huge: " + "h".repeat(HUGE_HEADER_BYTES) +
                    "\r\n\r\n";
                case TRICKLED_BODY -> "POST /api/campaigns/1/claims HTTP/1.1\r\nHost: node\r\n" +
                    "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n{";
                case SILENT -> "";
            });
        }

        void trickle()
        {
            if (closedAfterNs >= 0)
            {
                return;
            }
            switch (kind)
            {
                case SLOW_HEADERS -> send("X-Slow: 1\r\n");
                case TRICKLED_BODY -> send(" ");
                default ->
                {
                }
            }
            readUntilClosed();
        }

        private void send(final String text)
        {
            try
            {
                out.write(text.getBytes(StandardCharsets.US_ASCII));
            }
            catch (final IOException closed)
            {
                closed();
            }
        }

        /** Drains what the server sent (an error page, say); end of stream or a reset is its close. */
        private void readUntilClosed()
        {
            try
            {
                final byte[] drain = new byte[4096];
                while (true)
                {
                    if (in.read(drain) < 0)
                    {
                        closed();
                        return;
                    }
                }
            }
            catch (final SocketTimeoutException stillOpen)
            {
                // nothing more to read now: the server holds it
            }
            catch (final IOException reset)
            {
                closed();
            }
        }

        private void closed()
        {
            if (closedAfterNs < 0)
            {
                closedAfterNs = System.nanoTime() - openedNs;
            }
        }
    }
}
