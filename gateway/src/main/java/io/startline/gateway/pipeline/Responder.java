package io.startline.gateway.pipeline;

import com.lmax.disruptor.EventHandler;
import io.startline.gateway.link.ResultListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage, after both the journaller and the engine: hands each caller its result.
 * Being after the journaller is the durability promise; being one thread keeps results in
 * sequence order. A caller's failure is its own: it is logged and the ring goes on. At the end of
 * each batch it tells admission control how long the batch took.
 */
final class Responder implements EventHandler<CommandSlot>
{
    private static final Logger LOG = LoggerFactory.getLogger(Responder.class);

    private final Admission admission;
    private long batchCommands;
    private long batchFirstEnqueuedNs;

    Responder(final Admission admission)
    {
        this.admission = admission;
    }

    @Override
    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        if (batchCommands++ == 0)
        {
            batchFirstEnqueuedNs = slot.enqueuedNs;
        }
        final ResultListener listener = slot.listener;
        try
        {
            if (listener != null)
            {
                listener.onResult(slot.sequence, slot.timestampMs, slot.result, 0, slot.resultLength);
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.error("a result listener failed for sequence {}", slot.sequence, ex);
        }
        finally
        {
            slot.clear();
        }
        if (endOfBatch)
        {
            admission.onBatchAnswered(batchCommands, batchFirstEnqueuedNs, System.nanoTime());
            batchCommands = 0;
        }
    }
}
