package io.startline.gateway.pipeline;

import com.lmax.disruptor.EventHandler;
import io.startline.persistence.StorageFaults;
import io.startline.persistence.journal.Journal;
import io.startline.persistence.journal.JournalWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Appends journaled commands as they come and writes the batch at end-of-batch, so one
 * document (and, under the batch sync policy, one msync) covers everything the ring had.
 * The responder waits for this stage: nothing is acknowledged before its flush returns.
 * <p>
 * A write that fails (a full disk, no file descriptor for the next day's file) is retried until
 * it works, backing off to once a second, while {@link StorageFaults} reports it: the commands
 * behind it wait unanswered, the ring fills, and admission refuses new work with 503 until the
 * resource returns. Only closing the pipeline ends the retries, with nothing acknowledged.
 */
final class Journaller implements EventHandler<CommandSlot>
{
    private static final Logger LOG = LoggerFactory.getLogger(Journaller.class);
    private static final long FIRST_RETRY_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long LONGEST_RETRY_WAIT_NS = TimeUnit.SECONDS.toNanos(1);

    private final Journal journal;
    private final long startSequence;
    private final StorageFaults faults;
    private final BooleanSupplier keepRetrying;
    private final AtomicLong journaledSequence;
    private JournalWriter writer;

    /** @param keepRetrying false once the pipeline closes: a write failing then stops the stage. */
    Journaller(final Journal journal, final long startSequence, final StorageFaults faults,
        final BooleanSupplier keepRetrying)
    {
        this.journal = journal;
        this.startSequence = startSequence;
        this.faults = faults;
        this.keepRetrying = keepRetrying;
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
            untilWritten(() -> writer.append(slot.sequence, slot.timestampMs, slot.flags, slot.command, 0,
                slot.commandLength));
        }
        if (endOfBatch)
        {
            untilWritten(writer::flush);
            journaledSequence.lazySet(writer.lastSequence());
        }
    }

    private void untilWritten(final Runnable write)
    {
        long waitNs = FIRST_RETRY_WAIT_NS;
        while (true)
        {
            try
            {
                write.run();
                if (faults.succeeded(StorageFaults.Write.JOURNAL))
                {
                    LOG.info("journal: writes work again; the held commands are journaled and answered");
                }
                return;
            }
            catch (final RuntimeException ex)
            {
                if (!StorageFaults.isStorageFailure(ex) || !keepRetrying.getAsBoolean())
                {
                    throw ex;
                }
                if (faults.failed(StorageFaults.Write.JOURNAL, ex))
                {
                    LOG.error("journal: cannot write the batch up to sequence {} ({}); commands are held " +
                        "unanswered and the write is retried until it works", writer.lastSequence(),
                        faults.failure(StorageFaults.Write.JOURNAL));
                }
            }
            LockSupport.parkNanos(waitNs);
            waitNs = Math.min(LONGEST_RETRY_WAIT_NS, waitNs * 2);
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
