package io.startline.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The HdrHistogram log of one run: every interval histogram of every phase, tagged with the
 * phase's name, latencies in nanoseconds. {@code HistogramLogProcessor} and the charts read it.
 */
public final class HistogramLog implements AutoCloseable
{
    /** 1 µs resolution up to an hour, three significant digits: every latency a run can see. */
    public static final long LOWEST_DISCERNIBLE_NS = 1_000;
    public static final long HIGHEST_TRACKABLE_NS = 3_600_000_000_000L;
    public static final int SIGNIFICANT_DIGITS = 3;

    private final HistogramLogWriter writer;
    private final Path file;

    public HistogramLog(final Path file, final long baseTimeMs, final String comment)
    {
        this.file = file;
        try
        {
            writer = new HistogramLogWriter(file.toFile());
        }
        catch (final FileNotFoundException ex)
        {
            throw new UncheckedIOException("cannot write the histogram log " + file, ex);
        }
        writer.outputComment(comment);
        writer.outputLogFormatVersion();
        writer.setBaseTime(baseTimeMs);
        writer.outputBaseTime(baseTimeMs);
        writer.outputStartTime(baseTimeMs);
        writer.outputLegend();
    }

    public static Histogram newHistogram()
    {
        return new Histogram(LOWEST_DISCERNIBLE_NS, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    }

    /** A latency the histograms can hold: clamped into their range rather than lost. */
    public static long trackable(final long nanos)
    {
        return Math.max(0, Math.min(nanos, HIGHEST_TRACKABLE_NS));
    }

    /** Appends one interval of one phase; called from each phase's reporter, one phase at a time. */
    public synchronized void write(final String phase, final Histogram interval)
    {
        interval.setTag(phase);
        writer.outputIntervalHistogram(interval);
    }

    public Path file()
    {
        return file;
    }

    @Override
    public synchronized void close()
    {
        writer.close();
    }
}
