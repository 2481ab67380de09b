package io.startline.gateway.pipeline;

import com.lmax.disruptor.EventHandler;
import io.startline.engine.Engine;
import io.startline.persistence.journal.JournalFormat;
import io.startline.persistence.snapshot.Snapshotter;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The engine's thread: applies commands and answers queries beside the journaller, and
 * takes the snapshots the sequencer marked. A snapshot waits until the journaller has caught
 * up to it, so no snapshot ever holds a command the journal lacks.
 */
final class EngineStage implements EventHandler<CommandSlot>
{
    private final Engine engine;
    private final Snapshotter snapshotter;
    private final LongSupplier journallerRingSequence;
    private final UnsafeBuffer scratch;
    private final AtomicLong appliedSequence;
    /** Published once a batch, for /metrics: the engine's own counters are its thread's alone. */
    private final AtomicLong idempotencyKeysHeld = new AtomicLong();
    private final AtomicLong idempotencyKeysEvictedEarly = new AtomicLong();

    EngineStage(final Engine engine, final Snapshotter snapshotter, final LongSupplier journallerRingSequence)
    {
        this.engine = engine;
        this.snapshotter = snapshotter;
        this.journallerRingSequence = journallerRingSequence;
        scratch = new UnsafeBuffer(new byte[engine.maxResultLength()]);
        appliedSequence = new AtomicLong(engine.lastSequence());
    }

    @Override
    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        final int length;
        if (slot.isJournaled())
        {
            length = engine.apply(slot.sequence, slot.timestampMs, slot.command, 0, scratch, 0);
            appliedSequence.lazySet(slot.sequence);
        }
        else
        {
            length = engine.query(slot.command, 0, scratch, 0);
        }
        slot.copyResult(scratch, 0, length);
        if (endOfBatch)
        {
            idempotencyKeysHeld.lazySet(engine.idempotencyKeysHeld());
            idempotencyKeysEvictedEarly.lazySet(engine.idempotencyKeysEvictedEarly());
        }
        if ((slot.flags & JournalFormat.FLAG_SNAPSHOT_AFTER) != 0)
        {
            while (journallerRingSequence.getAsLong() < ringSequence)
            {
                LockSupport.parkNanos(50_000);
            }
            snapshotter.take(engine);
        }
    }

    long appliedSequence()
    {
        return appliedSequence.get();
    }

    long idempotencyKeysHeld()
    {
        return idempotencyKeysHeld.get();
    }

    long idempotencyKeysEvictedEarly()
    {
        return idempotencyKeysEvictedEarly.get();
    }
}
