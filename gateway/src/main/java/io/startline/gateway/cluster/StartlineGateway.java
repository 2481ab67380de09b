package io.startline.gateway.cluster;

import io.startline.cluster.client.ClusterClientContext;
import io.startline.gateway.http.GatewayContext;
import io.startline.gateway.http.HttpApi;
import io.startline.gateway.http.Tokens;
import io.startline.gateway.http.routes.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster gateway: the same HTTP API as the single node (routes, JWT rules, validation,
 * Idempotency-Key), in front of a session with the cluster instead of a pipeline. It keeps no
 * state of its own, so gateways are added and removed freely.
 */
public final class StartlineGateway implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(StartlineGateway.class);

    private final ClusterLink link;
    private final HttpApi api;

    public StartlineGateway(final GatewayContext gateway, final ClusterClientContext cluster, final String jwtSecret,
        final byte[] personKeySecret)
    {
        link = new ClusterLink(cluster);
        try
        {
            api = new HttpApi(gateway, link, link, new Tokens(jwtSecret, gateway.validate().maxTokenLifetimeSeconds()));
            Routes.registerAll(api, personKeySecret).start();
        }
        catch (final RuntimeException ex)
        {
            link.close();
            throw ex;
        }
    }

    public int port()
    {
        return api.port();
    }

    @Override
    public void close()
    {
        LOG.info("gateway: shutting down: no new requests, then the cluster session");
        api.stopAccepting();
        api.close();
        link.close();
    }
}
