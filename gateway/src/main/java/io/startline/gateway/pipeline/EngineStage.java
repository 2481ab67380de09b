package io.startline.gateway.pipeline;

import com.lmax.disruptor.EventHandler;
import io.startline.engine.Engine;
import io.startline.persistence.journal.JournalFormat;
import io.startline.persistence.snapshot.Snapshotter;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * The engine's thread: applies commands and answers queries beside the journaller, and
 * takes the snapshots the sequencer marked. A snapshot waits until the journaller has caught
 * up to it, so no snapshot ever holds a command the journal lacks.
 * <p>
 * When the ring holds a backlog, as at a rush, the commands are prefetched in groups
 * ({@link Engine#prefetch}) before they are applied, so that their random lookups miss the
 * cache together rather than one after another.
 */
final class EngineStage implements EventHandler<CommandSlot>
{
    /** Commands prefetched at once: groups of 8, 16 and 32 measured alike (bench/RESULTS.md). */
    static final int PREFETCH_GROUP = 16;

    private final Engine engine;
    private final LongFunction<CommandSlot> slotAt;
    private final Snapshotter snapshotter;
    private final LongSupplier journallerRingSequence;
    private final UnsafeBuffer scratch;
    private final AtomicLong appliedSequence;
    /** Published once a batch, for /metrics: the engine's own counters are its thread's alone. */
    private final AtomicLong idempotencyKeysHeld = new AtomicLong();
    private final AtomicLong idempotencyKeysEvictedEarly = new AtomicLong();
    private final RingWait ringWait = new RingWait();

    private long nextRingSequence;
    private long batchEndRingSequence;
    private long prefetchedUpToRingSequence;

    EngineStage(final Engine engine, final LongFunction<CommandSlot> slotAt, final Snapshotter snapshotter,
        final LongSupplier journallerRingSequence)
    {
        this.engine = engine;
        this.slotAt = slotAt;
        this.snapshotter = snapshotter;
        this.journallerRingSequence = journallerRingSequence;
        scratch = new UnsafeBuffer(new byte[engine.maxResultLength()]);
        appliedSequence = new AtomicLong(engine.lastSequence());
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        batchEndRingSequence = nextRingSequence + batchSize;
    }

    @Override
    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        if (ringSequence >= prefetchedUpToRingSequence && batchEndRingSequence - ringSequence > 1)
        {
            prefetchFrom(ringSequence);
        }
        nextRingSequence = ringSequence + 1;
        ringWait.record(System.nanoTime() - slot.enqueuedNs);
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

    private void prefetchFrom(final long ringSequence)
    {
        final long end = Math.min(batchEndRingSequence, ringSequence + PREFETCH_GROUP);
        for (long s = ringSequence; s < end; s++)
        {
            final CommandSlot slot = slotAt.apply(s);
            if (slot.isJournaled())
            {
                engine.prefetch(slot.command, 0);
            }
        }
        prefetchedUpToRingSequence = end;
    }

    RingWait ringWait()
    {
        return ringWait;
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
