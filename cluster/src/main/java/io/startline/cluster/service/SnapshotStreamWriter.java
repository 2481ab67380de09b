package io.startline.cluster.service;

import io.startline.engine.SnapshotSink;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.SnapshotEndDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Writes the engine's snapshot records as one byte stream cut into chunks of at most
 * {@link #CHUNK_BYTES}: each record is its length (int32, little-endian) and its bytes, and a
 * record may span chunks. The engine's records have no size bound of their own (a run of
 * idempotency keys carries their answers), so cutting the stream, not the records, keeps every
 * message within what the snapshot publication takes whatever the limits are.
 */
public final class SnapshotStreamWriter implements SnapshotSink
{
    public static final int CHUNK_BYTES = 64 * 1024;
    static final int LENGTH_PREFIX_BYTES = Integer.BYTES;

    /** Where a full chunk goes; it must have taken the chunk when it returns. */
    @FunctionalInterface
    public interface ChunkPublisher
    {
        void publish(DirectBuffer buffer, int offset, int length);
    }

    private final UnsafeBuffer chunk = new UnsafeBuffer(new byte[CHUNK_BYTES]);
    private final UnsafeBuffer lengthPrefix = new UnsafeBuffer(new byte[LENGTH_PREFIX_BYTES]);
    private final ChunkPublisher publisher;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SnapshotEndDecoder end = new SnapshotEndDecoder();
    private int filled;
    private long bytesWritten;
    private long stateHash;

    public SnapshotStreamWriter(final ChunkPublisher publisher)
    {
        this.publisher = publisher;
    }

    @Override
    public void record(final DirectBuffer buffer, final int offset, final int length)
    {
        lengthPrefix.putInt(0, length, ByteOrder.LITTLE_ENDIAN);
        append(lengthPrefix, 0, LENGTH_PREFIX_BYTES);
        append(buffer, offset, length);
        if (header.wrap(buffer, offset).templateId() == SnapshotEndDecoder.TEMPLATE_ID)
        {
            stateHash = end.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                header.version()).stateHash();
        }
    }

    /** The state hash the snapshot's end record promised. */
    public long stateHash()
    {
        return stateHash;
    }

    /** Publishes what is left of the last chunk. */
    public void finish()
    {
        if (filled > 0)
        {
            publisher.publish(chunk, 0, filled);
            filled = 0;
        }
    }

    /** Bytes of the stream so far, prefixes included. */
    public long bytesWritten()
    {
        return bytesWritten;
    }

    private void append(final DirectBuffer buffer, final int offset, final int length)
    {
        int copied = 0;
        while (copied < length)
        {
            final int run = Math.min(length - copied, CHUNK_BYTES - filled);
            chunk.putBytes(filled, buffer, offset + copied, run);
            filled += run;
            copied += run;
            if (filled == CHUNK_BYTES)
            {
                publisher.publish(chunk, 0, filled);
                filled = 0;
            }
        }
        bytesWritten += length;
    }
}
