package io.startline.persistence;

import io.startline.persistence.journal.SyncPolicy;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

import java.nio.file.Path;

/**
 * Where and how a node keeps its journal and snapshots. Every value has a default and a
 * checked range; {@link #validate()} names the first one out of range.
 */
public final class PersistenceContext
{
    public static final String SYNC_POLICY_PROP_NAME = "startline.journal.sync";
    public static final SyncPolicy SYNC_POLICY_DEFAULT = SyncPolicy.NONE;
    public static final String SNAPSHOTS_RETAINED_PROP_NAME = "startline.snapshots.retained";
    public static final int SNAPSHOTS_RETAINED_DEFAULT = 3;
    public static final String PRUNE_JOURNAL_PROP_NAME = "startline.journal.prune";
    public static final boolean PRUNE_JOURNAL_DEFAULT = true;
    public static final int MAX_BATCH_BYTES_DEFAULT = 1 << 20;
    public static final int MAX_COMMAND_BYTES_DEFAULT = 256 * 1024;
    public static final String REPLAY_PROGRESS_INTERVAL_MS_PROP_NAME = "startline.replay.progress.ms";
    public static final long REPLAY_PROGRESS_INTERVAL_MS_DEFAULT = 2_000;

    /** A snapshot and its fallback: one corrupt file must never leave recovery with nothing. */
    private static final int SNAPSHOTS_RETAINED_MIN = 2;
    private static final int SNAPSHOTS_RETAINED_MAX = 1_000;

    private Path dataDir;
    private SyncPolicy syncPolicy = EnumProperty.get(SYNC_POLICY_PROP_NAME, SyncPolicy.class, SYNC_POLICY_DEFAULT);
    private int snapshotsRetained = Integer.getInteger(SNAPSHOTS_RETAINED_PROP_NAME, SNAPSHOTS_RETAINED_DEFAULT);
    private boolean pruneJournal = Boolean.parseBoolean(
        System.getProperty(PRUNE_JOURNAL_PROP_NAME, String.valueOf(PRUNE_JOURNAL_DEFAULT)));
    private int maxBatchBytes = MAX_BATCH_BYTES_DEFAULT;
    private int maxCommandBytes = MAX_COMMAND_BYTES_DEFAULT;
    private long replayProgressIntervalMs = Long.getLong(REPLAY_PROGRESS_INTERVAL_MS_PROP_NAME,
        REPLAY_PROGRESS_INTERVAL_MS_DEFAULT);
    private RollCycle rollCycle = RollCycles.FAST_DAILY;
    private TimeProvider journalTimeProvider = SystemTimeProvider.INSTANCE;
    private final StorageFaults storageFaults = new StorageFaults();
    private WriteFault writeFault = WriteFault.NONE;

    public PersistenceContext validate()
    {
        if (dataDir == null)
        {
            throw new IllegalArgumentException("dataDir is not set");
        }
        if (snapshotsRetained < SNAPSHOTS_RETAINED_MIN || snapshotsRetained > SNAPSHOTS_RETAINED_MAX)
        {
            throw new IllegalArgumentException("snapshotsRetained must be in [" + SNAPSHOTS_RETAINED_MIN + ", " +
                SNAPSHOTS_RETAINED_MAX + "]: " + snapshotsRetained);
        }
        if (maxCommandBytes < 64 || maxCommandBytes > 16 << 20)
        {
            throw new IllegalArgumentException("maxCommandBytes must be in [64, 16 MiB]: " + maxCommandBytes);
        }
        if (maxBatchBytes < maxCommandBytes + 1024 || maxBatchBytes > 64 << 20)
        {
            throw new IllegalArgumentException("maxBatchBytes must hold one largest command and be at most 64 MiB: " +
                maxBatchBytes);
        }
        if (replayProgressIntervalMs < 1)
        {
            throw new IllegalArgumentException("replayProgressIntervalMs must be positive: " + replayProgressIntervalMs);
        }
        return this;
    }

    public Path dataDir()
    {
        return dataDir;
    }

    public PersistenceContext dataDir(final Path dir)
    {
        dataDir = dir;
        return this;
    }

    public Path journalDir()
    {
        return dataDir.resolve("journal");
    }

    public Path snapshotDir()
    {
        return dataDir.resolve("snapshots");
    }

    public SyncPolicy syncPolicy()
    {
        return syncPolicy;
    }

    public PersistenceContext syncPolicy(final SyncPolicy policy)
    {
        syncPolicy = policy;
        return this;
    }

    public int snapshotsRetained()
    {
        return snapshotsRetained;
    }

    public PersistenceContext snapshotsRetained(final int count)
    {
        snapshotsRetained = count;
        return this;
    }

    /**
     * Whether journal cycles that no retained snapshot needs are deleted after each snapshot.
     * Off keeps the whole history, for audits that want every command ever taken.
     */
    public boolean pruneJournal()
    {
        return pruneJournal;
    }

    public PersistenceContext pruneJournal(final boolean prune)
    {
        pruneJournal = prune;
        return this;
    }

    public int maxBatchBytes()
    {
        return maxBatchBytes;
    }

    public PersistenceContext maxBatchBytes(final int bytes)
    {
        maxBatchBytes = bytes;
        return this;
    }

    public int maxCommandBytes()
    {
        return maxCommandBytes;
    }

    public PersistenceContext maxCommandBytes(final int bytes)
    {
        maxCommandBytes = bytes;
        return this;
    }

    public long replayProgressIntervalMs()
    {
        return replayProgressIntervalMs;
    }

    public PersistenceContext replayProgressIntervalMs(final long intervalMs)
    {
        replayProgressIntervalMs = intervalMs;
        return this;
    }

    public RollCycle rollCycle()
    {
        return rollCycle;
    }

    /** How often the journal starts a new file; tests roll every second to exercise retention. */
    public PersistenceContext rollCycle(final RollCycle cycle)
    {
        rollCycle = cycle;
        return this;
    }

    public TimeProvider journalTimeProvider()
    {
        return journalTimeProvider;
    }

    /** The clock Chronicle rolls files by; it never reaches the engine. */
    public PersistenceContext journalTimeProvider(final TimeProvider provider)
    {
        journalTimeProvider = provider;
        return this;
    }

    /** Where journal and snapshot write failures are reported while they last. */
    public StorageFaults storageFaults()
    {
        return storageFaults;
    }

    public WriteFault writeFault()
    {
        return writeFault;
    }

    /** For tests: what the journal and snapshot writes meet before they write. */
    public PersistenceContext writeFault(final WriteFault fault)
    {
        writeFault = fault;
        return this;
    }
}
