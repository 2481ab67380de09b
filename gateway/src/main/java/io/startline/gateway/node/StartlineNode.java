package io.startline.gateway.node;

import io.startline.engine.EngineContext;
import io.startline.gateway.http.GatewayContext;
import io.startline.gateway.http.HttpApi;
import io.startline.gateway.http.Tokens;
import io.startline.gateway.http.routes.Routes;
import io.startline.gateway.pipeline.Pipeline;
import io.startline.gateway.pipeline.PipelineContext;
import io.startline.persistence.PersistenceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * A running single node: the pipeline recovered from its data directory and the HTTP API on it.
 * Closing is graceful: stop taking requests, let the ring drain, close the journal.
 */
public final class StartlineNode implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(StartlineNode.class);

    private final Pipeline pipeline;
    private final HttpApi api;
    private final Tokens tokens;

    /**
     * @param personKeySecret keys the hash that national ID numbers become in the gateway, before
     *                        anything reaches the journal: at least 32 bytes, stable for the data directory.
     */
    public StartlineNode(final GatewayContext gateway, final PipelineContext pipelineContext,
        final PersistenceContext persistence, final EngineContext engine, final String jwtSecret,
        final byte[] personKeySecret)
    {
        tokens = new Tokens(jwtSecret, gateway.validate().maxTokenLifetimeSeconds());
        pipeline = Pipeline.start(pipelineContext, persistence, engine);
        try
        {
            api = new HttpApi(gateway, pipeline, new SingleNodeStatus(pipeline), tokens);
            Routes.registerAll(api, personKeySecret).start();
        }
        catch (final RuntimeException ex)
        {
            pipeline.close();
            throw ex;
        }
    }

    public int port()
    {
        return api.port();
    }

    /** What the node's HTTP API registered: what its OpenAPI document must describe. */
    public List<HttpApi.RegisteredRoute> routes()
    {
        return api.registeredRoutes();
    }

    public Tokens tokens()
    {
        return tokens;
    }

    public Pipeline pipeline()
    {
        return pipeline;
    }

    @Override
    public void close()
    {
        LOG.info("node: shutting down: no new requests, draining the ring, closing the journal");
        api.stopAccepting();
        pipeline.close();
        api.close();
    }
}
