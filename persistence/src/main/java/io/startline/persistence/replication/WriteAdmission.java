package io.startline.persistence.replication;

/** Whether this node takes a client's write now, and if not why (both become HTTP 503). */
public enum WriteAdmission
{
    ACCEPT,
    /** A standby, or a fenced former primary. */
    NOT_PRIMARY,
    /** A sync primary whose standby stopped acknowledging, under {@link StandbyLostPolicy#REFUSE_WRITES}. */
    STANDBY_UNAVAILABLE
}
