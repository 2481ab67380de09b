package io.startline.gateway.http;

/**
 * The HTTP side's settings. Every value has a default and a checked range.
 */
public final class GatewayContext
{
    public static final int PORT_DEFAULT = 8080;
    public static final String HOST_DEFAULT = "0.0.0.0";
    public static final int MAX_BODY_BYTES_DEFAULT = 64 * 1024;
    public static final int RATE_LIMIT_PER_SECOND_DEFAULT = 50;
    public static final int RATE_LIMIT_BURST_DEFAULT = 100;
    public static final int RETRY_AFTER_SECONDS_DEFAULT = 1;
    public static final long IDEMPOTENCY_KEYS_DEFAULT = 1_000_000;
    public static final int IO_THREADS_DEFAULT = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** A request line and headers together: a token is at most 4,096 characters, and nothing else of ours is long. */
    public static final int MAX_HEADER_BYTES_DEFAULT = 16 * 1024;
    /** From a request's first byte to the end of its headers: a slow-header (slowloris) connection is closed after it. */
    public static final long HEADER_TIMEOUT_MS_DEFAULT = 10_000;
    /** From the end of the headers to the end of the body. */
    public static final long BODY_TIMEOUT_MS_DEFAULT = 10_000;
    /** A connection with no request under way is closed after it (clients that pool connections idle for less). */
    public static final long IDLE_TIMEOUT_MS_DEFAULT = 60_000;
    /** Connections held at once; past it the server stops accepting until some close. Under the process's descriptors. */
    public static final int MAX_CONNECTIONS_DEFAULT = 10_000;
    /**
     * Connections one client address may hold at once: a tenth of all, so one host cannot take
     * them all. Behind a proxy or a NAT every caller shares its address: raise it to maxConnections there.
     */
    public static final int MAX_CONNECTIONS_PER_ADDRESS_DEFAULT = 1_000;

    /** The longest a token may still have to live when it is used: 30 days. */
    public static final long MAX_TOKEN_LIFETIME_SECONDS_DEFAULT = 30L * 24 * 3600;

    /**
     * The access log is off unless asked for: each line costs its answering IO thread a copy into
     * the ring and the node one more thread's formatting (bench/RESULTS.md, "The operator's signals").
     */
    public static final boolean ACCESS_LOG_DEFAULT = false;
    /** The access log's ring: ~100 bytes a line, so ~10,000 lines between two of its drains. */
    public static final int ACCESS_LOG_RING_BYTES_DEFAULT = 1 << 20;

    private int port = PORT_DEFAULT;
    private String host = HOST_DEFAULT;
    private int maxBodyBytes = MAX_BODY_BYTES_DEFAULT;
    private int rateLimitPerSecond = RATE_LIMIT_PER_SECOND_DEFAULT;
    private int rateLimitBurst = RATE_LIMIT_BURST_DEFAULT;
    private int retryAfterSeconds = RETRY_AFTER_SECONDS_DEFAULT;
    private long idempotencyKeys = IDEMPOTENCY_KEYS_DEFAULT;
    private int ioThreads = IO_THREADS_DEFAULT;
    private int maxHeaderBytes = MAX_HEADER_BYTES_DEFAULT;
    private long headerTimeoutMs = HEADER_TIMEOUT_MS_DEFAULT;
    private long bodyTimeoutMs = BODY_TIMEOUT_MS_DEFAULT;
    private long idleTimeoutMs = IDLE_TIMEOUT_MS_DEFAULT;
    private int maxConnections = MAX_CONNECTIONS_DEFAULT;
    private int maxConnectionsPerAddress = MAX_CONNECTIONS_PER_ADDRESS_DEFAULT;
    private long maxTokenLifetimeSeconds = MAX_TOKEN_LIFETIME_SECONDS_DEFAULT;
    private boolean accessLog = ACCESS_LOG_DEFAULT;
    private int accessLogRingBytes = ACCESS_LOG_RING_BYTES_DEFAULT;
    private AccessLog.Sink accessLogSink;

