package io.startline.persistence.replication;

import org.agrona.DirectBuffer;

/**
 * Where a standby puts what its primary sends: its own pipeline, which journals and applies
 * each command at the sequence and time the primary gave it.
 */
public interface ReplicaSink
{
    /**
     * @return false when the ring stayed full; try again.
     * @throws IllegalStateException when the node is closing.
     */
    boolean offerReplicated(long sequence, long timestampMs, int flags, DirectBuffer command, int offset, int length);

    /** The last sequence in this node's journal. */
    long journaledSequence();
}
