package io.startline.persistence.journal;

import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * What lies after the last document a reading of the journal found, in the file it is in. A
 * journal that ended cleanly, or whose writer died inside a document, holds nothing more there.
 * Anything else is a hole with writes after it (a power loss that kept later pages and lost an
 * earlier one), and Chronicle's appender would write into the hole or behind it, where the next
 * reading loses those commands again: so it is damage, never the end of the log.
 */
final class JournalTail
{
    private static final int NOT_COMPLETE = 0x80000000;
    private static final int META_DATA = 0x40000000;
    private static final int LENGTH_MASK = 0x3FFFFFFF;
    private static final int SCAN_BYTES = 1 << 20;

    private JournalTail()
    {
    }

    /** Something written after the readable end: the furthest byte it reaches, and what it is. */
    record Trouble(long reachesByte, String problem)
    {
    }

    /**
     * @param lastIndex    the index of the last document read.
     * @param readableEnd  the byte after it in {@code file}.
     * @return what is wrong after it, or null when the file holds nothing more.
     */
    static Trouble troubleAfter(final SingleChronicleQueue queue, final long lastIndex, final File file,
        final long readableEnd, final int maxDocumentBytes)
    {
        final long writePosition = writePosition(queue, lastIndex);
        if (writePosition > readableEnd)
        {
            return new Trouble(writePosition, "the file records writes up to byte " + writePosition + ", past the " +
                "last whole document, which ends at byte " + readableEnd);
        }
        try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.READ))
        {
            final int lastWritten = writePosition > 0 ? headerAt(channel, writePosition) : 1;
            if (lastWritten == 0 || (lastWritten & NOT_COMPLETE) != 0)
            {
                // The appender continues right after the document the file says it wrote last: here
                // that document never reached the disk, and new ones would land behind a hole.
                return new Trouble(writePosition, "the file's last write, at byte " + writePosition +
                    ", holds no whole document");
            }
            return scan(channel, align(readableEnd), maxDocumentBytes);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the end of the journal file " + file, ex);
        }
    }

    private static long writePosition(final SingleChronicleQueue queue, final long lastIndex)
    {
        final SingleChronicleQueueStore store = queue.storeForCycle(queue.rollCycle().toCycle(lastIndex),
            queue.epoch(), false, null);
        if (store == null)
        {
            return -1;
        }
        try
        {
            return store.writePosition();
        }
        finally
        {
            queue.closeStore(store);
        }
    }

    private static int headerAt(final FileChannel channel, final long position) throws IOException
    {
        final ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(header, position);
        return header.getInt(0);
    }

    /** Walks the headers after the readable end: metadata is skipped, a torn write and its bytes too. */
    private static Trouble scan(final FileChannel channel, final long from, final int maxDocumentBytes)
        throws IOException
    {
        long at = from;
        while (at + 4 <= channel.size())
        {
            final int value = headerAt(channel, at);
            if (value == 0)
            {
                final long written = lastNonZeroByte(channel, at);
                return written < 0 ? null : new Trouble(written, "a hole at byte " + at + " (a document header " +
                    "never written back) with writes after it, up to byte " + written);
            }
            if ((value & NOT_COMPLETE) != 0)
            {
                at = align(at + 4 + maxDocumentBytes);
                continue;
            }
            if ((value & META_DATA) == 0)
            {
                return new Trouble(at + 4 + (value & LENGTH_MASK), "a whole document at byte " + at +
                    " that reading did not reach");
            }
            at = align(at + 4 + (value & LENGTH_MASK));
        }
        return null;
    }

    /** The last byte from {@code from} on that is not zero, or -1 when there is none. */
    private static long lastNonZeroByte(final FileChannel channel, final long from) throws IOException
    {
        final ByteBuffer chunk = ByteBuffer.allocateDirect(SCAN_BYTES);
        long last = -1;
        long at = from;
        while (at < channel.size())
        {
            chunk.clear();
            final int read = channel.read(chunk, at);
            if (read <= 0)
            {
                break;
            }
            int i = 0;
            for (; i + Long.BYTES <= read; i += Long.BYTES)
            {
                if (chunk.getLong(i) != 0)
                {
                    last = at + i + Long.BYTES - 1;
                }
            }
            for (; i < read; i++)
            {
                if (chunk.get(i) != 0)
                {
                    last = at + i;
                }
            }
            at += read;
        }
        return last;
    }

    private static long align(final long position)
    {
        return (position + 3) & ~3L;
    }
}
