package io.startline.gateway.link;

import org.agrona.DirectBuffer;

/**
 * Told the fate of one submitted command or query: its result once it is durable (in the
 * single node's journal, or committed by a majority of the cluster), or that none came. The
 * buffer is reused after the call returns: copy what you keep.
 */
public interface ResultListener
{
    /**
     * @param sequence the command's engine sequence; 0 for a query, which takes none.
     */
    void onResult(long sequence, long timestampMs, DirectBuffer result, int offset, int length);

    /**
     * In a cluster, told just before {@link #onResult} which leader answered: the leadership term and
     * the member. The single node has no terms and never calls it.
     */
    default void onLeader(final long leadershipTermId, final int memberId)
    {
    }

    /**
     * No result came before the request's deadline: the cluster had no leader that answered.
     *
     * @param sent whether the command reached a leader at least once; if so it may have taken
     *             effect, and a retry with the same idempotency key tells.
     */
    default void onUnanswered(final boolean sent)
    {
    }

    /**
     * The single node stopped after a fault (a broken invariant, see /health) before answering:
     * a write may or may not be in the journal; the restarted node knows, and a retry with the
     * same idempotency key tells.
     */
    default void onStopped()
    {
        onUnanswered(true);
    }
}
