package io.startline.cluster.service;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.startline.engine.CommandShape;
import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.codec.ClusterRequestDecoder;
import io.startline.engine.codec.ClusterResponseEncoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RejectedEncoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.TakeSnapshotDecoder;
import io.startline.engine.codec.TickEncoder;
import io.startline.engine.domain.TemplateIds;
import io.startline.engine.support.SnapshotSchedule;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The engine as Aeron Cluster's clustered service: every member runs one, and each applies the
 * committed log in the same order, so every member holds the same state.
 * <ul>
 *   <li>Each session message is a {@code ClusterRequest} around one SBE command or query. A command
 *       gets the next engine sequence, a counter the engine keeps and snapshots, and the time
 *       {@code max(previous, the log's timestamp)}, so neither goes back across elections.</li>
 *   <li>Queries travel the log too, and only the leader answers them: the answer sees every write
 *       committed before the query was, which makes reads linearizable without a lease.</li>
 *   <li>Time advances without traffic through a cluster timer, which is itself an entry of the log:
 *       a timer that finds the engine idle for a tick interval applies a {@code Tick} at the timer's
 *       log time. Replicas and replays fire it at the same place; no member's clock is read.</li>
 *   <li>Answers go back on the session's egress; on a follower Aeron drops them (only the leader
 *       speaks to clients).</li>
 * </ul>
 */
public final class EngineService implements ClusteredService
{
    private static final Logger LOG = LoggerFactory.getLogger(EngineService.class);
    /** The one timer this service keeps: its tick. */
    static final long TICK_TIMER_ID = 1;
    static final int REQUEST_PREFIX_BYTES = MessageHeaderDecoder.ENCODED_LENGTH + ClusterRequestDecoder.BLOCK_LENGTH;
    public static final int RESPONSE_PREFIX_BYTES =
        MessageHeaderEncoder.ENCODED_LENGTH + ClusterResponseEncoder.BLOCK_LENGTH;
    /**
     * Offers of one answer to a back-pressured gateway before it is dropped, so one slow gateway
     * cannot stall the log for every other: the gateway sends again what stays unanswered.
     */
    private static final int REPLY_ATTEMPTS = 8;
    private static final int MAX_SNAPSHOT_RECORD_BYTES = 1 << 30;

    /** Asks the consensus module for a snapshot; false when one is already under way. */
    @FunctionalInterface
    public interface SnapshotTrigger
    {
        boolean requestSnapshot();
    }

    private final EngineContext engineContext;
    private final long tickIntervalMs;
    private final SnapshotSchedule snapshots;
    private final ServiceStatus status;
    private volatile SnapshotTrigger snapshotTrigger = () -> false;

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final ClusterRequestDecoder requestDecoder = new ClusterRequestDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ClusterResponseEncoder responseEncoder = new ClusterResponseEncoder();
    private final RejectedEncoder rejectedEncoder = new RejectedEncoder();
    private final UnsafeBuffer command = new UnsafeBuffer(0, 0);
    private final CommandShape commandShape = new CommandShape();
    private final UnsafeBuffer tick = new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH]);
    private UnsafeBuffer reply;
    private Engine engine;
    private Cluster cluster;
    private long leadershipTermId = -1;
    /** The leader the log names for {@link #leadershipTermId}: what every answer in that term says. */
    private int termLeaderMemberId = -1;

    /**
     * @param tickIntervalMs how long the engine may go without a command before a tick advances its time.
     * @param snapshots      when the leader asks for a periodic snapshot (not in the middle of a rush).
     */
    public EngineService(final EngineContext engineContext, final long tickIntervalMs, final SnapshotSchedule snapshots,
        final ServiceStatus status)
    {
        if (tickIntervalMs < 1)
        {
            throw new IllegalArgumentException("tickIntervalMs must be at least 1: " + tickIntervalMs);
        }
        this.engineContext = engineContext;
        this.tickIntervalMs = tickIntervalMs;
        this.snapshots = snapshots;
        this.status = status;
        new TickEncoder().wrapAndApplyHeader(tick, 0, headerEncoder);
    }

    /** Set once the consensus module exists, which is after the service is made. */
    public void snapshotTrigger(final SnapshotTrigger trigger)
    {
        snapshotTrigger = trigger;
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        engine = new Engine(engineContext);
        reply = new UnsafeBuffer(new byte[RESPONSE_PREFIX_BYTES + engine.maxResultLength()]);
        if (snapshotImage != null)
        {
            loadSnapshot(snapshotImage);
        }
        status.onStart(engine.lastSequence(), engine.nowMs());
        LOG.info("cluster service: started at engine sequence {}", engine.lastSequence());
    }

    private void loadSnapshot(final Image image)
    {
        final long startNs = System.nanoTime();
        final SnapshotStreamReader reader = new SnapshotStreamReader(
            (buffer, offset, length) -> engine.loadSnapshotRecord(buffer, offset), MAX_SNAPSHOT_RECORD_BYTES);
        final io.aeron.FragmentAssembler assembler = new io.aeron.FragmentAssembler(
            (buffer, offset, length, header) -> reader.onChunk(buffer, offset, length));
        while (!reader.isComplete())
        {
            final int fragments = image.poll(assembler, 64);
            if (fragments == 0)
            {
                if (image.isEndOfStream() || image.isClosed())
                {
                    throw new IllegalStateException("the snapshot ended before its SnapshotEnd record (" +
                        reader.records() + " records read)");
                }
                cluster.idleStrategy().idle();
            }
        }
        LOG.info("cluster service: loaded a snapshot at engine sequence {} ({} records) in {} ms",
            engine.lastSequence(), reader.records(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
        // A timer may only be scheduled while handling a log event; the first session starts the tick,
        // which then keeps itself going.
        scheduleTick(timestamp);
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
    }

    @Override
    public void onSessionMessage(final ClientSession session, final long timestamp, final DirectBuffer buffer,
        final int offset, final int length, final Header header)
    {
        if (!wrapRequest(buffer, offset, length))
        {
            status.onRequestRefused();
            return;
        }
        final long correlationId = requestDecoder.correlationId();
        if (!commandShape.isWellFormed(command, 0, command.capacity()))
        {
            // Refused before the engine on every member alike; no sequence is taken.
            status.onRequestRefused();
            send(session, correlationId, 0, engine.nowMs(), rejected());
            return;
        }
        if (TemplateIds.isQuery(command, 0))
        {
            if (cluster.role() == Cluster.Role.LEADER)
            {
                final int resultLength = engine.query(command, 0, reply, RESPONSE_PREFIX_BYTES);
                send(session, correlationId, 0, engine.nowMs(), resultLength);
            }
            return;
        }
        final int resultLength = apply(Math.max(engine.nowMs(), timestamp), command, header.position());
        send(session, correlationId, engine.lastSequence(), engine.nowMs(), resultLength);
        if (snapshots.onCommand(engine.nowMs()) || isTakeSnapshot(command))
        {
            requestSnapshotIfLeader();
        }
    }

    /** Checks the framing and points {@link #command} at the command it carries. */
    private boolean wrapRequest(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < REQUEST_PREFIX_BYTES + MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return false;
        }
        headerDecoder.wrap(buffer, offset);
        if (headerDecoder.schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
            headerDecoder.templateId() != ClusterRequestDecoder.TEMPLATE_ID ||
            headerDecoder.blockLength() != ClusterRequestDecoder.BLOCK_LENGTH)
        {
            return false;
        }
        requestDecoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
            headerDecoder.version());
        // A view of exactly the command's bytes: a command shorter than it says reads past nothing.
        command.wrap(buffer, offset + REQUEST_PREFIX_BYTES, length - REQUEST_PREFIX_BYTES);
        return true;
    }

    /**
     * Applies one command at the next sequence. The engine validates before it mutates; should it
     * still throw (a damaged command from a gateway), it throws on every member at the same place,
     * so the members stay alike, and the caller is told the command is unknown. The engine's own
     * integrity checks (sequence and time going back) cannot fire here: both come from the engine.
     */
    private int apply(final long timestampMs, final DirectBuffer message, final long logPosition)
    {
        int resultLength;
        try
        {
            resultLength = engine.apply(engine.lastSequence() + 1, timestampMs, message, 0, reply,
                RESPONSE_PREFIX_BYTES);
        }
        catch (final RuntimeException ex)
        {
            status.onCommandFailed();
            LOG.warn("cluster service: the engine refused a damaged command at log position {}: {}", logPosition,
                ex.toString());
            resultLength = rejected();
        }
        status.onApplied(engine.lastSequence(), engine.nowMs(), logPosition);
        status.onIdempotencyKeys(engine.idempotencyKeysHeld(), engine.idempotencyKeysEvictedEarly());
        return resultLength;
    }

    private int rejected()
    {
        rejectedEncoder.wrapAndApplyHeader(reply, RESPONSE_PREFIX_BYTES, headerEncoder)
            .code(ResultCode.UNKNOWN_COMMAND)
            .subjectId(0)
            .field("");
        return MessageHeaderEncoder.ENCODED_LENGTH + rejectedEncoder.encodedLength();
    }

    private static boolean isTakeSnapshot(final DirectBuffer message)
    {
        return TemplateIds.templateId(message, 0) == TakeSnapshotDecoder.TEMPLATE_ID;
    }

    private void send(final ClientSession session, final long correlationId, final long sequence,
        final long timestampMs, final int resultLength)
    {
        responseEncoder.wrapAndApplyHeader(reply, 0, headerEncoder)
            .correlationId(correlationId)
            .sequence(sequence)
            .timestampMs(timestampMs)
            .leadershipTermId(leadershipTermId)
            .memberId(termLeaderMemberId);
        final int length = RESPONSE_PREFIX_BYTES + resultLength;
        for (int attempt = 0; attempt < REPLY_ATTEMPTS; attempt++)
        {
            final long result;
            try
            {
                result = session.offer(reply, 0, length);
            }
            catch (final IllegalArgumentException ex)
            {
                // Longer than the gateway's egress channel takes: a gateway with too short a term length.
                LOG.warn("cluster service: an answer of {} bytes is longer than the gateway's egress takes", length);
                break;
            }
            if (result > 0)
            {
                return;
            }
            if (result == Publication.CLOSED || result == Publication.NOT_CONNECTED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                break;
            }
            cluster.idleStrategy().idle();
        }
        status.onReplyDropped();
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        if (correlationId != TICK_TIMER_ID)
        {
            return;
        }
        scheduleTick(timestamp);
        // A new engine's time is Long.MIN_VALUE, which a subtraction would overflow.
        if (engine.lastSequence() == 0 || timestamp - engine.nowMs() >= tickIntervalMs)
        {
            final int resultLength = engine.apply(engine.lastSequence() + 1, Math.max(engine.nowMs(), timestamp), tick, 0,
                reply, RESPONSE_PREFIX_BYTES);
            assert resultLength > 0;
            status.onApplied(engine.lastSequence(), engine.nowMs(), cluster.logPosition());
        }
    }

    private void scheduleTick(final long timestamp)
    {
        cluster.idleStrategy().reset();
        while (!cluster.scheduleTimer(TICK_TIMER_ID, timestamp + tickIntervalMs))
        {
            cluster.idleStrategy().idle();
        }
    }

    private void requestSnapshotIfLeader()
    {
        if (cluster.role() == Cluster.Role.LEADER && snapshotTrigger.requestSnapshot())
        {
            LOG.info("cluster service: asked for a snapshot at engine sequence {}", engine.lastSequence());
        }
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        final long startNs = System.nanoTime();
        final SnapshotStreamWriter writer = new SnapshotStreamWriter(
            (buffer, offset, length) -> offerFully(snapshotPublication, buffer, offset, length));
        engine.snapshot(writer);
        writer.finish();
        final long durationNs = System.nanoTime() - startNs;
        snapshots.onSnapshot();
        status.onSnapshot(engine.lastSequence(), writer.stateHash(), cluster.logPosition(), durationNs,
            writer.bytesWritten());
        LOG.info("cluster service: snapshot at engine sequence {}, log position {}, state hash {}: {} bytes in {} ms",
            engine.lastSequence(), cluster.logPosition(), Long.toHexString(writer.stateHash()), writer.bytesWritten(),
            TimeUnit.NANOSECONDS.toMillis(durationNs));
    }

    private void offerFully(final ExclusivePublication publication, final DirectBuffer buffer, final int offset,
        final int length)
    {
        cluster.idleStrategy().reset();
        while (true)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                return;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("the snapshot publication refused a chunk: " + Publication.errorString(result));
            }
            cluster.idleStrategy().idle();
        }
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        status.onRole(newRole);
        LOG.info("cluster service: member {} is now {}", cluster.memberId(), newRole);
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
        LOG.info("cluster service: member {} terminating at engine sequence {}", cluster.memberId(),
            engine == null ? 0 : engine.lastSequence());
    }

    @Override
    public void onNewLeadershipTermEvent(final long leadershipTermId, final long logPosition, final long timestamp,
        final long termBaseLogPosition, final int leaderMemberId, final int logSessionId, final TimeUnit timeUnit,
        final int appVersion)
    {
        if (timeUnit != TimeUnit.MILLISECONDS)
        {
            throw new IllegalStateException("the cluster's time unit is " + timeUnit + ": the engine counts milliseconds");
        }
        this.leadershipTermId = leadershipTermId;
        termLeaderMemberId = leaderMemberId;
        status.onLeadershipTerm(leadershipTermId, leaderMemberId);
    }
}
