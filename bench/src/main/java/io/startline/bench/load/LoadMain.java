package io.startline.bench.load;

import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The organiser's rehearsal: drives a running node over HTTP at a constant offered rate
 * through one of three peaks, checks the outcome through the public API, and records the
 * figures (JSON, HdrHistogram log, charts). {@code java -jar bench/target/startline-load.jar --help}.
 */
@Command(name = "startline-load", mixinStandardHelpOptions = true, version = "startline-load 0.1.0",
    description = "Rehearses a peak against a running Startline node at a constant offered rate (open model).",
    subcommands = {LoadMain.FlashDropCommand.class, LoadMain.MarathonCommand.class,
        LoadMain.VenueReleaseCommand.class, LoadMain.FindMaxCommand.class, LoadMain.ChartCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the end check passed (find-max: every search finished without a wrong answer)",
        "1:an end check failed", "2:the run could not be carried out (bad option, node unreachable, set-up refused)"})
public final class LoadMain
{
    static final int EXIT_PASSED = 0;
    static final int EXIT_CHECK_FAILED = 1;
    static final int EXIT_NOT_CARRIED_OUT = 2;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private LoadMain()
    {
    }

    public static void main(final String[] args)
    {
        final CommandLine commandLine = new CommandLine(new LoadMain());
        commandLine.setExecutionExceptionHandler((ex, line, parsed) ->
        {
            line.getErr().println("error: " + ex.getMessage());
            return EXIT_NOT_CARRIED_OUT;
        });
        System.exit(commandLine.execute(args));
    }

    /** How to reach the node and how the generator behaves: the same for every command that sends load. */
    static final class NodeOptions
    {
        @Option(names = "--url", split = ",", description = "the node, or a cluster's gateways separated by commas: " +
            "requests go to each in turn, connections are per gateway (default ${DEFAULT-VALUE})",
            defaultValue = "http://127.0.0.1:8080")
        List<URI> urls;

        @Option(names = "--jwt-secret", defaultValue = "${env:STARTLINE_JWT_SECRET}",
            description = "the node's JWT secret, to sign the callers' tokens (the demo prints it; env STARTLINE_JWT_SECRET)")
        String jwtSecret;

        @Option(names = "--connections", defaultValue = "256",
            description = "HTTP/1.1 connections to the node (default ${DEFAULT-VALUE})")
        int connections;

        @Option(names = "--max-in-flight", defaultValue = "50000",
            description = "requests outstanding at most; one due beyond it is not sent, and counted (default ${DEFAULT-VALUE})")
        int maxInFlight;

        @Option(names = "--timeout-ms", defaultValue = "30000",
            description = "a request unanswered by then is a timeout (default ${DEFAULT-VALUE})")
        long timeoutMs;

        @Option(names = "--late-threshold-ms", defaultValue = "10",
            description = "a send later than this after its due time is late; the generator fell behind (could not " +
                "keep the offered rate) when its 99th percentile is. Lateness is in the latency figures either way: " +
                "they run from the due time (default ${DEFAULT-VALUE})")
        double lateThresholdMs;

        @Option(names = "--p99-limit-ms", defaultValue = "50",
            description = "a sustainable rate keeps p99 under this (default ${DEFAULT-VALUE})")
        double p99LimitMs;

        @Option(names = "--progress-ms", defaultValue = "1000",
            description = "progress line and logged interval (default ${DEFAULT-VALUE})")
        long progressMs;

        @Option(names = "--out", defaultValue = "load-results",
            description = "where the JSON, logs and charts go (default ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--seed", description = "fixes every random choice of the run (default: a new one, printed)")
        Long seed;

        ScenarioContext context(final PrintStream out)
        {
            if (jwtSecret == null || jwtSecret.isBlank())
            {
                throw new IllegalArgumentException("the node's JWT secret is needed: --jwt-secret or STARTLINE_JWT_SECRET " +
                    "(demo mode prints it)");
            }
            final long chosenSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
            return new ScenarioContext(urls, jwtSecret, new LoadSettings(connections, maxInFlight, timeoutMs,
                lateThresholdMs, progressMs, p99LimitMs), out, chosenSeed);
        }
    }

