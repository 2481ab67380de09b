package io.startline.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Whether the load generator kept to its own schedule. Latency is measured from each
 * request's due time, so a late send never flatters the node; but a generator that falls
 * behind no longer offers the rate it claims, and its own delay is then part of the latency.
 * A run whose sends were late by more than the threshold at the 99th percentile says so.
 *
 * @param sendLatenessP99Ms how late the 99th percentile of sends left, after their due time
 * @param sendLatenessMaxMs the latest send
 * @param sentLate          sends later than the threshold
 * @param lateThresholdMs   the threshold
 * @param fellBehind        the 99th percentile of sends was later than the threshold
 */
public record GeneratorHealth(double sendLatenessP99Ms, double sendLatenessMaxMs, long sentLate,
    double lateThresholdMs, boolean fellBehind)
{
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    /**
     * @param sendLatenessNanos how late each send left, after its due time
     * @param sentLate          sends counted later than {@code lateThresholdNs}, exactly (the histogram rounds)
     */
    public static GeneratorHealth of(final Histogram sendLatenessNanos, final long lateThresholdNs, final long sentLate)
    {
        final long p99 = sendLatenessNanos.getTotalCount() == 0 ? 0 : sendLatenessNanos.getValueAtPercentile(99);
        return new GeneratorHealth(round(p99 / NANOS_PER_MILLI), round(sendLatenessNanos.getMaxValue() / NANOS_PER_MILLI),
            sentLate, lateThresholdNs / NANOS_PER_MILLI, p99 > lateThresholdNs);
    }

    private static double round(final double ms)
    {
        return Math.round(ms * 1000.0) / 1000.0;
    }
}
