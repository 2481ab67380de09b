package io.startline.gateway.pipeline;

import com.lmax.disruptor.EventHandler;
import io.startline.gateway.link.ResultListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage, after both the journaller and the engine: hands each caller its result.
 * Being after the journaller is the durability promise; being one thread keeps results in
 * sequence order. A caller's failure is its own: it is logged and the ring goes on.
 */
final class Responder implements EventHandler<CommandSlot>
{
    private static final Logger LOG = LoggerFactory.getLogger(Responder.class);

    @Override
    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
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
    }
}
