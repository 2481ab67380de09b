package io.startline.persistence.journal;

import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.persistence.StorageFaults;
import io.startline.persistence.WriteFault;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Appends commands to the journal a batch at a time: {@link #append} gathers, {@link #flush}
 * writes the batch as one Chronicle document (and msyncs it under {@link SyncPolicy#BATCH}).
 * A command counts as journaled only once the flush that carries it has returned.
 * <p>
 * Used by one thread: Chronicle appenders are thread-confined.
 */
public final class JournalWriter implements AutoCloseable
{
    private final ExcerptAppender appender;
    private final SyncPolicy syncPolicy;
    private final int maxCommandBytes;
    private final BatchEncoder batch;
    private final WriteFault writeFault;
    private long lastSequence;
    /** The open batch is in the journal and waits only for its msync (which failed the last time). */
    private boolean awaitingSync;

    JournalWriter(final ExcerptAppender appender, final SyncPolicy syncPolicy, final int maxBatchBytes,
        final int maxCommandBytes, final long lastSequence, final WriteFault writeFault)
    {
        this.appender = appender;
        this.writeFault = writeFault;
        this.syncPolicy = syncPolicy;
        this.maxCommandBytes = maxCommandBytes;
        this.lastSequence = lastSequence;
        batch = new BatchEncoder(maxBatchBytes);
    }

    /**
     * Adds one command to the open batch, flushing first when the batch is full. When that flush
     * fails (a full disk), nothing is added and the same call may be made again.
     *
     * @param sequence exactly one more than the last appended.
     */
    public void append(final long sequence, final long timestampMs, final int flags,
        final DirectBuffer command, final int offset, final int length)
    {
        if (sequence != lastSequence + 1)
        {
            throw new IllegalStateException("journal sequence " + sequence + " does not follow " + lastSequence);
        }
        if (length < MessageHeaderEncoder.ENCODED_LENGTH || length > maxCommandBytes)
        {
            throw new IllegalArgumentException("command length " + length + " outside [" +
                MessageHeaderEncoder.ENCODED_LENGTH + ", " + maxCommandBytes + "]");
        }
        if (!batch.fits(length))
        {
            flush();
        }
        batch.append(sequence, timestampMs, flags, command, offset, length);
        lastSequence = sequence;
    }

    /**
     * Writes the open batch, if any, as one document; under {@link SyncPolicy#BATCH} it is on
     * disk when this returns. When it throws (a full disk, no file descriptor for the next
     * file), the batch is kept and a later flush writes it once: a document that failed while
     * being written is rolled back, one written whose msync failed is only synced again.
     */
    public void flush()
    {
        if (batch.isEmpty())
        {
            return;
        }
        writeDocument();
    }

    /**
     * Records that recovery dropped the torn document at {@code droppedIndex}, so later
     * recoveries know the gap is deliberate and not damage.
     */
    public void markTailDropped(final long droppedIndex)
    {
        batch.tailDropped(lastSequence + 1, droppedIndex);
        writeDocument();
    }

    public long lastSequence()
    {
        return lastSequence;
    }

    @Override
    public void close()
    {
        flush();
        appender.close();
    }

    private void writeDocument()
    {
        if (!awaitingSync)
        {
            append(batch.finish());
            awaitingSync = true;
        }
        if (syncPolicy == SyncPolicy.BATCH)
        {
            appender.sync();
        }
        awaitingSync = false;
        batch.reset();
    }

    private void append(final int documentLength)
    {
        try
        {
            writeFault.beforeWrite(StorageFaults.Write.JOURNAL);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write to the journal", ex);
        }
        try (DocumentContext document = appender.writingDocument())
        {
            try
            {
                document.wire().bytes().write(batch.array(), 0, documentLength);
            }
            catch (final RuntimeException ex)
            {
                document.rollbackOnClose();
                throw ex;
            }
        }
    }
}
