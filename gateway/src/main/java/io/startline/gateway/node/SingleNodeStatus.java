package io.startline.gateway.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.startline.gateway.link.NodeStatus;
import io.startline.gateway.pipeline.Pipeline;
import io.startline.persistence.StorageFaults;
import io.startline.persistence.snapshot.Snapshotter;

import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * A single node's {@code /health} and {@code /metrics}: it is the primary of its only epoch, and
 * its pipeline's sequences, ring and idempotency table are what there is to watch.
 */
final class SingleNodeStatus implements NodeStatus
{
    private final Pipeline pipeline;

    SingleNodeStatus(final Pipeline pipeline)
    {
        this.pipeline = pipeline;
    }

    /** Down after a stage's fault, and while the journal cannot be written (writes wait then). */
    @Override
    public boolean isUp()
    {
        return pipeline.fault() == null && pipeline.storageFaults().failure(StorageFaults.Write.JOURNAL) == null;
    }

    /** Names each storage write failing now ({@code journalFailure}, {@code snapshotFailure}). */
    @Override
    public void describe(final ObjectNode health)
    {
        health.put("role", "primary")
            .put("epoch", 1)
            .put("sequence", pipeline.appliedSequence());
        final StorageFaults faults = pipeline.storageFaults();
        for (final StorageFaults.Write write : StorageFaults.Write.values())
        {
            final String failure = faults.failure(write);
            if (failure != null)
            {
                health.put(write.name().toLowerCase(Locale.ROOT) + "Failure", failure);
            }
        }
        if (pipeline.fault() != null)
        {
            health.put("fault", pipeline.fault().toString());
        }
        if (pipeline.recovered().journalCut() != null)
        {
            health.put("journalCut", pipeline.recovered().journalCut());
        }
    }

    @Override
    public void registerMetrics(final PrometheusRegistry registry)
    {
        GaugeWithCallback.builder().name("startline_pipeline_sequence")
            .help("The last command the engine applied").callback(cb -> cb.call(pipeline.appliedSequence()))
            .register(registry);
        GaugeWithCallback.builder().name("startline_journal_sequence")
            .help("The last command known to be in the journal").callback(cb -> cb.call(pipeline.journaledSequence()))
            .register(registry);
        GaugeWithCallback.builder().name("startline_journal_lag")
            .help("Commands applied by the engine but not yet known journaled")
            .callback(cb -> cb.call(Math.max(0, pipeline.appliedSequence() - pipeline.journaledSequence())))
            .register(registry);
        GaugeWithCallback.builder().name("startline_ring_occupancy")
            .help("Ring slots taken and not yet answered").callback(cb -> cb.call(pipeline.ringOccupancy()))
            .register(registry);
        GaugeWithCallback.builder().name("startline_ring_size")
            .help("Ring slots in all").callback(cb -> cb.call(pipeline.ringSize())).register(registry);
        GaugeWithCallback.builder().name("startline_idempotency_keys")
            .help("Idempotency keys the engine remembers with their first answers")
            .callback(cb -> cb.call(pipeline.idempotencyKeysHeld())).register(registry);
        CounterWithCallback.builder().name("startline_idempotency_keys_evicted_early")
            .help("Idempotency keys forgotten before their keep time because maxIdempotencyKeys or " +
                "idempotencyResultBytes was reached: raise them if this grows")
            .callback(cb -> cb.call(pipeline.idempotencyKeysEvictedEarly())).register(registry);
        CounterWithCallback.builder().name("startline_admission_refused")
            .help("Requests refused with 503 because the node would have answered them later than its latency target")
            .callback(cb -> cb.call(pipeline.refusedOverLatencyTarget())).register(registry);
        GaugeWithCallback.builder().name("startline_pipeline_service_seconds")
            .help("The smoothed time the pipeline spends on a command; times the backlog, the wait a new one would face")
            .callback(cb -> cb.call(pipeline.serviceNsPerCommand() / 1e9)).register(registry);
        registry.register(new RingWaitCollector(pipeline.ringWait()));
        GaugeWithCallback.builder().name("startline_ring_wait_max_seconds")
            .help("The longest a command waited in the ring before the engine took it, since the node started")
            .callback(cb -> cb.call(pipeline.ringWait().maxNs() / 1e9)).register(registry);
        CounterWithCallback.builder().name("startline_storage_write_failures")
            .help("Journal and snapshot writes that failed (a full disk, no file descriptor): journal ones are retried")
            .labelNames("write")
            .callback(cb -> forEachWrite((write, label) -> cb.call(pipeline.storageFaults().failures(write), label)))
            .register(registry);
        GaugeWithCallback.builder().name("startline_storage_write_failing")
            .help("1 while that write fails now: the journal's holds every command unanswered")
            .labelNames("write")
            .callback(cb -> forEachWrite((write, label) ->
                cb.call(pipeline.storageFaults().failure(write) == null ? 0 : 1, label)))
            .register(registry);
        GaugeWithCallback.builder().name("startline_snapshot_last_completed_timestamp_seconds")
            .help("When the newest snapshot was complete (Unix time; its file's time for one found at start): " +
                "time() minus this is its age").callback(cb ->
            {
                final Snapshotter.Taken last = pipeline.lastSnapshot();
                if (last != null)
                {
                    cb.call(last.completedEpochMs() / 1e3);
                }
            }).register(registry);
        GaugeWithCallback.builder().name("startline_snapshot_last_duration_seconds")
            .help("How long writing the newest snapshot held the engine (none until this process wrote one)")
            .callback(cb ->
            {
                final Snapshotter.Taken last = pipeline.lastSnapshot();
                if (last != null && last.durationNs() >= 0)
                {
                    cb.call(last.durationNs() / 1e9);
                }
            }).register(registry);
        GaugeWithCallback.builder().name("startline_snapshot_last_sequence")
            .help("The engine sequence the newest snapshot holds").callback(cb ->
            {
                final Snapshotter.Taken last = pipeline.lastSnapshot();
                if (last != null)
                {
                    cb.call(last.sequence());
                }
            }).register(registry);
        CounterWithCallback.builder().name("startline_snapshots")
            .help("Snapshots this node wrote since it started (periodic and asked for)")
            .callback(cb -> cb.call(pipeline.snapshotsTaken())).register(registry);
        GaugeWithCallback.builder().name("startline_primary")
            .help("1: a single node is always its own primary").callback(cb -> cb.call(1)).register(registry);
    }

    private static void forEachWrite(final BiConsumer<StorageFaults.Write, String> action)
    {
        for (final StorageFaults.Write write : StorageFaults.Write.values())
        {
            action.accept(write, write.name().toLowerCase(Locale.ROOT));
        }
    }
}
