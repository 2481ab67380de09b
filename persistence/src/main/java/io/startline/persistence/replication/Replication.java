package io.startline.persistence.replication;

import io.aeron.FragmentAssembler;
import io.aeron.logbuffer.Header;
import io.startline.persistence.journal.BatchDocument;
import io.startline.persistence.journal.BatchEncoder;
import io.startline.persistence.journal.Journal;
import io.startline.persistence.journal.JournalRecordHandler;
import io.startline.persistence.journal.JournalTailer;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A node's replication: its role and durable epoch, the Aeron link to its peer, and an agent
 * thread that does the role's duty.
 * <ul>
 *   <li>Primary: answers a standby's hello with a welcome and catches it up from the journal
 *   until the ring's replicator can send live ({@link #replicate}); takes acknowledgements;
 *   sends heartbeats; under {@link AckMode#SYNC} the ring waits in {@link #awaitStandby}.</li>
 *   <li>Standby: hands every batch the primary sends to its own pipeline at the primary's
 *   sequence and time, acknowledges what its journal holds, asks again after a gap.</li>
 * </ul>
 * Anything from the peer carrying a higher epoch fences a primary for good. Promotion
 * ({@link #promote}) turns a standby into the primary of a new epoch.
 */
public final class Replication implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Replication.class);
    private static final long CONTROL_SEND_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SUBMIT_RETRY_NS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long AWAIT_PARK_NS = TimeUnit.MICROSECONDS.toNanos(20);
    private static final int FRAGMENT_LIMIT = 16;
    private static final int MAX_BATCH_BYTES = 1 << 20;
    private static final String KEY_MISMATCH = "the primary's node key is not this node's: the two would make " +
        "different voucher and check-in codes. Copy node.key from the primary's data directory into this node's " +
        "before starting it";

    /** Thrown to the ring when a write it holds can never be acknowledged: the node was fenced or is closing. */
    public static final class WriteAbandonedException extends RuntimeException
    {
        WriteAbandonedException(final String message)
        {
            super(message);
        }
    }

    /** What a standby learned from its primary before starting. */
    public record Welcome(long epoch, long epochStartSequence, long keepThroughSequence, long primarySequence,
        long nodeKeyFingerprint)
    {
        /** Whether the standby's journal holds sequences the primary's history does not. */
        public boolean mustDiscardAfter(final long lastJournaledSequence)
        {
            return lastJournaledSequence > keepThroughSequence;
        }
    }

    private final ReplicationContext context;
    private final EpochStore epochs;
    private final AeronLink link;
    private final StandbyFeed feed;
    private final int maxBatchBytes;
    private final ReentrantLock dutyLock = new ReentrantLock();
    private final FragmentAssembler assembler;
    private final UnsafeBuffer control = new UnsafeBuffer(new byte[ReplicationFormat.WELCOME_LENGTH]);
    private final UnsafeBuffer noBody = new UnsafeBuffer(new byte[0]);
    private final BatchDocument received = new BatchDocument();
    private final JournalRecordHandler submitter = this::submitReplicated;
    private final AtomicLong standbyLostCount = new AtomicLong();
    private final AtomicLong asyncFallbackCount = new AtomicLong();
    private final long heartbeatIntervalNs;
    private final long peerTimeoutNs;
    private final long syncTimeoutNs;
    private byte[] receivedBytes = new byte[64 * 1024];
    private volatile NodeRole role;
    private volatile boolean diverged;
    private volatile boolean writesRefused;
    private volatile boolean fellBackToAsync;
    private volatile boolean closing;
    private volatile long peerSequence;
    private volatile long lastHeardFromPeerNs;
    private volatile long lastSubmittedSequence;
    private ReplicaSink sink;
    private Journal journal;
    private JournalTailer tailer;
    private AgentRunner runner;
    private volatile boolean welcomed;
    private boolean gapReported;
    private long nextHeartbeatNs;
    private long nextHelloNs;
    private long lastAckSent = -1;
    private Welcome handshakeWelcome;

    public Replication(final ReplicationContext context, final Path dataDir)
    {
        this.context = context.validate();
        epochs = new EpochStore(dataDir);
        role = context.role();
        heartbeatIntervalNs = TimeUnit.MILLISECONDS.toNanos(context.heartbeatIntervalMs());
        syncTimeoutNs = TimeUnit.MILLISECONDS.toNanos(context.syncTimeoutMs());
        peerTimeoutNs = syncTimeoutNs;
        link = new AeronLink(context);
        maxBatchBytes = Math.min(MAX_BATCH_BYTES, link.maxMessageLength() - ReplicationFormat.HEADER_LENGTH);
        feed = new StandbyFeed(link, maxBatchBytes);
        assembler = AeronLink.assembler(this::onMessage);
        control.putByte(ReplicationFormat.FORMAT_VERSION_OFFSET, ReplicationFormat.FORMAT_VERSION);
        LOG.info("replication: {} in epoch {} (ack {}, on a lost standby {})", role, epochs.epoch(),
            context.ackMode(), context.standbyLostPolicy());
    }

    /**
     * A standby's first words with its primary, before its pipeline recovers: says where its
     * journal ends and hears what the primary's history is, so a tail the primary never had
     * can be discarded first. Waits at most the handshake timeout.
     *
     * @return what the primary said, or null when it did not answer in time.
     */
    public Welcome handshake(final long lastJournaledSequence)
    {
        if (role != NodeRole.STANDBY)
        {
            throw new IllegalStateException("only a standby hands shakes with a primary");
        }
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(context.handshakeTimeoutMs());
        lastSubmittedSequence = lastJournaledSequence;
        handshakeWelcome = null;
        long nextHelloAtNs = System.nanoTime();
        while (handshakeWelcome == null && System.nanoTime() - deadlineNs < 0)
        {
            if (System.nanoTime() - nextHelloAtNs >= 0)
            {
                sendSequence(ReplicationFormat.TYPE_HELLO, lastJournaledSequence);
                nextHelloAtNs = System.nanoTime() + 10 * heartbeatIntervalNs;
            }
            if (link.poll(assembler, FRAGMENT_LIMIT) == 0)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        if (handshakeWelcome == null)
        {
            LOG.warn("replication: no primary answered within {} ms; starting, and following it once it does",
                context.handshakeTimeoutMs());
        }
        else if (handshakeWelcome.nodeKeyFingerprint() != context.nodeKeyFingerprint())
        {
            throw new IllegalStateException(KEY_MISMATCH);
        }
        return handshakeWelcome;
    }

    /** After a handshake, and after any discarded tail is gone: takes the primary's epoch as this node's. */
    public void adopt(final Welcome welcome)
    {
        epochs.adopt(welcome.epoch(), welcome.epochStartSequence());
    }

    /**
     * Starts the agent thread.
     *
     * @param lastSequence the last sequence the node's engine has (its journal's end).
     */
    public void start(final ReplicaSink replicaSink, final Journal nodeJournal, final long lastSequence)
    {
        sink = replicaSink;
        journal = nodeJournal;
        lastSubmittedSequence = lastSequence;
        runner = new AgentRunner(AeronLink.idleStrategy(), ex -> LOG.error("replication: agent error", ex), null,
            new ReplicationAgent());
        AgentRunner.startOnThread(runner, runnable ->
        {
            final Thread thread = new Thread(runnable, "startline-replication");
            thread.setDaemon(true);
            return thread;
        });
    }

    // ---- the ring's side (primary) ----

    /** The largest batch document one message carries. */
    public int maxBatchBytes()
    {
        return maxBatchBytes;
    }

    /** Whether a client's write may enter the ring now. */
    public WriteAdmission admission()
    {
        if (role != NodeRole.PRIMARY)
        {
            return WriteAdmission.NOT_PRIMARY;
        }
        return writesRefused ? WriteAdmission.STANDBY_UNAVAILABLE : WriteAdmission.ACCEPT;
    }

    /** The ring's replicator: one journaled batch, sent live when the standby is ready for it. */
    public void replicate(final BatchEncoder batch, final int documentLength)
    {
        if (role == NodeRole.PRIMARY)
        {
            feed.offerLive(batch, documentLength, epochs.epoch());
        }
    }

    /**
     * Under {@link AckMode#SYNC}, returns once the standby has journaled {@code sequence}. When
     * it does not within the sync timeout: under {@link StandbyLostPolicy#FALL_BACK_TO_ASYNC}
     * returns, carrying on as async until the standby catches up; under
     * {@link StandbyLostPolicy#REFUSE_WRITES} refuses new writes and keeps waiting, because
     * answering would acknowledge a write the standby may never have.
     *
     * @throws WriteAbandonedException when the node is fenced or closing while it waits.
     */
    public void awaitStandby(final long sequence)
    {
        if (context.ackMode() != AckMode.SYNC || role != NodeRole.PRIMARY)
        {
            return;
        }
        if (fellBackToAsync)
        {
            if (feed.state() == StandbyFeed.State.LIVE && feed.ackedSequence() >= sequence - 1)
            {
                fellBackToAsync = false;
                LOG.info("replication: the standby has caught up; acknowledging in sync again");
            }
            return;
        }
        final long deadlineNs = System.nanoTime() + syncTimeoutNs;
        while (feed.ackedSequence() < sequence)
        {
            if (role != NodeRole.PRIMARY)
            {
                throw new WriteAbandonedException("this node was fenced while sequence " + sequence +
                    " waited for the standby: it is not part of the new primary's history");
            }
            if (closing)
            {
                throw new WriteAbandonedException("the node closed while sequence " + sequence +
                    " waited for the standby");
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                if (context.standbyLostPolicy() == StandbyLostPolicy.FALL_BACK_TO_ASYNC)
                {
                    fellBackToAsync = true;
                    asyncFallbackCount.incrementAndGet();
                    LOG.warn("replication: the standby has not acknowledged sequence {} within {} ms; falling back " +
                        "to async: writes are acknowledged before the standby has them until it catches up",
                        sequence, context.syncTimeoutMs());
                    return;
                }
                if (!writesRefused)
                {
                    writesRefused = true;
                    standbyLostCount.incrementAndGet();
                    LOG.warn("replication: the standby has not acknowledged sequence {} within {} ms; refusing new " +
                        "writes (503) and holding the ones taken until it does", sequence, context.syncTimeoutMs());
                }
            }
            LockSupport.parkNanos(AWAIT_PARK_NS);
        }
        if (writesRefused)
        {
            writesRefused = false;
            LOG.info("replication: the standby acknowledged sequence {}; taking writes again", sequence);
        }
    }

    // ---- roles ----

    /**
     * Makes this standby the primary of a new epoch, durably, starting after the last command
     * it received. The old primary, hearing of the new epoch, never acts as primary again.
     *
     * @return the new epoch.
     */
    public long promote()
    {
        dutyLock.lock();
        try
        {
            if (role != NodeRole.STANDBY)
            {
                throw new IllegalStateException("only a standby can be promoted; this node is " + role);
            }
            if (diverged)
            {
                throw new IllegalStateException("this standby's journal diverged from its primary's; restart it to " +
                    "rejoin before promoting it");
            }
            final long epoch = epochs.epoch() + 1;
            epochs.begin(epoch, lastSubmittedSequence + 1);
            feed.standbyLost();
            role = NodeRole.PRIMARY;
            welcomed = false;
            LOG.warn("replication: promoted to PRIMARY in epoch {}, continuing after sequence {}", epoch,
                lastSubmittedSequence);
            return epoch;
        }
        finally
        {
            dutyLock.unlock();
        }
    }

    private void fence(final long peerEpoch)
    {
        role = NodeRole.FENCED;
        feed.standbyLost();
        LOG.error("replication: the peer is in epoch {}, after this node's {}: another node was promoted. This node " +
            "refuses writes from now on; restart it as a standby to rejoin (its unacknowledged tail is discarded then).",
            peerEpoch, epochs.epoch());
    }

    // ---- status ----

    public NodeRole role()
    {
        return role;
    }

    public long epoch()
    {
        return epochs.epoch();
    }

    public AckMode ackMode()
    {
        return context.ackMode();
    }

    /**
     * LIVE, CATCHING_UP or NO_STANDBY on a primary; FOLLOWING, WAITING_FOR_PRIMARY or DIVERGED
     * (a tail the primary lacks, or another node key: see the log) on a standby.
     */
    public String connectionState()
    {
        return switch (role)
        {
            case PRIMARY -> feed.state().name();
            case STANDBY -> diverged ? "DIVERGED" :
                welcomed && System.nanoTime() - lastHeardFromPeerNs < peerTimeoutNs ? "FOLLOWING" : "WAITING_FOR_PRIMARY";
            case FENCED -> "FENCED";
        };
    }

    /** Commands the peer lacks (primary) or this node lacks (standby), as far as this node knows. */
    public long lagCommands()
    {
        final long local = sink == null ? 0 : sink.journaledSequence();
        return role == NodeRole.STANDBY ? Math.max(0, peerSequence - local) : Math.max(0, local - feed.ackedSequence());
    }

    /** The last sequence the standby acknowledged (primary). */
    public long standbyAckedSequence()
    {
        return feed.ackedSequence();
    }

    public boolean writesRefused()
    {
        return writesRefused;
    }

    public boolean fellBackToAsync()
    {
        return fellBackToAsync;
    }

    public long standbyLostCount()
    {
        return standbyLostCount.get();
    }

    public long asyncFallbackCount()
    {
        return asyncFallbackCount.get();
    }

    @Override
    public void close()
    {
        closing = true;
        CloseHelper.quietClose(runner);
        CloseHelper.quietClose(link);
    }

    // ---- the agent ----

    private final class ReplicationAgent implements Agent
    {
        @Override
        public int doWork()
        {
            dutyLock.lock();
            try
            {
                int work = link.poll(assembler, FRAGMENT_LIMIT);
                final long nowNs = System.nanoTime();
                if (role == NodeRole.PRIMARY)
                {
                    work += primaryDuty(nowNs);
                }
                else if (role == NodeRole.STANDBY)
                {
                    work += standbyDuty(nowNs);
                }
                return work;
            }
            finally
            {
                dutyLock.unlock();
            }
        }

        @Override
        public void onClose()
        {
            CloseHelper.quietClose(tailer);
        }

        @Override
        public String roleName()
        {
            return "startline-replication";
        }
    }

    private int primaryDuty(final long nowNs)
    {
        int work = 0;
        if (nowNs - nextHeartbeatNs >= 0)
        {
            nextHeartbeatNs = nowNs + heartbeatIntervalNs;
            sendSequence(ReplicationFormat.TYPE_HEARTBEAT, sink.journaledSequence());
            if (feed.state() != StandbyFeed.State.NO_STANDBY && nowNs - lastHeardFromPeerNs > peerTimeoutNs)
            {
                feed.standbyLost();
                LOG.warn("replication: the standby has been silent for {} ms; waiting for it to say hello again",
                    context.syncTimeoutMs());
            }
            work++;
        }
        if (feed.state() == StandbyFeed.State.CATCHING_UP)
        {
            if (tailer == null)
            {
                // Made here: Chronicle tailers belong to the thread that made them.
                tailer = journal.tailer();
            }
            for (int i = 0; i < 8; i++)
            {
                final int sent = feed.catchUp(tailer, epochs.epoch());
                if (sent == 0)
                {
                    break;
                }
                work += sent;
            }
        }
        return work;
    }

    private int standbyDuty(final long nowNs)
    {
        int work = 0;
        final long journaled = sink.journaledSequence();
        if (journaled != lastAckSent || nowNs - nextHeartbeatNs >= 0)
        {
            if (sendSequence(ReplicationFormat.TYPE_ACK, journaled))
            {
                lastAckSent = journaled;
            }
            nextHeartbeatNs = nowNs + heartbeatIntervalNs;
            work++;
        }
        final boolean primarySilent = nowNs - lastHeardFromPeerNs > peerTimeoutNs;
        if ((!welcomed || primarySilent || gapReported) && nowNs - nextHelloNs >= 0 && !diverged)
        {
            // Asks again: a primary that restarted, or one that sent past a gap, resends from here.
            sendSequence(ReplicationFormat.TYPE_HELLO, lastSubmittedSequence);
            nextHelloNs = nowNs + 10 * heartbeatIntervalNs;
            gapReported = false;
            work++;
        }
        return work;
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length < ReplicationFormat.HEADER_LENGTH ||
            buffer.getByte(offset + ReplicationFormat.FORMAT_VERSION_OFFSET) != ReplicationFormat.FORMAT_VERSION)
        {
            LOG.warn("replication: ignoring a message of {} bytes in an unknown format", length);
            return;
        }
        final byte type = buffer.getByte(offset + ReplicationFormat.TYPE_OFFSET);
        final long peerEpoch = buffer.getLong(offset + ReplicationFormat.EPOCH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        final long epoch = epochs.epoch();
        if (role == NodeRole.FENCED)
        {
            return;
        }
        if (role == NodeRole.PRIMARY)
        {
            if (peerEpoch > epoch)
            {
                fence(peerEpoch);
                return;
            }
            onMessageAsPrimary(type, peerEpoch, sequenceIn(buffer, offset, length));
            return;
        }
        onMessageAsStandby(type, peerEpoch, buffer, offset, length);
    }

    private void onMessageAsPrimary(final byte type, final long peerEpoch, final long sequence)
    {
        switch (type)
        {
            case ReplicationFormat.TYPE_HELLO ->
            {
                lastHeardFromPeerNs = System.nanoTime();
                final long firstSequenceAfterItsEpoch = epochs.firstSequenceAfterEpoch(peerEpoch);
                final long keepThrough = firstSequenceAfterItsEpoch - 1;
                final long resumeAfter = Math.min(sequence, keepThrough);
                LOG.info("replication: standby in epoch {} at sequence {} says hello; catching it up after {}",
                    peerEpoch, sequence, resumeAfter);
                sendWelcome(firstSequenceAfterItsEpoch);
                if (peerEpoch == epochs.epoch() || sequence <= keepThrough)
                {
                    feed.restartCatchUp(resumeAfter);
                }
            }
            case ReplicationFormat.TYPE_ACK ->
            {
                if (peerEpoch == epochs.epoch())
                {
                    lastHeardFromPeerNs = System.nanoTime();
                    feed.acked(sequence);
                }
            }
            default ->
            {
                if (peerEpoch == epochs.epoch())
                {
                    LOG.error("replication: the peer also acts as primary in epoch {}: both nodes were started as " +
                        "primary. Restart one as a standby.", peerEpoch);
                }
            }
        }
    }

    private void onMessageAsStandby(final byte type, final long peerEpoch, final DirectBuffer buffer, final int offset,
        final int length)
    {
        final long epoch = epochs.epoch();
        if (type == ReplicationFormat.TYPE_WELCOME && length >= ReplicationFormat.WELCOME_LENGTH)
        {
            final long primarySequence = sequenceIn(buffer, offset, length);
            final long keepThrough = buffer.getLong(offset + ReplicationFormat.WELCOME_DIVERGENCE_OFFSET,
                ByteOrder.LITTLE_ENDIAN) - 1;
            final long epochStart = buffer.getLong(offset + ReplicationFormat.WELCOME_EPOCH_START_OFFSET,
                ByteOrder.LITTLE_ENDIAN);
            final long keyFingerprint = buffer.getLong(offset + ReplicationFormat.WELCOME_KEY_FINGERPRINT_OFFSET,
                ByteOrder.LITTLE_ENDIAN);
            onWelcome(new Welcome(peerEpoch, epochStart, keepThrough, primarySequence, keyFingerprint));
            return;
        }
        if (peerEpoch != epoch || !welcomed)
        {
            // A primary of another epoch: a stale one must not be followed, a newer one must say
            // first (in a welcome) where its history parts from ours.
            return;
        }
        lastHeardFromPeerNs = System.nanoTime();
        if (type == ReplicationFormat.TYPE_HEARTBEAT)
        {
            peerSequence = sequenceIn(buffer, offset, length);
        }
        else if (type == ReplicationFormat.TYPE_BATCH && !diverged)
        {
            applyBatch(buffer, offset + ReplicationFormat.HEADER_LENGTH, length - ReplicationFormat.HEADER_LENGTH);
        }
    }

    private void onWelcome(final Welcome welcome)
    {
        if (sink == null)
        {
            handshakeWelcome = welcome;
            return;
        }
        if (welcome.nodeKeyFingerprint() != context.nodeKeyFingerprint())
        {
            if (!diverged)
            {
                diverged = true;
                LOG.error("replication: {}; not following it", KEY_MISMATCH);
            }
            return;
        }
        if (welcome.epoch() < epochs.epoch())
        {
            LOG.warn("replication: ignoring a welcome from epoch {}, before this node's {}", welcome.epoch(),
                epochs.epoch());
            return;
        }
        if (welcome.mustDiscardAfter(lastSubmittedSequence))
        {
            if (!diverged)
            {
                diverged = true;
                LOG.error("replication: this node holds sequences {}..{} that the primary (epoch {}) never had; they " +
                    "were never acknowledged. Restart this node as a standby to discard them and follow again.",
                    welcome.keepThroughSequence() + 1, lastSubmittedSequence, welcome.epoch());
            }
            return;
        }
        if (welcome.epoch() > epochs.epoch())
        {
            epochs.adopt(welcome.epoch(), welcome.epochStartSequence());
            LOG.info("replication: following the primary of epoch {}", welcome.epoch());
        }
        welcomed = true;
        lastHeardFromPeerNs = System.nanoTime();
        peerSequence = welcome.primarySequence();
    }

    private void applyBatch(final DirectBuffer buffer, final int offset, final int length)
    {
        if (receivedBytes.length < length)
        {
            receivedBytes = new byte[Math.max(length, receivedBytes.length * 2)];
        }
        buffer.getBytes(offset, receivedBytes, 0, length);
        received.wrap(receivedBytes, length);
        final String problem = received.problem(0);
        if (problem != null || !received.isBatch())
        {
            LOG.error("replication: a damaged batch from the primary ({}); asking again", problem);
            gapReported = true;
            return;
        }
        if (received.firstSequence() > lastSubmittedSequence + 1)
        {
            if (!gapReported)
            {
                LOG.info("replication: sequences {}..{} missing; asking the primary for them",
                    lastSubmittedSequence + 1, received.firstSequence() - 1);
            }
            gapReported = true;
            return;
        }
        received.deliver(lastSubmittedSequence, submitter);
    }

    private void submitReplicated(final long sequence, final long timestampMs, final int flags,
        final DirectBuffer command, final int offset, final int length)
    {
        while (!sink.offerReplicated(sequence, timestampMs, flags, command, offset, length))
        {
            LockSupport.parkNanos(SUBMIT_RETRY_NS);
        }
        lastSubmittedSequence = sequence;
    }

    private static long sequenceIn(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= ReplicationFormat.SEQUENCE_MESSAGE_LENGTH ?
            buffer.getLong(offset + ReplicationFormat.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN) : 0;
    }

    private boolean sendSequence(final byte type, final long sequence)
    {
        control.putByte(ReplicationFormat.TYPE_OFFSET, type);
        control.putLong(ReplicationFormat.EPOCH_OFFSET, epochs.epoch(), ByteOrder.LITTLE_ENDIAN);
        control.putLong(ReplicationFormat.SEQUENCE_OFFSET, sequence, ByteOrder.LITTLE_ENDIAN);
        return link.send(control, ReplicationFormat.SEQUENCE_MESSAGE_LENGTH, noBody, 0, CONTROL_SEND_TIMEOUT_NS);
    }

    private void sendWelcome(final long firstSequenceAfterStandbysEpoch)
    {
        control.putByte(ReplicationFormat.TYPE_OFFSET, ReplicationFormat.TYPE_WELCOME);
        control.putLong(ReplicationFormat.EPOCH_OFFSET, epochs.epoch(), ByteOrder.LITTLE_ENDIAN);
        control.putLong(ReplicationFormat.SEQUENCE_OFFSET, sink.journaledSequence(), ByteOrder.LITTLE_ENDIAN);
        control.putLong(ReplicationFormat.WELCOME_DIVERGENCE_OFFSET, firstSequenceAfterStandbysEpoch,
            ByteOrder.LITTLE_ENDIAN);
        control.putLong(ReplicationFormat.WELCOME_EPOCH_START_OFFSET, epochs.epochStartSequence(),
            ByteOrder.LITTLE_ENDIAN);
        control.putLong(ReplicationFormat.WELCOME_KEY_FINGERPRINT_OFFSET, context.nodeKeyFingerprint(),
            ByteOrder.LITTLE_ENDIAN);
        link.send(control, ReplicationFormat.WELCOME_LENGTH, noBody, 0, CONTROL_SEND_TIMEOUT_NS);
    }
}