    /** What every single-scenario command shares: the rate, a warm-up, and how the run is recorded. */
    abstract static class ScenarioCommand implements Callable<Integer>
    {
        @Mixin
        NodeOptions node;

        @Option(names = "--rate", required = true, description = "requests offered per second, constant, in every phase")
        long rate;

        @Option(names = "--warmup-seconds", defaultValue = "0",
            description = "first a smaller run of the same scenario (its own campaign, race or venue) for this many " +
                "seconds at the same rate, unrecorded, so the node's and the generator's JIT are warm (default " +
                "${DEFAULT-VALUE})")
        int warmupSeconds;

        @Option(names = "--no-charts", description = "write the JSON and the HdrHistogram log only: no PNG charts, " +
            "for a machine whose Java has no java.desktop (the charts can be drawn later with the chart command)")
        boolean noCharts;

        abstract Scenario scenario();

        abstract ScenarioKind kind();

        @Override
        public Integer call()
        {
            final String stem = kind().scenarioName() + "-" + rate + "-" + LocalDateTime.now().format(STAMP);
            try (ScenarioContext context = node.context(System.out))
            {
                if (warmupSeconds > 0)
                {
                    System.out.printf("warm-up: %s at %,d/s for about %d s%n", kind().scenarioName(), rate,
                        warmupSeconds);
                    final RunSummary warmup = ScenarioRuns.run(context, kind().warmup((int)Math.min(Integer.MAX_VALUE,
                        rate * warmupSeconds)), rate, new RunFiles(node.out.resolve("warmup"), stem + "-warmup"), false);
                    if (!warmup.endCheck().passed())
                    {
                        return EXIT_CHECK_FAILED;
                    }
                }
                final RunSummary run = ScenarioRuns.run(context, scenario(), rate, new RunFiles(node.out, stem),
                    !noCharts);
                return run.endCheck().passed() ? EXIT_PASSED : EXIT_CHECK_FAILED;
            }
        }
    }

    @Command(name = "flash-drop", mixinStandardHelpOptions = true,
        description = "N users race for S vouchers at the drop second; a share of the winners redeem; a sample looks " +
            "at their vouchers. Checks: exactly S claimed, no one twice, statistics and settlement consistent.")
    static final class FlashDropCommand extends ScenarioCommand
    {
        @Option(names = "--users", defaultValue = "" + FlashDrop.USERS_DEFAULT, description = "default ${DEFAULT-VALUE}")
        int users;

        @Option(names = "--vouchers", defaultValue = "" + FlashDrop.VOUCHERS_DEFAULT, description = "default ${DEFAULT-VALUE}")
        int vouchers;

        @Option(names = "--repeat-share", defaultValue = "" + FlashDrop.REPEAT_SHARE_DEFAULT,
            description = "share of users who press claim twice (default ${DEFAULT-VALUE})")
        double repeatShare;

        @Option(names = "--redeem-share", defaultValue = "" + FlashDrop.REDEEM_SHARE_DEFAULT,
            description = "share of winners who redeem (default ${DEFAULT-VALUE})")
        double redeemShare;

        @Option(names = "--stores", defaultValue = "" + FlashDrop.STORES_DEFAULT, description = "default ${DEFAULT-VALUE}")
        int stores;

        @Option(names = "--check-sample", defaultValue = "10000",
            description = "users who look at their own vouchers at the end (default ${DEFAULT-VALUE})")
        int checkSample;

        @Override
        Scenario scenario()
        {
            return new FlashDrop(users, vouchers, repeatShare, redeemShare, stores, checkSample);
        }

        @Override
        ScenarioKind kind()
        {
            return ScenarioKind.FLASH_DROP;
        }
    }

    @Command(name = "marathon", mixinStandardHelpOptions = true,
        description = "The registration window opens and M entries arrive; it closes; the organiser draws; a sample " +
            "looks at their entry. Checks: counts, the results export, and the ballot verifier on the export.")
    static final class MarathonCommand extends ScenarioCommand
    {
        @Option(names = "--entries", defaultValue = "" + Marathon.ENTRIES_DEFAULT, description = "default ${DEFAULT-VALUE}")
        int entries;

