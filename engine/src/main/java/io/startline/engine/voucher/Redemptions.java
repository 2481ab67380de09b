package io.startline.engine.voucher;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.Ids;
import io.startline.engine.support.SipHash;
import io.startline.engine.support.StateHasher;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Redemptions and their refunds. A store's transaction id names one redemption: the same
 * redemption again answers the same, a different one under the same id is refused.
 */
final class Redemptions
{
    private static final long MISSING_INDEX = -1;
    private static final int TXN_ID_MAX_LENGTH = RedemptionTable.TXN_ID_MAX_LENGTH;

    private final CampaignTable table;
    private final VoucherTable vouchers;
    private final RedemptionTable redemptions;
    private final VoucherCodes codes;
    private final VoucherDeadlines deadlines;
    private final VoucherOutcome outcome;
    private final long codeKey0;
    private final long codeKey1;
    private final Long2LongHashMap redemptionByTxnKey;
    private final UnsafeBuffer txnKeyScratch = new UnsafeBuffer(new byte[8 + TXN_ID_MAX_LENGTH]);
    private long txnKeyFound;

    Redemptions(
        final CampaignTable table,
        final VoucherTable vouchers,
        final RedemptionTable redemptions,
        final VoucherCodes codes,
        final VoucherDeadlines deadlines,
        final VoucherOutcome outcome,
        final long codeKey0,
        final long codeKey1)
    {
        this.table = table;
        this.vouchers = vouchers;
        this.redemptions = redemptions;
        this.codes = codes;
        this.deadlines = deadlines;
        this.outcome = outcome;
        this.codeKey0 = codeKey0;
        this.codeKey1 = codeKey1;
        // Sized for the limit at load factor 1/2, so it never grows on the hot path.
        redemptionByTxnKey = new Long2LongHashMap(redemptions.capacity * 2, 0.5f, MISSING_INDEX);
    }

    ResultCode redeem(final RedemptionRequest request, final long nowMs)
    {
        if (!Ids.isValidExternalId(request.storeId))
        {
            return outcome.reject(ResultCode.INVALID_ARGUMENT, request.storeId, "storeId");
        }
        if (request.orderAmountFen < 1 || request.orderAmountFen > VoucherCampaigns.ORDER_AMOUNT_MAX_FEN)
        {
            return outcome.reject(ResultCode.INVALID_ARGUMENT, 0, "orderAmountFen");
        }
        if (request.txnIdLength < 1 || request.txnIdLength > TXN_ID_MAX_LENGTH)
        {
            return outcome.reject(ResultCode.INVALID_ARGUMENT, 0, "merchantTxnId");
        }
        final int earlier = findRedemption(request.storeId, request.txnIdBuffer, request.txnIdOffset, request.txnIdLength);
        if (earlier >= 0)
        {
            return replay(request, earlier);
        }

        final long voucherId = codes.decode(request.voucherCode);
        if (voucherId < 1 || voucherId > vouchers.count)
        {
            return outcome.reject(ResultCode.VOUCHER_NOT_FOUND, 0, "");
        }
        final int v = (int)(voucherId - 1);
        final Drop drop = table.dropAt(vouchers.dropIndex[v]);
        final int storeSlot = drop.campaign.storeSlot(request.storeId);
        if (storeSlot < 0)
        {
            return outcome.reject(ResultCode.STORE_NOT_ELIGIBLE, request.storeId, "");
        }
        final byte status = vouchers.status[v];
        if (status == VoucherTable.REDEEMED)
        {
            return outcome.reject(ResultCode.ALREADY_REDEEMED, v + 1L, "");
        }
        if (status == VoucherTable.EXPIRED)
        {
            return outcome.reject(ResultCode.EXPIRED, v + 1L, "");
        }
        assert nowMs < vouchers.expiresAt[v] : "an ACTIVE voucher past its expiry: timers did not fire";
        if (request.orderAmountFen < drop.thresholdFen)
        {
            return outcome.reject(ResultCode.BELOW_THRESHOLD, v + 1L, "orderAmountFen");
        }
        if (redemptions.isFull())
        {
            return outcome.reject(ResultCode.CAPACITY_REACHED, 0, "");
        }
        record(request, v, drop, storeSlot);
        return ResultCode.OK;
    }

    /** The same transaction id again: the same redemption is the answer, if it is the same redemption. */
    private ResultCode replay(final RedemptionRequest request, final int earlier)
    {
        final int v = redemptions.voucherIndex[earlier];
        if (codes.code(v) != request.voucherCode || redemptions.orderAmountFen[earlier] != request.orderAmountFen)
        {
            return outcome.reject(ResultCode.TXN_ID_REUSED, earlier + 1L, "merchantTxnId");
        }
        outcome.redemption = earlier;
        outcome.redemptionReplayed = true;
        return ResultCode.OK;
    }

