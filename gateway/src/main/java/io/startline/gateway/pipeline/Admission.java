package io.startline.gateway.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admission control: a command the pipeline could not answer within the latency target is
 * refused at once ({@code 503}, nothing accepted) instead of queued. A participant kept waiting
 * 14 s has long since pressed again; one told "retry in a second" at once has not, and the
 * commands taken keep their answer time.
 * <p>
 * The wait a new command would face is the backlog ahead of it times the time the pipeline
 * spends on a command; an empty pipeline takes anything. That time is measured by the answering
 * thread over its busy periods only: from the end of the previous batch (or the first command's
 * enqueue, if the ring had gone idle in between) to the end of this one, divided by the batch's
 * size. It is smoothed over about the last {@value #SMOOTHING_COMMANDS} commands, a batch
 * weighing as many commands as it holds: the large batches of a rush say what the pipeline
 * does under load, and one slow batch of one command (a snapshot between two quiet seconds)
 * moves the estimate only a little. It includes whatever slows the pipeline (journal writes, a
 * snapshot, a collection), so the admitted backlog shrinks while they last.
 */
final class Admission
{
    static final long SMOOTHING_COMMANDS = 256;

    private final long latencyTargetNs;
    private final AtomicLong serviceNsPerCommand = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private long lastBatchEndNs = Long.MIN_VALUE;

    Admission(final long latencyTargetMs)
    {
        latencyTargetNs = TimeUnit.MILLISECONDS.toNanos(latencyTargetMs);
    }

    /**
     * Whether a command behind {@code commandsAhead} unanswered ones would still be taken up
     * within the target; counts it when not. Always true when the target is 0 (off).
     */
    boolean admits(final long commandsAhead)
    {
        if (latencyTargetNs == 0 || commandsAhead * serviceNsPerCommand.get() <= latencyTargetNs)
        {
            return true;
        }
        refused.incrementAndGet();
        return false;
    }

    /** The answering thread finished a batch of {@code commands}, the first of them enqueued at {@code firstEnqueuedNs}. */
    void onBatchAnswered(final long commands, final long firstEnqueuedNs, final long nowNs)
    {
        final long busyFromNs = lastBatchEndNs == Long.MIN_VALUE ? firstEnqueuedNs : Math.max(lastBatchEndNs, firstEnqueuedNs);
        lastBatchEndNs = nowNs;
        final long sampleNs = Math.max(0, nowNs - busyFromNs) / commands;
        final long estimateNs = serviceNsPerCommand.get();
        final long weight = Math.min(commands, SMOOTHING_COMMANDS);
        serviceNsPerCommand.lazySet(estimateNs + (sampleNs - estimateNs) * weight / SMOOTHING_COMMANDS);
    }

    /** The smoothed time the pipeline spends on one command, in nanoseconds. */
    long serviceNsPerCommand()
    {
        return serviceNsPerCommand.get();
    }

    /** Commands refused since start because they would have missed the target. */
    long refused()
    {
        return refused.get();
    }
}
