package io.startline.gateway.http;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The JVM's own metrics (heap, collections, threads), registered once per process. JvmMetrics
 * remembers every registry it was registered with in a static set, so registering it in each
 * node's registry would keep every node ever started in this process reachable (a test run that
 * starts dozens of nodes ran out of heap that way); the JVM's figures are the process's anyway.
 */
final class ProcessMetrics
{
    static final PrometheusRegistry REGISTRY = new PrometheusRegistry();

    static
    {
        JvmMetrics.builder().register(REGISTRY);
    }

    private ProcessMetrics()
    {
    }
}
