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

    private int port = PORT_DEFAULT;
    private String host = HOST_DEFAULT;
    private int maxBodyBytes = MAX_BODY_BYTES_DEFAULT;
    private int rateLimitPerSecond = RATE_LIMIT_PER_SECOND_DEFAULT;
    private int rateLimitBurst = RATE_LIMIT_BURST_DEFAULT;
    private int retryAfterSeconds = RETRY_AFTER_SECONDS_DEFAULT;
    private long idempotencyKeys = IDEMPOTENCY_KEYS_DEFAULT;
    private int ioThreads = IO_THREADS_DEFAULT;

    public GatewayContext validate()
    {
        check(port >= 0 && port <= 65_535, "port must be in [0, 65535] (0 picks a free one): " + port);
        check(maxBodyBytes >= 1024 && maxBodyBytes <= 16 << 20, "maxBodyBytes must be in [1 KiB, 16 MiB]: " + maxBodyBytes);
        check(rateLimitPerSecond >= 1, "rateLimitPerSecond must be at least 1: " + rateLimitPerSecond);
        check(rateLimitBurst >= 1, "rateLimitBurst must be at least 1: " + rateLimitBurst);
        check(retryAfterSeconds >= 1 && retryAfterSeconds <= 3600, "retryAfterSeconds must be in [1, 3600]");
        check(idempotencyKeys >= 1_000, "idempotencyKeys must be at least 1000: " + idempotencyKeys);
        check(ioThreads >= 1 && ioThreads <= 256, "ioThreads must be in [1, 256]: " + ioThreads);
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
}
