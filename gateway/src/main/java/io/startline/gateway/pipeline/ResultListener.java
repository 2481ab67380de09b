package io.startline.gateway.pipeline;

import org.agrona.DirectBuffer;

/**
 * Told a command's or query's result, on the responder thread, once the command is
 * journaled. The buffer is reused after the call returns: copy what you keep.
 */
@FunctionalInterface
public interface ResultListener
{
    /**
     * @param sequence the command's journal sequence; 0 for a query, which is not journaled.
     */
    void onResult(long sequence, long timestampMs, DirectBuffer result, int offset, int length);

    /**
     * Told instead of the result when the node stopped being primary before its standby had
     * the write: the new primary's history does not hold it, so it did not take effect.
     */
    default void onAbandoned(final long sequence)
    {
    }
}
