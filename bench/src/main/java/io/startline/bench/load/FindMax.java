package io.startline.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The maximum sustainable rate of each scenario on this machine: the highest offered rate at
 * which every phase keeps p99 under the limit with no errors, the generator on schedule, and
 * the end check passing. Each step is a fresh, smaller run of the scenario (a rush of
 * {@code rate × stepSeconds} requests), so a step never inherits the previous one's state.
 */
public final class FindMax
{
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final int MAX_FAILURES_KEPT = 3;

    private FindMax()
    {
    }

    /** One step as the search report lists it. */
    public record StepReport(long offeredRatePerSecond, boolean sustainable, String rushPhase, LatencyMs rushLatencyMs,
        double rushThroughputPerSecond, double worstP99Ms, long errors, Map<String, Long> unexpected,
        boolean generatorFellBehind, boolean endCheckPassed, List<String> failures, String file)
    {
        static StepReport of(final RunSummary run, final Path file)
        {
            final PhaseSummary rush = run.phases().get(0);
            final Map<String, Long> unexpected = new LinkedHashMap<>();
            boolean behind = false;
            for (final PhaseSummary phase : run.phases())
            {
                phase.unexpected().forEach((outcome, count) -> unexpected.merge(phase.name() + ": " + outcome, count,
                    Long::sum));
                if (phase.timeouts() + phase.connectionFailures() + phase.notSent() > 0)
                {
                    unexpected.put(phase.name() + ": timeouts, connection failures, not sent", phase.timeouts() +
                        phase.connectionFailures() + phase.notSent());
                }
                behind |= phase.generator().fellBehind();
            }
            final List<String> failures = run.endCheck().failures();
            return new StepReport(run.offeredRatePerSecond(), run.sustainable(), rush.name(), rush.latencyMs(),
                rush.throughputPerSecond(), run.worstP99Ms(), run.errors(), unexpected, behind, run.endCheck().passed(),
                failures.subList(0, Math.min(MAX_FAILURES_KEPT, failures.size())), file.toString());
        }

        static StepReport crashed(final long rate, final RuntimeException ex)
        {
            return new StepReport(rate, false, null, null, 0, 0, 0, Map.of(), false, false,
                List.of("the run stopped: " + ex.getMessage()), null);
        }
    }

    /** One scenario's search. */
    public record ScenarioReport(String scenario, long highestSustainableRatePerSecond,
        long lowestUnsustainableRatePerSecond, List<StepReport> steps)
    {
        /** A step that failed its end check without a single error: a wrong answer, not overload. */
        public boolean correctnessFailure()
        {
            return steps.stream().anyMatch(step -> step.rushLatencyMs() != null && !step.endCheckPassed() &&
                step.errors() == 0);
        }
    }

    /**
     * @param settleMs pause before each step, so the node's collector and journal catch up from the previous one
     */
    public static ScenarioReport search(final ScenarioContext context, final ScenarioKind kind, final StepSearch search,
        final int stepSeconds, final int checkSample, final long settleMs, final Path directory)
    {
        final List<StepReport> steps = new ArrayList<>();
        final PrintStream out = context.out();
        final StepSearch.Result result = search.search(rate ->
        {
            ScenarioContext.waitUntil(System.currentTimeMillis() + settleMs);
            final int rushRequests = (int)Math.min(Integer.MAX_VALUE, rate * stepSeconds);
            final RunFiles files = new RunFiles(directory, kind.scenarioName() + "-" + rate);
            out.printf("%n=== %s: step %d at %,d/s (%,d requests in the rush) ===%n", kind.scenarioName(),
                steps.size() + 1, rate, rushRequests);
            try
            {
                final RunSummary run = ScenarioRuns.run(context, kind.sized(rushRequests, checkSample), rate, files, false);
                steps.add(StepReport.of(run, files.file(".json")));
                return run.sustainable();
            }
            catch (final RuntimeException ex)
            {
                out.println("step failed: " + ex.getMessage());
                steps.add(StepReport.crashed(rate, ex));
                return false;
            }
        });
        return new ScenarioReport(kind.scenarioName(), result.highestPassedRatePerSecond(),
            result.lowestFailedRatePerSecond(), List.copyOf(steps));
    }

    public static void print(final List<ScenarioReport> reports, final double p99LimitMs, final PrintStream out)
    {
        out.printf("%nMaximum sustainable rate (p99 < %.0f ms in every phase, no errors, generator on schedule, end " +
            "check passed):%n", p99LimitMs);
        for (final ScenarioReport report : reports)
        {
            out.printf("  %-14s %s%n", report.scenario(), report.highestSustainableRatePerSecond() == 0 ?
                "none of the rates tried" : String.format("%,d/s (lowest failing: %s)",
                report.highestSustainableRatePerSecond(), report.lowestUnsustainableRatePerSecond() == 0 ?
                    "none found within the steps" : String.format("%,d/s", report.lowestUnsustainableRatePerSecond())));
            for (final StepReport step : report.steps())
            {
                out.printf("      %,8d/s  %-4s  %s%n", step.offeredRatePerSecond(), step.sustainable() ? "pass" : "FAIL",
                    step.rushLatencyMs() == null ? step.failures() : String.format("%s p50 %.2f p99 %.2f p99.9 %.2f " +
                        "max %.2f ms, %,.0f answers/s; worst p99 %.2f ms; errors %,d %s%s%s", step.rushPhase(),
                        step.rushLatencyMs().p50(), step.rushLatencyMs().p99(), step.rushLatencyMs().p999(),
                        step.rushLatencyMs().max(), step.rushThroughputPerSecond(), step.worstP99Ms(), step.errors(),
                        step.unexpected().isEmpty() ? "" : step.unexpected(),
                        step.generatorFellBehind() ? "; generator fell behind" : "",
                        step.endCheckPassed() ? "" : "; end check failed: " + step.failures()));
            }
        }
    }

    public static void write(final Path file, final List<ScenarioReport> reports, final Map<String, Object> settings)
    {
        final Map<String, Object> document = new LinkedHashMap<>(settings);
        document.put("scenarios", reports);
        try
        {
            Files.writeString(file, JSON.writeValueAsString(document) + "\n");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }
}
