package io.startline.cluster.service;

import io.aeron.cluster.service.Cluster;

/**
 * What the clustered engine has done, written by the service thread and read by the member's
 * {@code /health} and {@code /metrics}: plain volatile fields, no locks on the service's path.
 */
public final class ServiceStatus
{
    /** A term and its leader, as the log announced them: read together, never one without the other. */
    public record Leadership(long termId, int leaderMemberId)
    {
    }

    private volatile Cluster.Role role = Cluster.Role.FOLLOWER;
    private volatile Leadership leadership = new Leadership(-1, -1);
    private volatile long appliedSequence;
    private volatile long engineTimeMs;
    private volatile long logPosition;
    private volatile long snapshotSequence = -1;
    private volatile long snapshotStateHash;
    private volatile long snapshotLogPosition = -1;
    private volatile long snapshotDurationNs;
    private volatile long snapshotBytes;
    private volatile long snapshotsTaken;
    private volatile long repliesDropped;
    private volatile long requestsRefused;
    private volatile long commandsFailed;
    private volatile boolean started;
    private volatile long idempotencyKeysHeld;
    private volatile long idempotencyKeysEvictedEarly;

    void onStart(final long appliedSequence, final long engineTimeMs)
    {
        this.appliedSequence = appliedSequence;
        this.engineTimeMs = engineTimeMs;
        started = true;
    }

    void onApplied(final long sequence, final long timeMs, final long position)
    {
        appliedSequence = sequence;
        engineTimeMs = timeMs;
        logPosition = position;
    }

    void onIdempotencyKeys(final long held, final long evictedEarly)
    {
        idempotencyKeysHeld = held;
        idempotencyKeysEvictedEarly = evictedEarly;
    }

    void onRole(final Cluster.Role newRole)
    {
        role = newRole;
    }

    void onLeadershipTerm(final long termId, final int leaderId)
    {
        leadership = new Leadership(termId, leaderId);
    }

    void onSnapshot(final long sequence, final long stateHash, final long position, final long durationNs,
        final long bytes)
    {
        snapshotSequence = sequence;
        snapshotStateHash = stateHash;
        snapshotLogPosition = position;
        snapshotDurationNs = durationNs;
        snapshotBytes = bytes;
        snapshotsTaken++;
    }

    void onReplyDropped()
    {
        repliesDropped++;
    }

    void onRequestRefused()
    {
        requestsRefused++;
    }

    void onCommandFailed()
    {
        commandsFailed++;
    }

    public boolean started()
    {
        return started;
    }

    /** Idempotency keys the engine remembers: in a cluster every write holds one, the gateway's when the client gave none. */
    public long idempotencyKeysHeld()
    {
        return idempotencyKeysHeld;
    }

    /** Keys forgotten before their day for want of room: more writes within a request's deadline than the table holds risks a re-sent write applied twice. */
    public long idempotencyKeysEvictedEarly()
    {
        return idempotencyKeysEvictedEarly;
    }

    public Cluster.Role role()
    {
        return role;
    }

    /** The latest term this member's log has reached, and the leader the log names for it. */
    public Leadership leadership()
    {
        return leadership;
    }

    public long appliedSequence()
    {
        return appliedSequence;
    }

    public long engineTimeMs()
    {
        return engineTimeMs;
    }

    public long logPosition()
    {
        return logPosition;
    }

    /** The engine sequence of the newest snapshot this member took; -1 before its first. */
    public long snapshotSequence()
    {
        return snapshotSequence;
    }

    /** The engine's state hash in that snapshot: members that snapshot at one log position must agree on it. */
    public long snapshotStateHash()
    {
        return snapshotStateHash;
    }

    public long snapshotLogPosition()
    {
        return snapshotLogPosition;
    }

    public long snapshotDurationNs()
    {
        return snapshotDurationNs;
    }

    public long snapshotBytes()
    {
        return snapshotBytes;
    }

    public long snapshotsTaken()
    {
        return snapshotsTaken;
    }

    /** Answers the leader could not hand to a back-pressured gateway: it re-sends and gets the first answer. */
    public long repliesDropped()
    {
        return repliesDropped;
    }

    /** Session messages that were not a request (not a ClusterRequest, or too short): answered nothing. */
    public long requestsRefused()
    {
        return requestsRefused;
    }

    /** Commands the engine threw on: answered as an unknown command, on every member alike. */
    public long commandsFailed()
    {
        return commandsFailed;
    }
}
