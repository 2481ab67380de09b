package io.startline.bench.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.HdrHistogram.Histogram;

/**
 * The percentiles a summary quotes, in milliseconds, read from a histogram of nanoseconds.
 */
public record LatencyMs(
    @JsonProperty("p50") double p50,
    @JsonProperty("p90") double p90,
    @JsonProperty("p99") double p99,
    @JsonProperty("p99.9") double p999,
    @JsonProperty("max") double max,
    @JsonProperty("count") long count)
{
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    public static LatencyMs of(final Histogram nanos)
    {
        if (nanos.getTotalCount() == 0)
        {
            return new LatencyMs(0, 0, 0, 0, 0, 0);
        }
        return new LatencyMs(
            ms(nanos.getValueAtPercentile(50)),
            ms(nanos.getValueAtPercentile(90)),
            ms(nanos.getValueAtPercentile(99)),
            ms(nanos.getValueAtPercentile(99.9)),
            ms(nanos.getMaxValue()),
            nanos.getTotalCount());
    }

    /** Three decimals: HdrHistogram keeps three significant digits, and JSON need not carry float noise. */
    private static double ms(final long nanos)
    {
        return Math.round(nanos / NANOS_PER_MILLI * 1000.0) / 1000.0;
    }
}
