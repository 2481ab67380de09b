package io.startline.gateway.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.startline.cluster.client.ClusterClientContext;
import io.startline.cluster.client.EngineClusterClient;
import io.startline.cluster.member.MemberList;
import io.startline.gateway.link.EngineLink;
import io.startline.gateway.link.NodeStatus;
import io.startline.gateway.link.ResultListener;
import io.startline.gateway.link.SubmitStatus;
import org.agrona.DirectBuffer;

/**
 * A stateless gateway's way to the engine: its session with the cluster. Every write it sends
 * carries an idempotency key ({@link #keysEveryWrite()}), so the client may send it again after a
 * leader change and the engine's replicated key table answers the first result.
 */
public final class ClusterLink implements EngineLink, NodeStatus, AutoCloseable
{
    private final EngineClusterClient client;
    private final MemberList members;

    public ClusterLink(final ClusterClientContext context)
    {
        members = context.members();
        client = new EngineClusterClient(context);
    }

    @Override
    public SubmitStatus submit(final DirectBuffer message, final int offset, final int length,
        final ResultListener listener)
    {
        final EngineClusterClient.Submitted submitted = client.submit(message, offset, length,
            new EngineClusterClient.ReplyHandler()
            {
                @Override
                public void onReply(final long sequence, final long timestampMs, final long leadershipTermId,
                    final int memberId, final DirectBuffer result, final int resultOffset, final int resultLength)
                {
                    listener.onLeader(leadershipTermId, memberId);
                    listener.onResult(sequence, timestampMs, result, resultOffset, resultLength);
                }

                @Override
                public void onUnanswered(final boolean sent)
                {
                    listener.onUnanswered(sent);
                }
            });
        return switch (submitted)
        {
            case ACCEPTED -> SubmitStatus.ACCEPTED;
            case FULL -> SubmitStatus.SATURATED;
            case TOO_LARGE -> SubmitStatus.TOO_LARGE;
            case NOT_RESEND_SAFE -> SubmitStatus.MALFORMED;
            case CLOSED -> SubmitStatus.CLOSED;
        };
    }

    @Override
    public int maxCommandBytes()
    {
        return client.maxCommandBytes();
    }

    @Override
    public boolean keysEveryWrite()
    {
        return true;
    }

    /** A gateway is up while it has a session with a leader: without one, every request would wait and fail. */
    @Override
    public boolean isUp()
    {
        return client.isConnected();
    }

    @Override
    public void describe(final ObjectNode health)
    {
        health.put("role", "gateway")
            .put("epoch", client.leadershipTermId())
            .put("leader", client.leaderMemberId())
            .put("connected", client.isConnected())
            .put("members", members.toString())
            .put("requestsInFlight", client.requestsInFlight())
            .put("lastSend", client.lastOfferResult());
        if (client.connectError() != null)
        {
            health.put("connectError", client.connectError());
        }
    }

    @Override
    public void registerMetrics(final PrometheusRegistry registry)
    {
        GaugeWithCallback.builder().name("startline_cluster_connected")
            .help("1 while this gateway has a session with the cluster's leader")
            .callback(cb -> cb.call(client.isConnected() ? 1 : 0)).register(registry);
        GaugeWithCallback.builder().name("startline_cluster_leader")
            .help("The member this gateway sends to, -1 while it has none")
            .callback(cb -> cb.call(client.leaderMemberId())).register(registry);
        GaugeWithCallback.builder().name("startline_cluster_epoch")
            .help("The leadership term of the leader this gateway sends to")
            .callback(cb -> cb.call(client.leadershipTermId())).register(registry);
        CounterWithCallback.builder().name("startline_cluster_requests_sent")
            .help("Requests sent to a leader, re-sends included").callback(cb -> cb.call(client.requestsSent()))
            .register(registry);
        CounterWithCallback.builder().name("startline_cluster_requests_resent")
            .help("Requests sent again after a leader change or a new session")
            .callback(cb -> cb.call(client.requestsResent())).register(registry);
        CounterWithCallback.builder().name("startline_cluster_requests_unanswered")
            .help("Requests no leader answered before their deadline (503 OUTCOME_UNKNOWN or NO_LEADER)")
            .callback(cb -> cb.call(client.requestsUnanswered())).register(registry);
        CounterWithCallback.builder().name("startline_cluster_sessions_opened")
            .help("Sessions this gateway opened with the cluster (one more after each session lost)")
            .callback(cb -> cb.call(client.sessionsOpened())).register(registry);
    }

    @Override
    public void close()
    {
        client.close();
    }
}
