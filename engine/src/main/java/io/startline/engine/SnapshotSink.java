package io.startline.engine;

import org.agrona.DirectBuffer;

/**
 * Receives a snapshot one encoded record at a time. The engine does no I/O: whoever takes
 * the snapshot (the persistence layer, a test) decides where the records go.
 */
@FunctionalInterface
public interface SnapshotSink
{
    void record(DirectBuffer buffer, int offset, int length);
}
