package io.startline.persistence.journal;

import io.startline.engine.codec.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Builds one batch document in the {@link JournalFormat} layout in a buffer of its own, which the
 * journal writes to Chronicle. Preallocated and reused; one thread.
 */
public final class BatchEncoder
{
    private final byte[] bytes;
    private final UnsafeBuffer buffer;
    private final CRC32C crc = new CRC32C();
    private int length;
    private int recordCount;
    private long firstSequence;
    private long lastSequence;

    public BatchEncoder(final int maxBatchBytes)
    {
        bytes = new byte[maxBatchBytes];
        buffer = new UnsafeBuffer(bytes);
    }

    /** Whether a command of this length still fits the open batch (an empty batch takes any that fits at all). */
    public boolean fits(final int commandLength)
    {
        return recordCount == 0 ||
            length + JournalFormat.RECORD_HEADER_LENGTH + commandLength + JournalFormat.CHECKSUM_LENGTH <= bytes.length;
    }

    public void append(final long sequence, final long timestampMs, final int flags,
        final DirectBuffer command, final int offset, final int commandLength)
    {
        if (recordCount == 0)
        {
            start(JournalFormat.KIND_BATCH, sequence);
        }
        final int at = length;
        buffer.putLong(at + JournalFormat.RECORD_SEQUENCE_OFFSET, sequence, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(at + JournalFormat.RECORD_TIMESTAMP_OFFSET, timestampMs, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(at + JournalFormat.RECORD_FLAGS_OFFSET, flags, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(at + JournalFormat.RECORD_LENGTH_OFFSET, commandLength, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(at + JournalFormat.RECORD_HEADER_LENGTH, command, offset, commandLength);
        length += JournalFormat.RECORD_HEADER_LENGTH + commandLength;
        recordCount++;
        lastSequence = sequence;
    }

    /** Starts a tail-dropped marker document instead of a batch; {@link #finish()} closes it. */
    public void tailDropped(final long nextSequence, final long droppedIndex)
    {
        if (recordCount != 0)
        {
            throw new IllegalStateException("a batch is open");
        }
        start(JournalFormat.KIND_TAIL_DROPPED, nextSequence);
        buffer.putLong(length, droppedIndex, ByteOrder.LITTLE_ENDIAN);
        length += Long.BYTES;
    }

    /**
     * Closes the document: record count and checksum.
     *
     * @return the document's length in {@link #array()}.
     */
    public int finish()
    {
        buffer.putInt(JournalFormat.RECORD_COUNT_OFFSET, recordCount, ByteOrder.LITTLE_ENDIAN);
        crc.reset();
        crc.update(bytes, 0, length);
        buffer.putInt(length, (int)crc.getValue(), ByteOrder.LITTLE_ENDIAN);
        return length + JournalFormat.CHECKSUM_LENGTH;
    }

    /** Empties the encoder for the next document. */
    public void reset()
    {
        length = 0;
        recordCount = 0;
    }

    public boolean isEmpty()
    {
        return recordCount == 0;
    }

    public long firstSequence()
    {
        return firstSequence;
    }

    public long lastSequence()
    {
        return lastSequence;
    }

    public byte[] array()
    {
        return bytes;
    }

    public DirectBuffer buffer()
    {
        return buffer;
    }

    private void start(final byte kind, final long first)
    {
        buffer.putByte(JournalFormat.KIND_OFFSET, kind);
        buffer.putByte(JournalFormat.FORMAT_VERSION_OFFSET, JournalFormat.FORMAT_VERSION);
        buffer.putShort(JournalFormat.SCHEMA_VERSION_OFFSET, (short)MessageHeaderEncoder.SCHEMA_VERSION,
            ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(JournalFormat.RECORD_COUNT_OFFSET, 0, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(JournalFormat.FIRST_SEQUENCE_OFFSET, first, ByteOrder.LITTLE_ENDIAN);
        firstSequence = first;
        length = JournalFormat.HEADER_LENGTH;
    }
}
