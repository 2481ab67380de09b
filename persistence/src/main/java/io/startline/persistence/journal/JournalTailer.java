package io.startline.persistence.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the journal as it grows, a whole batch at a time, from a thread beside the writer's (a
 * reader that keeps a second copy of the state up to date). Damaged documents and tail-dropped
 * markers are skipped (the reader sees a gap in sequences); recovery is where damage is judged.
 * <p>
 * Used by one thread: Chronicle tailers are thread-confined.
 */
public final class JournalTailer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalTailer.class);

    private final ExcerptTailer tailer;
    private final int maxDocumentBytes;
    private final BatchDocument document = new BatchDocument();
    private byte[] documentBytes = new byte[64 * 1024];
    /** Whether {@link #document} is the batch last returned. */
    private boolean holding;
    /** The sequence after the last batch read: earlier ones need a rewind. */
    private long firstUnreadSequence = 1;

    JournalTailer(final ExcerptTailer tailer, final int maxDocumentBytes)
    {
        this.tailer = tailer;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /**
     * The next whole batch holding a sequence after {@code afterSequence}, or null when the
     * journal has none yet. The batch last returned is returned again while it still holds
     * sequences after {@code afterSequence} (a caller may send it in parts); asking for
     * sequences before the batches already read rewinds to the start.
     */
    public BatchDocument nextAfter(final long afterSequence)
    {
        if (holding && afterSequence + 1 >= document.firstSequence() && afterSequence < document.lastSequence())
        {
            return document;
        }
        if (afterSequence + 1 < firstUnreadSequence)
        {
            tailer.toStart();
            firstUnreadSequence = 1;
        }
        holding = false;
        while (true)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return null;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                final long remaining = bytes.readRemaining();
                if (remaining > maxDocumentBytes)
                {
                    LOG.warn("journal tailer: skipping a document of {} bytes at index 0x{}", remaining,
                        Long.toHexString(dc.index()));
                    continue;
                }
                final int length = (int)remaining;
                if (documentBytes.length < length)
                {
                    documentBytes = new byte[Math.max(length, documentBytes.length * 2)];
                }
                bytes.read(documentBytes, 0, length);
                document.wrap(documentBytes, length);
                if (!document.isBatch() || document.problem(0) != null)
                {
                    continue;
                }
                firstUnreadSequence = document.lastSequence() + 1;
                if (document.lastSequence() > afterSequence)
                {
                    holding = true;
                    return document;
                }
            }
        }
    }

    @Override
    public void close()
    {
        tailer.close();
    }
}
