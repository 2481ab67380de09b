package io.startline.persistence.snapshot;

import io.startline.engine.Engine;
import io.startline.persistence.PersistenceContext;
import io.startline.persistence.StorageFaults;
import io.startline.persistence.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Takes a snapshot on the engine thread and then applies the retention rule: keep the
 * newest {@link PersistenceContext#snapshotsRetained()} snapshots, and, when journal pruning
 * is on, delete the journal files that the oldest of them already covers. The journal is
 * pruned only once a fallback snapshot exists, so one damaged snapshot never strands recovery.
 */
public final class Snapshotter
{
    private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);

    private final PersistenceContext context;
    private final SnapshotStore store;
    private final Journal journal;
    /** The newest snapshot written, for /metrics; null before the first (of this process or on disk). */
    private volatile Taken last;
    private volatile long taken;

    /**
     * A snapshot written: its engine sequence, when it was complete (epoch ms, the wall clock: for
     * operators only, never the engine's time), and how long writing it held the engine (ns; -1
     * when it was found on disk at start-up and not written by this process).
     */
    public record Taken(long sequence, long completedEpochMs, long durationNs)
    {
    }

    public Snapshotter(final PersistenceContext context, final SnapshotStore store, final Journal journal)
    {
        this.context = context;
        this.store = store;
        this.journal = journal;
        last = newestOnDisk(store);
    }

    /** The newest snapshot this process wrote, or else the newest it found at start; null when none. */
    public Taken last()
    {
        return last;
    }

    /** Snapshots this process wrote. */
    public long taken()
    {
        return taken;
    }

    private static Taken newestOnDisk(final SnapshotStore store)
    {
        try
        {
            final List<SnapshotStore.SnapshotFile> files = store.list();
            if (files.isEmpty())
            {
                return null;
            }
            final SnapshotStore.SnapshotFile newest = files.get(0);
            return new Taken(newest.sequence(), Files.getLastModifiedTime(newest.path()).toMillis(), -1);
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    /**
     * The caller guarantees every command the engine has applied is already journaled: a
     * snapshot ahead of the journal would leave a gap in it after a crash. The journal is forced
     * to disk first, so that this holds after a power loss too, under every sync policy.
     * <p>
     * A snapshot that cannot be written (a full disk, no file descriptor left) costs only the
     * time to the next one: the journal still holds everything. So the failure is reported in
     * {@link StorageFaults}, logged once a spell, and the node goes on.
     *
     * @return the snapshot, or null when it could not be written.
     */
    public SnapshotStore.SnapshotFile take(final Engine engine)
    {
        final StorageFaults faults = context.storageFaults();
        try
        {
            final SnapshotStore.SnapshotFile file = write(engine);
            if (faults.succeeded(StorageFaults.Write.SNAPSHOT))
            {
                LOG.info("snapshot: writes work again after {} failed in all",
                    faults.failures(StorageFaults.Write.SNAPSHOT));
            }
            return file;
        }
        catch (final IOException | RuntimeException ex)
        {
            if (faults.failed(StorageFaults.Write.SNAPSHOT, ex))
            {
                LOG.error("snapshot: cannot write one at sequence {} ({}); the node goes on from its journal " +
                    "and tries again at the next snapshot", engine.lastSequence(),
                    faults.failure(StorageFaults.Write.SNAPSHOT));
            }
            return null;
        }
    }

    private SnapshotStore.SnapshotFile write(final Engine engine) throws IOException
    {
        final long startNs = System.nanoTime();
        context.writeFault().beforeWrite(StorageFaults.Write.SNAPSHOT);
        journal.force(engine.lastSequence());
        final SnapshotStore.SnapshotFile file = store.write(engine);
        final long durationNs = System.nanoTime() - startNs;
        last = new Taken(file.sequence(), System.currentTimeMillis(), durationNs);
        taken++;
        LOG.info("snapshot: {} at sequence {} in {} ms", file.path(), file.sequence(), durationNs / 1_000_000);
        final List<SnapshotStore.SnapshotFile> kept = store.list();
        final SnapshotStore.SnapshotFile oldestKept = store.retainNewest(context.snapshotsRetained());
        if (context.pruneJournal() && kept.size() >= 2 && oldestKept != null)
        {
            journal.deleteFilesBefore(oldestKept.sequence());
        }
        return file;
    }
}
