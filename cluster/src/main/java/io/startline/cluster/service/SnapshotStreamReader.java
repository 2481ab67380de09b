package io.startline.cluster.service;

import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.SnapshotEndDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;

/**
 * Reads back the stream of {@link SnapshotStreamWriter}: chunks in, whole records out, in
 * order, until the engine's {@code SnapshotEnd} record. Anything after that record, or a
 * length that cannot be a record, is a damaged snapshot and is refused.
 */
public final class SnapshotStreamReader
{
    /** Takes one whole record; the buffer is reused once it returns. */
    @FunctionalInterface
    public interface RecordHandler
    {
        void onRecord(DirectBuffer buffer, int offset, int length);
    }

    private final ExpandableArrayBuffer pending = new ExpandableArrayBuffer(SnapshotStreamWriter.CHUNK_BYTES * 2);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RecordHandler handler;
    private final int maxRecordBytes;
    private int pendingBytes;
    private long records;
    private boolean complete;

    /**
     * @param maxRecordBytes the largest record to believe in: a length prefix over it is damage, not a
     *                       reason to allocate.
     */
    public SnapshotStreamReader(final RecordHandler handler, final int maxRecordBytes)
    {
        this.handler = handler;
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * @throws IllegalStateException when the stream goes on past its end record or holds an impossible length.
     */
    public void onChunk(final DirectBuffer buffer, final int offset, final int length)
    {
        if (complete)
        {
            throw new IllegalStateException("the snapshot goes on after its SnapshotEnd record");
        }
        pending.putBytes(pendingBytes, buffer, offset, length);
        pendingBytes += length;
        int read = 0;
        while (!complete && pendingBytes - read >= SnapshotStreamWriter.LENGTH_PREFIX_BYTES)
        {
            final int recordLength = pending.getInt(read, ByteOrder.LITTLE_ENDIAN);
            if (recordLength < MessageHeaderDecoder.ENCODED_LENGTH || recordLength > maxRecordBytes)
            {
                throw new IllegalStateException("snapshot record " + records + " claims " + recordLength + " bytes");
            }
            final int recordOffset = read + SnapshotStreamWriter.LENGTH_PREFIX_BYTES;
            if (pendingBytes - recordOffset < recordLength)
            {
                break;
            }
            handler.onRecord(pending, recordOffset, recordLength);
            records++;
            complete = header.wrap(pending, recordOffset).templateId() == SnapshotEndDecoder.TEMPLATE_ID &&
                header.schemaId() == MessageHeaderDecoder.SCHEMA_ID;
            read = recordOffset + recordLength;
        }
        if (complete && read != pendingBytes)
        {
            throw new IllegalStateException("the snapshot goes on after its SnapshotEnd record");
        }
        pending.putBytes(0, pending, read, pendingBytes - read);
        pendingBytes -= read;
    }

    /** Whether the end record has been read. */
    public boolean isComplete()
    {
        return complete;
    }

    public long records()
    {
        return records;
    }
}
