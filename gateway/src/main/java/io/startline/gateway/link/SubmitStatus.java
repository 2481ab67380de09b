package io.startline.gateway.link;

/**
 * What happened to a submission. Only {@link #ACCEPTED} means the listener will be told more.
 */
public enum SubmitStatus
{
    ACCEPTED,
    /** No room to take it now (the ring stayed full, or the queue to the cluster is): retry later (HTTP 503). */
    SATURATED,
    /** Not taken: the node would answer it later than its latency target (HTTP 503); retry later. */
    OVER_LATENCY_TARGET,
    /** Longer than the journal or the cluster's channel takes (HTTP 413). */
    TOO_LARGE,
    /**
     * Not one whole Startline command (shorter than its header, another schema, groups or fields
     * running past its length: see CommandShape), or a write without a key where every write needs one.
     */
    MALFORMED,
    /** The node or gateway is shutting down. */
    CLOSED,
    /** The node has stopped after a fault (see /health) and takes nothing until it is restarted. */
    FAILED
}
