package io.startline.gateway.http;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.startline.engine.codec.IdempotentEncoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.gateway.link.EngineLink;
import io.startline.gateway.link.NodeStatus;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import org.xnio.IoUtils;
import org.xnio.Options;
import org.xnio.XnioExecutor;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The HTTP API on Undertow. IO threads never wait for the engine: a request is read, checked
 * (token, role, rate, size, type, idempotency) and submitted to the engine's link (the single
 * node's pipeline, or a gateway's cluster session); the answer is written when the result comes
 * back. {@code /health} and {@code /metrics} need no token and say what {@link NodeStatus} says;
 * the API reference ({@code /openapi.json}, rendered at {@code /api-docs/}) needs none either.
 */
public final class HttpApi implements AutoCloseable, RequestServer
{
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final HttpString RETRY_AFTER = new HttpString("Retry-After");
    private static final HttpString EPOCH_HEADER = new HttpString("Startline-Epoch");
    private static final HttpString LEADER_HEADER = new HttpString("Startline-Leader");
    private static final HttpString SEQUENCE_HEADER = new HttpString("Startline-Sequence");
    /** Every answer's id, also in an error body's {@code requestId} and in the access log's line. */
    public static final HttpString REQUEST_ID_HEADER = new HttpString("Startline-Request-Id");
    private static final int MAX_IDEMPOTENCY_KEY_CHARS = 200;
    private static final int KEYED_PREFIX_BYTES = MessageHeaderEncoder.ENCODED_LENGTH + IdempotentEncoder.BLOCK_LENGTH;

    private final GatewayContext context;
    private final EngineLink link;
    private final NodeStatus status;
    private final Tokens tokens;
    private final RoutingHandler routes = new RoutingHandler();
    private final RateLimiter rateLimiter;
    private final Idempotency idempotency;
    private final ThreadLocal<UnsafeBuffer> scratch;
    /** Where a keyed command is wrapped with its idempotency tag. */
    private final ThreadLocal<UnsafeBuffer> keyedScratch;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final RouteMetrics routeMetrics;
    /** What answers a request no route took (404, 405), for /metrics. */
    private final RouteSpec unrouted;
    private final ConnectionsPerAddress connectionsPerAddress;
    private final ApiReference reference = new ApiReference();
    private final List<RegisteredRoute> registered = new ArrayList<>();
    private final List<AutoCloseable> companions = new ArrayList<>();
    private final RequestIds requestIds = new RequestIds();
    /** Null when the access log is off. */
    private final AccessLog accessLog;
    private Undertow server;
    private volatile boolean accepting = true;

