package io.startline.bench.load;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What every scenario run needs: the HTTP client with its pool of connections to the node,
 * the callers' tokens, the admin API, the generator's settings, where progress goes, and the
 * seed that fixes every random choice of a run (who claims in which order, which slot a user
 * wants), printed in the summary so a run can be repeated.
 */
public final class ScenarioContext implements AutoCloseable
{
    /** The organiser's admin identity for set-up and end checks: a handful of calls, well under its rate limit. */
    private static final long ORGANISER_USER_ID = 1;
    /**
     * Answers are handled on these threads (parse, count, record). A few suffice: the work per
     * answer is microseconds, and on a small machine more threads only steal the node's cores.
     */
    private static final int CLIENT_THREADS = 4;
    private static final long CONNECT_TIMEOUT_MS = 5_000;
    /**
     * Under the node's 60 s (Undertow's no-request timeout), so an idle connection is closed by
     * the client, cleanly, and never by the server just as the client sends on it: that race
     * failed 137 claims of a step whose rise in rate reached for connections idle a minute.
     */
    private static final long IDLE_TIMEOUT_MS = 30_000;
    private static final long CONNECTIONS_READY_TIMEOUT_SECONDS = 30;
    private static final long GENERATOR_WARMUP_SECONDS = 2;
    private static final long GENERATOR_WARMUP_MAX_REQUESTS = 30_000;

    private final HttpClient http;
    /** The node, or a cluster's gateways: load is spread over them in turn; set-up and checks use the first. */
    private final List<URI> nodes;
    private final URI node;
    private final ApiClient api;
    private final Callers callers;
    private final LoadSettings settings;
    private final PrintStream out;
    private final long seed;

    public ScenarioContext(final List<URI> nodes, final String jwtSecret, final LoadSettings settings,
        final PrintStream out, final long seed)
    {
        this.nodes = List.copyOf(nodes);
        node = nodes.get(0);
        this.settings = settings;
        this.out = out;
        this.seed = seed;
        callers = new Callers(jwtSecret);
        final QueuedThreadPool threads = new QueuedThreadPool(CLIENT_THREADS, CLIENT_THREADS);
        threads.setName("load-client");
        threads.setDaemon(true);
        http = new HttpClient();
        http.setExecutor(threads);
        http.setMaxConnectionsPerDestination(settings.connections());
        // Requests wait for a free connection in the client's queue; their latency still runs from the due time.
        http.setMaxRequestsQueuedPerDestination(settings.maxInFlight());
        http.setConnectTimeout(CONNECT_TIMEOUT_MS);
        http.setIdleTimeout(IDLE_TIMEOUT_MS);
        http.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "startline-load"));
        // No Accept-Encoding: the node does not compress, and the answers are small.
        http.getContentDecoderFactories().clear();
        try
        {
            http.start();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("the HTTP client did not start", ex);
        }
        api = new ApiClient(http, node);
    }

    /** Opens the connection pool before a run, so the rush does not pay for TCP handshakes. */
    public void openConnections()
    {
        try
        {
            for (final URI each : nodes)
            {
                http.resolveDestination(http.newRequest(each)).getConnectionPool()
                    .preCreateConnections(settings.connections())
                    .get(CONNECTIONS_READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + node, ex);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new IllegalStateException("cannot open " + settings.connections() + " connections to " + node +
                ": is the node running?", ex);
        }
    }

    /** Sleeps until the wall clock reads {@code epochMs}: a drop opens, a window opens, slots are released. */
    public static void waitUntil(final long epochMs)
    {
        long leftMs;
        while ((leftMs = epochMs - System.currentTimeMillis()) > 0)
        {
            try
            {
                Thread.sleep(leftMs);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + epochMs, ex);
            }
        }
    }

    public OpenLoopRunner runner(final HistogramLog log)
    {
        return new OpenLoopRunner(http, nodes, settings, log, out);
    }

    /**
     * Sends {@code GET /health} at the run's rate for a few seconds, unrecorded, so that the
     * client's own code is compiled before the first measured request: a cold generator sends
     * its first second's requests hundreds of milliseconds late. It warms the generator, not the
     * node's routes (for those, see the commands' {@code --warmup-seconds}).
     */
    public void warmGenerator(final long offeredRatePerSecond)
    {
        final int requests = (int)Math.min(GENERATOR_WARMUP_MAX_REQUESTS,
            offeredRatePerSecond * GENERATOR_WARMUP_SECONDS);
        final PhaseSummary warmup = new OpenLoopRunner(http, nodes, settings, null,
            new PrintStream(OutputStream.nullOutputStream())).run("generator", new HealthChecks(requests),
            offeredRatePerSecond);
        out.printf("generator warm-up: %,d × GET /health at %,d/s, p99 %.2f ms, sends late by over %.0f ms: %,d%n",
            warmup.completed(), offeredRatePerSecond, warmup.latencyMs().p99(), warmup.generator().lateThresholdMs(),
            warmup.generator().sentLate());
    }

    /** {@code GET /health}, which needs no token and no engine. */
    private record HealthChecks(int requests) implements Phase
    {
        @Override
        public String name()
        {
            return "warm-up";
        }

        @Override
        public Set<String> expectedOutcomes()
        {
            return Set.of("200");
        }

        @Override
        public PlannedRequest request(final int index)
        {
            return PlannedRequest.get("/health", null);
        }

        @Override
        public void onAnswer(final int index, final int status, final byte[] body)
        {
        }
    }

    /** The organiser's admin header, for set-up and the end check. */
    public String organiser()
    {
        return callers.admin(ORGANISER_USER_ID);
    }

    public ApiClient api()
    {
        return api;
    }

    public Callers callers()
    {
        return callers;
    }

    public LoadSettings settings()
    {
        return settings;
    }

    public PrintStream out()
    {
        return out;
    }

    public URI node()
    {
        return node;
    }

    /** Where the load goes: the node, or the gateways joined by commas. */
    public String target()
    {
        return String.join(",", nodes.stream().map(URI::toString).toList());
    }

    public long seed()
    {
        return seed;
    }

    @Override
    public void close()
    {
        try
        {
            http.stop();
        }
        catch (final Exception ex)
        {
            out.println("the HTTP client did not stop cleanly: " + ex);
        }
    }
}
