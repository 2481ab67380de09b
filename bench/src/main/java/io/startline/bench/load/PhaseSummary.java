package io.startline.bench.load;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * One phase of a scenario run at a constant offered rate: what was offered, what came back,
 * how fast and how late, and what went wrong.
 *
 * @param name                 the phase, for example {@code claims}
 * @param offeredRatePerSecond the constant rate requests were due at
 * @param requests             requests the phase was to send
 * @param sent                 requests handed to the client (the rest hit the in-flight limit: {@code notSent})
 * @param completed            requests answered with an HTTP status
 * @param durationMs           from the first due time to the last answer
 * @param throughputPerSecond  answers per second over {@code durationMs}
 * @param latencyMs            answer time minus due time, for every answered request
 * @param outcomes             answers by outcome: the status, and for an error body its code ({@code 409 SOLD_OUT})
 * @param unexpected           the outcomes the scenario does not allow here: errors
 * @param timeouts             requests not answered within the request timeout
 * @param connectionFailures   requests that failed at the connection (refused, reset, closed)
 * @param notSent              requests the generator dropped at its in-flight limit
 * @param generator            whether the generator kept to its schedule
 */
public record PhaseSummary(
    String name,
    long offeredRatePerSecond,
    int requests,
    long sent,
    long completed,
    long durationMs,
    double throughputPerSecond,
    LatencyMs latencyMs,
    Map<String, Long> outcomes,
    Map<String, Long> unexpected,
    long timeouts,
    long connectionFailures,
    long notSent,
    GeneratorHealth generator)
{
    /** Every request that did not end in an outcome the scenario allows. */
    @JsonProperty("errors")
    public long errors()
    {
        long errors = timeouts + connectionFailures + notSent;
        for (final long count : unexpected.values())
        {
            errors += count;
        }
        return errors;
    }

    /** The sustainable-rate test: no errors, the generator on schedule, and p99 under the limit. */
    public boolean meets(final double p99LimitMs)
    {
        return errors() == 0 && !generator.fellBehind() && latencyMs.p99() < p99LimitMs;
    }
}
