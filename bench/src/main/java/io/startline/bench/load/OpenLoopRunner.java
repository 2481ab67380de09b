package io.startline.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one phase with an open model: a scheduler thread (the caller's) sends request
 * {@code i} when it falls due at {@code start + i / rate}, whatever the node is doing, and
 * each answer's latency runs from that due time. A slow node therefore cannot slow the offered
 * load down and hide its own slowness (no coordinated omission). Answers arrive on the HTTP
 * client's threads and go into an HdrHistogram {@link Recorder}; a reporter thread takes an
 * interval histogram every progress interval, logs it, and prints the progress line.
 */
public final class OpenLoopRunner
{
    /** Answers are small JSON; a bigger one is an error in itself. */
    private static final int MAX_ANSWER_BYTES = 4 << 20;
    /** Most answers fit: a claim's is about 130 bytes, a refusal's about 100. */
    private static final int INITIAL_ANSWER_BYTES = 256;
    /** How long past the last request's timeout the phase waits for stragglers before giving up on them. */
    private static final long STRAGGLER_GRACE_MS = 5_000;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final HttpClient client;
    /** The nodes, or a cluster's gateways: request {@code i} goes to the {@code i mod n}th. */
    private final List<URI> nodes;
    private final LoadSettings settings;
    private final HistogramLog log;
    private final PrintStream progress;

    /**
     * @param log      where each interval histogram goes, or null for a run nobody records
     * @param progress where the progress line goes
     */
    public OpenLoopRunner(final HttpClient client, final List<URI> nodes, final LoadSettings settings, final HistogramLog log,
        final PrintStream progress)
    {
        this.client = client;
        this.nodes = List.copyOf(nodes);
        this.settings = settings;
        this.log = log;
        this.progress = progress;
    }

    /** Sends every request of {@code phase} at {@code offeredRatePerSecond} from now, and waits for the answers. */
    public PhaseSummary run(final String scenario, final Phase phase, final long offeredRatePerSecond)
    {
        final PhaseRun run = new PhaseRun(scenario, phase, offeredRatePerSecond);
        final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "load-progress");
            thread.setDaemon(true);
            return thread;
        });
        reporter.scheduleAtFixedRate(run::reportInterval, settings.progressIntervalMs(),
            settings.progressIntervalMs(), TimeUnit.MILLISECONDS);
        try
        {
            run.sendAll();
            run.awaitAnswers();
        }
        finally
        {
            reporter.shutdown();
            awaitQuietly(reporter);
        }
        run.reportInterval();
        return run.summary();
    }

    private static void awaitQuietly(final ScheduledExecutorService reporter)
    {
        try
        {
            reporter.awaitTermination(1, TimeUnit.MINUTES);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** The state of one phase while it runs. */
    private final class PhaseRun
    {
        private final String scenario;
        private final Phase phase;
        private final SendSchedule schedule;
        private final Set<String> expected;
        private final long lateThresholdNs;
        private final Recorder recorder = new Recorder(HistogramLog.LOWEST_DISCERNIBLE_NS,
            HistogramLog.HIGHEST_TRACKABLE_NS, HistogramLog.SIGNIFICANT_DIGITS);
        /** Written by the reporter thread only, and read once the reporter has stopped. */
        private final Histogram total = HistogramLog.newHistogram();
        /** Written by the scheduler (caller's) thread only. */
        private final Histogram sendLateness = HistogramLog.newHistogram();
        private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        private final LongAdder timeouts = new LongAdder();
        private final LongAdder connectionFailures = new LongAdder();
        private final LongAdder completed = new LongAdder();
        private final LongAdder answeredInInterval = new LongAdder();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicLong lastAnswerNs = new AtomicLong();
        private volatile long sent;
        private long notSent;
        private long sentLate;
        private Histogram recycled;
        private long lastReportNs;

        PhaseRun(final String scenario, final Phase phase, final long offeredRatePerSecond)
        {
            this.scenario = scenario;
            this.phase = phase;
            this.expected = Set.copyOf(phase.expectedOutcomes());
            lateThresholdNs = (long)(settings.lateThresholdMs() * NANOS_PER_MILLI);
            schedule = new SendSchedule(System.nanoTime(), offeredRatePerSecond, phase.requests());
            lastReportNs = schedule.startNs();
            lastAnswerNs.set(schedule.startNs());
        }

        void sendAll()
        {
            long sentSoFar = 0;
            for (int i = 0; i < schedule.requests(); i++)
            {
                final long dueNs = schedule.intendedSendNs(i);
                long earlyNs;
                while ((earlyNs = dueNs - System.nanoTime()) > 0)
                {
                    // Parked, not spinning: the node needs the machine's other core more than the
                    // generator needs sub-50 µs send precision, and lateness is measured below.
                    LockSupport.parkNanos(earlyNs);
                }
                final long latenessNs = System.nanoTime() - dueNs;
                sendLateness.recordValue(HistogramLog.trackable(latenessNs));
                if (latenessNs > lateThresholdNs)
                {
                    sentLate++;
                }
                if (inFlight.get() >= settings.maxInFlight())
                {
                    notSent++;
                    continue;
                }
                inFlight.incrementAndGet();
                sentSoFar++;
                sent = sentSoFar;
                send(i, dueNs);
            }
        }

        private void send(final int index, final long dueNs)
        {
            final PlannedRequest planned = phase.request(index);
            final Request request = client.newRequest(nodes.get(index % nodes.size()).resolve(planned.path()))
                .method(planned.method())
                .timeout(settings.requestTimeoutMs(), TimeUnit.MILLISECONDS);
            if (planned.authorization() != null)
            {
                request.headers(headers -> headers.put(HttpHeader.AUTHORIZATION, planned.authorization()));
            }
            if (planned.jsonBody() != null)
            {
                request.body(new BytesRequestContent("application/json", planned.jsonBody()));
            }
            request.send(new AnswerListener(index, dueNs));
        }

        /**
         * Collects one answer's body into an array sized for it. Jetty's buffering listener
         * takes an 8 KiB buffer per answer; at thousands of answers a second that garbage made
         * the generator's collector pause in the middle of the measurement.
         */
        private final class AnswerListener implements Response.Listener
        {
            private final int index;
            private final long dueNs;
            private byte[] body = new byte[INITIAL_ANSWER_BYTES];
            private int length;

            AnswerListener(final int index, final long dueNs)
            {
                this.index = index;
                this.dueNs = dueNs;
            }

            @Override
            public void onContent(final Response response, final ByteBuffer content)
            {
                final int more = content.remaining();
                if (length + more > MAX_ANSWER_BYTES)
                {
                    response.abort(new IllegalStateException("an answer over " + MAX_ANSWER_BYTES + " bytes"));
                    return;
                }
                if (length + more > body.length)
                {
                    body = Arrays.copyOf(body, Math.max(length + more, 2 * body.length));
                }
                content.get(body, length, more);
                length += more;
            }

            @Override
            public void onComplete(final Result result)
            {
                final long answeredNs = System.nanoTime();
                try
                {
                    if (result.isFailed())
                    {
                        countFailure(result.getFailure());
                    }
                    else
                    {
                        answered(index, result.getResponse().getStatus(), Arrays.copyOf(body, length),
                            answeredNs - dueNs);
                    }
                }
                finally
                {
                    lastAnswerNs.accumulateAndGet(answeredNs, Math::max);
                    inFlight.decrementAndGet();
                }
            }
        }

        private void countFailure(final Throwable failure)
        {
            if (isTimeout(failure))
            {
                timeouts.increment();
            }
            else
            {
                connectionFailures.increment();
            }
        }

        private void answered(final int index, final int status, final byte[] body, final long latencyNs)
        {
            recorder.recordValue(HistogramLog.trackable(latencyNs));
            completed.increment();
            answeredInInterval.increment();
            String outcome = Answers.outcome(status, body);
            if (expected.contains(outcome))
            {
                try
                {
                    phase.onAnswer(index, status, body);
                }
                catch (final RuntimeException ex)
                {
                    // An allowed status whose body the scenario cannot read is no success.
                    outcome = outcome + " UNREADABLE";
                }
            }
            outcomes.computeIfAbsent(outcome, key -> new LongAdder()).increment();
        }

        void awaitAnswers()
        {
            final long deadlineNs = System.nanoTime() +
                (settings.requestTimeoutMs() + STRAGGLER_GRACE_MS) * NANOS_PER_MILLI;
            while (inFlight.get() > 0 && System.nanoTime() - deadlineNs < 0)
            {
                LockSupport.parkNanos(NANOS_PER_MILLI);
            }
            final int unanswered = inFlight.get();
            if (unanswered > 0)
            {
                progress.printf("[%s %s] %,d requests still unanswered after the timeout and grace; counted as " +
                    "timeouts%n", scenario, phase.name(), unanswered);
                timeouts.add(unanswered);
            }
        }

        /** Called by the reporter thread, and once more by the caller after the reporter stops. */
        synchronized void reportInterval()
        {
            final Histogram interval = recorder.getIntervalHistogram(recycled);
            final long nowNs = System.nanoTime();
            total.add(interval);
            if (log != null)
            {
                log.write(phase.name(), interval);
            }
            final double seconds = Math.max(1e-9, (nowNs - lastReportNs) / 1e9);
            final long answers = answeredInInterval.sumThenReset();
            progress.printf("[%s %s] %7.1f s  sent %,d of %,d  answered %,d  %,.0f/s  p99 %.2f ms  errors %,d  late %,d%n",
                scenario, phase.name(), (nowNs - schedule.startNs()) / 1e9, sent, schedule.requests(),
                completed.sum(), answers / seconds,
                interval.getTotalCount() == 0 ? 0.0 : interval.getValueAtPercentile(99) / 1e6, errorsSoFar(),
                sentLate);
            lastReportNs = nowNs;
            recycled = interval;
        }

        private long errorsSoFar()
        {
            long errors = timeouts.sum() + connectionFailures.sum() + notSent;
            for (final Map.Entry<String, LongAdder> outcome : outcomes.entrySet())
            {
                if (!expected.contains(outcome.getKey()))
                {
                    errors += outcome.getValue().sum();
                }
            }
            return errors;
        }

        PhaseSummary summary()
        {
            final Map<String, Long> counted = new TreeMap<>();
            final Map<String, Long> unexpected = new TreeMap<>();
            for (final Map.Entry<String, LongAdder> outcome : outcomes.entrySet())
            {
                counted.put(outcome.getKey(), outcome.getValue().sum());
                if (!expected.contains(outcome.getKey()))
                {
                    unexpected.put(outcome.getKey(), outcome.getValue().sum());
                }
            }
            final long durationNs = Math.max(1, lastAnswerNs.get() - schedule.startNs());
            final long answers = completed.sum();
            return new PhaseSummary(phase.name(), schedule.offeredRatePerSecond(), schedule.requests(), sent,
                answers, durationNs / NANOS_PER_MILLI, Math.round(answers / (durationNs / 1e9) * 10) / 10.0,
                LatencyMs.of(total), counted, unexpected, timeouts.sum(), connectionFailures.sum(), notSent,
                GeneratorHealth.of(sendLateness, lateThresholdNs, sentLate));
        }
    }

    private static boolean isTimeout(final Throwable failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause())
        {
            if (cause instanceof TimeoutException)
            {
                return true;
            }
        }
        return false;
    }
}
