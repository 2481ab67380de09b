package io.startline.cluster.member;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.checksum.Checksums;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.startline.cluster.auth.SharedSecretAuthenticator;
import io.startline.cluster.service.EngineService;
import io.startline.cluster.service.ServiceStatus;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.NoOpLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One cluster member in one process: the media driver, the archive that keeps the Raft log, the
 * consensus module, and the engine as the clustered service. Threads back off when idle (the
 * driver and archive share one thread each), so three members fit a 2-core machine.
 * <p>
 * The data directory holds {@code cluster/} (Aeron Cluster's recording log, node state and mark
 * files), {@code archive/} (the log and the snapshots) and {@code member.lock}, held while the
 * member runs: a second member on one directory is refused, and a new holder knows the last one
 * is dead.
 */
public final class ClusterMember implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMember.class);
    static final String LOCK_FILE = "member.lock";
    static final String CLUSTER_DIR = "cluster";
    public static final String ARCHIVE_DIR = "archive";
    /** What the archive checksums the log's frames with (a name ArchiveTool's verify takes). */
    public static final String ARCHIVE_CHECKSUM = "org.agrona.checksum.Crc32c";
    /** The archive's segment files: the unit in which the log behind the retained snapshots is deleted. */
    private static final int SEGMENT_TERMS = 4;

    private final ClusterMemberContext context;
    private final ServiceStatus status = new ServiceStatus();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final FileChannel lockChannel;
    private final FileLock lock;
    private ClusteredMediaDriver driver;
    private ClusteredServiceContainer container;
    private LogRetention retention;
    private volatile String terminationReason;

    private ClusterMember(final ClusterMemberContext context, final FileChannel lockChannel, final FileLock lock)
    {
        this.context = context;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Checks the configuration and this member's ports, then starts. Nothing is written before the
     * checks pass.
     *
     * @throws IllegalArgumentException with a one-line reason for a configuration mistake or a port in use.
     * @throws IllegalStateException    when another member holds the data directory.
     */
    public static ClusterMember launch(final ClusterMemberContext context)
    {
        context.validate();
        PortCheck.checkFree(context.self());
        final ClusterMember member = lock(context);
        try
        {
            member.start();
            return member;
        }
        catch (final RuntimeException ex)
        {
            member.close();
            throw ex;
        }
    }

    private static ClusterMember lock(final ClusterMemberContext context)
    {
        final Path dataDir = context.dataDir();
        FileChannel channel = null;
        try
        {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock = channel.tryLock();
            if (lock == null)
            {
                channel.close();
                throw new IllegalStateException("another member is running on " + dataDir);
            }
            return new ClusterMember(context, channel, lock);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(channel);
            throw new UncheckedIOException("cannot use the data directory " + dataDir + ": " + ex.getMessage(), ex);
        }
    }

    private void start()
    {
        final Path clusterDir = context.dataDir().resolve(CLUSTER_DIR);
        final Path archiveDir = context.dataDir().resolve(ARCHIVE_DIR);
        try
        {
            StaleMarkFiles.deactivate(clusterDir, archiveDir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the mark files in " + context.dataDir(), ex);
        }
        final String aeronDir = context.aeronDir().toString();
        final String host = context.self().host();
        final AeronArchive.Context localArchive = new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel("aeron:ipc?term-length=64k")
            .controlResponseChannel("aeron:ipc?term-length=64k")
            .aeronDirectoryName(aeronDir);

        final EngineService service = new EngineService(context.engineContext(), context.tickIntervalMs(),
            context.snapshotSchedule(), status);
        driver = ClusteredMediaDriver.launch(
            mediaDriver(aeronDir),
            archive(aeronDir, archiveDir, host),
            consensusModule(aeronDir, clusterDir, host, localArchive.clone()));
        final ConsensusModule.Context consensus = driver.consensusModule().context();
        service.snapshotTrigger(() -> ClusterControl.ToggleState.SNAPSHOT.toggle(consensus.controlToggleCounter()));
        container = ClusteredServiceContainer.launch(new ClusteredServiceContainer.Context()
            .aeronDirectoryName(aeronDir)
            .clusterDir(clusterDir.toFile())
            .archiveContext(localArchive.clone())
            .clusteredService(service)
            .snapshotChannel(snapshotChannel())
            .idleStrategySupplier(ClusterMember::idleStrategy)
            .errorHandler(ex -> onError("cluster service", ex))
            .terminationHook(() -> onTermination("the clustered service terminated")));
        retention = LogRetention.start(context, clusterDir, localArchive.clone(), status);
        LOG.info("cluster member {} of {} started: data in {}, media driver in {}", context.memberId(),
            context.members().size(), context.dataDir(), aeronDir);
    }

    private MediaDriver.Context mediaDriver(final String aeronDir)
    {
        // The member owns its driver directory and holds the data directory's lock: a directory left
        // by a killed member is its own and is cleared.
        return new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idleStrategy())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .termBufferSparseFile(true)
            .publicationTermBufferLength(context.termLength())
            .ipcTermBufferLength(context.termLength())
            .errorHandler(ex -> LOG.warn("media driver: {}", ex.toString()));
    }

    private Archive.Context archive(final String aeronDir, final Path archiveDir, final String host)
    {
        return new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(archiveDir.toFile())
            .controlChannel("aeron:udp?endpoint=" + context.self().endpoint(MemberList.ARCHIVE_PORT_OFFSET))
            .localControlChannel("aeron:ipc?term-length=64k")
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(ClusterMember::idleStrategy)
            .segmentFileLength(SEGMENT_TERMS * context.termLength())
            .fileSyncLevel(context.fileSyncLevel())
            .catalogFileSyncLevel(context.fileSyncLevel())
            .deleteArchiveOnStart(false)
            // Every frame of the log is checksummed as recorded and checked again when replayed (a
            // member catching up, or recovering), so a damaged recording is named, not applied.
            // ArchiveTool's verify with -checksum finds one offline (README).
            .recordChecksum(Checksums.newInstance(ARCHIVE_CHECKSUM))
            .replayChecksum(Checksums.newInstance(ARCHIVE_CHECKSUM))
            .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:udp?endpoint=" + host + ":0"))
            .errorHandler(ex -> LOG.warn("archive: {}", ex.toString()));
    }

    private ConsensusModule.Context consensusModule(final String aeronDir, final Path clusterDir, final String host,
        final AeronArchive.Context localArchive)
    {
        return new ConsensusModule.Context()
            .aeronDirectoryName(aeronDir)
            .clusterMemberId(context.memberId())
            .clusterMembers(context.members().clusterMembers())
            .clusterDir(clusterDir.toFile())
            .archiveContext(localArchive)
            .ingressChannel("aeron:udp?term-length=" + context.termLength())
            .logChannel("aeron:udp?term-length=" + context.termLength())
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .snapshotChannel(snapshotChannel())
            .authenticatorSupplier(() -> new SharedSecretAuthenticator(context.clusterSecret()))
            .leaderHeartbeatTimeoutNs(TimeUnit.MILLISECONDS.toNanos(context.leaderHeartbeatTimeoutMs()))
            .leaderHeartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(context.leaderHeartbeatIntervalMs()))
            .electionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(context.electionTimeoutMs()))
            .startupCanvassTimeoutNs(TimeUnit.MILLISECONDS.toNanos(context.startupCanvassTimeoutMs()))
            .sessionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(context.sessionTimeoutMs()))
            .maxConcurrentSessions(context.maxSessions())
            .fileSyncLevel(context.fileSyncLevel())
            .idleStrategySupplier(ClusterMember::idleStrategy)
            .deleteDirOnStart(false)
            .errorHandler(ex -> onError("consensus module", ex))
            .terminationHook(() -> onTermination("the consensus module terminated"));
    }

    private String snapshotChannel()
    {
        return "aeron:ipc?alias=snapshot|term-length=" + context.termLength();
    }

    private static BackoffIdleStrategy idleStrategy()
    {
        // Spin a little, yield a little, then park up to a millisecond: quick to wake at a rush, close to
        // idle on a small machine between rushes.
        return new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
    }

    /**
     * Aeron's components report errors here and carry on. One that ends an agent (the service failed
     * to load its snapshot, a fatal cluster error) ends the member: the process then exits for its
     * supervisor rather than staying up with a dead service.
     */
    private void onError(final String component, final Throwable ex)
    {
        LOG.warn("{}: {}", component, ex.toString());
        if (ex instanceof org.agrona.concurrent.AgentTerminationException ||
            (ex instanceof io.aeron.exceptions.AeronException aeron &&
            aeron.category() == io.aeron.exceptions.AeronException.Category.FATAL))
        {
            onTermination(component + " stopped: " + ex.getMessage());
        }
        else if (isDamagedLog(ex))
        {
            // The consensus module would ask for the same replay again and again, and fail the same
            // way each time (twice a second, for ever): the member could never serve. It stops and
            // says where the damage is.
            onTermination("a replay of the Raft log met a damaged frame (" + ex.getMessage() + "): verify-archive " +
                "--data-dir " + context.dataDir() + " names it where it is this member's; restore the damaged " +
                "member's data directory from a healthy member's");
        }
    }

    /** A frame of the recorded log whose checksum no longer matches: a replay of it can never succeed. */
    private static boolean isDamagedLog(final Throwable ex)
    {
        return ex instanceof io.aeron.archive.client.ArchiveException && ex.getMessage() != null &&
            ex.getMessage().contains("checksum mismatch");
    }

    private void onTermination(final String reason)
    {
        if (terminationReason == null)
        {
            terminationReason = reason;
        }
        terminated.countDown();
    }

    /** Blocks until the consensus module or the service terminates on its own (a fatal error, an operator's shutdown). */
    public String awaitTermination() throws InterruptedException
    {
        terminated.await();
        return terminationReason;
    }

    public ServiceStatus status()
    {
        return status;
    }

    public ClusterMemberContext context()
    {
        return context;
    }

    /** The log position a majority has appended: what the cluster has committed. */
    public long commitPosition()
    {
        return driver == null ? -1 : driver.consensusModule().context().commitPositionCounter().get();
    }

    /** The consensus module's own view of this member's role, which the service learns a moment later. */
    public Cluster.Role consensusRole()
    {
        return driver == null ? Cluster.Role.FOLLOWER :
            Cluster.Role.get(driver.consensusModule().context().clusterNodeRoleCounter());
    }

    public long logBytesPurged()
    {
        return retention == null ? 0 : retention.bytesPurged();
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(retention);
        CloseHelper.quietClose(container);
        CloseHelper.quietClose(driver);
        try
        {
            if (lock.isValid())
            {
                lock.release();
            }
            lockChannel.close();
        }
        catch (final IOException ex)
        {
            LOG.warn("cluster member: releasing {}: {}", LOCK_FILE, ex.toString());
        }
        onTermination("closed");
    }
}
