package io.startline.persistence.journal;

/**
 * What an acknowledged command survives.
 */
public enum SyncPolicy
{
    /**
     * Written to the memory-mapped journal, left to the page cache: survives the process
     * dying (even {@code kill -9}), not the machine losing power.
     */
    NONE,

    /**
     * {@code msync} of the journal after every batch, before any of it is acknowledged:
     * survives a power loss, at the cost of one disk flush per batch.
     */
    BATCH
}
