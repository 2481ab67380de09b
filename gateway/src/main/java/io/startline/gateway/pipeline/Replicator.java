package io.startline.gateway.pipeline;

import com.lmax.disruptor.EventHandler;
import io.startline.persistence.journal.BatchEncoder;
import io.startline.persistence.replication.NodeRole;
import io.startline.persistence.replication.Replication;

import java.util.function.LongFunction;

/**
 * Beside the journaller: sends each batch of client commands to the standby as the journal
 * gets it, and under sync acknowledgement holds the batch until the standby has journaled it.
 * The responder waits for this stage too, so no caller hears of a write before that.
 * <p>
 * A write that reaches this stage after the node stopped being primary (it was fenced) is
 * abandoned: it is in this node's journal but not in the new primary's history, so its caller
 * is told it did not take effect.
 */
final class Replicator implements EventHandler<CommandSlot>
{
    private final Replication replication;
    private final BatchEncoder batch;
    private final LongFunction<CommandSlot> slots;
    private long batchStartRingSequence = -1;

    Replicator(final Replication replication, final int maxMessageBytes, final LongFunction<CommandSlot> slots)
    {
        this.replication = replication;
        this.slots = slots;
        batch = new BatchEncoder(maxMessageBytes);
    }

    @Override
    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        if (batchStartRingSequence < 0)
        {
            batchStartRingSequence = ringSequence;
        }
        if (slot.kind == CommandSlot.KIND_COMMAND)
        {
            if (replication.role() == NodeRole.PRIMARY)
            {
                if (!batch.fits(slot.commandLength))
                {
                    send();
                }
                batch.append(slot.sequence, slot.timestampMs, slot.flags, slot.command, 0, slot.commandLength);
            }
            else
            {
                slot.abandoned = true;
            }
        }
        if (endOfBatch)
        {
            if (!batch.isEmpty())
            {
                final long lastSequence = batch.lastSequence();
                send();
                try
                {
                    replication.awaitStandby(lastSequence);
                }
                catch (final Replication.WriteAbandonedException ex)
                {
                    abandon(batchStartRingSequence, ringSequence);
                    if (replication.role() == NodeRole.PRIMARY)
                    {
                        throw ex;
                    }
                }
            }
            batchStartRingSequence = -1;
        }
    }

    private void send()
    {
        final int length = batch.finish();
        replication.replicate(batch, length);
        batch.reset();
    }

    private void abandon(final long fromRingSequence, final long toRingSequence)
    {
        for (long s = fromRingSequence; s <= toRingSequence; s++)
        {
            final CommandSlot held = slots.apply(s);
            if (held.kind == CommandSlot.KIND_COMMAND)
            {
                held.abandoned = true;
            }
        }
    }
}
