package io.startline.cluster.member;

import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.client.ArchiveException;
import io.aeron.cluster.RecordingLog;
import io.startline.cluster.service.ServiceStatus;
import org.agrona.CloseHelper;
import org.agrona.collections.LongHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the archive from growing without bound. Aeron Cluster keeps every snapshot and the whole
 * log; once this member has more than {@code snapshotsRetained} snapshots, the log before the
 * oldest one kept is deleted (whole segment files, the archive's unit) and so are the older
 * snapshots' recordings. A member restarts from its newest snapshot and the log after it; a
 * follower that was away catches up from the leader's log as long as the leader still holds the
 * log from where the follower stopped, i.e. for as long as {@code snapshotsRetained − 1} snapshot
 * intervals. One away longer is re-seeded from a backup (the README says how).
 * <p>
 * Runs on its own thread, every few seconds and only after a new snapshot, with its own archive
 * client; it reads the recording log Aeron Cluster writes but never writes it.
 */
final class LogRetention implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(LogRetention.class);
    private static final long CHECK_INTERVAL_MS = 2_000;
    /** The clustered service's id: its snapshots are the ones counted. */
    private static final int SERVICE_ID = 0;

    private final ClusterMemberContext context;
    private final Path clusterDir;
    private final AeronArchive.Context archiveContext;
    private final ServiceStatus status;
    private final ScheduledExecutorService thread;
    private final LongHashSet purgedSnapshots = new LongHashSet();
    private Aeron aeron;
    private AeronArchive archive;
    private long snapshotsSeen = -1;
    private volatile long bytesPurged;

    private LogRetention(final ClusterMemberContext context, final Path clusterDir,
        final AeronArchive.Context archiveContext, final ServiceStatus status)
    {
        this.context = context;
        this.clusterDir = clusterDir;
        this.archiveContext = archiveContext;
        this.status = status;
        thread = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread worker = new Thread(runnable, "startline-log-retention");
            worker.setDaemon(true);
            return worker;
        });
    }

    static LogRetention start(final ClusterMemberContext context, final Path clusterDir,
        final AeronArchive.Context archiveContext, final ServiceStatus status)
    {
        final LogRetention retention = new LogRetention(context, clusterDir, archiveContext, status);
        retention.thread.scheduleWithFixedDelay(retention::checkSafely, CHECK_INTERVAL_MS, CHECK_INTERVAL_MS,
            TimeUnit.MILLISECONDS);
        return retention;
    }

    long bytesPurged()
    {
        return bytesPurged;
    }

    private void checkSafely()
    {
        final long snapshots = status.snapshotsTaken();
        if (snapshots == snapshotsSeen)
        {
            return;
        }
        try
        {
            purge();
            snapshotsSeen = snapshots;
        }
        catch (final RuntimeException ex)
        {
            // The recording log may be mid-append, or the archive busy or gone: a new client, and the
            // next check tries again.
            LOG.warn("log retention: {}", ex.toString());
            CloseHelper.quietCloseAll(archive, aeron);
            archive = null;
            aeron = null;
        }
    }

    private void purge()
    {
        final List<RecordingLog.Entry> snapshots = new ArrayList<>();
        final List<RecordingLog.Entry> allSnapshots = new ArrayList<>();
        final long logRecordingId;
        try (RecordingLog recordingLog = new RecordingLog(clusterDir.toFile(), false))
        {
            for (final RecordingLog.Entry entry : recordingLog.entries())
            {
                if (entry.type == RecordingLog.ENTRY_TYPE_SNAPSHOT && entry.isValid)
                {
                    allSnapshots.add(entry);
                    if (entry.serviceId == SERVICE_ID)
                    {
                        snapshots.add(entry);
                    }
                }
            }
            logRecordingId = recordingLog.findLastTermRecordingId();
        }
        if (snapshots.size() <= context.snapshotsRetained() || logRecordingId < 0)
        {
            return;
        }
        snapshots.sort(Comparator.comparingLong((RecordingLog.Entry entry) -> entry.logPosition).reversed());
        final long keepFrom = snapshots.get(context.snapshotsRetained() - 1).logPosition;
        final AeronArchive archive = archive();
        purgeLogBefore(archive, logRecordingId, keepFrom);
        for (final RecordingLog.Entry entry : allSnapshots)
        {
            if (entry.logPosition < keepFrom && !purgedSnapshots.contains(entry.recordingId))
            {
                purgeRecording(archive, entry.recordingId);
                purgedSnapshots.add(entry.recordingId);
            }
        }
    }

    private void purgeLogBefore(final AeronArchive archive, final long recordingId, final long keepFrom)
    {
        final long[] layout = new long[2];
        archive.listRecording(recordingId, (controlSessionId, correlationId, id, startTimestamp, stopTimestamp,
            startPosition, stopPosition, initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId,
            streamId, strippedChannel, originalChannel, sourceIdentity) ->
        {
            layout[0] = segmentFileLength;
            layout[1] = termBufferLength;
        });
        final long startPosition = archive.getStartPosition(recordingId);
        final long newStart = AeronArchive.segmentFileBasePosition(startPosition, keepFrom, (int)layout[1],
            (int)layout[0]);
        if (newStart > startPosition)
        {
            archive.purgeSegments(recordingId, newStart);
            bytesPurged += newStart - startPosition;
            LOG.info("log retention: deleted the log before position {} ({} MiB), keeping {} snapshots",
                newStart, (newStart - startPosition) >> 20, context.snapshotsRetained());
        }
    }

    /**
     * The recording log still lists snapshots once deleted (Aeron Cluster reads only the newest), so
     * after a restart a recording may be asked for again: one the archive no longer knows is done.
     */
    private static void purgeRecording(final AeronArchive archive, final long recordingId)
    {
        try
        {
            archive.purgeRecording(recordingId);
        }
        catch (final ArchiveException ex)
        {
            if (ex.errorCode() != ArchiveException.UNKNOWN_RECORDING)
            {
                throw ex;
            }
        }
    }

    private AeronArchive archive()
    {
        if (archive == null)
        {
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(context.aeronDir().toString()));
            archive = AeronArchive.connect(archiveContext.clone().aeron(aeron).ownsAeronClient(false)
                .controlResponseChannel("aeron:ipc?term-length=64k"));
        }
        return archive;
    }

    @Override
    public void close()
    {
        thread.shutdownNow();
        try
        {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        CloseHelper.quietCloseAll(archive, aeron);
    }
}
