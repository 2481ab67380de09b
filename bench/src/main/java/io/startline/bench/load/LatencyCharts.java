package io.startline.bench.load;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency charts as PNG, read from a run's HdrHistogram log: the percentiles of each interval
 * over the run's time, and the percentile spectrum of each phase (latency against percentile
 * on a "nines" axis: 90%, 99%, 99.9%, …), with the p99 limit drawn across. For people who
 * would rather look than read.
 */
public final class LatencyCharts
{
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 700;
    private static final double NANOS_PER_MILLI = 1_000_000.0;
    private static final double[] OVER_TIME_PERCENTILES = {50, 90, 99, 99.9, 100};
    private static final String[] OVER_TIME_NAMES = {"p50", "p90", "p99", "p99.9", "max"};
    /** Percentile points per halving of the distance to 100%: enough for a smooth spectrum. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;
    /** The spectrum's x axis stops at 99.999%: beyond, a run has too few requests for the figure to mean much. */
    private static final double MAX_NINES = 5;

    static
    {
        // Charts are drawn into images, never on a screen.
        System.setProperty("java.awt.headless", "true");
    }

    private LatencyCharts()
    {
    }

    /** One phase's intervals, and all of them added up. */
    public record PhaseLatency(List<Histogram> intervals, Histogram total)
    {
    }

