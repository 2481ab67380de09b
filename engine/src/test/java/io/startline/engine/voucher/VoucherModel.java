package io.startline.engine.voucher;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.VoucherStatus;
import io.startline.engine.support.Ids;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * The voucher rules written as plainly as possible, with ordinary objects and collections,
 * for the engine to be checked against. It shares nothing with the engine but the result
 * codes and the rule text it implements; where the two disagree, one of them is wrong.
 * <p>
 * Voucher codes are the one thing it cannot predict (they are keyed hashes); it takes them
 * from the engine's answers and checks only that they are unique.
 */
final class VoucherModel
{
    static final long DAY_MS = 86_400_000L;

    final List<CampaignM> campaigns = new ArrayList<>();
    final List<DropM> drops = new ArrayList<>();
    final List<VoucherM> vouchers = new ArrayList<>();
    final List<RedemptionM> redemptions = new ArrayList<>();
    final Map<Long, VoucherM> voucherByCode = new HashMap<>();
    final Map<String, RedemptionM> redemptionByStoreTxn = new HashMap<>();
    final Map<String, Integer> claimsByDropUser = new HashMap<>();
    final Map<String, Integer> claimsByCampaignUser = new HashMap<>();
    final PriorityQueue<VoucherM> byExpiry = new PriorityQueue<>(
        (a, b) -> a.expiresAt != b.expiresAt ? Long.compare(a.expiresAt, b.expiresAt) : Long.compare(a.id, b.id));

    private final int maxVouchers;
    private final int maxRedemptions;

    VoucherModel(final int maxVouchers, final int maxRedemptions)
    {
        this.maxVouchers = maxVouchers;
        this.maxRedemptions = maxRedemptions;
    }

    static final class CampaignM
    {
        long id;
        long budgetFen;
        long budgetLeftFen;
        long validUntil;
        int validDays;
        int perUserLimit;
        final Map<String, long[]> tiers = new LinkedHashMap<>();
        final Map<Long, long[]> stores = new TreeMap<>();
        final List<DropM> drops = new ArrayList<>();
    }

    static final class DropM
    {
        long id;
        CampaignM campaign;
        String tierCode;
        long faceValueFen;
        long thresholdFen;
        int quantity;
        int perUserLimit;
        long startsAt;
        Long endsAt;
        long closesAt;
        int claimed;
        boolean ended;
        boolean cancelled;
        long redeemed;
        long refunded;
        long expired;
        long unclaimedReturned;
        long recycledFen;
        long subsidyPaidFen;
        long consumerSpendFen;
    }

    static final class VoucherM
    {
        long id;
        long code;
        long userId;
        DropM drop;
        long expiresAt;
        VoucherStatus status = VoucherStatus.ACTIVE;
    }

    static final class RedemptionM
    {
        long id;
        VoucherM voucher;
        long storeId;
        long orderAmountFen;
        String txnId;
        boolean refunded;
    }

    /** The model's answer: a code, and for OK the id it expects (campaign, drop, voucher, redemption). */
    record Answer(ResultCode code, long id, String field, boolean flag)
    {
        static Answer no(final ResultCode code)
        {
            return new Answer(code, 0, "", false);
        }

        static Answer invalid(final String field)
        {
            return new Answer(ResultCode.INVALID_ARGUMENT, 0, field, false);
        }
    }

