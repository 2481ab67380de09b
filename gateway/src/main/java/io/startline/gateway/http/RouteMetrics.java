package io.startline.gateway.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The figures every route keeps in /metrics, labelled by route: answers by HTTP status, time to
 * answer, and the engine's outcomes (OK, or the code of a refusal: SOLD_OUT, SLOT_TAKEN, …), which
 * are what an organiser counts (claims won and lost, entries, holds, check-ins).
 */
record RouteMetrics(Counter requests, Histogram latency, Counter outcomes)
{
    static RouteMetrics register(final PrometheusRegistry registry)
    {
        return new RouteMetrics(
            Counter.builder().name("startline_http_requests_total")
                .help("HTTP requests answered, by route and status").labelNames("route", "status").register(registry),
            Histogram.builder().name("startline_http_request_duration_seconds")
                .help("From the request read to the answer written, by route").labelNames("route")
                .classicUpperBounds(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1)
                .register(registry),
            Counter.builder().name("startline_engine_outcomes_total")
                .help("Commands and queries the engine answered, by route and outcome: OK or the refusal's code")
                .labelNames("route", "outcome").register(registry));
    }
}
