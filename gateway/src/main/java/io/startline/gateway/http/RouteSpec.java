package io.startline.gateway.http;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.startline.engine.codec.ResultCode;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A route: method and path template, the roles allowed (empty: any valid token), how large a JSON
 * body it takes (0: none), and its handler. It keeps its label and its own series of the request
 * counter, latency histogram and outcome counter, so answering a request looks nothing up by string.
 */
public final class RouteSpec
{
    private static final int STATUS_CODES = 600;
    private static final int OK_OUTCOME = ResultCode.values().length;
    private static final int OUTCOMES = OK_OUTCOME + 1;

    private final String method;
    private final String template;
    private final Set<Role> roles;
    private final int maxBodyBytes;
    private final RouteHandler handler;
    private final String label;
    private final Counter requests;
    private final AtomicReferenceArray<CounterDataPoint> requestsByStatus = new AtomicReferenceArray<>(STATUS_CODES);
    private final DistributionDataPoint latency;
    private final Counter outcomes;
    /** Index: the refusal's code, or {@link #OK_OUTCOME}; looked up once per label, then kept. */
    private final AtomicReferenceArray<CounterDataPoint> outcomesByCode = new AtomicReferenceArray<>(OUTCOMES);

    RouteSpec(final String method, final String template, final Set<Role> roles, final int maxBodyBytes,
        final RouteHandler handler, final RouteMetrics metrics)
    {
        this(method, template, roles, maxBodyBytes, handler, method + " " + template, metrics);
    }

    private RouteSpec(final String method, final String template, final Set<Role> roles, final int maxBodyBytes,
        final RouteHandler handler, final String label, final RouteMetrics metrics)
    {
        this.method = method;
        this.template = template;
        this.roles = roles;
        this.maxBodyBytes = maxBodyBytes;
        this.handler = handler;
        this.label = label;
        this.requests = metrics.requests();
        this.latency = metrics.latency().labelValues(label);
        this.outcomes = metrics.outcomes();
    }

    /** What answers a request no route took (404, 405), counted under the label {@code unrouted}. */
    static RouteSpec unrouted(final RouteMetrics metrics)
    {
        return new RouteSpec("", "", Set.of(), 0, request -> { }, "unrouted", metrics);
    }

    public String method()
    {
        return method;
    }

    public String template()
    {
        return template;
    }

    public Set<Role> roles()
    {
        return roles;
    }

    public boolean takesBody()
    {
        return maxBodyBytes > 0;
    }

    /** The largest body the route takes, or 0 when it takes none. */
    public int maxBodyBytes()
    {
        return maxBodyBytes;
    }

    public RouteHandler handler()
    {
        return handler;
    }

    /** The route's label in /metrics: method and template, never a concrete id. */
    public String label()
    {
        return label;
    }

    /** Counts one answer and its time from the request read to the answer written. */
    void record(final int status, final long elapsedNs)
    {
        CounterDataPoint counter = requestsByStatus.get(status);
        if (counter == null)
        {
            counter = requests.labelValues(label, Integer.toString(status));
            requestsByStatus.set(status, counter);
        }
        counter.inc();
        latency.observe(elapsedNs / 1e9);
    }

    /** Counts one answer of the engine: {@code refusal} null for a success. */
    void recordOutcome(final ResultCode refusal)
    {
        final int index = refusal == null ? OK_OUTCOME : refusal.ordinal();
        CounterDataPoint counter = outcomesByCode.get(index);
        if (counter == null)
        {
            counter = outcomes.labelValues(label, refusal == null ? "OK" : refusal.name());
            outcomesByCode.set(index, counter);
        }
        counter.inc();
    }
}
