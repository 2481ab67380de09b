package io.startline.bench.load;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a scenario once and records it: the HdrHistogram log while it runs, then the JSON
 * summary, the charts if asked, and a summary on the console.
 */
public final class ScenarioRuns
{
    private ScenarioRuns()
    {
    }

    public static RunSummary run(final ScenarioContext context, final Scenario scenario,
        final long offeredRatePerSecond, final RunFiles files, final boolean charts)
    {
        context.openConnections();
        context.warmGenerator(offeredRatePerSecond);
        final String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        final ScenarioOutcome outcome;
        try (HistogramLog log = new HistogramLog(files.file(".hlog"), System.currentTimeMillis(),
            "startline-load " + scenario.name() + " at " + offeredRatePerSecond + "/s against " + context.target() +
            ", latencies in ns from each request's due time, tagged by phase"))
        {
            outcome = scenario.run(context, context.runner(log), offeredRatePerSecond, files);
        }
        final Map<String, Object> parameters = new LinkedHashMap<>(scenario.parameters());
        parameters.put("seed", context.seed());
        parameters.put("connections", context.settings().connections());
        parameters.put("maxInFlight", context.settings().maxInFlight());
        parameters.put("requestTimeoutMs", context.settings().requestTimeoutMs());
        final RunSummary summary = new RunSummary(scenario.name(), startedAt, context.target(),
            offeredRatePerSecond, context.settings().p99LimitMs(), parameters, outcome.phases(), outcome.endCheck(),
            environment(context));
        summary.writeTo(files.file(".json"));
        if (charts)
        {
            LatencyCharts.write(files.file(".hlog"), files, String.format("%s at %,d/s", scenario.name(),
                offeredRatePerSecond), context.settings().p99LimitMs());
        }
        print(summary, files, context.out());
        return summary;
    }

    private static Map<String, Object> environment(final ScenarioContext context)
    {
        final Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("cores", Runtime.getRuntime().availableProcessors());
        environment.put("java", System.getProperty("java.version"));
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        environment.put("nodeOnThisMachine", isLocal(context.node().getHost()));
        return environment;
    }

    private static boolean isLocal(final String host)
    {
        try
        {
            final InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || address.isAnyLocalAddress();
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
    }

    public static void print(final RunSummary summary, final RunFiles files, final PrintStream out)
    {
        out.printf("%n%s at %,d/s offered: end check %s; %s (p99 under %.0f ms in every phase, no errors, generator " +
            "on schedule)%n", summary.scenario(), summary.offeredRatePerSecond(),
            summary.endCheck().passed() ? "PASSED" : "FAILED", summary.sustainable() ? "sustainable" : "NOT sustainable",
            summary.p99LimitMs());
        out.printf("  %-14s %10s %10s %12s %8s %8s %8s %9s %9s %7s  %s%n", "phase", "requests", "answered",
            "answers/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "errors", "outcomes");
        for (final PhaseSummary phase : summary.phases())
        {
            final LatencyMs latency = phase.latencyMs();
            out.printf("  %-14s %,10d %,10d %,12.1f %8.2f %8.2f %8.2f %9.2f %9.2f %,7d  %s%n", phase.name(),
                phase.requests(), phase.completed(), phase.throughputPerSecond(), latency.p50(), latency.p90(),
                latency.p99(), latency.p999(), latency.max(), phase.errors(), phase.outcomes());
            if (phase.errors() > 0)
            {
                out.printf("  %-14s errors: unexpected %s, timeouts %,d, connection failures %,d, not sent (in-flight " +
                    "limit) %,d%n", "", phase.unexpected(), phase.timeouts(), phase.connectionFailures(), phase.notSent());
            }
            final GeneratorHealth generator = phase.generator();
            out.printf("  %-14s generator: sends late by over %.0f ms: %,d (p99 %.2f ms, max %.2f ms)%s%n", "",
                generator.lateThresholdMs(), generator.sentLate(), generator.sendLatenessP99Ms(),
                generator.sendLatenessMaxMs(), generator.fellBehind() ? " — THE GENERATOR FELL BEHIND: the offered " +
                    "rate was not kept, and these figures include its own delay" : "");
            if (phase.outcomes().keySet().stream().anyMatch(outcome -> outcome.contains("CAPACITY_REACHED")))
            {
                out.println("  the node's engine limits are used up: restart it on a fresh data directory");
            }
        }
        out.println("  end check: " + summary.endCheck().facts());
        final List<String> failures = summary.endCheck().failures();
        failures.forEach(failure -> out.println("  FAILED: " + failure));
        final Path directory = files.directory();
        out.println("  files: " + directory.resolve(files.stem() + ".json") + " (and .hlog" +
            (directory.resolve(files.stem() + "-over-time.png").toFile().exists() ? ", -over-time.png, -spectrum.png" :
                "") + ")");
    }
}