        @Option(names = "--close-margin-ms", defaultValue = "" + Marathon.CLOSE_MARGIN_MS_DEFAULT,
            description = "the window closes this long after the last entry is due (default ${DEFAULT-VALUE})")
        long closeMarginMs;

        @Option(names = "--check-sample", defaultValue = "10000",
            description = "entrants who look at their own entry after the draw (default ${DEFAULT-VALUE})")
        int checkSample;

        @Override
        Scenario scenario()
        {
            return new Marathon(entries, closeMarginMs, checkSample);
        }

        @Override
        ScenarioKind kind()
        {
            return ScenarioKind.MARATHON;
        }
    }

    @Command(name = "venue-release", mixinStandardHelpOptions = true,
        description = "A sports centre's day a week ahead is released at 08:00 local time (the next whole minute); " +
            "users race for the evening slots; payments confirm a share; a sample looks at their bookings. Checks: no " +
            "slot held twice, the availability grid and users' own lists agree with the answers.")
    static final class VenueReleaseCommand extends ScenarioCommand
    {
        @Option(names = "--users", defaultValue = "" + VenueRelease.USERS_DEFAULT, description = "default ${DEFAULT-VALUE}")
        int users;

        @Option(names = "--courts", defaultValue = "" + VenueRelease.COURTS_DEFAULT,
            description = "courts, 14 hourly slots each (default ${DEFAULT-VALUE})")
        int courts;

        @Option(names = "--two-slot-share", defaultValue = "" + VenueRelease.TWO_SLOT_SHARE_DEFAULT,
            description = "share of users wanting two slots in a row (default ${DEFAULT-VALUE})")
        double twoSlotShare;

        @Option(names = "--confirm-share", defaultValue = "" + VenueRelease.CONFIRM_SHARE_DEFAULT,
            description = "share of holds the payment callback confirms (default ${DEFAULT-VALUE})")
        double confirmShare;

        @Option(names = "--check-sample", defaultValue = "5000",
            description = "users who look at their own bookings, every holder among them (default ${DEFAULT-VALUE})")
        int checkSample;

        @Override
        Scenario scenario()
        {
            return new VenueRelease(users, courts, twoSlotShare, confirmShare, checkSample);
        }

        @Override
        ScenarioKind kind()
        {
            return ScenarioKind.VENUE_RELEASE;
        }
    }

    @Command(name = "find-max", mixinStandardHelpOptions = true,
        description = "Steps the offered rate per scenario (doubling, then bisecting), each step a fresh smaller run, " +
            "and reports the highest rate with p99 under the limit, no errors and the end check passing.")
    static final class FindMaxCommand implements Callable<Integer>
    {
        @Mixin
        NodeOptions node;

        @Option(names = "--scenarios", split = ",", defaultValue = "flash-drop,marathon,venue-release",
            description = "default ${DEFAULT-VALUE}")
        List<String> scenarios;

        @Option(names = "--start-rate", defaultValue = "1000", description = "default ${DEFAULT-VALUE}")
        long startRate;

        @Option(names = "--min-rate", defaultValue = "100", description = "halving stops below (default ${DEFAULT-VALUE})")
        long minRate;

        @Option(names = "--max-steps", defaultValue = "7", description = "per scenario (default ${DEFAULT-VALUE})")
        int maxSteps;

        @Option(names = "--resolution", defaultValue = "0.1",
            description = "bisection stops when the failing rate is within this fraction above the passing one " +
                "(default ${DEFAULT-VALUE})")
        double resolution;

        @Option(names = "--step-seconds", defaultValue = "10",
            description = "each step's rush lasts this long: rate × seconds requests (default ${DEFAULT-VALUE})")
        int stepSeconds;

        @Option(names = "--warmup-seconds", defaultValue = "10",
            description = "before each scenario's search, a run of it at the start rate for this long, not counted: " +
                "a cold node and generator fail a first step they would pass warm (default ${DEFAULT-VALUE})")
        int warmupSeconds;

