package io.startline.engine.booking;

import io.startline.engine.codec.ReservationStatus;

/**
 * Every hold ever placed, as parallel arrays indexed by reservation index (id − 1). A hold and
 * the booking it becomes share the row, so the hold id is also the booking id. Sized once from
 * the limit; nothing here allocates after construction. Rows are appended and never reused, so
 * a new row starts as zeros.
 */
final class ReservationTable
{
    static final int NONE = -1;

    static final byte HELD = (byte)ReservationStatus.HELD.value();
    static final byte EXPIRED = (byte)ReservationStatus.EXPIRED.value();
    static final byte RELEASED = (byte)ReservationStatus.RELEASED.value();
    static final byte BOOKED = (byte)ReservationStatus.BOOKED.value();
    static final byte CHECKED_IN = (byte)ReservationStatus.CHECKED_IN.value();
    static final byte CANCELLED = (byte)ReservationStatus.CANCELLED.value();
    static final byte NO_SHOW = (byte)ReservationStatus.NO_SHOW.value();

    final int capacity;
    int count;

    final int[] venueIndex;
    final int[] resourceIndex;
    final long[] userId;
    final int[] epochDay;
    final int[] firstSlot;
    final int[] slots;
    final byte[] status;
    final long[] expiresAt;
    /** A keyed hash of the payment reference that confirmed it; 0 while a hold. */
    final long[] paymentRefHash;
    final boolean[] refundable;
    /**
     * The same user's previous reservation, newest first; set when the hold joins its user's
     * list, in {@code UserLists.linkPending}, which every reader of the lists runs first.
     */
    final int[] previousOfUser;
    final int[] nextInHoldQueue;
    /** The same user's previous no-show at the same venue, while it still counts as a strike. */
    final int[] previousStrike;

    ReservationTable(final int capacity)
    {
        this.capacity = capacity;
        venueIndex = new int[capacity];
        resourceIndex = new int[capacity];
        userId = new long[capacity];
        epochDay = new int[capacity];
        firstSlot = new int[capacity];
        slots = new int[capacity];
        status = new byte[capacity];
        expiresAt = new long[capacity];
        paymentRefHash = new long[capacity];
        refundable = new boolean[capacity];
        previousOfUser = new int[capacity];
        nextInHoldQueue = new int[capacity];
        previousStrike = new int[capacity];
    }

    boolean isFull()
    {
        return count == capacity;
    }

    /** Whether its slots show as taken in the calendar: a live hold or any booking not cancelled. */
    static boolean occupiesSlots(final byte status)
    {
        return status == HELD || status == BOOKED || status == CHECKED_IN || status == NO_SHOW;
    }

    static boolean isBooking(final byte status)
    {
        return status >= BOOKED;
    }
}
