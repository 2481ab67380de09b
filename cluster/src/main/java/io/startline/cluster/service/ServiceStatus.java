package io.startline.cluster.service;

import io.aeron.cluster.service.Cluster;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the clustered engine has done, written by the service thread and read by the member's
 * {@code /health} and {@code /metrics}: volatile fields, and for what changes with every command,
 * ordered stores without a fence. No locks on the service's path.
 */
public final class ServiceStatus
{
    private static final int APPLIED_SEQUENCE = 0;
    private static final int ENGINE_TIME_MS = 1;
    private static final int LOG_POSITION = 2;
    private static final int IDEMPOTENCY_KEYS_HELD = 3;
    private static final int IDEMPOTENCY_KEYS_EVICTED_EARLY = 4;
    private static final int PROGRESS_SLOTS = 5;

    /** A term and its leader, as the log announced them: read together, never one without the other. */
    public record Leadership(long termId, int leaderMemberId)
    {
    }

    private volatile Cluster.Role role = Cluster.Role.FOLLOWER;
    private volatile Leadership leadership = new Leadership(-1, -1);
    /** What every applied command moves, stored in order but without a fence: a reader may see it a moment late. */
    private final AtomicLongArray progress = new AtomicLongArray(PROGRESS_SLOTS);
    private volatile long snapshotSequence = -1;
    private volatile long snapshotStateHash;
    private volatile long snapshotLogPosition = -1;
    private volatile long snapshotDurationNs;
    private volatile long snapshotBytes;
    private volatile long snapshotsTaken;
    /** Wall-clock time the newest snapshot was complete, for operators only (the engine never reads it); 0 before one. */
    private volatile long snapshotCompletedEpochMs;
    private volatile long repliesDropped;
    private volatile long requestsRefused;
    private volatile long commandsFailed;
    private volatile boolean started;

    void onStart(final long appliedSequence, final long engineTimeMs)
    {
        progress.lazySet(APPLIED_SEQUENCE, appliedSequence);
        progress.lazySet(ENGINE_TIME_MS, engineTimeMs);
        started = true;
    }

    void onApplied(final long sequence, final long timeMs, final long position)
    {
        progress.lazySet(APPLIED_SEQUENCE, sequence);
        progress.lazySet(ENGINE_TIME_MS, timeMs);
        progress.lazySet(LOG_POSITION, position);
    }

    void onIdempotencyKeys(final long held, final long evictedEarly)
    {
        progress.lazySet(IDEMPOTENCY_KEYS_HELD, held);
        progress.lazySet(IDEMPOTENCY_KEYS_EVICTED_EARLY, evictedEarly);
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
        snapshotCompletedEpochMs = System.currentTimeMillis();
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
        return progress.get(IDEMPOTENCY_KEYS_HELD);
    }

    /** Keys forgotten before their day for want of room: more writes within a request's deadline than the table holds risks a re-sent write applied twice. */
    public long idempotencyKeysEvictedEarly()
    {
        return progress.get(IDEMPOTENCY_KEYS_EVICTED_EARLY);
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
        return progress.get(APPLIED_SEQUENCE);
    }

    public long engineTimeMs()
    {
        return progress.get(ENGINE_TIME_MS);
    }

    public long logPosition()
    {
        return progress.get(LOG_POSITION);
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

    /** When (epoch ms, this member's wall clock) the newest snapshot was complete; 0 before its first. */
    public long snapshotCompletedEpochMs()
    {
        return snapshotCompletedEpochMs;
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
