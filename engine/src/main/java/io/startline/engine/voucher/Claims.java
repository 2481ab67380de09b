package io.startline.engine.voucher;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.FingerprintIndex;
import io.startline.engine.support.Ids;
import io.startline.engine.support.StateHasher;

/**
 * Claims: a user takes one voucher of an open drop, within the drop's and the campaign's
 * per-user limits. Each user's vouchers form a list, newest first, whose head is found by
 * the user; a claim's one cache miss at a rush is that lookup, which {@link #touchUser} can
 * take ahead of the claim.
 */
final class Claims
{
    private final CampaignTable table;
    private final VoucherTable vouchers;
    private final VoucherDeadlines deadlines;
    private final VoucherOutcome outcome;
    /**
     * User → their newest voucher, eight bytes a slot (the user id is checked in the voucher
     * row): every claim looks its user up, so at the default limits this table is sized to
     * stay in the last-level cache.
     */
    private final FingerprintIndex newestVoucherByUser;

    Claims(
        final CampaignTable table,
        final VoucherTable vouchers,
        final VoucherDeadlines deadlines,
        final VoucherOutcome outcome)
    {
        this.table = table;
        this.vouchers = vouchers;
        this.deadlines = deadlines;
        this.outcome = outcome;
        // Sized for the limit at load factor 1/2, so it never grows on the hot path.
        newestVoucherByUser = new FingerprintIndex(vouchers.capacity);
    }

    ResultCode claim(final long userId, final long campaignId, final long dropId, final long nowMs)
    {
        if (!Ids.isValidExternalId(userId))
        {
            return outcome.reject(ResultCode.INVALID_ARGUMENT, userId, "userId");
        }
        final Campaign campaign = table.campaign(campaignId);
        if (campaign == null)
        {
            return outcome.reject(ResultCode.CAMPAIGN_NOT_FOUND, campaignId, "");
        }
        final Drop drop = table.drop(dropId);
        if (drop == null || drop.campaign != campaign)
        {
            return outcome.reject(ResultCode.DROP_NOT_FOUND, dropId, "");
        }
        if (drop.cancelled)
        {
            return outcome.reject(ResultCode.DROP_CANCELLED, dropId, "");
        }
        if (nowMs < drop.startsAt)
        {
            return outcome.reject(ResultCode.NOT_OPEN, dropId, "");
        }
        if (drop.ended)
        {
            return outcome.reject(ResultCode.CLOSED, dropId, "");
        }
        final int newestOfUser = newestVoucherOf(userId);
        if (hasReachedLimit(newestOfUser, campaign, drop))
        {
            return outcome.reject(ResultCode.LIMIT_REACHED, dropId, "");
        }
        if (drop.claimed == drop.quantity)
        {
            return outcome.reject(ResultCode.SOLD_OUT, dropId, "");
        }
        if (vouchers.isFull())
        {
            return outcome.reject(ResultCode.CAPACITY_REACHED, dropId, "");
        }

        final int v = vouchers.count++;
        vouchers.dropIndex[v] = drop.index;
        vouchers.userId[v] = userId;
        vouchers.expiresAt[v] = Math.min(nowMs + campaign.validDaysAfterClaim * VoucherCampaigns.DAY_MS,
            campaign.validUntil);
        vouchers.status[v] = VoucherTable.ACTIVE;
        vouchers.nextInCampaign[v] = VoucherTable.NONE;
        vouchers.previousOfUser[v] = newestOfUser;

        setNewestVoucher(userId, v, newestOfUser);
        drop.claimed++;
        deadlines.appendToExpiryQueue(campaign, v);
        outcome.voucher = v;
        return ResultCode.OK;
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
            if (table.dropAt(dropIndex).campaign == campaign)
            {
                inCampaign++;
                inDrop += dropIndex == drop.index ? 1 : 0;
            }
        }
        return inDrop >= drop.perUserLimit || inCampaign >= campaign.perUserLimit;
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

    /** After a snapshot's load: the users' newest vouchers again, inserted in claim order as they were. */
    void restoreNewestVouchers()
    {
        for (int v = 0; v < vouchers.count; v++)
        {
            setNewestVoucher(vouchers.userId[v], v, newestVoucherOf(vouchers.userId[v]));
        }
    }

    /** The index, for the state hash: its size, then its (user, newest voucher) pairs in any order. */
    void hashInto(final StateHasher hasher)
    {
        hasher.add(newestVoucherByUser.size());
        newestVoucherByUser.forEachValue(v -> hasher.unordered(vouchers.userId[v], v));
        hasher.addUnordered();
    }
}
