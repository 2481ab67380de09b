package io.startline.gateway.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;

/**
 * A token bucket per caller: {@code perSecond} requests a second on average, bursts of up to
 * {@code burst}. Buckets of callers gone quiet are forgotten.
 */
final class RateLimiter
{
    private final double perNanosecond;
    private final double burst;
    private final Cache<String, Bucket> buckets;

    RateLimiter(final int perSecond, final int burst)
    {
        perNanosecond = perSecond / 1e9;
        this.burst = burst;
        buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(5)).maximumSize(1_000_000).build();
    }

    /** @return 0 when allowed, else the seconds to wait (for {@code Retry-After}). */
    long acquire(final String caller)
    {
        final Bucket bucket = buckets.get(caller, k -> new Bucket(burst));
        synchronized (bucket)
        {
            final long now = System.nanoTime();
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.lastNs) * perNanosecond);
            bucket.lastNs = now;
            if (bucket.tokens >= 1)
            {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long)Math.ceil((1 - bucket.tokens) / perNanosecond / 1e9));
        }
    }

    private static final class Bucket
    {
        double tokens;
        long lastNs = System.nanoTime();

        Bucket(final double tokens)
        {
            this.tokens = tokens;
        }
    }
}
