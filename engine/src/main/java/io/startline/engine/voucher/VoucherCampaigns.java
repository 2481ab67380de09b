package io.startline.engine.voucher;

import java.util.Arrays;
import io.startline.engine.EngineContext;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.CodesAhead;
import io.startline.engine.support.FingerprintIndex;
import io.startline.engine.support.Ids;
import io.startline.engine.support.KeyedPermutation;
import io.startline.engine.support.SipHash;
import io.startline.engine.support.StateHasher;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The rules of voucher campaigns and all of their state.
 * <p>
 * Every command method checks everything first and changes state only once it has decided
 * to succeed: a refused command leaves no trace. A refusal is returned as its
 * {@link ResultCode}, with {@link #rejectedSubjectId()} and {@link #rejectedField()} saying
 * what it was about. Successes leave their answer in the {@code last*} accessors.
 * <p>
 * Budget accounting, kept exact at every step:
 * {@code budgetLeft + unclaimed stock of open drops + face value of ACTIVE vouchers +
 * subsidy paid (REDEEMED vouchers) = budget}.
 */
public final class VoucherCampaigns
{
    public static final long DAY_MS = 86_400_000L;
    public static final long BUDGET_MAX_FEN = 100_000_000_000_000L;
    public static final long ORDER_AMOUNT_MAX_FEN = 10_000_000_000L;
    public static final int NAME_MAX_BYTES = CampaignSpec.NAME_MAX_BYTES;
    public static final int VALID_DAYS_MAX = 3660;
    public static final int PER_USER_LIMIT_MAX = 1000;
    public static final int TXN_ID_MAX_LENGTH = RedemptionTable.TXN_ID_MAX_LENGTH;

    /** About 6 ms of codes: the most one command computes ahead. */

    private static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final long MISSING_INDEX = -1;

    private final EngineContext context;
    private final long codeKey0;
    private final long codeKey1;

    private final Campaign[] campaigns;
    private int campaignCount;
    private final Drop[] drops;
    private int dropCount;
    private final VoucherTable vouchers;
    private final RedemptionTable redemptions;

    /** Drops whose closing time has not yet been processed. */
    private final Drop[] openDrops;
    private int openDropCount;
    private long nextDeadlineMs = NO_DEADLINE;

    private final KeyedPermutation voucherCodes;
    /**
     * The voucher codes, made ahead on a drop's creation and on idle ticks. Claims take voucher
     * indices in order and never more than the drops' quantities added up ({@link #codesWanted}),
     * so no code is made that no drop can issue.
     */
    private final CodesAhead codes;
    private long codesWanted;
    /**
     * User → their newest voucher, eight bytes a slot (the user id is checked in the voucher
     * row): every claim looks its user up, so at the default limits this table is sized to
     * stay in the last-level cache.
     */
    private final FingerprintIndex newestVoucherByUser;
    private final Long2LongHashMap redemptionByTxnKey;
    private final UnsafeBuffer txnKeyScratch = new UnsafeBuffer(new byte[8 + TXN_ID_MAX_LENGTH]);
    private final byte[] tierCodeScratch = new byte[TierCodes.LENGTH];
    private final long[] storeIdScratch;

    private long rejectedSubjectId;
    private String rejectedField = "";
    private int lastCampaign;
    private int lastDrop;
    private int lastVoucher;
    private int lastRedemption;
    private boolean lastRedemptionReplayed;
    private boolean lastRefundRestoredVoucher;
    private long txnKeyFound;

    public VoucherCampaigns(final EngineContext context)
    {
        this.context = context;
        this.codeKey0 = context.codeKey0();
        this.codeKey1 = context.codeKey1();
        campaigns = new Campaign[context.maxCampaigns()];
        drops = new Drop[context.maxDrops()];
        openDrops = new Drop[context.maxDrops()];
        vouchers = new VoucherTable(context.maxVouchers());
        redemptions = new RedemptionTable(context.maxRedemptions());
        storeIdScratch = new long[context.maxStoresPerCampaign()];

        voucherCodes = new KeyedPermutation(codeKey0, codeKey1);
        codes = new CodesAhead(voucherCodes, context.maxVouchers());
        // Sized for the limit at load factor 1/2, so they never grow on the hot path.
        newestVoucherByUser = new FingerprintIndex(context.maxVouchers());
        redemptionByTxnKey = new Long2LongHashMap(context.maxRedemptions() * 2, 0.5f, MISSING_INDEX);
    }

    // ----------------------------------------------------------------- commands

    public ResultCode createCampaign(final CampaignSpec spec, final long nowMs)
    {
        final ResultCode invalid = validate(spec, nowMs);
        if (invalid != ResultCode.OK)
        {
            return invalid;
        }
        if (campaignCount == campaigns.length)
        {
            return reject(ResultCode.CAPACITY_REACHED, 0, "");
        }

        final int index = campaignCount++;
        campaigns[index] = new Campaign(index, spec, context.maxDropsPerCampaign(), vouchers.count);
        lastCampaign = index;
        return ResultCode.OK;
    }

    public ResultCode createDrop(
        final long campaignId,
        final byte[] tierCode,
        final int quantity,
        final int perUserLimit,
        final long startsAt,
        final long endsAt,
        final long nowMs)
    {
        final Campaign campaign = campaign(campaignId);
        if (campaign == null)
        {
            return reject(ResultCode.CAMPAIGN_NOT_FOUND, campaignId, "");
        }
        if (campaign.validUntil <= nowMs)
        {
            return reject(ResultCode.CLOSED, campaignId, "");
        }
        final int tierIndex = campaign.tierIndex(tierCode);
        if (tierIndex < 0)
        {
            return reject(ResultCode.INVALID_ARGUMENT, campaignId, "tierCode");
        }
        if (quantity < 1 || quantity > vouchers.capacity)
        {
            return reject(ResultCode.INVALID_ARGUMENT, campaignId, "quantity");
        }
        if (perUserLimit < 1 || perUserLimit > PER_USER_LIMIT_MAX)
        {
            return reject(ResultCode.INVALID_ARGUMENT, campaignId, "perUserLimit");
        }
        if (startsAt < 0 || startsAt >= campaign.validUntil)
        {
            return reject(ResultCode.INVALID_ARGUMENT, campaignId, "startsAt");
        }
        if (endsAt != Drop.NO_END && (endsAt <= startsAt || endsAt <= nowMs))
        {
            return reject(ResultCode.INVALID_ARGUMENT, campaignId, "endsAt");
        }
        final long faceValueFen = campaign.tierFaceValueFen[tierIndex];
        if (quantity > campaign.budgetLeftFen / faceValueFen)
        {
            return reject(ResultCode.BUDGET_EXCEEDED, campaignId, "");
        }
        if (dropCount == drops.length || campaign.dropIndices.size() == context.maxDropsPerCampaign())
        {
            return reject(ResultCode.CAPACITY_REACHED, campaignId, "");
        }

        final int index = dropCount++;
        final Drop drop = new Drop(index, campaign, tierIndex, quantity, perUserLimit, startsAt, endsAt);
        drops[index] = drop;
        campaign.dropIndices.addInt(index);
        campaign.budgetLeftFen -= quantity * faceValueFen;
        openDrops[openDropCount++] = drop;
        nextDeadlineMs = Math.min(nextDeadlineMs, drop.closesAt);
        codesWanted = Math.min(vouchers.capacity, codesWanted + quantity);
        computeCodesAhead();
        lastDrop = index;
        return ResultCode.OK;
    }

    public ResultCode claim(final long userId, final long campaignId, final long dropId, final long nowMs)
    {
        if (!Ids.isValidExternalId(userId))
        {
            return reject(ResultCode.INVALID_ARGUMENT, userId, "userId");
        }
        final Campaign campaign = campaign(campaignId);
        if (campaign == null)
        {
            return reject(ResultCode.CAMPAIGN_NOT_FOUND, campaignId, "");
        }
        final Drop drop = drop(dropId);
        if (drop == null || drop.campaign != campaign)
        {
            return reject(ResultCode.DROP_NOT_FOUND, dropId, "");
        }
        if (nowMs < drop.startsAt)
        {
            return reject(ResultCode.NOT_OPEN, dropId, "");
        }
        if (drop.ended)
        {
            return reject(ResultCode.CLOSED, dropId, "");
        }
        final int newestOfUser = newestVoucherOf(userId);
        if (hasReachedLimit(newestOfUser, campaign, drop))
        {
            return reject(ResultCode.LIMIT_REACHED, dropId, "");
        }
        if (drop.claimed == drop.quantity)
        {
            return reject(ResultCode.SOLD_OUT, dropId, "");
        }
        if (vouchers.isFull())
        {
            return reject(ResultCode.CAPACITY_REACHED, dropId, "");
        }

        final int v = vouchers.count++;
        vouchers.dropIndex[v] = drop.index;
        vouchers.userId[v] = userId;
        vouchers.expiresAt[v] = Math.min(nowMs + campaign.validDaysAfterClaim * DAY_MS, campaign.validUntil);
        vouchers.status[v] = VoucherTable.ACTIVE;
        vouchers.nextInCampaign[v] = VoucherTable.NONE;
        vouchers.previousOfUser[v] = newestOfUser;

        setNewestVoucher(userId, v, newestOfUser);
        drop.claimed++;
        appendToExpiryQueue(campaign, v);
        lastVoucher = v;
        return ResultCode.OK;
    }

    public ResultCode redeem(
        final long storeId,
        final long voucherCode,
        final long orderAmountFen,
        final DirectBuffer txnIdBuffer,
        final int txnIdOffset,
        final int txnIdLength,
        final long nowMs)
    {
        if (!Ids.isValidExternalId(storeId))
        {
            return reject(ResultCode.INVALID_ARGUMENT, storeId, "storeId");
        }
        if (orderAmountFen < 1 || orderAmountFen > ORDER_AMOUNT_MAX_FEN)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "orderAmountFen");
        }
        if (txnIdLength < 1 || txnIdLength > TXN_ID_MAX_LENGTH)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "merchantTxnId");
        }

        final int earlier = findRedemption(storeId, txnIdBuffer, txnIdOffset, txnIdLength);
        if (earlier >= 0)
        {
            final int v = redemptions.voucherIndex[earlier];
            if (codeOf(v) != voucherCode || redemptions.orderAmountFen[earlier] != orderAmountFen)
            {
                return reject(ResultCode.TXN_ID_REUSED, earlier + 1L, "merchantTxnId");
            }
            lastRedemption = earlier;
            lastRedemptionReplayed = true;
            return ResultCode.OK;
        }

        final long voucherId = voucherCodes.decode(voucherCode);
        if (voucherId < 1 || voucherId > vouchers.count)
        {
            return reject(ResultCode.VOUCHER_NOT_FOUND, 0, "");
        }
        final int v = (int)(voucherId - 1);
        final Drop drop = drops[vouchers.dropIndex[v]];
        final Campaign campaign = drop.campaign;
        final int storeSlot = campaign.storeSlot(storeId);
        if (storeSlot < 0)
        {
            return reject(ResultCode.STORE_NOT_ELIGIBLE, storeId, "");
        }
        final byte status = vouchers.status[v];
        if (status == VoucherTable.REDEEMED)
        {
            return reject(ResultCode.ALREADY_REDEEMED, v + 1L, "");
        }
        if (status == VoucherTable.EXPIRED)
        {
            return reject(ResultCode.EXPIRED, v + 1L, "");
        }
        assert nowMs < vouchers.expiresAt[v] : "an ACTIVE voucher past its expiry: timers did not fire";
        if (orderAmountFen < drop.thresholdFen)
        {
            return reject(ResultCode.BELOW_THRESHOLD, v + 1L, "orderAmountFen");
        }
        if (redemptions.isFull())
        {
            return reject(ResultCode.CAPACITY_REACHED, 0, "");
        }

        final int r = redemptions.count++;
        redemptions.voucherIndex[r] = v;
        redemptions.storeId[r] = storeId;
        redemptions.orderAmountFen[r] = orderAmountFen;
        redemptions.refunded[r] = false;
        redemptions.putTxnId(r, txnIdBuffer, txnIdOffset, txnIdLength);
        redemptionByTxnKey.put(txnKeyFound, r);

        vouchers.status[v] = VoucherTable.REDEEMED;
        drop.redeemed++;
        drop.subsidyPaidFen += drop.faceValueFen;
        drop.consumerSpendFen += orderAmountFen;
        campaign.storeRedeemed[storeSlot]++;
        campaign.storeSubsidyPaidFen[storeSlot] += drop.faceValueFen;
        campaign.storeConsumerSpendFen[storeSlot] += orderAmountFen;
        lastRedemption = r;
        lastRedemptionReplayed = false;
        return ResultCode.OK;
    }

    /**
     * The store a redemption was made at, or 0 when there is no such redemption.
     */
    public long redemptionStore(final long redemptionId)
    {
        return redemptionId < 1 || redemptionId > redemptions.count ? 0 : redemptions.storeId[(int)(redemptionId - 1)];
    }

    public boolean isRefunded(final long redemptionId)
    {
        return redemptions.refunded[(int)(redemptionId - 1)];
    }

    /**
     * A full refund of a redemption. Within the voucher's validity it becomes redeemable
     * again with its original expiry; past it, the voucher is expired and its face value
     * returns to the budget.
     */
    public ResultCode refund(final long storeId, final long redemptionId, final long nowMs)
    {
        if (redemptionId < 1 || redemptionId > redemptions.count)
        {
            return reject(ResultCode.REDEMPTION_NOT_FOUND, redemptionId, "");
        }
        final int r = (int)(redemptionId - 1);
        if (redemptions.storeId[r] != storeId)
        {
            return reject(ResultCode.WRONG_STORE, redemptionId, "");
        }
        if (redemptions.refunded[r])
        {
            return reject(ResultCode.ALREADY_REFUNDED, redemptionId, "");
        }

        final int v = redemptions.voucherIndex[r];
        final Drop drop = drops[vouchers.dropIndex[v]];
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

        lastRefundRestoredVoucher = nowMs < vouchers.expiresAt[v];
        if (lastRefundRestoredVoucher)
        {
            vouchers.status[v] = VoucherTable.ACTIVE;
        }
        else
        {
            expire(v, drop);
        }
        return ResultCode.OK;
    }

    // ----------------------------------------------------------------- time

    /**
     * Fires every deadline at or before {@code nowMs}: vouchers past their expiry, drops past
     * their closing time. Cheap when nothing is due, which is almost always.
     */
    public void advanceTime(final long nowMs)
    {
        if (nowMs < nextDeadlineMs)
        {
            return;
        }

        long next = NO_DEADLINE;
        for (int c = 0; c < campaignCount; c++)
        {
            final Campaign campaign = campaigns[c];
            int v = campaign.expiryHead;
            while (v != VoucherTable.NONE && vouchers.expiresAt[v] <= nowMs)
            {
                if (vouchers.status[v] == VoucherTable.ACTIVE)
                {
                    expire(v, drops[vouchers.dropIndex[v]]);
                }
                v = vouchers.nextInCampaign[v];
            }
            campaign.expiryHead = v;
            if (v == VoucherTable.NONE)
            {
                campaign.expiryTail = VoucherTable.NONE;
            }
            else
            {
                next = Math.min(next, vouchers.expiresAt[v]);
            }
        }

        int stillOpen = 0;
        for (int i = 0; i < openDropCount; i++)
        {
            final Drop drop = openDrops[i];
            if (drop.closesAt <= nowMs)
            {
                close(drop);
            }
            else
            {
                openDrops[stillOpen++] = drop;
                next = Math.min(next, drop.closesAt);
            }
        }
        for (int i = stillOpen; i < openDropCount; i++)
        {
            openDrops[i] = null;
        }
        openDropCount = stillOpen;
        nextDeadlineMs = next;
    }

    private void close(final Drop drop)
    {
        final int unclaimed = drop.quantity - drop.claimed;
        final long returnedFen = unclaimed * drop.faceValueFen;
        drop.ended = true;
        drop.unclaimedReturned = unclaimed;
        drop.recycledFen += returnedFen;
        drop.campaign.budgetLeftFen += returnedFen;
    }

    private void expire(final int v, final Drop drop)
    {
        vouchers.status[v] = VoucherTable.EXPIRED;
        drop.expired++;
        drop.recycledFen += drop.faceValueFen;
        drop.campaign.budgetLeftFen += drop.faceValueFen;
    }

    private void appendToExpiryQueue(final Campaign campaign, final int v)
    {
        if (campaign.expiryTail == VoucherTable.NONE)
        {
            campaign.expiryHead = v;
            nextDeadlineMs = Math.min(nextDeadlineMs, vouchers.expiresAt[v]);
        }
        else
        {
            vouchers.nextInCampaign[campaign.expiryTail] = v;
        }
        campaign.expiryTail = v;
    }

    // ----------------------------------------------------------------- lookups

    private Campaign campaign(final long campaignId)
    {
        return campaignId >= 1 && campaignId <= campaignCount ? campaigns[(int)(campaignId - 1)] : null;
    }

    private Drop drop(final long dropId)
    {
        return dropId >= 1 && dropId <= dropCount ? drops[(int)(dropId - 1)] : null;
    }

    /**
     * Whether the user already holds as many vouchers of this drop, or of this campaign, as
     * allowed. Walks the user's vouchers newest first and stops at the first one claimed
     * before the campaign existed, so the walk is bounded by what the user claimed since.
     * In a rush most users hold none: the walk is then empty, and the claim costs one lookup.
     */
    private boolean hasReachedLimit(final int newestOfUser, final Campaign campaign, final Drop drop)
    {
        int inCampaign = 0;
        int inDrop = 0;
        for (int v = newestOfUser; v >= campaign.firstVoucherIndex; v = vouchers.previousOfUser[v])
        {
            final int dropIndex = vouchers.dropIndex[v];
            if (drops[dropIndex].campaign == campaign)
            {
                inCampaign++;
                inDrop += dropIndex == drop.index ? 1 : 0;
            }
        }
        return inDrop >= drop.perUserLimit || inCampaign >= campaign.perUserLimit;
    }

    /**
     * The voucher's public code: its id under the keyed permutation, so codes cannot be
     * guessed from one another, are unique, and lead back to the voucher without a table.
     */
    long codeOf(final int voucherIndex)
    {
        return codes.code(voucherIndex);
    }

    /**
     * Makes more of the codes the drops can issue: on a drop's creation and on every idle tick,
     * so a drop created ahead of its start has them all.
     */
    public void computeCodesAhead()
    {
        codes.computeAhead(codesWanted);
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

    // ----------------------------------------------------------------- validation

    private ResultCode validate(final CampaignSpec spec, final long nowMs)
    {
        if (spec.nameLength < 1 || spec.nameLength > CampaignSpec.NAME_MAX_BYTES)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "name");
        }
        if (spec.budgetFen < 1 || spec.budgetFen > BUDGET_MAX_FEN)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "budgetFen");
        }
        if (spec.validDaysAfterClaim < 1 || spec.validDaysAfterClaim > VALID_DAYS_MAX)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "validDaysAfterClaim");
        }
        if (spec.validUntil <= nowMs)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "validUntil");
        }
        if (spec.perUserLimit < 1 || spec.perUserLimit > PER_USER_LIMIT_MAX)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "perUserLimit");
        }
        if (spec.tierCount < 1 || spec.tierCount > context.maxTiersPerCampaign())
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "tiers");
        }
        final byte[] code = tierCodeScratch;
        for (int t = 0; t < spec.tierCount; t++)
        {
            System.arraycopy(spec.tierCodes, t * TierCodes.LENGTH, code, 0, TierCodes.LENGTH);
            if (!TierCodes.isValid(code))
            {
                return reject(ResultCode.INVALID_ARGUMENT, 0, "tiers.code");
            }
            for (int earlier = 0; earlier < t; earlier++)
            {
                if (TierCodes.equal(spec.tierCodes, earlier, code))
                {
                    return reject(ResultCode.INVALID_ARGUMENT, 0, "tiers.code");
                }
            }
            final long faceValueFen = spec.tierFaceValueFen[t];
            if (faceValueFen < 1 || faceValueFen > spec.budgetFen)
            {
                return reject(ResultCode.INVALID_ARGUMENT, 0, "tiers.faceValueFen");
            }
            final long thresholdFen = spec.tierThresholdFen[t];
            if (thresholdFen < faceValueFen || thresholdFen > ORDER_AMOUNT_MAX_FEN)
            {
                return reject(ResultCode.INVALID_ARGUMENT, 0, "tiers.thresholdFen");
            }
        }
        if (spec.storeCount < 1 || spec.storeCount > context.maxStoresPerCampaign())
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "storeIds");
        }
        for (int s = 0; s < spec.storeCount; s++)
        {
            final long storeId = spec.storeIds[s];
            if (!Ids.isValidExternalId(storeId))
            {
                return reject(ResultCode.INVALID_ARGUMENT, storeId, "storeIds");
            }
        }
        if (hasDuplicate(spec.storeIds, spec.storeCount, storeIdScratch))
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "storeIds");
        }
        return ResultCode.OK;
    }

    private static boolean hasDuplicate(final long[] values, final int count, final long[] sorted)
    {
        System.arraycopy(values, 0, sorted, 0, count);
        Arrays.sort(sorted, 0, count);
        for (int i = 1; i < count; i++)
        {
            if (sorted[i] == sorted[i - 1])
            {
                return true;
            }
        }
        return false;
    }

    private ResultCode reject(final ResultCode code, final long subjectId, final String field)
    {
        rejectedSubjectId = subjectId;
        rejectedField = field;
        return code;
    }

    // ----------------------------------------------------------------- state hash

    public void hashInto(final StateHasher hasher)
    {
        hasher.add(campaignCount).add(dropCount).add(vouchers.count).add(redemptions.count).add(nextDeadlineMs);
        for (int c = 0; c < campaignCount; c++)
        {
            final Campaign campaign = campaigns[c];
            hasher.add(campaign.budgetFen).add(campaign.budgetLeftFen).add(campaign.validUntil)
                .add(campaign.validDaysAfterClaim).add(campaign.perUserLimit)
                .add(campaign.name, campaign.name.length)
                .add(campaign.tierCodes, campaign.tierCodes.length)
                .add(campaign.expiryHead).add(campaign.expiryTail);
            for (int t = 0; t < campaign.tierCount; t++)
            {
                hasher.add(campaign.tierFaceValueFen[t]).add(campaign.tierThresholdFen[t]);
            }
            for (int s = 0; s < campaign.storeIds.length; s++)
            {
                hasher.add(campaign.storeIds[s]).add(campaign.storeRedeemed[s]).add(campaign.storeRefunded[s])
                    .add(campaign.storeSubsidyPaidFen[s]).add(campaign.storeConsumerSpendFen[s]);
            }
        }
        for (int d = 0; d < dropCount; d++)
        {
            final Drop drop = drops[d];
            hasher.add(drop.campaign.index).add(drop.tierIndex).add(drop.quantity).add(drop.perUserLimit)
                .add(drop.startsAt).add(drop.endsAt).add(drop.claimed).add(drop.ended ? 1 : 0)
                .add(drop.redeemed).add(drop.refunded).add(drop.expired).add(drop.unclaimedReturned)
                .add(drop.recycledFen).add(drop.subsidyPaidFen).add(drop.consumerSpendFen);
        }
        for (int v = 0; v < vouchers.count; v++)
        {
            hasher.add(vouchers.dropIndex[v]).add(vouchers.userId[v])
                .add(vouchers.expiresAt[v]).add(vouchers.status[v]).add(vouchers.nextInCampaign[v])
                .add(vouchers.previousOfUser[v]);
        }
        for (int r = 0; r < redemptions.count; r++)
        {
            hasher.add(redemptions.voucherIndex[r]).add(redemptions.storeId[r])
                .add(redemptions.orderAmountFen[r]).add(redemptions.refunded[r] ? 1 : 0)
                .add(redemptions.txnIdLength[r]);
            for (int i = 0; i < redemptions.txnIdLength[r]; i++)
            {
                hasher.add(redemptions.txnIds.getByte(r * TXN_ID_MAX_LENGTH + i));
            }
        }
        hasher.add(newestVoucherByUser.size());
        newestVoucherByUser.forEachValue(v -> hasher.unordered(vouchers.userId[v], v));
        hasher.addUnordered();
        hashMap(hasher, redemptionByTxnKey);
    }

    private static void hashMap(final StateHasher hasher, final Long2LongHashMap map)
    {
        hasher.add(map.size());
        map.forEachLong(hasher::unordered);
        hasher.addUnordered();
    }

    // ----------------------------------------------------------------- snapshot restore

    CampaignSpec newSpec()
    {
        return new CampaignSpec(context);
    }

    Campaign restoreCampaign(final CampaignSpec spec, final int firstVoucherIndex)
    {
        if (campaignCount == campaigns.length)
        {
            throw new IllegalStateException("snapshot holds more campaigns than the limit " + campaigns.length);
        }
        final int index = campaignCount++;
        campaigns[index] = new Campaign(index, spec, context.maxDropsPerCampaign(), firstVoucherIndex);
        return campaigns[index];
    }

    Drop restoreDrop(
        final int campaignIndex, final int tierIndex, final int quantity, final int perUserLimit,
        final long startsAt, final long endsAt)
    {
        if (dropCount == drops.length || campaignIndex < 0 || campaignIndex >= campaignCount ||
            tierIndex < 0 || tierIndex >= campaigns[campaignIndex].tierCount)
        {
            throw new IllegalStateException("snapshot drop " + dropCount + " does not fit: campaign " + campaignIndex +
                ", tier " + tierIndex + ", limit " + drops.length);
        }
        final Campaign campaign = campaigns[campaignIndex];
        final int index = dropCount++;
        drops[index] = new Drop(index, campaign, tierIndex, quantity, perUserLimit, startsAt, endsAt);
        campaign.dropIndices.addInt(index);
        return drops[index];
    }

    /**
     * After a snapshot's records are loaded: rebuilds the indexes and lists that snapshots do
     * not store, inserting in the original order so that everything ends up as it was.
     */
    void rebuildDerivedState(final long nextDeadlineMs)
    {
        openDropCount = 0;
        long quantityOfAllDrops = 0;
        for (int d = 0; d < dropCount; d++)
        {
            if (!drops[d].ended)
            {
                openDrops[openDropCount++] = drops[d];
            }
            quantityOfAllDrops += drops[d].quantity;
        }
        // Start-up has the time: every code the drops can issue, at once.
        codesWanted = Math.min(vouchers.capacity, quantityOfAllDrops);
        codes.computeUpTo(codesWanted);
        for (int v = 0; v < vouchers.count; v++)
        {
            setNewestVoucher(vouchers.userId[v], v, newestVoucherOf(vouchers.userId[v]));
        }
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
        this.nextDeadlineMs = nextDeadlineMs;
    }

    // ----------------------------------------------------------------- read side, for adapters and queries

    /** How many voucher codes are computed ahead so far. */
    int codesComputed()
    {
        return codes.computed();
    }

    int campaignCount()
    {
        return campaignCount;
    }

    Campaign campaignAt(final int index)
    {
        return campaigns[index];
    }

    int dropCount()
    {
        return dropCount;
    }

    long nextDeadlineMs()
    {
        return nextDeadlineMs;
    }


    public long rejectedSubjectId()
    {
        return rejectedSubjectId;
    }

    public String rejectedField()
    {
        return rejectedField;
    }

    Campaign campaignById(final long campaignId)
    {
        return campaign(campaignId);
    }

    Drop dropAt(final int index)
    {
        return drops[index];
    }

    VoucherTable vouchers()
    {
        return vouchers;
    }

    RedemptionTable redemptions()
    {
        return redemptions;
    }

    /** @return the user's newest voucher, or {@link FingerprintIndex#MISSING}. */
    int newestVoucherOf(final long userId)
    {
        for (int v = newestVoucherByUser.find(userHash(userId)); v != FingerprintIndex.MISSING;
            v = newestVoucherByUser.findNext())
        {
            if (vouchers.userId[v] == userId)
            {
                return v;
            }
        }
        return FingerprintIndex.MISSING;
    }

    /** Touches the user's slot in the index a claim looks up first; see {@link FingerprintIndex#touch}. */
    long touchUser(final long userId)
    {
        return newestVoucherByUser.touch(userHash(userId));
    }

    /**
     * Makes {@code v} the user's newest voucher, right after {@link #newestVoucherOf} looked the
     * user up (it found {@code previous}): the index's cursor is still at that user's slot.
     */
    private void setNewestVoucher(final long userId, final int v, final int previous)
    {
        if (previous == FingerprintIndex.MISSING)
        {
            newestVoucherByUser.insert(userHash(userId), v);
        }
        else
        {
            newestVoucherByUser.replace(v);
        }
    }

    private static long userHash(final long userId)
    {
        return StateHasher.mix(userId);
    }

    int lastCampaign()
    {
        return lastCampaign;
    }

    int lastDrop()
    {
        return lastDrop;
    }

    int lastVoucher()
    {
        return lastVoucher;
    }

    int lastRedemption()
    {
        return lastRedemption;
    }

    boolean lastRedemptionReplayed()
    {
        return lastRedemptionReplayed;
    }

    boolean lastRefundRestoredVoucher()
    {
        return lastRefundRestoredVoucher;
    }
}
