package io.startline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class SummaryTest
{
    private static final long MS = 1_000_000;

    @Test
    void latencyIsQuotedInMillisecondsFromANanosecondHistogram()
    {
        final Histogram nanos = HistogramLog.newHistogram();
        for (int ms = 1; ms <= 1_000; ms++)
        {
            nanos.recordValue(ms * MS);
        }

        final LatencyMs latency = LatencyMs.of(nanos);

        assertThat(latency.p50()).isCloseTo(500, offset(0.5));
        assertThat(latency.p99()).isCloseTo(990, offset(1.0));
        assertThat(latency.p999()).isCloseTo(999, offset(1.0));
        assertThat(latency.max()).isCloseTo(1_000, offset(1.0));
        assertThat(latency.count()).isEqualTo(1_000);
        assertThat(LatencyMs.of(HistogramLog.newHistogram())).isEqualTo(new LatencyMs(0, 0, 0, 0, 0, 0));
    }

    @Test
    void theGeneratorFellBehindWhenItsP99SendIsLaterThanTheThreshold()
    {
        final Histogram onTime = HistogramLog.newHistogram();
        final Histogram late = HistogramLog.newHistogram();
        for (int i = 0; i < 1_000; i++)
        {
            onTime.recordValue(i < 995 ? 50_000 : 20 * MS);
            late.recordValue(i < 950 ? 50_000 : 20 * MS);
        }

        final GeneratorHealth mostlyOnTime = GeneratorHealth.of(onTime, 5 * MS, 5);
        final GeneratorHealth behind = GeneratorHealth.of(late, 5 * MS, 50);

        assertThat(mostlyOnTime.fellBehind()).isFalse();
        assertThat(mostlyOnTime.sentLate()).isEqualTo(5);
        assertThat(mostlyOnTime.lateThresholdMs()).isEqualTo(5.0);
        assertThat(behind.fellBehind()).isTrue();
        assertThat(behind.sendLatenessP99Ms()).isCloseTo(20, offset(0.1));
    }

    @Test
    void aPhaseMeetsTheTargetOnlyWithoutErrorsOnScheduleAndUnderTheLimit()
    {
        assertThat(phase(10, Map.of(), 0, false).meets(50)).isTrue();
        assertThat(phase(50, Map.of(), 0, false).meets(50)).as("p99 at the limit").isFalse();
        assertThat(phase(10, Map.of("503", 1L), 0, false).meets(50)).as("an unexpected answer").isFalse();
        assertThat(phase(10, Map.of(), 1, false).meets(50)).as("a timeout").isFalse();
        assertThat(phase(10, Map.of(), 0, true).meets(50)).as("the generator behind").isFalse();
        assertThat(phase(10, Map.of("503", 2L, "500", 1L), 4, false).errors()).isEqualTo(7);
    }

    @Test
    void theSummaryIsJsonWithEveryFigureAndTheVerdict() throws IOException
    {
        final CheckResult check = new CheckResult().requireEqual("claims answered 201", 3, 3).fact("vouchersClaimed", 3);
        final RunSummary summary = new RunSummary("flash-drop", "2026-11-22T10:00:00Z", "http://127.0.0.1:8080", 2_000,
            50, Map.of("users", 30), List.of(phase(12.5, Map.of(), 0, false), phase(61, Map.of(), 0, false)), check,
            Map.of("cores", 2));

        final JsonNode json = new ObjectMapper().readTree(summary.toJson());

        assertThat(json.path("scenario").asText()).isEqualTo("flash-drop");
        assertThat(json.path("offeredRatePerSecond").asLong()).isEqualTo(2_000);
        assertThat(json.path("sustainable").asBoolean()).as("the second phase's p99 is over 50 ms").isFalse();
        assertThat(json.path("worstP99Ms").asDouble()).isEqualTo(61.0);
        assertThat(json.path("errors").asLong()).isZero();
        final JsonNode phase = json.path("phases").path(0);
        assertThat(phase.path("latencyMs").path("p99").asDouble()).isEqualTo(12.5);
        assertThat(phase.path("latencyMs").has("p99.9")).isTrue();
        assertThat(phase.path("outcomes").path("201").asLong()).isEqualTo(990);
        assertThat(phase.path("generator").path("fellBehind").asBoolean()).isFalse();
        assertThat(phase.path("errors").asLong()).isZero();
        assertThat(json.path("endCheck").path("passed").asBoolean()).isTrue();
        assertThat(json.path("endCheck").path("facts").path("vouchersClaimed").asLong()).isEqualTo(3);
        assertThat(json.path("parameters").path("users").asInt()).isEqualTo(30);
    }

    @Test
    void aFailedCheckListsEveryDisagreement()
    {
        final CheckResult check = new CheckResult()
            .requireEqual("stats: claimed", 100, 99)
            .requireEqual("settlement header", "storeId", "storeId")
            .require(false, "user 7 lists two vouchers");

        assertThat(check.passed()).isFalse();
        assertThat(check.failures()).containsExactly("stats: claimed: expected 100, got 99", "user 7 lists two vouchers");
    }

    private static PhaseSummary phase(final double p99Ms, final Map<String, Long> unexpected, final long timeouts,
        final boolean generatorBehind)
    {
        return new PhaseSummary("claims", 2_000, 1_000, 1_000, 1_000, 500, 2_000.0,
            new LatencyMs(1.0, 2.0, p99Ms, p99Ms + 1, p99Ms + 2, 1_000), Map.of("201", 990L), unexpected, timeouts, 0,
            0, new GeneratorHealth(0.1, 0.2, 0, 5, generatorBehind));
    }
}
