package io.startline.persistence.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;

/**
 * Reads the journal back in order, checking every document it needs: its checksum, its
 * layout and that sequences run on without a gap.
 * <p>
 * A bad document is judged by what follows it. Nothing: it is the torn tail of a write that
 * never finished, dropped with a warning (its commands were never acknowledged). A marker
 * saying an earlier recovery dropped it: skipped. Anything else: damage in the middle, and
 * {@link JournalCorruptException} names the file and the byte where it is.
 * <p>
 * Two kinds of damage Chronicle's tailer cannot see past are caught after it stops. A document
 * header that is zeroed, left "not complete" or given a wrong length ends the tailer's reading
 * as if the log ended there; the queue's own index still counts the documents after it, so a
 * reading that stops short of {@link ChronicleQueue#lastIndex()} is damage in the middle, never
 * the end. And under {@link SyncPolicy#BATCH} every document the tailer presents is a write that
 * finished (Chronicle hides one whose writer died, see HaltedWriterTest), and a finished batch was
 * forced before it was acknowledged: a damaged last document is refused there, not dropped.
 */
public final class JournalReader
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalReader.class);

    private final SingleChronicleQueue queue;
    private final int maxDocumentBytes;
    private final SyncPolicy syncPolicy;
    private final long forcedSequence;
    private final BatchDocument document = new BatchDocument();
    private byte[] documentBytes;

    JournalReader(final SingleChronicleQueue queue, final int maxDocumentBytes, final SyncPolicy syncPolicy,
        final long forcedSequence)
    {
        this.queue = queue;
        this.maxDocumentBytes = maxDocumentBytes;
        this.syncPolicy = syncPolicy;
        this.forcedSequence = forcedSequence;
        documentBytes = new byte[64 * 1024];
    }

    /**
     * Reads the whole journal and hands every command after {@code afterSequence} to the
     * handler. Documents wholly at or before {@code afterSequence} are skipped unread: a
     * snapshot already holds their effect.
     * <p>
     * Under sync NONE, damage after everything known to be on disk (the {@link ForcedMark}, or the
     * snapshot's sequence, whichever is later) is what a power loss leaves: reading stops at the
     * first bad document and the outcome says where to cut ({@link ReplayOutcome#truncatedFromIndex}).
     */
    public ReplayOutcome replay(final long afterSequence, final JournalRecordHandler handler)
    {
        final long forced = Math.max(forcedSequence, afterSequence);
        long firstSequence = 0;
        long expectedSequence = 0;
        long delivered = 0;
        long lastIndexRead = -1;
        String lastWhere = "the journal's start";
        File lastFile = null;
        long lastEnd = 0;
        Damage damage = null;
        Damage cut = null;
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
                    lastIndexRead = index;
                    final Bytes<?> bytes = dc.wire().bytes();
                    where = describe(tailer.currentFile(), bytes.readPosition(), index);
                    lastWhere = where;
                    lastFile = tailer.currentFile();
                    lastEnd = bytes.readLimit();
                    final long remaining = bytes.readRemaining();
                    if (remaining > maxDocumentBytes)
                    {
                        if (damage != null)
                        {
                            cut = cutOrFail(damage, forced);
                            break;
                        }
                        damage = new Damage(index, where, "a document of " + remaining + " bytes, more than the " +
                            maxDocumentBytes + " a batch may hold", lastSequenceBefore(expectedSequence));
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
                    final Damage unreadable = damage != null ? damage : new Damage(lastIndexRead + 1,
                        "index 0x" + Long.toHexString(tailer.index()) + " in " + tailer.currentFile(),
                        "unreadable (" + ex.getMessage() + ")", lastSequenceBefore(expectedSequence));
                    if (isPastForced(unreadable, forced))
                    {
                        cut = unreadable;
                        break;
                    }
                    throw new JournalCorruptException("journal unreadable at index 0x" + Long.toHexString(tailer.index()) +
                        " in " + tailer.currentFile() + ": " + ex.getMessage(), ex);
                }
                document.wrap(documentBytes, length);

                if (damage == null && isBatchWhollyAtOrBefore(afterSequence, expectedSequence))
                {
                    final long first = document.firstSequence();
                    firstSequence = firstSequence == 0 ? first : firstSequence;
                    expectedSequence = first + document.recordCount();
                    continue;
                }
                final String problem = document.problem(expectedSequence);
                if (damage != null)
                {
                    if (problem == null && isMarkerFor(damage.index))
                    {
                        LOG.info("journal: the torn document at {} was dropped by an earlier recovery", damage.where);
                        damage = null;
                        expectedSequence = document.firstSequence();
                        continue;
                    }
                    cut = cutOrFail(damage, forced);
                    break;
                }
                if (problem != null)
                {
                    damage = new Damage(index, where, problem, lastSequenceBefore(expectedSequence));
                    continue;
                }
                if (document.kind() == JournalFormat.KIND_TAIL_DROPPED)
                {
                    continue;
                }
                final int count = document.recordCount();
                final long first = document.firstSequence();
                if (firstSequence == 0)
                {
                    firstSequence = first;
                }
                expectedSequence = first + count;
                if (expectedSequence - 1 <= afterSequence)
                {
                    continue;
                }
                delivered += document.deliver(afterSequence, handler);
            }
        }
        final long journalLastIndex = indexedLastIndex();
        if (cut == null && journalLastIndex > lastIndexRead)
        {
            cut = damage != null ? damage : new Damage(lastIndexRead + 1, "after " + lastWhere,
                "reading stops there, but the queue's index " + describeIndexed(journalLastIndex),
                lastSequenceBefore(expectedSequence));
            if (!isPastForced(cut, forced))
            {
                cut = null;
            }
        }
        if (cut == null && journalLastIndex <= lastIndexRead && lastFile != null)
        {
            final JournalTail.Trouble trouble =
                JournalTail.troubleAfter(queue, lastIndexRead, lastFile, lastEnd, maxDocumentBytes);
            if (trouble != null && damage == null && isBatchInFlight(trouble, lastEnd))
            {
                cut = new Damage(lastIndexRead + 1, "the end of " + lastFile, trouble.problem() + ": the bytes of " +
                    "a batch in flight, never acknowledged", lastSequenceBefore(expectedSequence));
            }
            else if (trouble != null)
            {
                cut = cutOrFail(damage != null ?
                    new Damage(damage.index, damage.where, damage.problem + ", and after it " + trouble.problem(),
                        damage.lastGoodSequence) :
                    new Damage(lastIndexRead + 1, "the end of " + lastFile, trouble.problem(),
                        lastSequenceBefore(expectedSequence)), forced);
            }
        }
        if (cut != null)
        {
            LOG.warn("journal: damaged at {}: {}, after the last sequence known to be on disk ({}): what a power " +
                "loss leaves. Reading stops there, at sequence {}.", cut.where, cut.problem, forced, cut.lastGoodSequence);
            return new ReplayOutcome(firstSequence, cut.lastGoodSequence, delivered, -1, "", cut.index,
                cut.where + ": " + cut.problem);
        }
        if (journalLastIndex > lastIndexRead)
        {
            throw new JournalCorruptException("journal damaged after " + lastWhere + ": reading stops there, but " +
                "the queue's index " + describeIndexed(journalLastIndex) + ". A document header after it is damaged (zeroed, not complete, or a wrong length); start-up stops " +
                "rather than take it for the end and skip the commands after it. Restore the journal from a backup.");
        }
        if (damage != null && syncPolicy == SyncPolicy.BATCH)
        {
            throw new JournalCorruptException("journal damaged at " + damage.where + ": " + damage.problem +
                ". It is the last document, but under sync BATCH a batch was forced to disk before it was " +
                "acknowledged, and a write that never finished is never read back: start-up stops rather than " +
                "drop acknowledged commands. Restore the journal from a backup.");
        }
        if (damage != null && !isPastForced(damage, forced))
        {
            throw new JournalCorruptException("journal damaged at " + damage.where + ": " + damage.problem +
                ". It is the last document, but the journal was forced to disk up to sequence " + forced +
                ", which it should hold: start-up stops rather than drop commands that were on disk. Restore the " +
                "journal from a backup.");
        }
        if (damage != null)
        {
            LOG.warn("journal: dropping the torn last document at {}: {}. Its commands were never acknowledged.",
                damage.where, damage.problem);
            return new ReplayOutcome(firstSequence, lastSequenceBefore(expectedSequence), delivered, damage.index,
                damage.where, -1, "");
        }
        return new ReplayOutcome(firstSequence, lastSequenceBefore(expectedSequence), delivered, -1, "", -1, "");
    }

    /** The last sequence of the whole documents read, given the one the next document must start at. */
    private static long lastSequenceBefore(final long expectedSequence)
    {
        return Math.max(0, expectedSequence - 1);
    }

    /**
     * Under sync BATCH every whole document was forced before it was acknowledged, and the next
     * batch is written only then: bytes after the last whole one, reaching no further than one
     * batch could, are the batch being written when the power went, never acknowledged, and may be
     * cut away. (A last document whose header is whole but whose bytes are not stays damage: a
     * forced batch damaged since looks the same.)
     */
    private boolean isBatchInFlight(final JournalTail.Trouble trouble, final long readableEnd)
    {
        return syncPolicy == SyncPolicy.BATCH && trouble.reachesByte() < readableEnd + 8 + maxDocumentBytes;
    }

    /**
     * The last index the queue's own index knows of; {@link Long#MAX_VALUE} where that index is
     * itself damaged (Chronicle then fails, or trips its own assertions, finding its end).
     */
    private long indexedLastIndex()
    {
        try
        {
            return queue.lastIndex();
        }
        catch (final RuntimeException | AssertionError ex)
        {
            LOG.warn("journal: the queue's index cannot find its end: {}", ex.toString());
            return Long.MAX_VALUE;
        }
    }

    private static String describeIndexed(final long lastIndex)
    {
        return lastIndex == Long.MAX_VALUE ? "is damaged past it" :
            "holds documents up to index 0x" + Long.toHexString(lastIndex);
    }

    /** Damage past everything forced to disk, under sync NONE, is cut at; any other stops start-up. */
    private Damage cutOrFail(final Damage damage, final long forced)
    {
        if (isPastForced(damage, forced))
        {
            return damage;
        }
        throw corrupt(damage);
    }

    private boolean isPastForced(final Damage damage, final long forced)
    {
        return syncPolicy == SyncPolicy.NONE && damage.lastGoodSequence >= forced;
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
                    document.wrap(documentBytes, length);
                    if (document.problem(0) != null)
                    {
                        continue;
                    }
                    return document.lastSequence();
                }
            }
        }
    }

    /**
     * A batch a snapshot already covers is skipped on its header alone: damage there cannot
     * change the recovered state, and not checksumming it keeps a restart from a recent
     * snapshot fast.
     */
    private boolean isBatchWhollyAtOrBefore(final long afterSequence, final long expectedSequence)
    {
        if (!document.isBatch())
        {
            return false;
        }
        final long first = document.firstSequence();
        final int count = document.recordCount();
        return count > 0 && first > 0 && first + count - 1 <= afterSequence &&
            (expectedSequence == 0 || first == expectedSequence);
    }

    private boolean isMarkerFor(final long droppedIndex)
    {
        return document.kind() == JournalFormat.KIND_TAIL_DROPPED && document.droppedIndex() == droppedIndex;
    }

    private void ensureCapacity(final int length)
    {
        if (documentBytes.length < length)
        {
            documentBytes = new byte[Math.max(length, documentBytes.length * 2)];
        }
    }

    private static JournalCorruptException corrupt(final Damage damage)
    {
        return new JournalCorruptException("journal damaged at " + damage.where + ": " + damage.problem +
            ". Documents follow it, so it is not a torn last write; start-up stops rather than skip commands. " +
            "Restore the journal from a backup.");
    }

    private static String describe(final File file, final long position, final long index)
    {
        return (file == null ? "?" : file.getPath()) + " byte " + position + " (index 0x" + Long.toHexString(index) + ")";
    }

    /** A bad document, and the last sequence of the whole documents before it. */
    private record Damage(long index, String where, String problem, long lastGoodSequence)
    {
    }
}
