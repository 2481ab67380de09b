package io.startline.gateway.http;

/**
 * A token bucket per caller: {@code perSecond} requests a second on average, bursts of up to
 * {@code burst}. The buckets live in a fixed table indexed by a hash of the caller, so a request
 * allocates nothing and memory does not grow with the number of callers: a caller whose slot is
 * taken by another starts a fresh bucket there (lenient rather than limiting a stranger), and a
 * caller gone quiet is simply overwritten. Slots are guarded by a few striped locks.
 */
final class RateLimiter
{
    /** 2^20 slots of 24 bytes: 24 MiB; a rush of a million callers meets few collisions. */
    private static final int SLOTS = 1 << 20;
    private static final int LOCK_STRIPES = 64;

    private final double perNanosecond;
    private final double burst;
    private final long[] callers = new long[SLOTS];
    private final double[] tokens = new double[SLOTS];
    private final long[] lastNs = new long[SLOTS];
    private final Object[] locks = new Object[LOCK_STRIPES];

    RateLimiter(final int perSecond, final int burst)
    {
        perNanosecond = perSecond / 1e9;
        this.burst = burst;
        for (int i = 0; i < LOCK_STRIPES; i++)
        {
            locks[i] = new Object();
        }
    }

    /** @return 0 when allowed, else the seconds to wait (for {@code Retry-After}). */
    long acquire(final Caller caller)
    {
        // Never 0, the empty slot's value: a role's bit above the 53 bits of a user id.
        final long key = (long)(caller.role().ordinal() + 1) << 56 | caller.userId();
        final int slot = (int)(mix(key) & (SLOTS - 1));
        synchronized (locks[slot & (LOCK_STRIPES - 1)])
        {
            final long now = System.nanoTime();
            if (callers[slot] != key)
            {
                callers[slot] = key;
                tokens[slot] = burst;
                lastNs[slot] = now;
            }
            tokens[slot] = Math.min(burst, tokens[slot] + (now - lastNs[slot]) * perNanosecond);
            lastNs[slot] = now;
            if (tokens[slot] >= 1)
            {
                tokens[slot] -= 1;
                return 0;
            }
            return Math.max(1, (long)Math.ceil((1 - tokens[slot]) / perNanosecond / 1e9));
        }
    }

    /** Stafford's mix 13 (SplitMix64's finaliser): neighbouring user ids land far apart. */
    private static long mix(final long value)
    {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