    void advanceTime(final long nowMs)
    {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresAt <= nowMs)
        {
            final VoucherM v = byExpiry.poll();
            if (v.status == VoucherStatus.ACTIVE)
            {
                expire(v);
            }
        }
        for (final DropM d : drops)
        {
            if (!d.ended && d.closesAt <= nowMs)
            {
                d.ended = true;
                d.unclaimedReturned = d.quantity - d.claimed;
                d.recycledFen += d.unclaimedReturned * d.faceValueFen;
                d.campaign.budgetLeftFen += d.unclaimedReturned * d.faceValueFen;
            }
        }
    }

    Answer createCampaign(
        final long budgetFen, final int validDays, final long validUntil, final int perUserLimit,
        final List<long[]> tierValues, final List<String> tierCodes, final List<Long> storeIds, final long nowMs)
    {
        if (budgetFen < 1 || budgetFen > VoucherCampaigns.BUDGET_MAX_FEN)
        {
            return Answer.invalid("budgetFen");
        }
        if (validDays < 1 || validDays > VoucherCampaigns.VALID_DAYS_MAX)
        {
            return Answer.invalid("validDaysAfterClaim");
        }
        if (validUntil <= nowMs)
        {
            return Answer.invalid("validUntil");
        }
        if (perUserLimit < 1 || perUserLimit > VoucherCampaigns.PER_USER_LIMIT_MAX)
        {
            return Answer.invalid("perUserLimit");
        }
        final Set<String> seen = new HashSet<>();
        for (int t = 0; t < tierCodes.size(); t++)
        {
            if (!seen.add(tierCodes.get(t)))
            {
                return Answer.invalid("tiers.code");
            }
            final long face = tierValues.get(t)[0];
            final long threshold = tierValues.get(t)[1];
            if (face < 1 || face > budgetFen)
            {
                return Answer.invalid("tiers.faceValueFen");
            }
            if (threshold < face || threshold > VoucherCampaigns.ORDER_AMOUNT_MAX_FEN)
            {
                return Answer.invalid("tiers.thresholdFen");
            }
        }
        if (new HashSet<>(storeIds).size() != storeIds.size())
        {
            return Answer.invalid("storeIds");
        }
        final CampaignM c = new CampaignM();
        c.id = campaigns.size() + 1;
        c.budgetFen = budgetFen;
        c.budgetLeftFen = budgetFen;
        c.validDays = validDays;
        c.validUntil = validUntil;
        c.perUserLimit = perUserLimit;
        for (int t = 0; t < tierCodes.size(); t++)
        {
            c.tiers.put(tierCodes.get(t), tierValues.get(t));
        }
        for (final long storeId : storeIds)
        {
            c.stores.put(storeId, new long[4]);
        }
        campaigns.add(c);
        return new Answer(ResultCode.OK, c.id, "", false);
    }

    Answer createDrop(
        final long campaignId, final String tierCode, final int quantity, final int perUserLimit,
        final long startsAt, final Long endsAt, final long nowMs)
    {
        final CampaignM c = campaign(campaignId);
        if (c == null)
        {
            return Answer.no(ResultCode.CAMPAIGN_NOT_FOUND);
        }
        if (c.validUntil <= nowMs)
        {
            return Answer.no(ResultCode.CLOSED);
        }
        final long[] tier = c.tiers.get(tierCode);
        if (tier == null)
        {
            return Answer.invalid("tierCode");
        }
        if (quantity < 1 || quantity > maxVouchers)
        {
            return Answer.invalid("quantity");
        }
        if (perUserLimit < 1 || perUserLimit > VoucherCampaigns.PER_USER_LIMIT_MAX)
        {
            return Answer.invalid("perUserLimit");
        }
        if (startsAt < 0 || startsAt >= c.validUntil)
        {
            return Answer.invalid("startsAt");
        }
        if (endsAt != null && (endsAt <= startsAt || endsAt <= nowMs))
        {
            return Answer.invalid("endsAt");
        }
        if ((long)quantity * tier[0] > c.budgetLeftFen)
        {
            return Answer.no(ResultCode.BUDGET_EXCEEDED);
        }
        final DropM d = new DropM();
        d.id = drops.size() + 1;
        d.campaign = c;
        d.tierCode = tierCode;
        d.faceValueFen = tier[0];
        d.thresholdFen = tier[1];
        d.quantity = quantity;
        d.perUserLimit = perUserLimit;
        d.startsAt = startsAt;
        d.endsAt = endsAt;
        d.closesAt = endsAt == null ? c.validUntil : Math.min(endsAt, c.validUntil);
        c.budgetLeftFen -= quantity * d.faceValueFen;
        drops.add(d);
        c.drops.add(d);
        return new Answer(ResultCode.OK, d.id, "", false);
    }

    /** A drop's new window, before it opens; null keeps the start or the end. */
    Answer editDrop(final long campaignId, final long dropId, final Long startsAt, final Long endsAt, final long nowMs)
    {
        final Answer refused = notYetOpen(campaignId, dropId, nowMs);
        if (refused != null)
        {
            return refused;
        }
        final DropM d = drops.get((int)dropId - 1);
        final long newStart = startsAt == null ? d.startsAt : startsAt;
        final Long newEnd = endsAt == null ? d.endsAt : endsAt;
        if (newStart < 0 || newStart >= d.campaign.validUntil)
        {
            return Answer.invalid("startsAt");
        }
        if (newEnd != null && (newEnd <= newStart || newEnd <= nowMs))
        {
            return Answer.invalid("endsAt");
        }
        d.startsAt = newStart;
        d.endsAt = newEnd;
        d.closesAt = newEnd == null ? d.campaign.validUntil : Math.min(newEnd, d.campaign.validUntil);
        return new Answer(ResultCode.OK, d.id, "", false);
    }

    /** Cancels a drop before it opens: all of its value returns to the budget left. */
    Answer cancelDrop(final long campaignId, final long dropId, final long nowMs)
    {
        final Answer refused = notYetOpen(campaignId, dropId, nowMs);
        if (refused != null)
        {
            return refused;
        }
        final DropM d = drops.get((int)dropId - 1);
        d.cancelled = true;
        d.ended = true;
        d.unclaimedReturned = d.quantity;
        d.recycledFen += d.quantity * d.faceValueFen;
        d.campaign.budgetLeftFen += d.quantity * d.faceValueFen;
        return new Answer(ResultCode.OK, d.id, "", false);
    }

    private Answer notYetOpen(final long campaignId, final long dropId, final long nowMs)
    {
        final CampaignM c = campaign(campaignId);
        if (c == null)
        {
            return Answer.no(ResultCode.CAMPAIGN_NOT_FOUND);
        }
        final DropM d = dropId >= 1 && dropId <= drops.size() ? drops.get((int)dropId - 1) : null;
        if (d == null || d.campaign != c)
        {
            return Answer.no(ResultCode.DROP_NOT_FOUND);
        }
        if (d.cancelled)
        {
            return Answer.no(ResultCode.DROP_CANCELLED);
        }
        if (nowMs >= d.startsAt || d.ended)
        {
            return Answer.no(ResultCode.NOT_EDITABLE);
        }
        return null;
    }

    Answer claim(final long userId, final long campaignId, final long dropId, final long nowMs)
    {
        if (!Ids.isValidExternalId(userId))
        {
            return Answer.invalid("userId");
        }
        final CampaignM c = campaign(campaignId);
        if (c == null)
        {
            return Answer.no(ResultCode.CAMPAIGN_NOT_FOUND);
        }
        final DropM d = dropId >= 1 && dropId <= drops.size() ? drops.get((int)dropId - 1) : null;
        if (d == null || d.campaign != c)
        {
            return Answer.no(ResultCode.DROP_NOT_FOUND);
        }
        if (d.cancelled)
        {
            return Answer.no(ResultCode.DROP_CANCELLED);
        }
        if (nowMs < d.startsAt)
        {
            return Answer.no(ResultCode.NOT_OPEN);
        }
        if (d.ended)
        {
            return Answer.no(ResultCode.CLOSED);
        }
        final String dropKey = d.id + "/" + userId;
        final String campaignKey = c.id + "/" + userId;
        if (claimsByDropUser.getOrDefault(dropKey, 0) >= d.perUserLimit ||
            claimsByCampaignUser.getOrDefault(campaignKey, 0) >= c.perUserLimit)
        {
            return Answer.no(ResultCode.LIMIT_REACHED);
        }
        if (d.claimed == d.quantity)
        {
            return Answer.no(ResultCode.SOLD_OUT);
        }
        if (vouchers.size() == maxVouchers)
        {
            return Answer.no(ResultCode.CAPACITY_REACHED);
        }
        final VoucherM v = new VoucherM();
        v.id = vouchers.size() + 1;
        v.userId = userId;
        v.drop = d;
        v.expiresAt = Math.min(nowMs + c.validDays * DAY_MS, c.validUntil);
        vouchers.add(v);
        byExpiry.add(v);
        claimsByDropUser.merge(dropKey, 1, Integer::sum);
        claimsByCampaignUser.merge(campaignKey, 1, Integer::sum);
        d.claimed++;
        return new Answer(ResultCode.OK, v.id, "", false);
    }

    /** Records the code the engine chose for a voucher the model agreed to issue. */
    void assignCode(final long voucherId, final long code)
    {
        final VoucherM v = vouchers.get((int)voucherId - 1);
        v.code = code;
        if (voucherByCode.put(code, v) != null)
        {
            throw new AssertionError("voucher code " + code + " issued twice");
        }
    }

    Answer redeem(final long storeId, final long code, final long orderAmountFen, final String txnId)
    {
        if (!Ids.isValidExternalId(storeId))
        {
            return Answer.invalid("storeId");
        }
        if (orderAmountFen < 1 || orderAmountFen > VoucherCampaigns.ORDER_AMOUNT_MAX_FEN)
        {
            return Answer.invalid("orderAmountFen");
        }
        if (txnId.isEmpty() || txnId.length() > VoucherCampaigns.TXN_ID_MAX_LENGTH)
        {
            return Answer.invalid("merchantTxnId");
        }
        final RedemptionM earlier = redemptionByStoreTxn.get(storeId + "/" + txnId);
        if (earlier != null)
        {
            if (earlier.voucher.code != code || earlier.orderAmountFen != orderAmountFen)
            {
                return new Answer(ResultCode.TXN_ID_REUSED, 0, "merchantTxnId", false);
            }
            return new Answer(ResultCode.OK, earlier.id, "", true);
        }
        final VoucherM v = voucherByCode.get(code);
        if (v == null)
        {
            return Answer.no(ResultCode.VOUCHER_NOT_FOUND);
        }
        final long[] store = v.drop.campaign.stores.get(storeId);
        if (store == null)
        {
            return Answer.no(ResultCode.STORE_NOT_ELIGIBLE);
        }
        if (v.status == VoucherStatus.REDEEMED)
        {
            return Answer.no(ResultCode.ALREADY_REDEEMED);
        }
        if (v.status == VoucherStatus.EXPIRED)
        {
            return Answer.no(ResultCode.EXPIRED);
        }
        if (orderAmountFen < v.drop.thresholdFen)
        {
            return new Answer(ResultCode.BELOW_THRESHOLD, 0, "orderAmountFen", false);
        }
        if (redemptions.size() == maxRedemptions)
        {
            return Answer.no(ResultCode.CAPACITY_REACHED);
        }
        final RedemptionM r = new RedemptionM();
        r.id = redemptions.size() + 1;
        r.voucher = v;
        r.storeId = storeId;
        r.orderAmountFen = orderAmountFen;
        r.txnId = txnId;
        redemptions.add(r);
        redemptionByStoreTxn.put(storeId + "/" + txnId, r);
        v.status = VoucherStatus.REDEEMED;
        v.drop.redeemed++;
        v.drop.subsidyPaidFen += v.drop.faceValueFen;
        v.drop.consumerSpendFen += orderAmountFen;
        store[0]++;
        store[2] += v.drop.faceValueFen;
        store[3] += orderAmountFen;
        return new Answer(ResultCode.OK, r.id, "", false);
    }

    Answer refund(final long storeId, final long redemptionId, final long nowMs)
    {
        if (redemptionId < 1 || redemptionId > redemptions.size())
        {
            return Answer.no(ResultCode.REDEMPTION_NOT_FOUND);
        }
        final RedemptionM r = redemptions.get((int)redemptionId - 1);
        if (r.storeId != storeId)
        {
            return Answer.no(ResultCode.WRONG_STORE);
        }
        if (r.refunded)
        {
            return Answer.no(ResultCode.ALREADY_REFUNDED);
        }
        r.refunded = true;
        final VoucherM v = r.voucher;
        final DropM d = v.drop;
        final long[] store = d.campaign.stores.get(storeId);
        d.redeemed--;
        d.refunded++;
        d.subsidyPaidFen -= d.faceValueFen;
        d.consumerSpendFen -= r.orderAmountFen;
        store[0]--;
        store[1]++;
        store[2] -= d.faceValueFen;
        store[3] -= r.orderAmountFen;
        final boolean restored = nowMs < v.expiresAt;
        if (restored)
        {
            v.status = VoucherStatus.ACTIVE;
        }
        else
        {
            expire(v);
        }
        return new Answer(ResultCode.OK, redemptionId, "", restored);
    }

    private void expire(final VoucherM v)
    {
        v.status = VoucherStatus.EXPIRED;
        v.drop.expired++;
        v.drop.recycledFen += v.drop.faceValueFen;
        v.drop.campaign.budgetLeftFen += v.drop.faceValueFen;
    }

    CampaignM campaign(final long campaignId)
    {
        return campaignId >= 1 && campaignId <= campaigns.size() ? campaigns.get((int)campaignId - 1) : null;
    }

    /** The statistics this model expects, in the engine's reading shape. */
    CampaignStats stats(final CampaignM c)
    {
        final List<CampaignStats.Row> byDrop = new ArrayList<>();
        final Map<String, CampaignStats.Counters> byTierMap = new LinkedHashMap<>();
        CampaignStats.Counters total = CampaignStats.Counters.ZERO;
        for (final DropM d : c.drops)
        {
            final CampaignStats.Counters counters = new CampaignStats.Counters(
                d.quantity, d.claimed, d.redeemed, d.refunded, d.expired, d.unclaimedReturned, d.recycledFen,
                d.subsidyPaidFen, d.consumerSpendFen);
            byDrop.add(new CampaignStats.Row(Long.toString(d.id), counters));
            byTierMap.merge(d.tierCode, counters, CampaignStats.Counters::plus);
            total = total.plus(counters);
        }
        final List<CampaignStats.Row> byTier = new ArrayList<>();
        byTierMap.forEach((code, counters) -> byTier.add(new CampaignStats.Row(code, counters)));
        final List<CampaignStats.Row> byStore = new ArrayList<>();
        c.stores.forEach((storeId, s) -> byStore.add(new CampaignStats.Row(
            Long.toString(storeId), new CampaignStats.Counters(0, 0, s[0], s[1], 0, 0, 0, s[2], s[3]))));
        return new CampaignStats(c.id, c.budgetFen, c.budgetLeftFen, total, byDrop, byTier, byStore);
    }
}
