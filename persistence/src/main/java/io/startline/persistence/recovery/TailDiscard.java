package io.startline.persistence.recovery;

import io.startline.persistence.PersistenceContext;
import io.startline.persistence.journal.Journal;
import io.startline.persistence.journal.JournalWriter;
import io.startline.persistence.snapshot.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A former primary rejoining as a standby: its journal may end with commands the node that
 * took over never received (they were never acknowledged under sync). Before it recovers,
 * they go: the journal and any snapshot after the kept sequence are moved to
 * {@code <dataDir>/discarded/…} for inspection, and a new journal is written with every
 * command up to the kept sequence. Run before the node opens its data directory.
 */
public final class TailDiscard
{
    private static final Logger LOG = LoggerFactory.getLogger(TailDiscard.class);

    private TailDiscard()
    {
    }

    /** The last whole command in the data directory's journal (0 when empty). */
    public static long lastJournaledSequence(final PersistenceContext context)
    {
        try (Journal journal = new Journal(context))
        {
            return journal.reader().lastSequence();
        }
    }

    /**
     * Keeps every command up to {@code keepThroughSequence}.
     *
     * @return where the discarded journal and snapshots now are.
     */
    public static Path keepThrough(final PersistenceContext context, final long keepThroughSequence)
    {
        final Path aside = context.dataDir().resolve("discarded")
            .resolve("after-" + keepThroughSequence + "-" + System.currentTimeMillis());
        try
        {
            Files.createDirectories(aside.resolve("snapshots"));
            Files.move(context.journalDir(), aside.resolve(context.journalDir().getFileName()));
            for (final SnapshotStore.SnapshotFile snapshot : new SnapshotStore(context.snapshotDir()).list())
            {
                if (snapshot.sequence() > keepThroughSequence)
                {
                    Files.move(snapshot.path(), aside.resolve("snapshots").resolve(snapshot.path().getFileName()));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot move the journal tail aside to " + aside + ": " + ex.getMessage(), ex);
        }
        final long[] kept = {0, 0};
        try (Journal discarded = new Journal(new PersistenceContext().dataDir(aside));
            Journal journal = new Journal(context))
        {
            final JournalWriter[] writer = {null};
            discarded.reader().replay(0, (sequence, timestampMs, flags, command, offset, length) ->
            {
                if (sequence > keepThroughSequence)
                {
                    return;
                }
                if (writer[0] == null)
                {
                    writer[0] = journal.writer(sequence - 1);
                    kept[0] = sequence;
                }
                writer[0].append(sequence, timestampMs, flags, command, offset, length);
                kept[1] = sequence;
            });
            if (writer[0] != null)
            {
                writer[0].close();
            }
        }
        LOG.warn("rejoin: kept sequences {}..{} of the journal; everything after {} (never acknowledged by the node " +
            "that took over) is in {}", kept[0], kept[1], keepThroughSequence, aside);
        return aside;
    }
}
