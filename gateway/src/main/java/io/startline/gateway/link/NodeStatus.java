package io.startline.gateway.link;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * What {@code /health} and {@code /metrics} say about the process: a single node, a cluster
 * member or a gateway. The HTTP layer knows nothing else of pipelines, members or clusters.
 */
public interface NodeStatus
{
    /** {@code /health} answers 200 while this holds, 503 otherwise. */
    boolean isUp();

    /** Adds the process's fields to {@code /health}: at least {@code role} and {@code epoch}. */
    void describe(ObjectNode health);

    /** Registers the process's own gauges and counters for {@code /metrics}. */
    void registerMetrics(PrometheusRegistry registry);
}
