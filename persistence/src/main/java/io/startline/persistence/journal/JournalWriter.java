package io.startline.persistence.journal;

import io.startline.engine.codec.MessageHeaderEncoder;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

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
    private final byte[] batchBytes;
    private final UnsafeBuffer batch;
    private final CRC32C crc = new CRC32C();
    private int batchLength;
    private int recordCount;
    private long lastSequence;

    JournalWriter(final ExcerptAppender appender, final SyncPolicy syncPolicy, final int maxBatchBytes,
        final int maxCommandBytes, final long lastSequence)
    {
        this.appender = appender;
        this.syncPolicy = syncPolicy;
        this.maxCommandBytes = maxCommandBytes;
        this.lastSequence = lastSequence;
        batchBytes = new byte[maxBatchBytes];
        batch = new UnsafeBuffer(batchBytes);
    }

    /**
     * Adds one command to the open batch, flushing first when the batch is full.
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
        final int needed = JournalFormat.RECORD_HEADER_LENGTH + length;
        if (recordCount > 0 && batchLength + needed + JournalFormat.CHECKSUM_LENGTH > batchBytes.length)
        {
            flush();
        }
        if (recordCount == 0)
        {
            startBatch(JournalFormat.KIND_BATCH, sequence);
        }
        final int at = batchLength;
        batch.putLong(at + JournalFormat.RECORD_SEQUENCE_OFFSET, sequence, ByteOrder.LITTLE_ENDIAN);
        batch.putLong(at + JournalFormat.RECORD_TIMESTAMP_OFFSET, timestampMs, ByteOrder.LITTLE_ENDIAN);
        batch.putInt(at + JournalFormat.RECORD_FLAGS_OFFSET, flags, ByteOrder.LITTLE_ENDIAN);
        batch.putInt(at + JournalFormat.RECORD_LENGTH_OFFSET, length, ByteOrder.LITTLE_ENDIAN);
        batch.putBytes(at + JournalFormat.RECORD_HEADER_LENGTH, command, offset, length);
        batchLength += needed;
        recordCount++;
        lastSequence = sequence;
    }

    /**
     * Writes the open batch, if any, as one document; under {@link SyncPolicy#BATCH} it is on
     * disk when this returns.
     */
    public void flush()
    {
        if (recordCount == 0)
        {
            return;
        }
        batch.putInt(JournalFormat.RECORD_COUNT_OFFSET, recordCount, ByteOrder.LITTLE_ENDIAN);
        writeDocument();
        recordCount = 0;
    }

    /**
     * Records that recovery dropped the torn document at {@code droppedIndex}, so later
     * recoveries know the gap is deliberate and not damage.
     */
    public void markTailDropped(final long droppedIndex)
    {
        if (recordCount != 0)
        {
            throw new IllegalStateException("a batch is open");
        }
        startBatch(JournalFormat.KIND_TAIL_DROPPED, lastSequence + 1);
        batch.putLong(batchLength, droppedIndex, ByteOrder.LITTLE_ENDIAN);
        batchLength += Long.BYTES;
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

    private void startBatch(final byte kind, final long firstSequence)
    {
        batch.putByte(JournalFormat.KIND_OFFSET, kind);
        batch.putByte(JournalFormat.FORMAT_VERSION_OFFSET, JournalFormat.FORMAT_VERSION);
        batch.putShort(JournalFormat.SCHEMA_VERSION_OFFSET, (short)MessageHeaderEncoder.SCHEMA_VERSION,
            ByteOrder.LITTLE_ENDIAN);
        batch.putInt(JournalFormat.RECORD_COUNT_OFFSET, 0, ByteOrder.LITTLE_ENDIAN);
        batch.putLong(JournalFormat.FIRST_SEQUENCE_OFFSET, firstSequence, ByteOrder.LITTLE_ENDIAN);
        batchLength = JournalFormat.HEADER_LENGTH;
    }

    private void writeDocument()
    {
        crc.reset();
        crc.update(batchBytes, 0, batchLength);
        batch.putInt(batchLength, (int)crc.getValue(), ByteOrder.LITTLE_ENDIAN);
        final int documentLength = batchLength + JournalFormat.CHECKSUM_LENGTH;
        try (DocumentContext document = appender.writingDocument())
        {
            document.wire().bytes().write(batchBytes, 0, documentLength);
        }
        if (syncPolicy == SyncPolicy.BATCH)
        {
            appender.sync();
        }
        batchLength = 0;
    }
}
