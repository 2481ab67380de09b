package io.startline.engine.voucher;

import org.agrona.DirectBuffer;

/**
 * A redemption as the message asks for it, made once by the adapter and filled per command.
 * The merchant's transaction id is read in place, from the message's own buffer.
 */
final class RedemptionRequest
{
    long storeId;
    long voucherCode;
    long orderAmountFen;
    DirectBuffer txnIdBuffer;
    int txnIdOffset;
    int txnIdLength;
}
