package io.startline.engine.testkit;

import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Snapshots as lists of record bytes, for tests that take, damage, load and compare them.
 */
public final class Snapshots
{
    private Snapshots()
    {
    }

    /**
     * @throws IllegalStateException when the engine's count of records is not what it wrote.
     */
    public static List<byte[]> take(final Engine engine)
    {
        final List<byte[]> records = new ArrayList<>();
        final long written = engine.snapshot((buffer, offset, length) -> records.add(bytes(buffer, offset, length)));
        if (written != records.size())
        {
            throw new IllegalStateException("snapshot said " + written + " records, wrote " + records.size());
        }
        return records;
    }

    public static Engine load(final EngineContext context, final List<byte[]> records)
    {
        final Engine engine = new Engine(context);
        for (final byte[] record : records)
        {
            engine.loadSnapshotRecord(new UnsafeBuffer(record), 0);
        }
        return engine;
    }

    public static byte[] bytes(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        return copy;
    }
}
