package io.startline.persistence.journal;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Reads one document in the {@link JournalFormat} layout, as replay or a tailer finds it in the
 * journal. A flyweight: wrap, check, read.
 */
public final class BatchDocument
{
    /** Records handed to {@link JournalRecordHandler#prefetch} ahead of delivery, as the engine stage does. */
    static final int PREFETCH_GROUP = 16;

    private final CRC32C crc = new CRC32C();
    private final UnsafeBuffer document = new UnsafeBuffer(new byte[0]);
    private byte[] bytes = new byte[0];
    private int length;

    /** Reads the document in the first {@code documentLength} bytes of {@code source}. */
    public BatchDocument wrap(final byte[] source, final int documentLength)
    {
        bytes = source;
        document.wrap(source, 0, documentLength);
        length = documentLength;
        return this;
    }

    /**
     * @param expectedSequence the first sequence due, or 0 when any will do.
     * @return what is wrong with the document, or null when it is whole and follows on.
     */
    public String problem(final long expectedSequence)
    {
        if (length < JournalFormat.HEADER_LENGTH + JournalFormat.CHECKSUM_LENGTH)
        {
            return "a document of " + length + " bytes, shorter than a header";
        }
        final int bodyLength = length - JournalFormat.CHECKSUM_LENGTH;
        crc.reset();
        crc.update(bytes, 0, bodyLength);
        if ((int)crc.getValue() != document.getInt(bodyLength, ByteOrder.LITTLE_ENDIAN))
        {
            return "checksum mismatch";
        }
        if (document.getByte(JournalFormat.FORMAT_VERSION_OFFSET) != JournalFormat.FORMAT_VERSION)
        {
            return "unknown format version " + document.getByte(JournalFormat.FORMAT_VERSION_OFFSET);
        }
        final byte kind = kind();
        final long first = firstSequence();
        if (expectedSequence != 0 && first != expectedSequence)
        {
            return "sequence " + first + " where " + expectedSequence + " was due";
        }
        if (kind == JournalFormat.KIND_TAIL_DROPPED)
        {
            return bodyLength == JournalFormat.HEADER_LENGTH + Long.BYTES ? null : "a malformed tail-dropped marker";
        }
        if (kind != JournalFormat.KIND_BATCH)
        {
            return "unknown document kind " + kind;
        }
        final int count = recordCount();
        if (count < 1)
        {
            return "an empty batch";
        }
        int at = JournalFormat.HEADER_LENGTH;
        for (int i = 0; i < count; i++)
        {
            if (at + JournalFormat.RECORD_HEADER_LENGTH > bodyLength)
            {
                return "record " + i + " runs past the document";
            }
            if (document.getLong(at + JournalFormat.RECORD_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN) != first + i)
            {
                return "record " + i + " is out of sequence";
            }
            final int recordLength = document.getInt(at + JournalFormat.RECORD_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (recordLength < 0 || recordLength > bodyLength - at - JournalFormat.RECORD_HEADER_LENGTH)
            {
                return "record " + i + " has an impossible length " + recordLength;
            }
            at += JournalFormat.RECORD_HEADER_LENGTH + recordLength;
        }
        return at == bodyLength ? null : "bytes left over after the last record";
    }

    /**
     * Hands every record after {@code afterSequence} to the handler; call only on a document
     * {@link #problem} found whole.
     *
     * @return how many records were handed over.
     */
    public int deliver(final long afterSequence, final JournalRecordHandler handler)
    {
        int delivered = 0;
        int at = JournalFormat.HEADER_LENGTH;
        final int count = recordCount();
        for (int i = 0; i < count; )
        {
            final int groupEnd = Math.min(count, i + PREFETCH_GROUP);
            for (int j = i, ahead = at; j < groupEnd; j++)
            {
                if (document.getLong(ahead + JournalFormat.RECORD_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN) > afterSequence)
                {
                    handler.prefetch(document, ahead + JournalFormat.RECORD_HEADER_LENGTH);
                }
                ahead += JournalFormat.RECORD_HEADER_LENGTH +
                    document.getInt(ahead + JournalFormat.RECORD_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            }
            for (; i < groupEnd; i++)
            {
                final long sequence = document.getLong(at + JournalFormat.RECORD_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
                final int recordLength = document.getInt(at + JournalFormat.RECORD_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
                if (sequence > afterSequence)
                {
                    handler.onRecord(sequence,
                        document.getLong(at + JournalFormat.RECORD_TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN),
                        document.getInt(at + JournalFormat.RECORD_FLAGS_OFFSET, ByteOrder.LITTLE_ENDIAN),
                        document, at + JournalFormat.RECORD_HEADER_LENGTH, recordLength);
                    delivered++;
                }
                at += JournalFormat.RECORD_HEADER_LENGTH + recordLength;
            }
        }
        return delivered;
    }

    public byte kind()
    {
        return length > JournalFormat.KIND_OFFSET ? document.getByte(JournalFormat.KIND_OFFSET) : 0;
    }

    public boolean isBatch()
    {
        return length >= JournalFormat.HEADER_LENGTH && kind() == JournalFormat.KIND_BATCH;
    }

    public int recordCount()
    {
        return document.getInt(JournalFormat.RECORD_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** BATCH: its first record's sequence; TAIL_DROPPED: the sequence due next. */
    public long firstSequence()
    {
        return document.getLong(JournalFormat.FIRST_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** A batch's last sequence, from its header. */
    public long lastSequence()
    {
        return firstSequence() + recordCount() - 1;
    }

    /** A tail-dropped marker's dropped Chronicle index. */
    public long droppedIndex()
    {
        return document.getLong(JournalFormat.HEADER_LENGTH, ByteOrder.LITTLE_ENDIAN);
    }
}
