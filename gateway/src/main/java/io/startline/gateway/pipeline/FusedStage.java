package io.startline.gateway.pipeline;

import com.lmax.disruptor.EventHandler;

import java.util.function.LongFunction;

/**
 * The whole pipeline on one thread ({@link PipelineContext.StageLayout#FUSED}): each batch is
 * stamped and journaled, one document written at its end; then the engine applies it,
 * prefetched in groups; then every caller in it is answered. The promises are the staged
 * pipeline's: nothing is answered before the document holding it is written, answers go out in
 * sequence order, and a snapshot never holds a command the journal lacks.
 * <p>
 * Why one thread: on a two-core machine four stage threads and the callers' threads take turns
 * for the cores, and every hand-off between stages is a wake-up. One thread hands off once,
 * from the ring, and with a single consumer the blocking wait strategy has no stage in front to
 * spin on. Measured: a lower p99 at about the same throughput (bench/RESULTS.md).
 */
final class FusedStage implements EventHandler<CommandSlot>
{
    private final Sequencer sequencer;
    private final Journaller journaller;
    private final EngineStage engineStage;
    private final Responder responder;
    private final LongFunction<CommandSlot> slotAt;
    private long batchFirstRingSequence;
    private volatile long journaledRingSequence = -1;

    FusedStage(final Sequencer sequencer, final Journaller journaller, final EngineStage engineStage,
        final Responder responder, final LongFunction<CommandSlot> slotAt)
    {
        this.sequencer = sequencer;
        this.journaller = journaller;
        this.engineStage = engineStage;
        this.responder = responder;
        this.slotAt = slotAt;
    }

    @Override
    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        sequencer.onEvent(slot, ringSequence, endOfBatch);
        journaller.onEvent(slot, ringSequence, endOfBatch);
        if (!endOfBatch)
        {
            return;
        }
        journaledRingSequence = ringSequence;
        final long first = batchFirstRingSequence;
        batchFirstRingSequence = ringSequence + 1;
        final long batchSize = ringSequence - first + 1;
        engineStage.onBatchStart(batchSize, batchSize);
        for (long s = first; s <= ringSequence; s++)
        {
            engineStage.onEvent(slotAt.apply(s), s, s == ringSequence);
        }
        for (long s = first; s <= ringSequence; s++)
        {
            responder.onEvent(slotAt.apply(s), s, s == ringSequence);
        }
    }

    @Override
    public void onShutdown()
    {
        journaller.onShutdown();
    }

    /** The last ring sequence whose batch is written to the journal. */
    long journaledRingSequence()
    {
        return journaledRingSequence;
    }
}
