package io.startline.persistence.recovery;

import io.startline.engine.Engine;
import io.startline.persistence.PersistenceContext;
import io.startline.persistence.journal.Journal;
import io.startline.persistence.journal.JournalReader;
import io.startline.persistence.journal.JournalWriter;
import io.startline.persistence.journal.ReplayOutcome;
import io.startline.persistence.journal.SyncPolicy;
import io.startline.persistence.snapshot.SnapshotCorruptException;
import io.startline.persistence.snapshot.SnapshotStore;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Start-up: the newest snapshot that loads and checks, then every journaled command after
 * it. A damaged snapshot falls back to an older one (or to an empty engine and the whole
 * journal); a torn last journal document is dropped and marked; anything else stops start-up.
 */
public final class Recovery
{
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final int PROGRESS_CHECK_MASK = (1 << 16) - 1;

    private Recovery()
    {
    }

    /**
     * @param newEngine makes an empty engine under the node's limits; called once per snapshot tried.
     */
    public static RecoveredEngine recover(
        final PersistenceContext context, final Journal journal, final SnapshotStore snapshots,
        final Supplier<Engine> newEngine)
    {
        final long startNs = System.nanoTime();
        final JournalReader reader = journal.reader();
        final long journalEnd = lastSequenceOrZero(reader);

        Engine engine = null;
        SnapshotStore.SnapshotFile snapshot = null;
        for (final SnapshotStore.SnapshotFile candidate : snapshots.list())
        {
            final Engine loading = newEngine.get();
            try
            {
                snapshots.load(candidate, loading);
                engine = loading;
                snapshot = candidate;
                LOG.info("recovery: loaded {} (sequence {})", candidate.path(), candidate.sequence());
                break;
            }
            catch (final SnapshotCorruptException ex)
            {
                LOG.warn("recovery: snapshot unusable, trying an older one: {}", ex.getMessage());
            }
        }
        if (engine == null)
        {
            engine = newEngine.get();
        }

        final Replayer replayer = new Replayer(engine, journalEnd, context.replayProgressIntervalMs());
        final ReplayOutcome outcome = reader.replay(engine.lastSequence(), replayer);
        if (outcome.lastSequence() != 0 && outcome.lastSequence() < engine.lastSequence())
        {
            throw new IllegalStateException("the journal in " + journal.directory() + " ends at sequence " +
                outcome.lastSequence() + ", behind the snapshot at " + engine.lastSequence() +
                ": continuing would leave a gap in it. Restore the journal that goes with the snapshot.");
        }
        final String journalCut = outcome.truncated() ? cut(journal, outcome, journalEnd, context.syncPolicy()) : null;
        if (outcome.droppedTornTail())
        {
            try (JournalWriter writer = journal.writer(Math.max(outcome.lastSequence(), engine.lastSequence())))
            {
                writer.markTailDropped(outcome.droppedTailIndex());
            }
        }
        final long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
        LOG.info("recovery: at sequence {} after replaying {} journaled commands in {} ms", engine.lastSequence(),
            replayer.done, elapsedMs);
        return new RecoveredEngine(engine, snapshot, replayer.done, elapsedMs, outcome.droppedTornTail(),
            journalCut);
    }

    /**
     * Cuts the journal at power-loss damage (past what was forced to disk, or under sync BATCH a
     * batch in flight) and says what was lost: the sequences after the cut will be handed out
     * again, to new commands.
     */
    private static String cut(final Journal journal, final ReplayOutcome outcome, final long journalEnd,
        final SyncPolicy syncPolicy)
    {
        final Path aside = journal.truncateFrom(outcome.truncatedFromIndex());
        final String lost = syncPolicy == SyncPolicy.BATCH ? "nothing acknowledged is lost (sync BATCH)" :
            journalEnd > outcome.lastSequence() ?
            "sequences " + (outcome.lastSequence() + 1) + " to " + journalEnd + " (" +
                (journalEnd - outcome.lastSequence()) + " commands, acknowledged from the page cache) are lost" :
            "how many commands followed it is unknown";
        final String report = "journal cut after sequence " + outcome.lastSequence() + " at power-loss damage (" +
            outcome.truncatedWhere() + "); " + lost + "; the damaged journal is kept in " + aside;
        LOG.warn("recovery: {}", report);
        return report;
    }

    /**
     * The journal's last sequence for progress and loss reports; 0 where damage hides it. Chronicle
     * checks its index with assertions too (on in tests), which damage can trip as well: the replay
     * that follows judges the damage; this report only counts.
     */
    private static long lastSequenceOrZero(final JournalReader reader)
    {
        try
        {
            return reader.lastSequence();
        }
        catch (final RuntimeException | AssertionError ex)
        {
            LOG.warn("recovery: the journal's last sequence cannot be read from its end: {}", ex.toString());
            return 0;
        }
    }

    /** Applies replayed commands and says how far it has got on long replays. */
    private static final class Replayer implements io.startline.persistence.journal.JournalRecordHandler
    {
        private final Engine engine;
        private final UnsafeBuffer result;
        private final long total;
        private final long firstSequence;
        private final long progressIntervalNs;
        private final long startNs = System.nanoTime();
        private long nextReportNs;
        private long done;

        Replayer(final Engine engine, final long journalEnd, final long progressIntervalMs)
        {
            this.engine = engine;
            result = new UnsafeBuffer(new byte[engine.maxResultLength()]);
            firstSequence = engine.lastSequence();
            total = Math.max(0, journalEnd - firstSequence);
            progressIntervalNs = progressIntervalMs * 1_000_000;
            nextReportNs = startNs + progressIntervalNs;
        }

        @Override
        public void prefetch(final org.agrona.DirectBuffer command, final int offset)
        {
            engine.prefetch(command, offset);
        }

        @Override
        public void onRecord(final long sequence, final long timestampMs, final int flags,
            final org.agrona.DirectBuffer command, final int offset, final int length)
        {
            if (sequence != engine.lastSequence() + 1)
            {
                throw new IllegalStateException("the journal continues at sequence " + sequence + " but the state is at " +
                    engine.lastSequence() + ": no usable snapshot covers the commands in between (were older " +
                    "journal files deleted by hand?)");
            }
            engine.apply(sequence, timestampMs, command, offset, result, 0);
            done++;
            if ((done & PROGRESS_CHECK_MASK) == 0)
            {
                final long nowNs = System.nanoTime();
                if (nowNs >= nextReportNs)
                {
                    nextReportNs = nowNs + progressIntervalNs;
                    final double seconds = (nowNs - startNs) / 1e9;
                    LOG.info("replay: {} of {} commands ({}%), {} commands/s", done, total,
                        total == 0 ? 100 : done * 100 / total, (long)(done / seconds));
                }
            }
        }
    }
}
