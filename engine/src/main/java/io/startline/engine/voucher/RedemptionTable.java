package io.startline.engine.voucher;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Every redemption, as parallel arrays indexed by redemption index (id − 1). The store's
 * own transaction id is kept byte for byte, so idempotency compares exactly rather than
 * trusting a hash.
 */
final class RedemptionTable
{
    static final int TXN_ID_MAX_LENGTH = 64;

    final int capacity;
    int count;

    final int[] voucherIndex;
    final long[] storeId;
    final long[] orderAmountFen;
    final boolean[] refunded;
    final byte[] txnIdLength;
    final UnsafeBuffer txnIds;

    RedemptionTable(final int capacity)
    {
        this.capacity = capacity;
        voucherIndex = new int[capacity];
        storeId = new long[capacity];
        orderAmountFen = new long[capacity];
        refunded = new boolean[capacity];
        txnIdLength = new byte[capacity];
        txnIds = new UnsafeBuffer(new byte[capacity * TXN_ID_MAX_LENGTH]);
    }

    boolean isFull()
    {
        return count == capacity;
    }

    boolean txnIdEquals(final int redemption, final DirectBuffer buffer, final int offset, final int length)
    {
        if (txnIdLength[redemption] != length)
        {
            return false;
        }
        final int base = redemption * TXN_ID_MAX_LENGTH;
        for (int i = 0; i < length; i++)
        {
            if (txnIds.getByte(base + i) != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    void putTxnId(final int redemption, final DirectBuffer buffer, final int offset, final int length)
    {
        txnIds.putBytes(redemption * TXN_ID_MAX_LENGTH, buffer, offset, length);
        txnIdLength[redemption] = (byte)length;
    }
}