        @Option(names = "--settle-seconds", defaultValue = "2",
            description = "pause before each step (default ${DEFAULT-VALUE})")
        int settleSeconds;

        @Option(names = "--check-sample", defaultValue = "1000",
            description = "users who look at their own result in each step (default ${DEFAULT-VALUE})")
        int checkSample;

        @Override
        public Integer call()
        {
            final String stamp = LocalDateTime.now().format(STAMP);
            final Path directory = node.out.resolve("find-max-" + stamp);
            final List<FindMax.ScenarioReport> reports = new ArrayList<>();
            final StepSearch search = new StepSearch(startRate, minRate, maxSteps, resolution);
            try (ScenarioContext context = node.context(System.out))
            {
                for (final String name : scenarios)
                {
                    final ScenarioKind kind = ScenarioKind.named(name);
                    if (warmupSeconds > 0)
                    {
                        System.out.printf("%n=== %s: warm-up at %,d/s for about %d s, not counted ===%n", name, startRate,
                            warmupSeconds);
                        ScenarioRuns.run(context, kind.warmup((int)Math.min(Integer.MAX_VALUE, startRate * warmupSeconds)),
                            startRate, new RunFiles(directory.resolve("warmup"), name + "-" + startRate), false);
                    }
                    reports.add(FindMax.search(context, kind, search, stepSeconds, checkSample,
                        TimeUnit.SECONDS.toMillis(settleSeconds), directory));
                }
                final Map<String, Object> settings = new LinkedHashMap<>();
                settings.put("p99LimitMs", node.p99LimitMs);
                settings.put("stepSeconds", stepSeconds);
                settings.put("warmupSeconds", warmupSeconds);
                settings.put("startRatePerSecond", startRate);
                settings.put("maxSteps", maxSteps);
                settings.put("resolution", resolution);
                settings.put("seed", context.seed());
                FindMax.write(node.out.resolve("find-max-" + stamp + ".json"), reports, settings);
                FindMax.print(reports, node.p99LimitMs, System.out);
                System.out.println("report: " + node.out.resolve("find-max-" + stamp + ".json") + ", steps in " +
                    directory);
            }
            final boolean wrongAnswer = reports.stream().anyMatch(FindMax.ScenarioReport::correctnessFailure);
            if (wrongAnswer)
            {
                System.out.println("A step failed its end check without any error: that is a wrong answer, not overload.");
            }
            return wrongAnswer ? EXIT_CHECK_FAILED : EXIT_PASSED;
        }
    }

    @Command(name = "chart", mixinStandardHelpOptions = true,
        description = "Draws the charts of recorded runs from their HdrHistogram logs: percentiles over time and " +
            "percentile spectra per run, and with --combined one spectrum of every log's first phase.")
    static final class ChartCommand implements Callable<Integer>
    {
        @Parameters(arity = "1..*", paramLabel = "LOG", description = "HdrHistogram logs (.hlog) written by a run")
        List<Path> logs;

        @Option(names = "--combined", paramLabel = "PNG", description = "also one spectrum of each log's first phase")
        Path combined;

        @Option(names = "--p99-limit-ms", defaultValue = "50", description = "the line drawn across (default ${DEFAULT-VALUE})")
        double p99LimitMs;

        @Override
        public Integer call()
        {
            final Map<String, Histogram> rushes = new LinkedHashMap<>();
            for (final Path log : logs)
            {
                final String stem = log.getFileName().toString().replaceFirst("\\.hlog$", "");
                final Path parent = log.toAbsolutePath().getParent();
                LatencyCharts.write(log, new RunFiles(parent, stem), stem, p99LimitMs)
                    .forEach(png -> System.out.println("wrote " + png));
                LatencyCharts.read(log).entrySet().stream().findFirst()
                    .ifPresent(first -> rushes.put(stem + " " + first.getKey(), first.getValue().total()));
            }
            if (combined != null)
            {
                LatencyCharts.save(LatencyCharts.spectrum(rushes, "Percentile spectrum of each run's rush",
                    p99LimitMs), combined);
                System.out.println("wrote " + combined);
            }
            return EXIT_PASSED;
        }
    }
}
