package io.startline.gateway.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Holds each client address to a number of open connections, so one host cannot take the
 * server's whole {@link GatewayContext#maxConnections()} from everyone else. A connection is
 * counted from its first request to its close; one past the limit is answered 429
 * {@code TOO_MANY_CONNECTIONS} and closed. (A connection that never finishes its headers is not
 * counted: the header timeout closes it, and the overall limit bounds how many wait.)
 */
final class ConnectionsPerAddress implements HttpHandler
{
    private static final AttachmentKey<InetAddress> COUNTED_AS = AttachmentKey.create(InetAddress.class);

    private final int maxPerAddress;
    private final HttpHandler next;
    private final HttpHandler refuse;
    private final ConcurrentHashMap<InetAddress, Integer> openByAddress = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();

    /** @param refuse answers a connection past the limit (and must close it). */
    ConnectionsPerAddress(final int maxPerAddress, final HttpHandler next, final HttpHandler refuse)
    {
        this.maxPerAddress = maxPerAddress;
        this.next = next;
        this.refuse = refuse;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws Exception
    {
        final ServerConnection connection = exchange.getConnection();
        if (connection.getAttachment(COUNTED_AS) == null && isFirstPastTheLimit(connection))
        {
            refused.increment();
            exchange.setPersistent(false);
            refuse.handleRequest(exchange);
            return;
        }
        next.handleRequest(exchange);
    }

    /** Counts a connection at its first request: whether that puts its address past the limit. */
    private boolean isFirstPastTheLimit(final ServerConnection connection)
    {
        final InetAddress address = addressOf(connection.getPeerAddress());
        connection.putAttachment(COUNTED_AS, address);
        final int open = openByAddress.merge(address, 1, Integer::sum);
        connection.addCloseListener(closed -> openByAddress.computeIfPresent(address, (key, count) ->
            count == 1 ? null : count - 1));
        return open > maxPerAddress;
    }

    private static InetAddress addressOf(final SocketAddress peer)
    {
        return peer instanceof InetSocketAddress inet ? inet.getAddress() : InetAddress.getLoopbackAddress();
    }

    /** Connections answered 429 because their address had too many open. */
    long refused()
    {
        return refused.sum();
    }

    /** Addresses with a connection open now (each counted once). */
    int addresses()
    {
        return openByAddress.size();
    }
}
