package io.startline.persistence.replication;

import java.nio.file.Path;

/**
 * How a node replicates: its role at start, where it listens and where its peer listens (Aeron
 * channels), the acknowledgement mode and what sync does without a standby, and the media
 * driver. Every value has a default and a checked range; {@link #validate()} names the first
 * one out of range.
 * <p>
 * Same host: UDP on two localhost ports works with the embedded drivers; IPC
 * ({@code aeron:ipc}) needs both nodes on one external driver ({@link #aeronDir}) and
 * different stream ids per direction.
 */
public final class ReplicationContext
{
    public static final int STREAM_ID_DEFAULT = 1001;
    public static final String SYNC_TIMEOUT_MS_PROP_NAME = "startline.replication.sync.timeout.ms";
    public static final long SYNC_TIMEOUT_MS_DEFAULT = 2_000;
    public static final String HEARTBEAT_INTERVAL_MS_PROP_NAME = "startline.replication.heartbeat.ms";
    public static final long HEARTBEAT_INTERVAL_MS_DEFAULT = 100;
    public static final String HANDSHAKE_TIMEOUT_MS_PROP_NAME = "startline.replication.handshake.timeout.ms";
    public static final long HANDSHAKE_TIMEOUT_MS_DEFAULT = 10_000;
    /** Term length of the default channels' logs: a message may be an eighth of it, more than a largest command. */
    public static final int TERM_LENGTH_DEFAULT = 4 << 20;

    private NodeRole role = NodeRole.PRIMARY;
    private String listenChannel;
    private String peerChannel;
    private int listenStreamId = STREAM_ID_DEFAULT;
    private int peerStreamId = STREAM_ID_DEFAULT;
    private AckMode ackMode = AckMode.SYNC;
    private StandbyLostPolicy standbyLostPolicy = StandbyLostPolicy.REFUSE_WRITES;
    private long syncTimeoutMs = Long.getLong(SYNC_TIMEOUT_MS_PROP_NAME, SYNC_TIMEOUT_MS_DEFAULT);
    private long heartbeatIntervalMs = Long.getLong(HEARTBEAT_INTERVAL_MS_PROP_NAME, HEARTBEAT_INTERVAL_MS_DEFAULT);
    private long handshakeTimeoutMs = Long.getLong(HANDSHAKE_TIMEOUT_MS_PROP_NAME, HANDSHAKE_TIMEOUT_MS_DEFAULT);
    private Path aeronDir;
    private long nodeKeyFingerprint;

    /** A channel for a UDP endpoint, {@code host:port}. */
    public static String udpChannel(final String endpoint)
    {
        return "aeron:udp?endpoint=" + endpoint + "|term-length=" + TERM_LENGTH_DEFAULT;
    }

    public ReplicationContext validate()
    {
        if (listenChannel == null || !listenChannel.startsWith("aeron:"))
        {
            throw new IllegalArgumentException("replication needs this node's listen channel (aeron:…): " + listenChannel);
        }
        if (peerChannel == null || !peerChannel.startsWith("aeron:"))
        {
            throw new IllegalArgumentException("replication needs the peer's channel (aeron:…): " + peerChannel);
        }
        if (listenChannel.equals(peerChannel) && listenStreamId == peerStreamId)
        {
            throw new IllegalArgumentException("the listen and peer channels are the same: a node would hear itself");
        }
        if (role == NodeRole.FENCED)
        {
            throw new IllegalArgumentException("a node starts as primary or standby");
        }
        checkRange("syncTimeoutMs", syncTimeoutMs, 10, 600_000);
        checkRange("heartbeatIntervalMs", heartbeatIntervalMs, 1, 10_000);
        checkRange("handshakeTimeoutMs", handshakeTimeoutMs, 0, 3_600_000);
        if (syncTimeoutMs < 3 * heartbeatIntervalMs)
        {
            throw new IllegalArgumentException("syncTimeoutMs must be at least three heartbeats: " + syncTimeoutMs);
        }
        return this;
    }

    private static void checkRange(final String name, final long value, final long min, final long max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + value);
        }
    }

    public NodeRole role()
    {
        return role;
    }

    public ReplicationContext role(final NodeRole startRole)
    {
        role = startRole;
        return this;
    }

    public String listenChannel()
    {
        return listenChannel;
    }

    public ReplicationContext listenChannel(final String channel)
    {
        listenChannel = channel;
        return this;
    }

    public String peerChannel()
    {
        return peerChannel;
    }

    public ReplicationContext peerChannel(final String channel)
    {
        peerChannel = channel;
        return this;
    }

    public int listenStreamId()
    {
        return listenStreamId;
    }

    public ReplicationContext listenStreamId(final int streamId)
    {
        listenStreamId = streamId;
        return this;
    }

    public int peerStreamId()
    {
        return peerStreamId;
    }

    public ReplicationContext peerStreamId(final int streamId)
    {
        peerStreamId = streamId;
        return this;
    }

    public AckMode ackMode()
    {
        return ackMode;
    }

    public ReplicationContext ackMode(final AckMode mode)
    {
        ackMode = mode;
        return this;
    }

    public StandbyLostPolicy standbyLostPolicy()
    {
        return standbyLostPolicy;
    }

    public ReplicationContext standbyLostPolicy(final StandbyLostPolicy policy)
    {
        standbyLostPolicy = policy;
        return this;
    }

    public long syncTimeoutMs()
    {
        return syncTimeoutMs;
    }

    public ReplicationContext syncTimeoutMs(final long timeoutMs)
    {
        syncTimeoutMs = timeoutMs;
        return this;
    }

    public long heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    public ReplicationContext heartbeatIntervalMs(final long intervalMs)
    {
        heartbeatIntervalMs = intervalMs;
        return this;
    }

    public long handshakeTimeoutMs()
    {
        return handshakeTimeoutMs;
    }

    public ReplicationContext handshakeTimeoutMs(final long timeoutMs)
    {
        handshakeTimeoutMs = timeoutMs;
        return this;
    }

    /**
     * A fingerprint of the key the engine derives voucher and check-in codes from: a standby
     * with another key would make other codes than its primary, so it refuses to follow one.
     */
    public long nodeKeyFingerprint()
    {
        return nodeKeyFingerprint;
    }

    public ReplicationContext nodeKeyFingerprint(final long fingerprint)
    {
        nodeKeyFingerprint = fingerprint;
        return this;
    }

    /** An external media driver's directory, or null for the embedded driver (the default). */
    public Path aeronDir()
    {
        return aeronDir;
    }

    public ReplicationContext aeronDir(final Path dir)
    {
        aeronDir = dir;
        return this;
    }
}
