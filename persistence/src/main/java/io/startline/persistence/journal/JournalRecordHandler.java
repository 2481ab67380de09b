package io.startline.persistence.journal;

import org.agrona.DirectBuffer;

/**
 * Receives journaled commands in sequence order during a replay.
 */
@FunctionalInterface
public interface JournalRecordHandler
{
    void onRecord(long sequence, long timestampMs, int flags, DirectBuffer command, int offset, int length);

    /**
     * A command that {@link #onRecord} will soon receive, handed over a group at a time first so
     * that a handler applying them to an engine can prefetch their state (the engine's
     * {@code prefetch}) and their cache misses overlap. Only a hint: by default, nothing.
     */
    default void prefetch(DirectBuffer command, int offset)
    {
    }
}
