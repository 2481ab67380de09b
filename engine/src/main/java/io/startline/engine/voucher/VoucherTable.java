package io.startline.engine.voucher;

import io.startline.engine.codec.VoucherStatus;

/**
 * Every claimed voucher, as parallel arrays indexed by voucher index (id − 1). Sized once
 * from the limit; nothing here allocates after construction.
 */
final class VoucherTable
{
    static final int NONE = -1;

    static final byte ACTIVE = (byte)VoucherStatus.ACTIVE.value();
    static final byte REDEEMED = (byte)VoucherStatus.REDEEMED.value();
    static final byte EXPIRED = (byte)VoucherStatus.EXPIRED.value();

    final int capacity;
    int count;

    final int[] dropIndex;
    final long[] userId;
    final long[] expiresAt;
    final byte[] status;
    /** Next voucher of the same campaign in claim order, which is also expiry order. */
    final int[] nextInCampaign;
    /** The same user's previous voucher, newest first. */
    final int[] previousOfUser;

    VoucherTable(final int capacity)
    {
        this.capacity = capacity;
        dropIndex = new int[capacity];
        userId = new long[capacity];
        expiresAt = new long[capacity];
        status = new byte[capacity];
        nextInCampaign = new int[capacity];
        previousOfUser = new int[capacity];
    }

    boolean isFull()
    {
        return count == capacity;
    }
}