    /**
     * @param link   how requests reach the engine; null for a process that serves only {@code /health} and
     *               {@code /metrics} (a cluster member).
     * @param tokens null with no link: no route needs one.
     */
    public HttpApi(final GatewayContext context, final EngineLink link, final NodeStatus status, final Tokens tokens)
    {
        this.context = context.validate();
        this.link = link;
        this.status = status;
        this.tokens = tokens;
        final int maxCommandBytes = link == null ? 0 : link.maxCommandBytes();
        rateLimiter = new RateLimiter(context.rateLimitPerSecond(), context.rateLimitBurst());
        idempotency = new Idempotency(context.idempotencyKeys(), Duration.ofDays(1));
        scratch = ThreadLocal.withInitial(() -> new UnsafeBuffer(new byte[maxCommandBytes]));
        keyedScratch = ThreadLocal.withInitial(() -> new UnsafeBuffer(new byte[maxCommandBytes + KEYED_PREFIX_BYTES]));
        routeMetrics = RouteMetrics.register(registry);
        Info.builder().name("startline_build_info").help("The build this process runs")
            .labelNames("version").register(registry).setLabelValues(buildVersion());
        unrouted = RouteSpec.unrouted(routeMetrics);
        status.registerMetrics(registry);
        accessLog = context.accessLog() ? new AccessLog(context.accessLogRingBytes(),
            context.accessLogSink() != null ? context.accessLogSink() : AccessLog.toLogger()) : null;
        if (accessLog != null)
        {
            CounterWithCallback.builder().name("startline_access_log_dropped")
                .help("Access-log lines dropped because the access log's ring was full (its thread fell behind)")
                .callback(cb -> cb.call(accessLog.dropped())).register(registry);
            CounterWithCallback.builder().name("startline_access_log_lines")
                .help("Access-log lines written").callback(cb -> cb.call(accessLog.written())).register(registry);
        }
        connectionsPerAddress = new ConnectionsPerAddress(context.maxConnectionsPerAddress(), routes,
            exchange -> send(exchange, Reply.error(new ApiException(429, "TOO_MANY_CONNECTIONS",
                "this address already holds " + context.maxConnectionsPerAddress() + " connections", null)),
                null, System.nanoTime(), null));
        CounterWithCallback.builder().name("startline_http_connections_refused")
            .help("Connections answered 429 and closed because their address held maxConnectionsPerAddress")
            .callback(cb -> cb.call(connectionsPerAddress.refused())).register(registry);
        open("/health", this::health);
        open("/metrics", exchange -> metrics());
        open(ApiReference.DOCUMENT_PATH, exchange -> reference.document());
        // The rendered reference and the console are pages, not API routes: the document does not list them.
        final RouteSpec page = openSpec(ApiReference.PAGE_PATH);
        routes.get(ApiReference.PAGE_PATH, exchange -> send(exchange, reference.page(), page, System.nanoTime(), null));
        routes.get(ApiReference.PAGE_PATH + "{file}", reference::swaggerUiFile);
        if (link != null)
        {
            final ConsolePages console = new ConsolePages();
            routes.get("/", ConsolePages::redirectToConsole);
            routes.get(ConsolePages.PATH, console::page);
            routes.get(ConsolePages.PATH + "{file}", console::file);
            routes.get(ConsolePages.PATH + "lib/{file}", console::chartLibraryFile);
        }
        routes.setFallbackHandler(exchange -> send(exchange, Reply.error(new ApiException(404, "NOT_FOUND",
            "no such route: " + exchange.getRequestPath(), null)), null, System.nanoTime(), null));
        routes.setInvalidMethodHandler(exchange -> send(exchange, Reply.error(new ApiException(405,
            "METHOD_NOT_ALLOWED", exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath(),
            null)), null, System.nanoTime(), null));
    }

    /** Adds an API route. Roles empty: any valid token. */
    public HttpApi route(final String method, final String template, final Set<Role> roles, final boolean takesBody,
        final RouteHandler handler)
    {
        return route(method, template, roles, takesBody ? context.maxBodyBytes() : 0, handler);
    }

    /**
     * Adds a route whose body may be larger than the gateway's {@code maxBodyBytes}: a bulk route, so
     * that it takes its documented maximum in one request.
     */
    public HttpApi bulkRoute(final String method, final String template, final Set<Role> roles, final int maxBodyBytes,
        final RouteHandler handler)
    {
        return route(method, template, roles, Math.max(maxBodyBytes, context.maxBodyBytes()), handler);
    }

    private HttpApi route(final String method, final String template, final Set<Role> roles, final int maxBodyBytes,
        final RouteHandler handler)
    {
        final RouteSpec spec = new RouteSpec(method, template, roles.isEmpty() ? EnumSet.noneOf(Role.class) :
            EnumSet.copyOf(roles), maxBodyBytes, handler, routeMetrics);
        routes.add(method, template, exchange -> handle(spec, exchange));
        registered.add(new RegisteredRoute(method, template, false, spec.roles(), maxBodyBytes));
        return this;
    }

    /** A GET that needs no token and takes no body, counted in /metrics under its own route label. */
    private void open(final String template, final Function<HttpServerExchange, Reply> answer)
    {
        final RouteSpec spec = openSpec(template);
        routes.get(template, exchange ->
        {
            final long startNs = System.nanoTime();
            send(exchange, answer.apply(exchange), spec, startNs, null);
        });
        registered.add(new RegisteredRoute("GET", template, true, Set.of(), 0));
    }

    private RouteSpec openSpec(final String template)
    {
        return new RouteSpec("GET", template, Set.of(), 0, request -> { }, routeMetrics);
    }

    /** Every route registered so far, in order: what the OpenAPI document must describe. */
    public List<RegisteredRoute> registeredRoutes()
    {
        return List.copyOf(registered);
    }

    /**
     * A route as registered: its method and path template, whether it needs no token at all, the
     * roles it admits (empty: any valid token) and its body limit (0: it takes no body).
     */
    public record RegisteredRoute(String method, String template, boolean open, Set<Role> roles, int maxBodyBytes)
    {
        public RegisteredRoute
        {
            roles = Set.copyOf(roles);
        }
    }

