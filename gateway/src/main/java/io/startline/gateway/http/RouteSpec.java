package io.startline.gateway.http;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A route: method and path template, the roles allowed (empty: any valid token), how large a JSON
 * body it takes (0: none), and its handler. It keeps its label and its own series of the request
 * counter and latency histogram, so answering a request looks nothing up by string.
 */
public final class RouteSpec
{
    private static final int STATUS_CODES = 600;

    private final String method;
    private final String template;
    private final Set<Role> roles;
    private final int maxBodyBytes;
    private final RouteHandler handler;
    private final String label;
    private final Counter requests;
    private final AtomicReferenceArray<CounterDataPoint> requestsByStatus = new AtomicReferenceArray<>(STATUS_CODES);
    private final DistributionDataPoint latency;

    RouteSpec(final String method, final String template, final Set<Role> roles, final int maxBodyBytes,
        final RouteHandler handler, final Counter requests, final Histogram latency)
    {
        this(method, template, roles, maxBodyBytes, handler, method + " " + template, requests, latency);
    }

    private RouteSpec(final String method, final String template, final Set<Role> roles, final int maxBodyBytes,
        final RouteHandler handler, final String label, final Counter requests, final Histogram latency)
    {
        this.method = method;
        this.template = template;
        this.roles = roles;
        this.maxBodyBytes = maxBodyBytes;
        this.handler = handler;
        this.label = label;
        this.requests = requests;
        this.latency = latency.labelValues(label);
    }

    /** What answers a request no route took (404, 405), counted under the label {@code unrouted}. */
    static RouteSpec unrouted(final Counter requests, final Histogram latency)
    {
        return new RouteSpec("", "", Set.of(), 0, request -> { }, "unrouted", requests, latency);
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
}
