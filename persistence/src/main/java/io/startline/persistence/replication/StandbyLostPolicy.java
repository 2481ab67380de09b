package io.startline.persistence.replication;

/** What a {@link AckMode#SYNC} primary does when its standby stops acknowledging within the sync timeout. */
public enum StandbyLostPolicy
{
    /**
     * New writes are refused with 503 until the standby is back; writes already taken are
     * held, unanswered, until it acknowledges them.
     */
    REFUSE_WRITES,
    /** Carry on as {@link AckMode#ASYNC}, and go back to sync once the standby has caught up. */
    FALL_BACK_TO_ASYNC
}
