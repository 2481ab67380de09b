package io.startline.persistence.replication;

/**
 * What a node does with writes. A {@code FENCED} node was primary until it learned of a
 * higher epoch: it refuses writes and never acts as primary again; restarted as a standby it
 * rejoins.
 */
public enum NodeRole
{
    PRIMARY,
    STANDBY,
    FENCED
}
