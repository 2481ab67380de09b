package io.startline.gateway.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aeron.cluster.service.Cluster;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.startline.cluster.member.ClusterMember;
import io.startline.cluster.service.ServiceStatus;
import io.startline.gateway.link.NodeStatus;

import java.util.Locale;

/**
 * A cluster member's {@code /health} and {@code /metrics}: its role, the leader, the leadership
 * term (as {@code epoch}), the commit position, the members, and its newest snapshot with the
 * state hash there, which every member that snapshots at one log position must share.
 */
final class MemberStatus implements NodeStatus
{
    private final ClusterMember member;

    MemberStatus(final ClusterMember member)
    {
        this.member = member;
    }

    @Override
    public boolean isUp()
    {
        return member.status().started();
    }

    @Override
    public void describe(final ObjectNode health)
    {
        final ServiceStatus status = member.status();
        final ServiceStatus.Leadership leadership = status.leadership();
        health.put("role", role(status))
            .put("memberId", member.context().memberId())
            .put("leader", leadership.leaderMemberId())
            .put("epoch", leadership.termId())
            .put("commitPosition", member.commitPosition())
            .put("logPosition", status.logPosition())
            .put("sequence", status.appliedSequence())
            .put("members", member.context().members().toString())
            .put("membersFingerprint", member.context().members().fingerprint());
        health.putObject("snapshot")
            .put("sequence", status.snapshotSequence())
            .put("logPosition", status.snapshotLogPosition())
            .put("stateHash", Long.toHexString(status.snapshotStateHash()))
            .put("durationMs", status.snapshotDurationNs() / 1_000_000.0)
            .put("bytes", status.snapshotBytes());
    }

    /**
     * The consensus module's view: it knows of a won or lost leadership before the log says so. The
     * {@code epoch} and {@code leader} beside it are the log's: the latest term this member has
     * applied and the leader the log names for it, the same on every member.
     */
    private String role(final ServiceStatus status)
    {
        final Cluster.Role role = member.consensusRole();
        return status.started() ? role.name().toLowerCase(Locale.ROOT) : "starting";
    }

    @Override
    public void registerMetrics(final PrometheusRegistry registry)
    {
        final ServiceStatus status = member.status();
        GaugeWithCallback.builder().name("startline_cluster_leader")
            .help("1 while this member is the leader").callback(cb -> cb.call(
                member.consensusRole() == Cluster.Role.LEADER ? 1 : 0)).register(registry);
        GaugeWithCallback.builder().name("startline_cluster_leader_member")
            .help("The leader the log names for the latest term this member applied")
            .callback(cb -> cb.call(status.leadership().leaderMemberId())).register(registry);
        GaugeWithCallback.builder().name("startline_cluster_epoch")
            .help("The latest leadership term this member applied").callback(cb -> cb.call(
                status.leadership().termId())).register(registry);
        GaugeWithCallback.builder().name("startline_cluster_commit_position")
            .help("The log position a majority has appended").callback(cb -> cb.call(member.commitPosition()))
            .register(registry);
        GaugeWithCallback.builder().name("startline_pipeline_sequence")
            .help("The last command the engine applied").callback(cb -> cb.call(status.appliedSequence()))
            .register(registry);
        GaugeWithCallback.builder().name("startline_snapshot_duration_seconds")
            .help("How long the newest snapshot held the service").callback(cb -> cb.call(
                status.snapshotDurationNs() / 1e9)).register(registry);
        // The single node's names too (SingleNodeStatus): none until this member took one.
        GaugeWithCallback.builder().name("startline_snapshot_last_completed_timestamp_seconds")
            .help("When this member's newest snapshot was complete (Unix time): time() minus this is its age")
            .callback(cb ->
            {
                if (status.snapshotsTaken() > 0)
                {
                    cb.call(status.snapshotCompletedEpochMs() / 1e3);
                }
            }).register(registry);
        GaugeWithCallback.builder().name("startline_snapshot_last_duration_seconds")
            .help("How long this member's newest snapshot held the service").callback(cb ->
            {
                if (status.snapshotsTaken() > 0)
                {
                    cb.call(status.snapshotDurationNs() / 1e9);
                }
            }).register(registry);
        GaugeWithCallback.builder().name("startline_snapshot_last_sequence")
            .help("The engine sequence this member's newest snapshot holds").callback(cb ->
            {
                if (status.snapshotsTaken() > 0)
                {
                    cb.call(status.snapshotSequence());
                }
            }).register(registry);
        CounterWithCallback.builder().name("startline_snapshots")
            .help("Snapshots this member took").callback(cb -> cb.call(status.snapshotsTaken())).register(registry);
        CounterWithCallback.builder().name("startline_cluster_replies_dropped")
            .help("Answers dropped for a back-pressured gateway, which re-sends and is answered then")
            .callback(cb -> cb.call(status.repliesDropped())).register(registry);
        CounterWithCallback.builder().name("startline_cluster_requests_refused")
            .help("Session messages that were not a request").callback(cb -> cb.call(status.requestsRefused()))
            .register(registry);
        GaugeWithCallback.builder().name("startline_idempotency_keys")
            .help("Idempotency keys the engine remembers with their first answers (every write's, in a cluster)")
            .callback(cb -> cb.call(status.idempotencyKeysHeld())).register(registry);
        CounterWithCallback.builder().name("startline_idempotency_keys_evicted_early")
            .help("Idempotency keys forgotten before their keep time for want of room: the table must hold more " +
                "writes than arrive within a gateway's request timeout")
            .callback(cb -> cb.call(status.idempotencyKeysEvictedEarly())).register(registry);
        CounterWithCallback.builder().name("startline_cluster_log_bytes_purged")
            .help("Log bytes deleted behind the retained snapshots").callback(cb -> cb.call(member.logBytesPurged()))
            .register(registry);
    }
}
