package io.startline.gateway.pipeline;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How long commands waited in the ring, from the producer's enqueue to the engine starting to
 * apply them: where a stall shows (a snapshot, a collection, a backlog). One thread records (the
 * engine's); any thread reads, for {@code /metrics}. Recording is a bucket search and ordered
 * stores (no fence): cheap enough for every command.
 */
public final class RingWait
{
    /** Bucket upper bounds: 10 µs to 10 s, then everything above. */
    private static final long[] UPPER_BOUNDS_NS = {
        10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
        1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000,
        100_000_000, 250_000_000, 500_000_000, 1_000_000_000, 2_500_000_000L, 5_000_000_000L, 10_000_000_000L};

    private final AtomicLongArray counts = new AtomicLongArray(UPPER_BOUNDS_NS.length + 1);
    private final AtomicLong sumNs = new AtomicLong();
    private final AtomicLong maxNs = new AtomicLong();

    /** The engine thread only. */
    void record(final long waitNs)
    {
        final long wait = Math.max(0, waitNs);
        int bucket = 0;
        while (bucket < UPPER_BOUNDS_NS.length && wait > UPPER_BOUNDS_NS[bucket])
        {
            bucket++;
        }
        counts.lazySet(bucket, counts.get(bucket) + 1);
        sumNs.lazySet(sumNs.get() + wait);
        if (wait > maxNs.get())
        {
            maxNs.lazySet(wait);
        }
    }

    /** The upper bounds of the buckets in seconds, the last one infinite. */
    public static double[] upperBoundsSeconds()
    {
        final double[] bounds = new double[UPPER_BOUNDS_NS.length + 1];
        for (int i = 0; i < UPPER_BOUNDS_NS.length; i++)
        {
            bounds[i] = UPPER_BOUNDS_NS[i] / 1e9;
        }
        bounds[UPPER_BOUNDS_NS.length] = Double.POSITIVE_INFINITY;
        return bounds;
    }

    /** Commands in each bucket (not cumulative), a copy. */
    public long[] counts()
    {
        final long[] copy = new long[counts.length()];
        for (int i = 0; i < copy.length; i++)
        {
            copy[i] = counts.get(i);
        }
        return copy;
    }

    public long sumNs()
    {
        return sumNs.get();
    }

    /** The longest wait since the pipeline started. */
    public long maxNs()
    {
        return maxNs.get();
    }
}
