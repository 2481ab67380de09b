package io.startline.persistence.journal;

import org.agrona.DirectBuffer;

/**
 * Receives journaled commands in sequence order during a replay.
 */
@FunctionalInterface
public interface JournalRecordHandler
{
    void onRecord(long sequence, long timestampMs, int flags, DirectBuffer command, int offset, int length);
}
