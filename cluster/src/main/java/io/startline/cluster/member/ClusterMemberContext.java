package io.startline.cluster.member;

import io.startline.engine.EngineContext;
import io.startline.engine.support.SnapshotSchedule;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything one cluster member is started with. Defaults suit a small machine: 4 MiB terms
 * (Aeron's are 64 MiB), a 3 s leader heartbeat timeout (Aeron's is 10 s, a long time to be
 * without a leader at a rush, and still well clear of the pauses of a 2-core machine), threads
 * that back off when idle. {@link #validate()} names the first mistake in one line.
 */
public final class ClusterMemberContext
{
    public static final long TICK_INTERVAL_MS_DEFAULT = 100;
    public static final long SNAPSHOT_INTERVAL_COMMANDS_DEFAULT = 1_000_000;
    public static final int SNAPSHOTS_RETAINED_DEFAULT = 3;
    /** A second with this many commands or more is a rush, which a periodic snapshot waits out. */
    public static final long SNAPSHOT_DEFER_BUSY_RATE_DEFAULT = 1_000;
    /** A periodic snapshot waits at most this many commands past its time. */
    public static final long SNAPSHOT_DEFER_MAX_COMMANDS_DEFAULT = 1_000_000;
    public static final long LEADER_HEARTBEAT_TIMEOUT_MS_DEFAULT = 3_000;
    public static final long SESSION_TIMEOUT_MS_DEFAULT = 10_000;
    public static final int TERM_LENGTH_DEFAULT = 4 << 20;
    public static final int FILE_SYNC_LEVEL_DEFAULT = 0;
    public static final int MAX_SESSIONS_DEFAULT = 64;

    private int memberId = -1;
    private MemberList members;
    private Path dataDir;
    private Path aeronDir;
    private EngineContext engineContext;
    private byte[] clusterSecret;
    private long tickIntervalMs = TICK_INTERVAL_MS_DEFAULT;
    private long snapshotIntervalCommands = SNAPSHOT_INTERVAL_COMMANDS_DEFAULT;
    private int snapshotsRetained = SNAPSHOTS_RETAINED_DEFAULT;
    private long snapshotDeferBusyRate = SNAPSHOT_DEFER_BUSY_RATE_DEFAULT;
    private long snapshotDeferMaxCommands = SNAPSHOT_DEFER_MAX_COMMANDS_DEFAULT;
    private long leaderHeartbeatTimeoutMs = LEADER_HEARTBEAT_TIMEOUT_MS_DEFAULT;
    private long sessionTimeoutMs = SESSION_TIMEOUT_MS_DEFAULT;
    private int termLength = TERM_LENGTH_DEFAULT;
    private int fileSyncLevel = FILE_SYNC_LEVEL_DEFAULT;
    private int maxSessions = MAX_SESSIONS_DEFAULT;

    /**
     * @throws IllegalArgumentException naming the first setting that is missing or out of range.
     */
    public ClusterMemberContext validate()
    {
        check(members != null, "--members is required");
        members.member(memberId);
        check(dataDir != null, "--data-dir is required");
        check(!Files.exists(dataDir) || Files.isDirectory(dataDir), "--data-dir " + dataDir + " is not a directory");
        check(engineContext != null, "the engine's limits and node key are required");
        check(clusterSecret != null, "a cluster secret is required (--cluster-secret-file or STARTLINE_CLUSTER_SECRET)");
        check(clusterSecret.length >= io.startline.cluster.auth.SharedSecretAuthenticator.MIN_SECRET_BYTES,
            "the cluster secret must be at least " + io.startline.cluster.auth.SharedSecretAuthenticator.MIN_SECRET_BYTES +
            " bytes");
        check(tickIntervalMs >= 1 && tickIntervalMs <= 60_000, "--tick-interval-ms must be in [1, 60000]: " + tickIntervalMs);
        check(snapshotIntervalCommands >= 0, "--snapshot-interval must be 0 or more: " + snapshotIntervalCommands);
        check(snapshotDeferBusyRate >= 0 && snapshotDeferMaxCommands >= 0,
            "the snapshot's busy rate and deferral must be 0 or more");
        check(snapshotsRetained >= 2 && snapshotsRetained <= 1000,
            "--snapshots-retained must be in [2, 1000]: " + snapshotsRetained);
        check(leaderHeartbeatTimeoutMs >= 500 && leaderHeartbeatTimeoutMs <= 120_000,
            "--leader-heartbeat-timeout-ms must be in [500, 120000]: " + leaderHeartbeatTimeoutMs);
        check(sessionTimeoutMs >= 2 * leaderHeartbeatTimeoutMs && sessionTimeoutMs <= 600_000,
            "--session-timeout-ms must be at least twice the leader heartbeat timeout and at most 600000: " +
            sessionTimeoutMs);
        check(termLength >= 1 << 20 && termLength <= 1 << 30 && Integer.bitCount(termLength) == 1,
            "--term-length must be a power of two in [1 MiB, 1 GiB]: " + termLength);
        check(fileSyncLevel >= 0 && fileSyncLevel <= 2, "--file-sync-level must be 0, 1 or 2: " + fileSyncLevel);
        check(maxSessions >= 1 && maxSessions <= 10_000, "--max-sessions must be in [1, 10000]: " + maxSessions);
        return this;
    }

    private static void check(final boolean ok, final String message)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(message);
        }
    }

    /** Aeron's heartbeat interval: a tenth of the timeout, so a leader may miss nine before it is given up. */
    public long leaderHeartbeatIntervalMs()
    {
        return Math.max(20, leaderHeartbeatTimeoutMs / 10);
    }

    /** How long a candidate waits for votes before trying again: half the heartbeat timeout. */
    public long electionTimeoutMs()
    {
        return Math.max(200, leaderHeartbeatTimeoutMs / 2);
    }

    /**
     * How long a starting member waits for all the others before a majority elects without them:
     * five heartbeat timeouts (Aeron waits 60 s by default).
     */
    public long startupCanvassTimeoutMs()
    {
        return 5 * leaderHeartbeatTimeoutMs;
    }

    public int memberId()
    {
        return memberId;
    }

    public ClusterMemberContext memberId(final int value)
    {
        memberId = value;
        return this;
    }

    public MemberList members()
    {
        return members;
    }

    public ClusterMemberContext members(final MemberList value)
    {
        members = value;
        return this;
    }

    public MemberList.Member self()
    {
        return members.member(memberId);
    }

    public Path dataDir()
    {
        return dataDir;
    }

    public ClusterMemberContext dataDir(final Path value)
    {
        dataDir = value;
        return this;
    }

    /**
     * The media driver's directory: given, or in shared memory ({@code /dev/shm}) where there is one,
     * named after the member and its port so members on one machine never share one.
     */
    public Path aeronDir()
    {
        if (aeronDir != null)
        {
            return aeronDir;
        }
        final Path shm = Path.of("/dev/shm");
        final String name = "startline-member-" + memberId + "-" + self().basePort();
        return Files.isDirectory(shm) ? shm.resolve(name) : dataDir.resolve("aeron");
    }

    public ClusterMemberContext aeronDir(final Path value)
    {
        aeronDir = value;
        return this;
    }

    public EngineContext engineContext()
    {
        return engineContext;
    }

    public ClusterMemberContext engineContext(final EngineContext value)
    {
        engineContext = value;
        return this;
    }

    public byte[] clusterSecret()
    {
        return clusterSecret;
    }

    public ClusterMemberContext clusterSecret(final byte[] value)
    {
        clusterSecret = value == null ? null : value.clone();
        return this;
    }

    public long tickIntervalMs()
    {
        return tickIntervalMs;
    }

    public ClusterMemberContext tickIntervalMs(final long value)
    {
        tickIntervalMs = value;
        return this;
    }

    public long snapshotIntervalCommands()
    {
        return snapshotIntervalCommands;
    }

    public ClusterMemberContext snapshotIntervalCommands(final long value)
    {
        snapshotIntervalCommands = value;
        return this;
    }

    /** When the leader asks for periodic snapshots: every interval, waiting out a rush up to a bound. */
    public SnapshotSchedule snapshotSchedule()
    {
        return new SnapshotSchedule(snapshotIntervalCommands, snapshotDeferBusyRate, snapshotDeferMaxCommands);
    }

    public ClusterMemberContext snapshotDeferBusyRate(final long commandsPerSecond)
    {
        snapshotDeferBusyRate = commandsPerSecond;
        return this;
    }

    public ClusterMemberContext snapshotDeferMaxCommands(final long commands)
    {
        snapshotDeferMaxCommands = commands;
        return this;
    }

    public int snapshotsRetained()
    {
        return snapshotsRetained;
    }

    public ClusterMemberContext snapshotsRetained(final int value)
    {
        snapshotsRetained = value;
        return this;
    }

    public long leaderHeartbeatTimeoutMs()
    {
        return leaderHeartbeatTimeoutMs;
    }

    public ClusterMemberContext leaderHeartbeatTimeoutMs(final long value)
    {
        leaderHeartbeatTimeoutMs = value;
        return this;
    }

    public long sessionTimeoutMs()
    {
        return sessionTimeoutMs;
    }

    public ClusterMemberContext sessionTimeoutMs(final long value)
    {
        sessionTimeoutMs = value;
        return this;
    }

    public int termLength()
    {
        return termLength;
    }

    public ClusterMemberContext termLength(final int value)
    {
        termLength = value;
        return this;
    }

    public int fileSyncLevel()
    {
        return fileSyncLevel;
    }

    public ClusterMemberContext fileSyncLevel(final int value)
    {
        fileSyncLevel = value;
        return this;
    }

    public int maxSessions()
    {
        return maxSessions;
    }

    public ClusterMemberContext maxSessions(final int value)
    {
        maxSessions = value;
        return this;
    }
}
