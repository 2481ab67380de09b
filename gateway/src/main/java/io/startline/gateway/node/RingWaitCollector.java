package io.startline.gateway.node;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.startline.gateway.pipeline.RingWait;

/**
 * {@code startline_ring_wait_seconds}: the ring's wait times as a Prometheus histogram, read from
 * the engine thread's own counts at each scrape (the engine thread never touches Prometheus).
 */
final class RingWaitCollector implements Collector
{
    private static final double[] UPPER_BOUNDS = RingWait.upperBoundsSeconds();

    private final RingWait ringWait;

    RingWaitCollector(final RingWait ringWait)
    {
        this.ringWait = ringWait;
    }

    @Override
    public MetricSnapshot collect()
    {
        return HistogramSnapshot.builder()
            .name("startline_ring_wait_seconds")
            .help("From a command's enqueue to the engine taking it: a stall (snapshot, collection, backlog) shows here")
            .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(UPPER_BOUNDS, ringWait.counts()))
                .sum(ringWait.sumNs() / 1e9)
                .build())
            .build();
    }
}
