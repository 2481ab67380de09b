package io.startline.gateway.node;

import io.startline.gateway.http.GatewayContext;
import picocli.CommandLine.Option;

/**
 * The HTTP edge's limits (and its access log) an operator sets from the command line, mixed into every command that
 * serves HTTP (the single node and the cluster's gateway); the others keep GatewayContext's
 * defaults, where every limit and its reason is written.
 */
final class EdgeLimits
{
    @Option(names = "--max-token-lifetime-hours", paramLabel = "HOURS",
        description = "refuse a token whose exp is further ahead than this (default 720 h, 30 days)")
    long maxTokenLifetimeHours = GatewayContext.MAX_TOKEN_LIFETIME_SECONDS_DEFAULT / 3600;

    @Option(names = "--max-connections-per-address", paramLabel = "N", description = "connections one client " +
        "address may hold; raise it behind a proxy or NAT (default " +
        GatewayContext.MAX_CONNECTIONS_PER_ADDRESS_DEFAULT + ")")
    int maxConnectionsPerAddress = GatewayContext.MAX_CONNECTIONS_PER_ADDRESS_DEFAULT;

    @Option(names = "--access-log", description = "write a line per request to the log (the startline.access " +
        "logger), off the IO threads (default " + GatewayContext.ACCESS_LOG_DEFAULT + ")")
    boolean accessLog = GatewayContext.ACCESS_LOG_DEFAULT;

    /** @return the context, with these limits; a value out of range is refused naming its flag. */
    GatewayContext applyTo(final GatewayContext context)
    {
        if (maxTokenLifetimeHours < 1 || maxTokenLifetimeHours > 366L * 24)
        {
            throw new IllegalArgumentException("--max-token-lifetime-hours must be in [1, 8784] (an hour to a year): " +
                maxTokenLifetimeHours);
        }
        if (maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > context.maxConnections())
        {
            throw new IllegalArgumentException("--max-connections-per-address must be in [1, " +
                context.maxConnections() + "] (the connections of all addresses): " + maxConnectionsPerAddress);
        }
        return context.maxTokenLifetimeSeconds(maxTokenLifetimeHours * 3600)
            .maxConnectionsPerAddress(maxConnectionsPerAddress)
            .accessLog(accessLog);
    }
}