    public GatewayContext validate()
    {
        check(port >= 0 && port <= 65_535, "port must be in [0, 65535] (0 picks a free one): " + port);
        check(maxBodyBytes >= 1024 && maxBodyBytes <= 16 << 20, "maxBodyBytes must be in [1 KiB, 16 MiB]: " + maxBodyBytes);
        check(rateLimitPerSecond >= 1, "rateLimitPerSecond must be at least 1: " + rateLimitPerSecond);
        check(rateLimitBurst >= 1, "rateLimitBurst must be at least 1: " + rateLimitBurst);
        check(retryAfterSeconds >= 1 && retryAfterSeconds <= 3600, "retryAfterSeconds must be in [1, 3600]");
        check(idempotencyKeys >= 1_000, "idempotencyKeys must be at least 1000: " + idempotencyKeys);
        check(ioThreads >= 1 && ioThreads <= 256, "ioThreads must be in [1, 256]: " + ioThreads);
        check(maxHeaderBytes >= 4 * 1024 + 1024 && maxHeaderBytes <= 1 << 20,
            "maxHeaderBytes must be in [5 KiB, 1 MiB] (a token alone may be 4 KiB): " + maxHeaderBytes);
        check(headerTimeoutMs >= 100 && headerTimeoutMs <= 600_000, "headerTimeoutMs must be in [100, 600000]: " +
            headerTimeoutMs);
        check(bodyTimeoutMs >= 100 && bodyTimeoutMs <= 600_000, "bodyTimeoutMs must be in [100, 600000]: " + bodyTimeoutMs);
        check(idleTimeoutMs >= 1_000 && idleTimeoutMs <= 3_600_000, "idleTimeoutMs must be in [1000, 3600000]: " +
            idleTimeoutMs);
        check(maxTokenLifetimeSeconds >= 60 && maxTokenLifetimeSeconds <= 366L * 24 * 3600,
            "maxTokenLifetimeSeconds must be in [60, 31622400] (a minute to a year): " + maxTokenLifetimeSeconds);
        check(maxConnections >= 16 && maxConnections <= 1_000_000, "maxConnections must be in [16, 1000000]: " +
            maxConnections);
        check(maxConnectionsPerAddress >= 1 && maxConnectionsPerAddress <= maxConnections,
            "maxConnectionsPerAddress must be in [1, maxConnections " + maxConnections + "]: " + maxConnectionsPerAddress);
        check(accessLogRingBytes >= 4096 && accessLogRingBytes <= 1 << 30 && Integer.bitCount(accessLogRingBytes) == 1,
            "accessLogRingBytes must be a power of two in [4 KiB, 1 GiB]: " + accessLogRingBytes);
        return this;
    }

    private static void check(final boolean ok, final String message)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(message);
        }
    }

    public int port()
    {
        return port;
    }

    public GatewayContext port(final int value)
    {
        port = value;
        return this;
    }

    public String host()
    {
        return host;
    }

    public GatewayContext host(final String value)
    {
        host = value;
        return this;
    }

    public int maxBodyBytes()
    {
        return maxBodyBytes;
    }

    public GatewayContext maxBodyBytes(final int value)
    {
        maxBodyBytes = value;
        return this;
    }

    public int rateLimitPerSecond()
    {
        return rateLimitPerSecond;
    }

    public GatewayContext rateLimitPerSecond(final int value)
    {
        rateLimitPerSecond = value;
        return this;
    }

    public int rateLimitBurst()
    {
        return rateLimitBurst;
    }

    public GatewayContext rateLimitBurst(final int value)
    {
        rateLimitBurst = value;
        return this;
    }

    public int retryAfterSeconds()
    {
        return retryAfterSeconds;
    }

    public long idempotencyKeys()
    {
        return idempotencyKeys;
    }

    public int ioThreads()
    {
        return ioThreads;
    }

    public GatewayContext ioThreads(final int value)
    {
        ioThreads = value;
        return this;
    }

    public int maxHeaderBytes()
    {
        return maxHeaderBytes;
    }

    public GatewayContext maxHeaderBytes(final int value)
    {
        maxHeaderBytes = value;
        return this;
    }

    public long headerTimeoutMs()
    {
        return headerTimeoutMs;
    }

    public GatewayContext headerTimeoutMs(final long value)
    {
        headerTimeoutMs = value;
        return this;
    }

    public long bodyTimeoutMs()
    {
        return bodyTimeoutMs;
    }

    public GatewayContext bodyTimeoutMs(final long value)
    {
        bodyTimeoutMs = value;
        return this;
    }

    public long idleTimeoutMs()
    {
        return idleTimeoutMs;
    }

    public GatewayContext idleTimeoutMs(final long value)
    {
        idleTimeoutMs = value;
        return this;
    }

    public int maxConnections()
    {
        return maxConnections;
    }

    public GatewayContext maxConnections(final int value)
    {
        maxConnections = value;
        return this;
    }

    public int maxConnectionsPerAddress()
    {
        return maxConnectionsPerAddress;
    }

    public GatewayContext maxConnectionsPerAddress(final int value)
    {
        maxConnectionsPerAddress = value;
        return this;
    }

    public long maxTokenLifetimeSeconds()
    {
        return maxTokenLifetimeSeconds;
    }

    public GatewayContext maxTokenLifetimeSeconds(final long value)
    {
        maxTokenLifetimeSeconds = value;
        return this;
    }

    /** Whether each answered request is written to the access log. */
    public boolean accessLog()
    {
        return accessLog;
    }

    public GatewayContext accessLog(final boolean value)
    {
        accessLog = value;
        return this;
    }

    public int accessLogRingBytes()
    {
        return accessLogRingBytes;
    }

    public GatewayContext accessLogRingBytes(final int value)
    {
        accessLogRingBytes = value;
        return this;
    }

    /** Where access-log lines go: null, the default, is the {@value AccessLog#LOGGER} logger. */
    public AccessLog.Sink accessLogSink()
    {
        return accessLogSink;
    }

    public GatewayContext accessLogSink(final AccessLog.Sink value)
    {
        accessLogSink = value;
        return this;
    }
}
