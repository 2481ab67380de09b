package io.startline.gateway.node;

import io.startline.engine.EngineContext;
import io.startline.gateway.http.GatewayContext;
import io.startline.gateway.http.HttpApi;
import io.startline.gateway.http.Tokens;
import io.startline.gateway.http.routes.RaceRoutes;
import io.startline.gateway.http.routes.ReplicationRoutes;
import io.startline.gateway.http.routes.VenueRoutes;
import io.startline.gateway.http.routes.VoucherRoutes;
import io.startline.gateway.pipeline.Pipeline;
import io.startline.gateway.pipeline.PipelineContext;
import io.startline.persistence.PersistenceContext;
import io.startline.persistence.recovery.TailDiscard;
import io.startline.persistence.replication.NodeRole;
import io.startline.persistence.replication.Replication;
import io.startline.persistence.replication.ReplicationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: the pipeline recovered from its data directory and the HTTP API on it.
 * Closing is graceful: stop taking requests, let the ring drain, close the journal.
 */
public final class StartlineNode implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(StartlineNode.class);

    private final Pipeline pipeline;
    private final HttpApi api;
    private final Tokens tokens;
    private final byte[] personKeySecret;

    /**
     * @param personKeySecret keys the hash that national ID numbers become in the gateway, before
     *                        anything reaches the journal: at least 32 bytes, stable for the data directory.
     */
    public StartlineNode(final GatewayContext gateway, final PipelineContext pipelineContext,
        final PersistenceContext persistence, final EngineContext engine, final String jwtSecret,
        final byte[] personKeySecret)
    {
        this(gateway, pipelineContext, persistence, engine, null, jwtSecret, personKeySecret);
    }

    /**
     * @param replication null to run alone; otherwise this node's role, its peer and how it acknowledges.
     *                    A standby first shakes hands with its primary and discards any journal tail the
     *                    primary's history does not hold (a former primary rejoining), then recovers.
     */
    public StartlineNode(final GatewayContext gateway, final PipelineContext pipelineContext,
        final PersistenceContext persistence, final EngineContext engine, final ReplicationContext replication,
        final String jwtSecret, final byte[] personKeySecret)
    {
        tokens = new Tokens(jwtSecret);
        this.personKeySecret = personKeySecret.clone();
        final Replication replicating = replication == null ? null : joinReplication(replication, persistence);
        try
        {
            pipeline = Pipeline.start(pipelineContext, persistence, engine, replicating);
        }
        catch (final RuntimeException ex)
        {
            if (replicating != null)
            {
                replicating.close();
            }
            throw ex;
        }
        try
        {
            api = new HttpApi(gateway, pipeline, tokens, persistence.maxCommandBytes());
            VoucherRoutes.register(api);
            RaceRoutes.register(api, personKeySecret);
            VenueRoutes.register(api);
            ReplicationRoutes.register(api, replicating);
            api.start();
        }
        catch (final RuntimeException ex)
        {
            pipeline.close();
            throw ex;
        }
    }

    private static Replication joinReplication(final ReplicationContext context, final PersistenceContext persistence)
    {
        final Replication replication = new Replication(context, persistence.validate().dataDir());
        try
        {
            if (context.role() == NodeRole.STANDBY)
            {
                final long last = TailDiscard.lastJournaledSequence(persistence);
                final Replication.Welcome welcome = replication.handshake(last);
                if (welcome != null)
                {
                    if (welcome.mustDiscardAfter(last))
                    {
                        TailDiscard.keepThrough(persistence, welcome.keepThroughSequence());
                    }
                    replication.adopt(welcome);
                }
            }
            return replication;
        }
        catch (final RuntimeException ex)
        {
            replication.close();
            throw ex;
        }
    }

    public int port()
    {
        return api.port();
    }

    public Tokens tokens()
    {
        return tokens;
    }

    /** For routes that take a national ID number: one {@code PersonKeys} per IO thread is made from it. */
    public byte[] personKeySecret()
    {
        return personKeySecret.clone();
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
