package io.startline.bench.load;

/**
 * When each request of a constant-rate run is due: request {@code i} at
 * {@code start + i / rate}. Due times are computed from the start, never from the previous
 * send, so a late send does not push the rest of the run back: the offered rate stays what
 * was asked for, and a request's latency is measured from its due time (no coordinated
 * omission).
 */
public final class SendSchedule
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long startNs;
    private final long offeredRatePerSecond;
    private final int requests;

    public SendSchedule(final long startNs, final long offeredRatePerSecond, final int requests)
    {
        if (offeredRatePerSecond < 1)
        {
            throw new IllegalArgumentException("the offered rate must be at least 1 request a second: " +
                offeredRatePerSecond);
        }
        if (requests < 0)
        {
            throw new IllegalArgumentException("requests must not be negative: " + requests);
        }
        this.startNs = startNs;
        this.offeredRatePerSecond = offeredRatePerSecond;
        this.requests = requests;
    }

    /** The moment request {@code index} is due, on the {@link System#nanoTime()} clock. */
    public long intendedSendNs(final int index)
    {
        if (index < 0 || index >= requests)
        {
            throw new IndexOutOfBoundsException("request " + index + " of " + requests);
        }
        return startNs + index * NANOS_PER_SECOND / offeredRatePerSecond;
    }

    /** The moment the last request is due; the start for an empty run. */
    public long lastIntendedSendNs()
    {
        return requests == 0 ? startNs : intendedSendNs(requests - 1);
    }

    public long startNs()
    {
        return startNs;
    }

    public long offeredRatePerSecond()
    {
        return offeredRatePerSecond;
    }

    public int requests()
    {
        return requests;
    }
}
