package io.startline.persistence.replication;

/** When a client hears about its write. */
public enum AckMode
{
    /** After the local journal and the standby's journal both hold it. */
    SYNC,
    /** After the local journal holds it; the standby follows as fast as it can. */
    ASYNC
}