    /** Every phase of a log, in the order they first appear. */
    public static Map<String, PhaseLatency> read(final Path log)
    {
        final Map<String, PhaseLatency> phases = new LinkedHashMap<>();
        final HistogramLogReader reader;
        try
        {
            reader = new HistogramLogReader(log.toFile());
        }
        catch (final FileNotFoundException ex)
        {
            throw new UncheckedIOException("cannot read the histogram log " + log, ex);
        }
        try
        {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null)
            {
                final Histogram interval = (Histogram)next;
                final String tag = interval.getTag() == null ? "requests" : interval.getTag();
                final PhaseLatency phase = phases.computeIfAbsent(tag, key -> new PhaseLatency(new ArrayList<>(),
                    HistogramLog.newHistogram()));
                phase.intervals().add(interval);
                phase.total().add(interval);
            }
        }
        finally
        {
            reader.close();
        }
        return phases;
    }

    /**
     * Writes {@code <stem>-over-time.png} and {@code <stem>-spectrum.png} for the run's log.
     *
     * @return the files written
     */
    public static List<Path> write(final Path log, final RunFiles files, final String title, final double p99LimitMs)
    {
        final Map<String, PhaseLatency> phases = read(log);
        final Path overTime = files.file("-over-time.png");
        final Path spectrum = files.file("-spectrum.png");
        save(overTime(phases, title, p99LimitMs), overTime);
        final Map<String, Histogram> totals = new LinkedHashMap<>();
        phases.forEach((name, phase) -> totals.put(name, phase.total()));
        save(spectrum(totals, title + ": percentile spectrum per phase", p99LimitMs), spectrum);
        return List.of(overTime, spectrum);
    }

    /** Each interval's percentiles against the seconds since the run started; phases follow one another. */
    public static XYChart overTime(final Map<String, PhaseLatency> phases, final String title, final double p99LimitMs)
    {
        long firstStartMs = Long.MAX_VALUE;
        for (final PhaseLatency phase : phases.values())
        {
            for (final Histogram interval : phase.intervals())
            {
                firstStartMs = Math.min(firstStartMs, interval.getStartTimeStamp());
            }
        }
        final List<double[]> points = new ArrayList<>();
        final StringBuilder phaseTimes = new StringBuilder();
        for (final Map.Entry<String, PhaseLatency> phase : phases.entrySet())
        {
            double from = Double.MAX_VALUE;
            double to = 0;
            for (final Histogram interval : phase.getValue().intervals())
            {
                final double endSeconds = (interval.getEndTimeStamp() - firstStartMs) / 1000.0;
                from = Math.min(from, (interval.getStartTimeStamp() - firstStartMs) / 1000.0);
                to = Math.max(to, endSeconds);
                if (interval.getTotalCount() == 0)
                {
                    continue;
                }
                final double[] point = new double[1 + OVER_TIME_PERCENTILES.length];
                point[0] = endSeconds;
                for (int p = 0; p < OVER_TIME_PERCENTILES.length; p++)
                {
                    point[1 + p] = Math.max(0.001, interval.getValueAtPercentile(OVER_TIME_PERCENTILES[p]) / NANOS_PER_MILLI);
                }
                points.add(point);
            }
            phaseTimes.append(phaseTimes.length() == 0 ? "" : ", ").append(phase.getKey())
                .append(String.format(" %.0f–%.0f s", from, to));
        }
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        final XYChart chart = newChart(title + " (" + phaseTimes + ")", "seconds since the run started",
            "latency from the due time, ms (log)");
        chart.getStyler().setYAxisLogarithmic(true);
        if (points.isEmpty())
        {
            return chart;
        }
        final double[] seconds = points.stream().mapToDouble(point -> point[0]).toArray();
        for (int p = 0; p < OVER_TIME_PERCENTILES.length; p++)
        {
            final int column = 1 + p;
            final XYSeries series = chart.addSeries(OVER_TIME_NAMES[p], seconds,
                points.stream().mapToDouble(point -> point[column]).toArray());
            series.setMarker(SeriesMarkers.NONE);
        }
        chart.addAnnotation(new AnnotationLine(p99LimitMs, false, false));
        return chart;
    }

    /**
     * Latency against percentile for each named histogram, the x axis in "nines":
     * x = log10(1 / (1 − percentile)), so 90% is 1, 99% is 2, 99.9% is 3.
     */
    public static XYChart spectrum(final Map<String, Histogram> histograms, final String title, final double p99LimitMs)
    {
        final XYChart chart = newChart(title, "percentile", "latency from the due time, ms (log)");
        chart.getStyler().setYAxisLogarithmic(true).setXAxisMin(0.0).setXAxisMax(MAX_NINES);
        chart.setCustomXAxisTickLabelsFormatter(LatencyCharts::percentileLabel);
        for (final Map.Entry<String, Histogram> named : histograms.entrySet())
        {
            final List<Double> x = new ArrayList<>();
            final List<Double> y = new ArrayList<>();
            if (named.getValue().getTotalCount() == 0)
            {
                continue;
            }
            for (final HistogramIterationValue value : named.getValue().percentiles(TICKS_PER_HALF_DISTANCE))
            {
                final double percentile = value.getPercentileLevelIteratedTo();
                final double nines = percentile >= 100.0 ? Double.MAX_VALUE : Math.log10(1.0 / (1.0 - percentile / 100.0));
                if (nines > MAX_NINES)
                {
                    break;
                }
                x.add(nines);
                y.add(Math.max(0.001, value.getValueIteratedTo() / NANOS_PER_MILLI));
            }
            if (!x.isEmpty())
            {
                chart.addSeries(named.getKey(), x, y).setMarker(SeriesMarkers.NONE);
            }
        }
        chart.addAnnotation(new AnnotationLine(p99LimitMs, false, false));
        return chart;
    }

    /** Whole nines only: 0 → 0%, 1 → 90%, 2 → 99%, 3 → 99.9%; the ticks between stay unlabelled. */
    static String percentileLabel(final double nines)
    {
        final long whole = Math.round(nines);
        if (Math.abs(nines - whole) > 1e-6 || whole < 0)
        {
            return "";
        }
        if (whole == 0)
        {
            return "0%";
        }
        return String.format("%." + Math.max(0, whole - 2) + "f%%", 100.0 * (1.0 - Math.pow(10, -whole)));
    }

    public static void save(final XYChart chart, final Path png)
    {
        try
        {
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + png, ex);
        }
    }

    private static XYChart newChart(final String title, final String xTitle, final String yTitle)
    {
        final XYChart chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW).setMarkerSize(0);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setYAxisDecimalPattern("#,##0.###");
        return chart;
    }
}
