package io.startline.gateway.pipeline;

import com.lmax.disruptor.EventHandler;
import io.startline.persistence.journal.Journal;
import io.startline.persistence.journal.JournalWriter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends journaled commands as they come and writes the batch at end-of-batch, so one
 * document (and, under the batch sync policy, one msync) covers everything the ring had.
 * The responder waits for this stage: nothing is acknowledged before its flush returns.
 */
final class Journaller implements EventHandler<CommandSlot>
{
    private final Journal journal;
    private final long startSequence;
    private final AtomicLong journaledSequence;
    private JournalWriter writer;

    Journaller(final Journal journal, final long startSequence)
    {
        this.journal = journal;
        this.startSequence = startSequence;
        journaledSequence = new AtomicLong(startSequence);
    }

    @Override
    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        if (writer == null)
        {
            // Made here, not in the constructor: Chronicle appenders belong to the thread that made them.
            writer = journal.writer(startSequence);
        }
        if (slot.isJournaled())
        {
            writer.append(slot.sequence, slot.timestampMs, slot.flags, slot.command, 0, slot.commandLength);
        }
        if (endOfBatch)
        {
            writer.flush();
            journaledSequence.lazySet(writer.lastSequence());
        }
    }

    @Override
    public void onShutdown()
    {
        if (writer != null)
        {
            writer.close();
        }
    }

    /** The last sequence known to be in the journal. */
    long journaledSequence()
    {
        return journaledSequence.get();
    }
}
