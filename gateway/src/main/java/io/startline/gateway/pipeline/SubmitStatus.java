package io.startline.gateway.pipeline;

/**
 * What happened to a submission. Only {@link #ACCEPTED} means a result will follow.
 */
public enum SubmitStatus
{
    ACCEPTED,
    /** The ring stayed full for the whole bounded wait: retry later (HTTP 503). */
    SATURATED,
    /** Longer than the journal takes (HTTP 413). */
    TOO_LARGE,
    /** Shorter than a message header or not a Startline message (HTTP 400). */
    MALFORMED,
    /** The node is shutting down or has stopped after a fault. */
    CLOSED,
    /** A standby, or a former primary that was fenced: writes go to the primary (HTTP 503). */
    NOT_PRIMARY,
    /** A sync primary without a standby acknowledging, refusing writes by configuration (HTTP 503). */
    STANDBY_UNAVAILABLE
}