    /** Where the process's metrics are registered: what a route's companions add their gauges to. */
    public PrometheusRegistry registry()
    {
        return registry;
    }

    /** Something that lives as long as this API (a sampler), closed with it. */
    public HttpApi closeWith(final AutoCloseable companion)
    {
        companions.add(companion);
        return this;
    }

    public HttpApi start()
    {
        server = Undertow.builder()
            .addHttpListener(context.port(), context.host())
            .setIoThreads(context.ioThreads())
            .setWorkerThreads(1)
            // Bodies up to this size are read and thrown away after a 413, so the client reads its
            // answer; a bigger one gets the connection closed on it.
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, Math.max(1L << 20, 16L * context.maxBodyBytes()))
            .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, false)
            // A hostile client holds no connection and no memory for long: headers are bounded in
            // size and in time (slowloris), idle connections are closed, and past maxConnections
            // the listener stops accepting until some close (bodies are timed in handle(), connections
            // per address in ConnectionsPerAddress).
            .setServerOption(UndertowOptions.MAX_HEADER_SIZE, context.maxHeaderBytes())
            .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, Math.toIntExact(context.headerTimeoutMs()))
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, Math.toIntExact(context.idleTimeoutMs()))
            .setSocketOption(Options.CONNECTION_HIGH_WATER, context.maxConnections())
            .setSocketOption(Options.CONNECTION_LOW_WATER, context.maxConnections())
            .setHandler(exchange ->
            {
                // First, so that every answer carries it, whoever sends it (a refusal, a 404, a file).
                exchange.getResponseHeaders().put(REQUEST_ID_HEADER, requestIds.next());
                connectionsPerAddress.handleRequest(exchange);
            })
            .build();
        try
        {
            server.start();
        }
        catch (final RuntimeException ex)
        {
            if (ex.getCause() instanceof java.net.BindException bind)
            {
                throw new IllegalArgumentException("cannot listen on " + context.host() + ":" + context.port() + ": " +
                    bind.getMessage(), ex);
            }
            throw ex;
        }
        LOG.info("http: listening on {}:{}", context.host(), port());
        return this;
    }

    /** The port actually bound (useful when 0 asked for any free one). */
    public int port()
    {
        return ((InetSocketAddress)server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Stops taking requests: every later one is answered 503. */
    public void stopAccepting()
    {
        accepting = false;
    }

    @Override
    public void close()
    {
        accepting = false;
        if (server != null)
        {
            server.stop();
        }
        for (final AutoCloseable companion : companions)
        {
            try
            {
                companion.close();
            }
            catch (final Exception ex)
            {
                LOG.warn("http: closing {} failed: {}", companion, ex.toString());
            }
        }
        if (accessLog != null)
        {
            accessLog.close();
        }
    }

    @Override
    public EngineLink link()
    {
        return link;
    }

    @Override
    public UnsafeBuffer scratch()
    {
        return scratch.get();
    }

    @Override
    public UnsafeBuffer keyedScratch()
    {
        return keyedScratch.get();
    }

    private void handle(final RouteSpec spec, final HttpServerExchange exchange)
    {
        final long startNs = System.nanoTime();
        Caller caller = null;
        try
        {
            if (!accepting)
            {
                throw new ApiException(503, "NOT_ACCEPTING", "the node is shutting down", null);
            }
            caller = tokens.verify(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
            if (!spec.roles().isEmpty() && !spec.roles().contains(caller.role()))
            {
                throw ApiException.forbidden(spec.label() + " is for " + spec.roles().stream().map(Role::json).toList() +
                    ", not " + caller.role().json());
            }
            final long retryAfter = rateLimiter.acquire(caller);
            if (retryAfter > 0)
            {
                throw new ApiException(429, "RATE_LIMITED", "too many requests from this caller; retry in " +
                    retryAfter + " s", null);
            }
            final long contentLength = exchange.getRequestContentLength();
            final boolean hasBody = contentLength > 0 || exchange.isRequestChannelAvailable() && contentLength < 0 &&
                exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
            if (contentLength > bodyLimit(spec))
            {
                throw tooLarge(spec);
            }
            if (hasBody)
            {
                final String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
                if (type == null || !type.toLowerCase().startsWith("application/json"))
                {
                    throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "the body must be application/json", null);
                }
                if (!spec.takesBody())
                {
                    throw ApiException.badRequest(null, spec.label() + " takes no body");
                }
                receiveBody(spec, exchange, caller, startNs);
            }
            else
            {
                final Caller verified = caller;
                exchange.dispatch(SameThreadExecutor.INSTANCE, () -> process(spec, exchange, verified, null, startNs));
            }
        }
        catch (final ApiException ex)
        {
            send(exchange, Reply.error(ex), spec, startNs, caller);
        }
    }

    /**
     * Reads the whole body, at most maxBodyBytes of it whether sent with a length or chunked, and
     * within bodyTimeoutMs: a body that trickles in slower gets its connection closed.
     */
    private void receiveBody(final RouteSpec spec, final HttpServerExchange exchange, final Caller caller,
        final long startNs)
    {
        exchange.setMaxEntitySize(bodyLimit(spec));
        final XnioExecutor.Key bodyTimeout = exchange.getIoThread().executeAfter(
            () -> IoUtils.safeClose(exchange.getConnection()), context.bodyTimeoutMs(), TimeUnit.MILLISECONDS);
        exchange.getRequestReceiver().receiveFullBytes(
            (ex, bytes) ->
            {
                bodyTimeout.remove();
                if (bytes.length > bodyLimit(spec))
                {
                    send(ex, Reply.error(tooLarge(spec)), spec, startNs, caller);
                    return;
                }
                ex.dispatch(SameThreadExecutor.INSTANCE, () -> process(spec, ex, caller, bytes, startNs));
            },
            (ex, error) ->
            {
                bodyTimeout.remove();
                send(ex, Reply.error(error instanceof RequestTooBigException ? tooLarge(spec) :
                    ApiException.badRequest(null, "the body could not be read")), spec, startNs, caller);
            });
    }

    /**
     * A request answered before its body was read (refused without a token, say) keeps its
     * connection while Undertow drains the rest of the body: the body timeout holds for that drain
     * too, or a caller could trickle it for as long as it liked.
     */
    private void drainWithinBodyTimeout(final HttpServerExchange exchange)
    {
        exchange.getIoThread().executeAfter(() ->
        {
            if (!exchange.isRequestComplete())
            {
                IoUtils.safeClose(exchange.getConnection());
            }
        }, context.bodyTimeoutMs(), TimeUnit.MILLISECONDS);
    }

    /** The route's own limit; a route that takes no body still refuses one past the gateway's as too large. */
    private int bodyLimit(final RouteSpec spec)
    {
        return spec.maxBodyBytes() > 0 ? spec.maxBodyBytes() : context.maxBodyBytes();
    }

    private ApiException tooLarge(final RouteSpec spec)
    {
        return new ApiException(413, "TOO_LARGE", "the body is over " + bodyLimit(spec) + " bytes", null);
    }

    private void process(final RouteSpec spec, final HttpServerExchange exchange, final Caller caller,
        final byte[] body, final long startNs)
    {
        Idempotency.Tag tag = null;
        try
        {
            final String key = exchange.getRequestHeaders().getFirst(IDEMPOTENCY_KEY);
            if (key != null && ("POST".equals(spec.method()) || "DELETE".equals(spec.method()) ||
                "PATCH".equals(spec.method())))
            {
                if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_CHARS)
                {
                    throw ApiException.badRequest("Idempotency-Key", "Idempotency-Key must be 1 to " +
                        MAX_IDEMPOTENCY_KEY_CHARS + " characters");
                }
                tag = Idempotency.Tag.of(Idempotency.scopedKey(caller, exchange, key), body);
                final Idempotency.Entry first = idempotency.claim(tag);
                if (first != null)
                {
                    final Reply replayed = first.reply;
                    if (first.requestDigest != tag.requestDigest())
                    {
                        throw new ApiException(409, "IDEMPOTENCY_MISMATCH",
                            "this Idempotency-Key was first used with another body", "Idempotency-Key");
                    }
                    if (replayed == null)
                    {
                        throw new ApiException(409, "IDEMPOTENCY_IN_PROGRESS",
                            "the first request with this Idempotency-Key is still being answered", "Idempotency-Key");
                    }
                    send(exchange, replayed, spec, startNs, caller);
                    return;
                }
            }
            spec.handler().handle(new ApiRequest(this, exchange, spec, caller, body, startNs, tag));
        }
        catch (final ApiException ex)
        {
            finishKeyed(exchange, spec, tag, Reply.error(ex), startNs, caller);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("{}: failed", spec.label(), ex);
            finishKeyed(exchange, spec, tag, Reply.error(new ApiException(500, "INTERNAL",
                "the node could not handle the request", null)), startNs, caller);
        }
    }

    @Override
    public void finish(final ApiRequest request, final Reply reply)
    {
        finishKeyed(request.exchange, request.route, request.idempotency, reply, request.startNs, request.caller);
    }

    /**
     * A cluster gateway's answers say which leader gave them: its term ({@code Startline-Epoch}), its
     * member id ({@code Startline-Leader}) and the command's engine sequence ({@code Startline-Sequence},
     * 0 for a read). Operators see whom a gateway talks to; the failover tests check that one term
     * never had two leaders and that no old leader acknowledged past a new one.
     */
    @Override
    public void describeLeader(final HttpServerExchange exchange, final long leadershipTermId, final int memberId,
        final long sequence)
    {
        if (!exchange.isResponseStarted())
        {
            exchange.getResponseHeaders().put(EPOCH_HEADER, leadershipTermId)
                .put(LEADER_HEADER, memberId)
                .put(SEQUENCE_HEADER, sequence);
        }
    }

    /**
     * Finishes a write whose outcome no leader told: the answer names the key a retry must carry,
     * the caller's own or the one the gateway gave the request.
     */
    @Override
    public void finishUnknown(final ApiRequest request, final Reply reply, final String key)
    {
        if (!request.exchange.isResponseStarted())
        {
            request.exchange.getResponseHeaders().put(IDEMPOTENCY_KEY, key);
        }
        finish(request, reply);
    }

    private void finishKeyed(final HttpServerExchange exchange, final RouteSpec spec, final Idempotency.Tag tag,
        final Reply reply, final long startNs, final Caller caller)
    {
        if (tag != null)
        {
            if (reply.status() == 429 || reply.status() == 503 || reply.status() >= 500)
            {
                idempotency.forget(tag);
            }
            else
            {
                idempotency.complete(tag, reply);
            }
        }
        send(exchange, reply, spec, startNs, caller);
    }

    /**
     * Every answer goes out here: an error body gets the request's id ({@code requestId}, as in the
     * {@code Startline-Request-Id} header), the route's figures are counted, and the access log, when on,
     * gets its line. {@code caller} null: the request had no valid token (yet).
     */
    private void send(final HttpServerExchange exchange, final Reply reply, final RouteSpec spec, final long startNs,
        final Caller caller)
    {
        if (exchange.isResponseStarted())
        {
            return;
        }
        exchange.setStatusCode(reply.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, reply.contentType());
        if (!exchange.isRequestComplete())
        {
            drainWithinBodyTimeout(exchange);
        }
        if (reply.status() == 429 || reply.status() == 503)
        {
            exchange.getResponseHeaders().put(RETRY_AFTER, Integer.toString(context.retryAfterSeconds()));
        }
        final String requestId = exchange.getResponseHeaders().getFirst(REQUEST_ID_HEADER);
        final byte[] body = reply.error() != null ? Reply.errorBody(reply.error(), requestId) : reply.body();
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
        final long elapsedNs = System.nanoTime() - startNs;
        final RouteSpec route = spec == null ? unrouted : spec;
        route.record(reply.status(), elapsedNs);
        if (accessLog != null)
        {
            accessLog.record(requestId, exchange.getRequestMethod().toString(), exchange.getRequestPath(), route.label(),
                reply.status(), reply.errorCode(), elapsedNs, caller == null ? -1 : caller.userId(), body.length);
        }
    }

    private Reply health(final HttpServerExchange exchange)
    {
        final var body = Json.object().put("status", status.isUp() ? "UP" : "DOWN");
        status.describe(body);
        return Reply.json(status.isUp() ? 200 : 503, body);
    }

    /** The jar's version from its manifest; a process run from compiled classes (the tests) has none. */
    private static String buildVersion()
    {
        final String version = HttpApi.class.getPackage().getImplementationVersion();
        return version == null ? "unpackaged" : version;
    }

    private Reply metrics()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
        try
        {
            writer.write(out, registry.scrape());
            // Memory, bytes allocated, collections, threads and the process's CPU: what a claim costs shows here.
            writer.write(out, ProcessMetrics.REGISTRY.scrape());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return new Reply(200, writer.getContentType(), out.toByteArray());
    }
}