    /** Records the redemption, under the map key {@link #findRedemption} left, and counts it. */
    private void record(final RedemptionRequest request, final int v, final Drop drop, final int storeSlot)
    {
        final long orderAmountFen = request.orderAmountFen;
        final int r = redemptions.count++;
        redemptions.voucherIndex[r] = v;
        redemptions.storeId[r] = request.storeId;
        redemptions.orderAmountFen[r] = orderAmountFen;
        redemptions.refunded[r] = false;
        redemptions.putTxnId(r, request.txnIdBuffer, request.txnIdOffset, request.txnIdLength);
        redemptionByTxnKey.put(txnKeyFound, r);

        final Campaign campaign = drop.campaign;
        vouchers.status[v] = VoucherTable.REDEEMED;
        drop.redeemed++;
        drop.subsidyPaidFen += drop.faceValueFen;
        drop.consumerSpendFen += orderAmountFen;
        campaign.storeRedeemed[storeSlot]++;
        campaign.storeSubsidyPaidFen[storeSlot] += drop.faceValueFen;
        campaign.storeConsumerSpendFen[storeSlot] += orderAmountFen;
        outcome.redemption = r;
        outcome.redemptionReplayed = false;
    }

    /**
     * A full refund of a redemption. Within the voucher's validity it becomes redeemable
     * again with its original expiry; past it, the voucher is expired and its face value
     * returns to the budget.
     */
    ResultCode refund(final long storeId, final long redemptionId, final long nowMs)
    {
        if (redemptionId < 1 || redemptionId > redemptions.count)
        {
            return outcome.reject(ResultCode.REDEMPTION_NOT_FOUND, redemptionId, "");
        }
        final int r = (int)(redemptionId - 1);
        if (redemptions.storeId[r] != storeId)
        {
            return outcome.reject(ResultCode.WRONG_STORE, redemptionId, "");
        }
        if (redemptions.refunded[r])
        {
            return outcome.reject(ResultCode.ALREADY_REFUNDED, redemptionId, "");
        }

        final int v = redemptions.voucherIndex[r];
        final Drop drop = table.dropAt(vouchers.dropIndex[v]);
        final Campaign campaign = drop.campaign;
        final int storeSlot = campaign.storeSlot(storeId);
        final long orderAmountFen = redemptions.orderAmountFen[r];

        redemptions.refunded[r] = true;
        drop.redeemed--;
        drop.refunded++;
        drop.subsidyPaidFen -= drop.faceValueFen;
        drop.consumerSpendFen -= orderAmountFen;
        campaign.storeRedeemed[storeSlot]--;
        campaign.storeRefunded[storeSlot]++;
        campaign.storeSubsidyPaidFen[storeSlot] -= drop.faceValueFen;
        campaign.storeConsumerSpendFen[storeSlot] -= orderAmountFen;

        outcome.refundRestoredVoucher = nowMs < vouchers.expiresAt[v];
        if (outcome.refundRestoredVoucher)
        {
            vouchers.status[v] = VoucherTable.ACTIVE;
        }
        else
        {
            deadlines.expire(v, drop);
        }
        return ResultCode.OK;
    }

    /**
     * The store a redemption was made at, or 0 when there is no such redemption.
     */
    long storeOf(final long redemptionId)
    {
        return redemptionId < 1 || redemptionId > redemptions.count ? 0 : redemptions.storeId[(int)(redemptionId - 1)];
    }

    boolean isRefunded(final long redemptionId)
    {
        return redemptions.refunded[(int)(redemptionId - 1)];
    }

    /**
     * Finds an earlier redemption with this (store, transaction id), comparing the id byte for
     * byte. When there is none, {@link #txnKeyFound} is left at the free map key to insert
     * under; keys that collide are chained by re-mixing.
     */
    private int findRedemption(final long storeId, final DirectBuffer buffer, final int offset, final int length)
    {
        txnKeyScratch.putLong(0, storeId, ByteOrder.LITTLE_ENDIAN);
        txnKeyScratch.putBytes(8, buffer, offset, length);
        long key = SipHash.hash(codeKey0, codeKey1, txnKeyScratch, 0, 8 + length);
        while (true)
        {
            final long r = redemptionByTxnKey.get(key);
            if (r == MISSING_INDEX)
            {
                txnKeyFound = key;
                return -1;
            }
            final int redemption = (int)r;
            if (redemptions.storeId[redemption] == storeId &&
                redemptions.txnIdEquals(redemption, buffer, offset, length))
            {
                return redemption;
            }
            key = StateHasher.mix(key + 1);
        }
    }

    /** After a snapshot's load: the map of transaction ids again, inserted in redemption order as it was. */
    void restoreTxnIndex()
    {
        for (int r = 0; r < redemptions.count; r++)
        {
            final int length = redemptions.txnIdLength[r];
            if (findRedemption(redemptions.storeId[r], redemptions.txnIds, r * TXN_ID_MAX_LENGTH, length) >= 0)
            {
                throw new IllegalStateException("snapshot holds store " + redemptions.storeId[r] +
                    "'s transaction id twice, at redemption " + (r + 1));
            }
            redemptionByTxnKey.put(txnKeyFound, r);
        }
    }

    /** The map, for the state hash: its size, then its (key, redemption) pairs in any order. */
    void hashInto(final StateHasher hasher)
    {
        hasher.add(redemptionByTxnKey.size());
        redemptionByTxnKey.forEachLong(hasher::unordered);
        hasher.addUnordered();
    }
}
