package io.startline.persistence.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Reads the journal back in order, checking every document it needs: its checksum, its
 * layout and that sequences run on without a gap.
 * <p>
 * A bad document is judged by what follows it. Nothing: it is the torn tail of a write that
 * never finished, dropped with a warning (its commands were never acknowledged). A marker
 * saying an earlier recovery dropped it: skipped. Anything else: damage in the middle, and
 * {@link JournalCorruptException} names the file and the byte where it is.
 */
public final class JournalReader
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalReader.class);

    private final ChronicleQueue queue;
    private final int maxDocumentBytes;
    private final CRC32C crc = new CRC32C();
    private byte[] documentBytes;
    private final UnsafeBuffer document = new UnsafeBuffer(new byte[0]);

    JournalReader(final ChronicleQueue queue, final int maxDocumentBytes)
    {
        this.queue = queue;
        this.maxDocumentBytes = maxDocumentBytes;
        documentBytes = new byte[64 * 1024];
    }

    /**
     * Reads the whole journal and hands every command after {@code afterSequence} to the
     * handler. Documents wholly at or before {@code afterSequence} are skipped unread: a
     * snapshot already holds their effect.
     */
    public ReplayOutcome replay(final long afterSequence, final JournalRecordHandler handler)
    {
        long firstSequence = 0;
        long expectedSequence = 0;
        long delivered = 0;
        Damage damage = null;
        try (ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                final long index;
                final int length;
                final String where;
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    index = dc.index();
                    final Bytes<?> bytes = dc.wire().bytes();
                    where = describe(tailer.currentFile(), bytes.readPosition(), index);
                    final long remaining = bytes.readRemaining();
                    if (remaining > maxDocumentBytes)
                    {
                        damage = damageOrFail(damage, new Damage(index, where, "a document of " + remaining +
                            " bytes, more than the " + maxDocumentBytes + " a batch may hold"));
                        continue;
                    }
                    length = (int)remaining;
                    ensureCapacity(length);
                    bytes.read(documentBytes, 0, length);
                }
                catch (final JournalCorruptException ex)
                {
                    throw ex;
                }
                catch (final RuntimeException ex)
                {
                    throw new JournalCorruptException("journal unreadable at index 0x" + Long.toHexString(tailer.index()) +
                        " in " + tailer.currentFile() + ": " + ex.getMessage(), ex);
                }
                document.wrap(documentBytes, 0, length);

                if (damage == null && isBatchWhollyAtOrBefore(length, afterSequence, expectedSequence))
                {
                    final long first = firstSequenceOf();
                    firstSequence = firstSequence == 0 ? first : firstSequence;
                    expectedSequence = first + recordCount();
                    continue;
                }
                final String problem = check(length, expectedSequence);
                if (damage != null)
                {
                    if (problem == null && isMarkerFor(damage.index))
                    {
                        LOG.info("journal: the torn document at {} was dropped by an earlier recovery", damage.where);
                        damage = null;
                        expectedSequence = firstSequenceOf();
                        continue;
                    }
                    throw corrupt(damage);
                }
                if (problem != null)
                {
                    damage = new Damage(index, where, problem);
                    continue;
                }
                if (document.getByte(JournalFormat.KIND_OFFSET) == JournalFormat.KIND_TAIL_DROPPED)
                {
                    continue;
                }
                final int count = recordCount();
                final long first = firstSequenceOf();
                if (firstSequence == 0)
                {
                    firstSequence = first;
                }
                expectedSequence = first + count;
                if (expectedSequence - 1 <= afterSequence)
                {
                    continue;
                }
                delivered += deliver(count, afterSequence, handler);
            }
        }
        if (damage != null)
        {
            LOG.warn("journal: dropping the torn last document at {}: {}. Its commands were never acknowledged.",
                damage.where, damage.problem);
            return new ReplayOutcome(firstSequence, Math.max(0, expectedSequence - 1), delivered, damage.index,
                damage.where);
        }
        return new ReplayOutcome(firstSequence, Math.max(0, expectedSequence - 1), delivered, -1, "");
    }

    /**
     * The last whole command's sequence, read from the end: for progress reports, before a replay.
     */
    public long lastSequence()
    {
        try (ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return 0;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final long remaining = bytes.readRemaining();
                    if (remaining > maxDocumentBytes)
                    {
                        continue;
                    }
                    final int length = (int)remaining;
                    ensureCapacity(length);
                    bytes.read(documentBytes, 0, length);
                    document.wrap(documentBytes, 0, length);
                    if (check(length, 0) != null)
                    {
                        continue;
                    }
                    return firstSequenceOf() + recordCount() - 1;
                }
            }
        }
    }

    private int deliver(final int count, final long afterSequence, final JournalRecordHandler handler)
    {
        int delivered = 0;
        int at = JournalFormat.HEADER_LENGTH;
        for (int i = 0; i < count; i++)
        {
            final long sequence = document.getLong(at + JournalFormat.RECORD_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
            final int length = document.getInt(at + JournalFormat.RECORD_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (sequence > afterSequence)
            {
                handler.onRecord(sequence,
                    document.getLong(at + JournalFormat.RECORD_TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    document.getInt(at + JournalFormat.RECORD_FLAGS_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    document, at + JournalFormat.RECORD_HEADER_LENGTH, length);
                delivered++;
            }
            at += JournalFormat.RECORD_HEADER_LENGTH + length;
        }
        return delivered;
    }

    /**
     * @return what is wrong with the document in {@link #document}, or null when it is whole.
     */
    private String check(final int length, final long expectedSequence)
    {
        if (length < JournalFormat.HEADER_LENGTH + JournalFormat.CHECKSUM_LENGTH)
        {
            return "a document of " + length + " bytes, shorter than a header";
        }
        final int bodyLength = length - JournalFormat.CHECKSUM_LENGTH;
        crc.reset();
        crc.update(documentBytes, 0, bodyLength);
        if ((int)crc.getValue() != document.getInt(bodyLength, ByteOrder.LITTLE_ENDIAN))
        {
            return "checksum mismatch";
        }
        if (document.getByte(JournalFormat.FORMAT_VERSION_OFFSET) != JournalFormat.FORMAT_VERSION)
        {
            return "unknown format version " + document.getByte(JournalFormat.FORMAT_VERSION_OFFSET);
        }
        final byte kind = document.getByte(JournalFormat.KIND_OFFSET);
        final long first = firstSequenceOf();
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
     * A batch a snapshot already covers is skipped on its header alone: damage there cannot
     * change the recovered state, and not checksumming it keeps a restart from a recent
     * snapshot fast.
     */
    private boolean isBatchWhollyAtOrBefore(final int length, final long afterSequence, final long expectedSequence)
    {
        if (length < JournalFormat.HEADER_LENGTH || document.getByte(JournalFormat.KIND_OFFSET) != JournalFormat.KIND_BATCH)
        {
            return false;
        }
        final long first = firstSequenceOf();
        final int count = recordCount();
        return count > 0 && first > 0 && first + count - 1 <= afterSequence &&
            (expectedSequence == 0 || first == expectedSequence);
    }

    private boolean isMarkerFor(final long droppedIndex)
    {
        return document.getByte(JournalFormat.KIND_OFFSET) == JournalFormat.KIND_TAIL_DROPPED &&
            document.getLong(JournalFormat.HEADER_LENGTH, ByteOrder.LITTLE_ENDIAN) == droppedIndex;
    }

    private int recordCount()
    {
        return document.getInt(JournalFormat.RECORD_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    private long firstSequenceOf()
    {
        return document.getLong(JournalFormat.FIRST_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    private void ensureCapacity(final int length)
    {
        if (documentBytes.length < length)
        {
            documentBytes = new byte[Math.max(length, documentBytes.length * 2)];
        }
    }

    private static Damage damageOrFail(final Damage earlier, final Damage found)
    {
        if (earlier != null)
        {
            throw corrupt(earlier);
        }
        return found;
    }

    private static JournalCorruptException corrupt(final Damage damage)
    {
        return new JournalCorruptException("journal damaged at " + damage.where + ": " + damage.problem +
            ". Documents follow it, so it is not a torn last write; start-up stops rather than skip commands. " +
            "Restore the journal from the standby or a backup.");
    }

    private static String describe(final File file, final long position, final long index)
    {
        return (file == null ? "?" : file.getPath()) + " byte " + position + " (index 0x" + Long.toHexString(index) + ")";
    }

    private record Damage(long index, String where, String problem)
    {
    }
}
