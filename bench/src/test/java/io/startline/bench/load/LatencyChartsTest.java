package io.startline.bench.load;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyChartsTest
{
    @TempDir
    Path directory;

    @Test
    void readsBackEveryPhaseOfTheLogAndDrawsBothCharts() throws Exception
    {
        final RunFiles files = new RunFiles(directory, "flash-drop-100");
        final long startMs = 1_795_349_760_000L;
        try (HistogramLog log = new HistogramLog(files.file(".hlog"), startMs, "test"))
        {
            log.write("claims", interval(startMs, 1_000_000, 300));
            log.write("claims", interval(startMs + 1_000, 2_000_000, 300));
            log.write("redemptions", interval(startMs + 2_000, 5_000_000, 40));
        }

        final Map<String, LatencyCharts.PhaseLatency> phases = LatencyCharts.read(files.file(".hlog"));
        assertThat(phases.keySet()).containsExactly("claims", "redemptions");
        assertThat(phases.get("claims").intervals()).hasSize(2);
        assertThat(phases.get("claims").total().getTotalCount()).isEqualTo(600);
        assertThat(phases.get("redemptions").total().getMaxValue()).isBetween(5_039_000L, 5_045_000L);

        final List<Path> charts = LatencyCharts.write(files.file(".hlog"), files, "flash-drop at 100/s", 50);
        assertThat(charts).containsExactly(files.file("-over-time.png"), files.file("-spectrum.png"));
        for (final Path chart : charts)
        {
            final byte[] png = Files.readAllBytes(chart);
            assertThat(png.length).isGreaterThan(1_000);
            assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }

    @Test
    void theSpectrumAxisIsLabelledInWholeNines()
    {
        assertThat(LatencyCharts.percentileLabel(0)).isEqualTo("0%");
        assertThat(LatencyCharts.percentileLabel(1)).isEqualTo("90%");
        assertThat(LatencyCharts.percentileLabel(2)).isEqualTo("99%");
        assertThat(LatencyCharts.percentileLabel(3)).isEqualTo("99.9%");
        assertThat(LatencyCharts.percentileLabel(5)).isEqualTo("99.999%");
        assertThat(LatencyCharts.percentileLabel(2.5)).isEmpty();
    }

    private static Histogram interval(final long startMs, final long latencyNs, final int count)
    {
        final Histogram histogram = HistogramLog.newHistogram();
        for (int i = 0; i < count; i++)
        {
            histogram.recordValue(latencyNs + i * 1_000L);
        }
        histogram.setStartTimeStamp(startMs);
        histogram.setEndTimeStamp(startMs + 1_000);
        return histogram;
    }
}
