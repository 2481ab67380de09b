package io.startline.persistence.replication;

import io.startline.persistence.journal.BatchDocument;
import io.startline.persistence.journal.BatchEncoder;
import io.startline.persistence.journal.JournalRecordHandler;
import io.startline.persistence.journal.JournalTailer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The primary's side of the stream to its standby. Two senders take turns: while the standby
 * is behind, the replication agent streams it from the journal (catch-up); once catch-up has
 * sent everything before the ring's current batch, the ring's replicator sends live and
 * catch-up stops. If a live send fails the standby drops back to catch-up from the last batch
 * sent. A lock orders the two, so the standby sees sequences in order (repeats it skips).
 */
final class StandbyFeed
{
    enum State
    {
        /** No standby has said hello, or it went quiet. */
        NO_STANDBY,
        /** Streaming from the journal. */
        CATCHING_UP,
        /** The ring's replicator sends each batch as it is journaled. */
        LIVE
    }

    /** A live send that cannot get through in this time hands the standby back to catch-up. */
    private static final long LIVE_SEND_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long CATCH_UP_SEND_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final AeronLink link;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong ackedSequence = new AtomicLong();
    private final UnsafeBuffer liveHeader = header();
    private final UnsafeBuffer catchUpHeader = header();
    private final BatchEncoder catchUpBatch;
    /** Takes a journal batch's records into one message, as many as fit; the rest go next time. */
    private final JournalRecordHandler catchUpAppender;
    private volatile State state = State.NO_STANDBY;
    private volatile long sentThrough;

    StandbyFeed(final AeronLink link, final int maxBatchBytes)
    {
        this.link = link;
        catchUpBatch = new BatchEncoder(maxBatchBytes);
        catchUpAppender = (sequence, timestampMs, flags, command, offset, length) ->
        {
            if (catchUpBatch.fits(length) && (catchUpBatch.isEmpty() || sequence == catchUpBatch.lastSequence() + 1))
            {
                catchUpBatch.append(sequence, timestampMs, flags, command, offset, length);
            }
        };
    }

    private static UnsafeBuffer header()
    {
        final UnsafeBuffer header = new UnsafeBuffer(new byte[ReplicationFormat.HEADER_LENGTH]);
        header.putByte(ReplicationFormat.TYPE_OFFSET, ReplicationFormat.TYPE_BATCH);
        header.putByte(ReplicationFormat.FORMAT_VERSION_OFFSET, ReplicationFormat.FORMAT_VERSION);
        return header;
    }

    /**
     * The ring's replicator, with one batch: sent now when the standby is live or catch-up has
     * reached it; otherwise catch-up will read it from the journal.
     */
    void offerLive(final BatchEncoder batch, final int documentLength, final long epoch)
    {
        lock.lock();
        try
        {
            if (state == State.NO_STANDBY || (state == State.CATCHING_UP && sentThrough < batch.firstSequence() - 1))
            {
                return;
            }
            liveHeader.putLong(ReplicationFormat.EPOCH_OFFSET, epoch, ByteOrder.LITTLE_ENDIAN);
            if (link.send(liveHeader, ReplicationFormat.HEADER_LENGTH, batch.buffer(), documentLength,
                LIVE_SEND_TIMEOUT_NS))
            {
                sentThrough = Math.max(sentThrough, batch.lastSequence());
                state = State.LIVE;
            }
            else
            {
                state = State.CATCHING_UP;
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The agent: sends the standby the next part of the journal it lacks.
     *
     * @return 1 when something was sent, else 0.
     */
    int catchUp(final JournalTailer tailer, final long epoch)
    {
        if (state != State.CATCHING_UP)
        {
            return 0;
        }
        final long after = sentThrough;
        final BatchDocument document = tailer.nextAfter(after);
        if (document == null)
        {
            return 0;
        }
        catchUpBatch.reset();
        document.deliver(after, catchUpAppender);
        if (catchUpBatch.isEmpty())
        {
            return 0;
        }
        final int documentLength = catchUpBatch.finish();
        lock.lock();
        try
        {
            if (state != State.CATCHING_UP || sentThrough != after)
            {
                return 0;
            }
            catchUpHeader.putLong(ReplicationFormat.EPOCH_OFFSET, epoch, ByteOrder.LITTLE_ENDIAN);
            if (link.send(catchUpHeader, ReplicationFormat.HEADER_LENGTH, catchUpBatch.buffer(), documentLength,
                CATCH_UP_SEND_TIMEOUT_NS))
            {
                sentThrough = catchUpBatch.lastSequence();
                return 1;
            }
            return 0;
        }
        finally
        {
            lock.unlock();
        }
    }

    /** The standby asked for everything after {@code standbyLastSequence}: start catching it up from there. */
    void restartCatchUp(final long standbyLastSequence)
    {
        lock.lock();
        try
        {
            sentThrough = standbyLastSequence;
            state = State.CATCHING_UP;
        }
        finally
        {
            lock.unlock();
        }
        acked(standbyLastSequence);
    }

    /** The standby went quiet: stop sending until it says hello again. */
    void standbyLost()
    {
        lock.lock();
        try
        {
            state = State.NO_STANDBY;
        }
        finally
        {
            lock.unlock();
        }
    }

    void acked(final long journaledSequence)
    {
        ackedSequence.accumulateAndGet(journaledSequence, Math::max);
    }

    long ackedSequence()
    {
        return ackedSequence.get();
    }

    State state()
    {
        return state;
    }
}
