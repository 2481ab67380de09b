package io.startline.bench.load;

/**
 * How the generator behaves, the same for every phase of a run.
 *
 * @param connections        HTTP/1.1 connections kept open to the node (one request at a time each)
 * @param maxInFlight        requests sent and not yet answered, at most; a request due beyond it is not sent, and counted
 * @param requestTimeoutMs   a request not answered by then is counted as a timeout
 * @param lateThresholdMs    a send later than this after its due time counts as late
 * @param progressIntervalMs how often the progress line is printed and an interval histogram logged
 * @param p99LimitMs         the p99 a sustainable rate must stay under
 */
public record LoadSettings(int connections, int maxInFlight, long requestTimeoutMs, double lateThresholdMs,
    long progressIntervalMs, double p99LimitMs)
{
    public LoadSettings
    {
        if (connections < 1 || maxInFlight < 1 || requestTimeoutMs < 1 || lateThresholdMs <= 0 ||
            progressIntervalMs < 100 || p99LimitMs <= 0)
        {
            throw new IllegalArgumentException("connections, in-flight limit, timeout, late threshold and p99 limit " +
                "must be positive, and the progress interval at least 100 ms: connections " + connections +
                ", in flight " + maxInFlight + ", timeout " + requestTimeoutMs + " ms, late " + lateThresholdMs +
                " ms, progress " + progressIntervalMs + " ms, p99 limit " + p99LimitMs + " ms");
        }
    }
}
