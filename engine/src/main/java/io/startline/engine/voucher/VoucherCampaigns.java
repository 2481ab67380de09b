package io.startline.engine.voucher;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.FingerprintIndex;
import io.startline.engine.support.StateHasher;
import io.startline.engine.support.SubKeys;

/**
 * The rules of voucher campaigns and all of their state. The state lives in its parts
 * ({@link CampaignTable}, {@link VoucherTable}, {@link RedemptionTable}, {@link VoucherCodes})
 * and the commands in {@link Claims}, {@link Redemptions} and {@link VoucherDeadlines}; this
 * class creates campaigns and drops, puts the parts together and hashes it all.
 * <p>
 * Every command method checks everything first and changes state only once it has decided
 * to succeed: a refused command leaves no trace. A refusal is returned as its
 * {@link ResultCode}, with the {@link #outcome()} saying what it was about; a success leaves its
 * answer there too.
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

    private final EngineContext context;
    private final CampaignTable table;
    private final VoucherTable vouchers;
    private final RedemptionTable redemptions;
    private final VoucherCodes codes;
    private final VoucherDeadlines deadlines;
    private final Claims claims;
    private final Redemptions redemptionRules;
    private final CampaignSpecRules specRules;
    private final DropEdits edits;
    private final VoucherOutcome outcome = new VoucherOutcome();

    public VoucherCampaigns(final EngineContext context)
    {
        this.context = context;
        table = new CampaignTable(context.maxCampaigns(), context.maxDrops(), context.maxDropsPerCampaign());
        vouchers = new VoucherTable(context.maxVouchers());
        redemptions = new RedemptionTable(context.maxRedemptions());
        final SubKeys.Key codeKey = context.subKeys().voucherCodes();
        codes = new VoucherCodes(codeKey.k0(), codeKey.k1(), context.maxVouchers());
        deadlines = new VoucherDeadlines(table, vouchers);
        claims = new Claims(table, vouchers, deadlines, outcome);
        final SubKeys.Key txnIdKey = context.subKeys().merchantTransactionIds();
        redemptionRules = new Redemptions(table, vouchers, redemptions, codes, deadlines, outcome,
            txnIdKey.k0(), txnIdKey.k1());
        specRules = new CampaignSpecRules(context, outcome);
        edits = new DropEdits(table, deadlines, outcome);
    }

    // ----------------------------------------------------------------- commands

    public ResultCode createCampaign(final CampaignSpec spec, final long nowMs)
    {
        final ResultCode invalid = specRules.validate(spec, nowMs);
        if (invalid != ResultCode.OK)
        {
            return invalid;
        }
        if (table.isFullOfCampaigns())
        {
            return outcome.reject(ResultCode.CAPACITY_REACHED, 0, "");
        }
        outcome.campaign = table.addCampaign(spec, vouchers.count).index;
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
        final Campaign campaign = table.campaign(campaignId);
        if (campaign == null)
        {
            return outcome.reject(ResultCode.CAMPAIGN_NOT_FOUND, campaignId, "");
        }
        if (campaign.validUntil <= nowMs)
        {
            return outcome.reject(ResultCode.CLOSED, campaignId, "");
        }
        final int tierIndex = campaign.tierIndex(tierCode);
        if (tierIndex < 0)
        {
            return outcome.reject(ResultCode.INVALID_ARGUMENT, campaignId, "tierCode");
        }
        if (quantity < 1 || quantity > vouchers.capacity)
        {
            return outcome.reject(ResultCode.INVALID_ARGUMENT, campaignId, "quantity");
        }
        if (perUserLimit < 1 || perUserLimit > PER_USER_LIMIT_MAX)
        {
            return outcome.reject(ResultCode.INVALID_ARGUMENT, campaignId, "perUserLimit");
        }
        if (startsAt < 0 || startsAt >= campaign.validUntil)
        {
            return outcome.reject(ResultCode.INVALID_ARGUMENT, campaignId, "startsAt");
        }
        if (endsAt != Drop.NO_END && (endsAt <= startsAt || endsAt <= nowMs))
        {
            return outcome.reject(ResultCode.INVALID_ARGUMENT, campaignId, "endsAt");
        }
        final long faceValueFen = campaign.tierFaceValueFen[tierIndex];
        if (quantity > campaign.budgetLeftFen / faceValueFen)
        {
            return outcome.reject(ResultCode.BUDGET_EXCEEDED, campaignId, "");
        }
        if (table.isFullOfDrops(campaign))
        {
            return outcome.reject(ResultCode.CAPACITY_REACHED, campaignId, "");
        }

        final Drop drop = table.addDrop(campaign, tierIndex, quantity, perUserLimit, startsAt, endsAt);
        campaign.budgetLeftFen -= quantity * faceValueFen;
        deadlines.openDrop(drop);
        codes.addDrop(quantity);
        outcome.drop = drop.index;
        return ResultCode.OK;
    }

    /** See {@link DropEdits#rename}. */
    ResultCode renameCampaign(final long campaignId, final byte[] name, final int nameLength)
    {
        return edits.rename(campaignId, name, nameLength);
    }

    /** See {@link DropEdits#editWindow}. */
    public ResultCode editDrop(final long campaignId, final long dropId, final long startsAt, final long endsAt,
        final long nowMs)
    {
        return edits.editWindow(campaignId, dropId, startsAt, endsAt, nowMs);
    }

    /** See {@link DropEdits#cancel}. */
    public ResultCode cancelDrop(final long campaignId, final long dropId, final long nowMs)
    {
        return edits.cancel(campaignId, dropId, nowMs);
    }

    /** See {@link Claims#claim}. */
    public ResultCode claim(final long userId, final long campaignId, final long dropId, final long nowMs)
    {
        return claims.claim(userId, campaignId, dropId, nowMs);
    }

    /** See {@link Redemptions#redeem}. */
    ResultCode redeem(final RedemptionRequest request, final long nowMs)
    {
        return redemptionRules.redeem(request, nowMs);
    }

    /** See {@link Redemptions#refund}. */
    public ResultCode refund(final long storeId, final long redemptionId, final long nowMs)
    {
        return redemptionRules.refund(storeId, redemptionId, nowMs);
    }

    /**
     * The store a redemption was made at, or 0 when there is no such redemption.
     */
    public long redemptionStore(final long redemptionId)
    {
        return redemptionRules.storeOf(redemptionId);
    }

    public boolean isRefunded(final long redemptionId)
    {
        return redemptionRules.isRefunded(redemptionId);
    }

    // ----------------------------------------------------------------- time

    /** See {@link VoucherDeadlines#advanceTime}. */
    public void advanceTime(final long nowMs)
    {
        deadlines.advanceTime(nowMs);
    }

    /**
     * The voucher's public code: its id under the keyed permutation, so codes cannot be
     * guessed from one another, are unique, and lead back to the voucher without a table.
     */
    long codeOf(final int voucherIndex)
    {
        return codes.code(voucherIndex);
    }

    /** See {@link VoucherCodes#computeAhead}. */
    public void computeCodesAhead()
    {
        codes.computeAhead();
    }

    // ----------------------------------------------------------------- state hash

    public void hashInto(final StateHasher hasher)
    {
        hasher.add(table.campaignCount()).add(table.dropCount()).add(vouchers.count).add(redemptions.count)
            .add(deadlines.nextDeadlineMs());
        for (int c = 0; c < table.campaignCount(); c++)
        {
            final Campaign campaign = table.campaignAt(c);
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
        for (int d = 0; d < table.dropCount(); d++)
        {
            final Drop drop = table.dropAt(d);
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
        claims.hashInto(hasher);
        redemptionRules.hashInto(hasher);
        edits.hashInto(hasher);
    }

    // ----------------------------------------------------------------- snapshot restore

    CampaignSpec newSpec()
    {
        return new CampaignSpec(context);
    }

    Campaign restoreCampaign(final CampaignSpec spec, final int firstVoucherIndex)
    {
        if (table.isFullOfCampaigns())
        {
            throw new IllegalStateException("snapshot holds more campaigns than the limit " + table.campaignCapacity());
        }
        return table.addCampaign(spec, firstVoucherIndex);
    }

    Drop restoreDrop(
        final int campaignIndex, final int tierIndex, final int quantity, final int perUserLimit,
        final long startsAt, final long endsAt)
    {
        final int dropCount = table.dropCount();
        if (dropCount == table.dropCapacity() || campaignIndex < 0 || campaignIndex >= table.campaignCount() ||
            tierIndex < 0 || tierIndex >= table.campaignAt(campaignIndex).tierCount)
        {
            throw new IllegalStateException("snapshot drop " + dropCount + " does not fit: campaign " + campaignIndex +
                ", tier " + tierIndex + ", limit " + table.dropCapacity());
        }
        return table.addDrop(table.campaignAt(campaignIndex), tierIndex, quantity, perUserLimit, startsAt, endsAt);
    }

    /** See {@link DropEdits#restoreCancelled}. */
    void restoreCancelledDrop(final int dropIndex)
    {
        edits.restoreCancelled(dropIndex);
    }

    int cancelledDropCount()
    {
        return edits.cancelledDrops();
    }

    /**
     * After a snapshot's records are loaded: rebuilds the indexes and lists that snapshots do
     * not store, inserting in the original order so that everything ends up as it was.
     */
    void rebuildDerivedState(final long nextDeadlineMs)
    {
        long quantityOfAllDrops = 0;
        for (int d = 0; d < table.dropCount(); d++)
        {
            quantityOfAllDrops += table.dropAt(d).quantity;
        }
        codes.restore(quantityOfAllDrops);
        claims.restoreNewestVouchers();
        redemptionRules.restoreTxnIndex();
        deadlines.restore(nextDeadlineMs);
    }

    // ----------------------------------------------------------------- read side, for adapters and queries

    /** How many voucher codes are computed ahead so far. */
    int codesComputed()
    {
        return codes.computed();
    }

    int campaignCount()
    {
        return table.campaignCount();
    }

    Campaign campaignAt(final int index)
    {
        return table.campaignAt(index);
    }

    int dropCount()
    {
        return table.dropCount();
    }

    long nextDeadlineMs()
    {
        return deadlines.nextDeadlineMs();
    }

    Campaign campaignById(final long campaignId)
    {
        return table.campaign(campaignId);
    }

    Drop dropAt(final int index)
    {
        return table.dropAt(index);
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
        return claims.newestVoucherOf(userId);
    }

    /** See {@link Claims#touchUser}. */
    long touchUser(final long userId)
    {
        return claims.touchUser(userId);
    }

    /** What the last command came to: the adapter reads it right after the command. */
    VoucherOutcome outcome()
    {
        return outcome;
    }
}
