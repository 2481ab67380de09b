package io.startline.gateway.pipeline;

import com.lmax.disruptor.EventHandler;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.TakeSnapshotDecoder;
import io.startline.engine.support.SnapshotSchedule;
import io.startline.persistence.journal.JournalFormat;
import org.agrona.concurrent.EpochClock;

/**
 * The first stage: gives each journaled command the next sequence and a timestamp that never
 * goes back ({@code max(previous, now)}), and marks the commands a snapshot follows: one asked
 * for at once, a periodic one when its {@link SnapshotSchedule} says (not in the middle of a
 * rush). Queries pass through untouched: they are not journaled and take no sequence.
 */
final class Sequencer implements EventHandler<CommandSlot>
{
    private final EpochClock clock;
    private final SnapshotSchedule snapshots;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private long lastSequence;
    private long lastTimestampMs;
    private volatile long lastStampedMs;

    Sequencer(final EpochClock clock, final SnapshotSchedule snapshots, final long lastSequence,
        final long lastTimestampMs)
    {
        this.clock = clock;
        this.snapshots = snapshots;
        this.lastSequence = lastSequence;
        this.lastTimestampMs = lastTimestampMs;
        lastStampedMs = clock.time();
    }

    @Override
    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        if (slot.isJournaled())
        {
            final long now = clock.time();
            lastTimestampMs = Math.max(lastTimestampMs, now);
            slot.sequence = ++lastSequence;
            slot.timestampMs = lastTimestampMs;
            slot.flags = snapshotFollows(slot) ? JournalFormat.FLAG_SNAPSHOT_AFTER : 0;
        }
        else
        {
            slot.sequence = 0;
            slot.timestampMs = lastTimestampMs;
            slot.flags = 0;
        }
        if (endOfBatch)
        {
            lastStampedMs = clock.time();
        }
    }

    /** When the ring last carried anything, by the pipeline's clock: the ticker's idea of idle. */
    long lastStampedMs()
    {
        return lastStampedMs;
    }

    private boolean snapshotFollows(final CommandSlot slot)
    {
        header.wrap(slot.command, 0);
        if (snapshots.onCommand(slot.timestampMs) || header.templateId() == TakeSnapshotDecoder.TEMPLATE_ID)
        {
            snapshots.onSnapshot();
            return true;
        }
        return false;
    }
}
