package io.startline.engine.voucher;

import java.util.Arrays;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.StateHasher;

/**
 * The organiser's safe edits: a campaign's name at any time, and a drop's window or the drop
 * itself before it opens. Once a drop has opened someone may have claimed, or may have been
 * told it is open, so its window stands: {@code NOT_EDITABLE}, and the organiser makes a new
 * drop instead. A cancelled drop has ended with all its stock unclaimed: its value is back in
 * the budget left (and counted in its {@code unclaimedReturned} and {@code recycledFen}), and a
 * claim on it is {@code DROP_CANCELLED}.
 * <p>
 * As everywhere in the engine, every check comes before the first change.
 */
final class DropEdits
{
    private final CampaignTable table;
    private final VoucherDeadlines deadlines;
    private final VoucherOutcome outcome;
    /** How many drops are cancelled: while none is, the state hash is what it was before edits existed. */
    private int cancelledDrops;

    DropEdits(final CampaignTable table, final VoucherDeadlines deadlines, final VoucherOutcome outcome)
    {
        this.table = table;
        this.deadlines = deadlines;
        this.outcome = outcome;
    }

    /** The name's rules are the creation's: 1 to {@link CampaignSpec#NAME_MAX_BYTES} bytes. */
    ResultCode rename(final long campaignId, final byte[] name, final int nameLength)
    {
        final Campaign campaign = table.campaign(campaignId);
        if (campaign == null)
        {
            return outcome.reject(ResultCode.CAMPAIGN_NOT_FOUND, campaignId, "");
        }
        if (nameLength < 1 || nameLength > CampaignSpec.NAME_MAX_BYTES)
        {
            return outcome.reject(ResultCode.INVALID_ARGUMENT, campaignId, "name");
        }
        campaign.name = Arrays.copyOf(name, nameLength);
        outcome.campaign = campaign.index;
        return ResultCode.OK;
    }

    /**
     * A new window for a drop that has not opened, checked as a new drop's is.
     *
     * @param startsAt the new start, or {@link Drop#NO_END} to keep the start
     * @param endsAt   the new end, or {@link Drop#NO_END} to keep the end (an end once set stays set)
     */
    ResultCode editWindow(final long campaignId, final long dropId, final long startsAt, final long endsAt,
        final long nowMs)
    {
        final ResultCode refused = checkNotYetOpen(campaignId, dropId, nowMs);
        if (refused != ResultCode.OK)
        {
            return refused;
        }
        final Drop drop = table.dropAt(outcome.drop);
        final long newStartsAt = startsAt == Drop.NO_END ? drop.startsAt : startsAt;
        final long newEndsAt = endsAt == Drop.NO_END ? drop.endsAt : endsAt;
        if (newStartsAt < 0 || newStartsAt >= drop.campaign.validUntil)
        {
            return outcome.reject(ResultCode.INVALID_ARGUMENT, dropId, "startsAt");
        }
        if (newEndsAt != Drop.NO_END && (newEndsAt <= newStartsAt || newEndsAt <= nowMs))
        {
            return outcome.reject(ResultCode.INVALID_ARGUMENT, dropId, "endsAt");
        }
        drop.setWindow(newStartsAt, newEndsAt);
        deadlines.windowChanged(drop);
        return ResultCode.OK;
    }

    /** Cancels a drop that has not opened: nothing was claimed, so all of its reserved value returns. */
    ResultCode cancel(final long campaignId, final long dropId, final long nowMs)
    {
        final ResultCode refused = checkNotYetOpen(campaignId, dropId, nowMs);
        if (refused != ResultCode.OK)
        {
            return refused;
        }
        final Drop drop = table.dropAt(outcome.drop);
        final long returnedFen = drop.quantity * drop.faceValueFen;
        drop.cancelled = true;
        drop.ended = true;
        drop.unclaimedReturned = drop.quantity;
        drop.recycledFen += returnedFen;
        drop.campaign.budgetLeftFen += returnedFen;
        deadlines.withdrawDrop(drop);
        cancelledDrops++;
        outcome.cancelReturnedFen = returnedFen;
        return ResultCode.OK;
    }

    /**
     * Whether the drop exists in the campaign, is not cancelled and has not opened; if so, the
     * outcome's {@code drop} is its index.
     */
    private ResultCode checkNotYetOpen(final long campaignId, final long dropId, final long nowMs)
    {
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
        if (nowMs >= drop.startsAt || drop.ended)
        {
            return outcome.reject(ResultCode.NOT_EDITABLE, dropId, "");
        }
        outcome.drop = drop.index;
        return ResultCode.OK;
    }

    int cancelledDrops()
    {
        return cancelledDrops;
    }

    /** A snapshot's cancelled drop, loaded after the drops themselves. */
    void restoreCancelled(final int dropIndex)
    {
        if (dropIndex < 0 || dropIndex >= table.dropCount() || table.dropAt(dropIndex).cancelled ||
            !table.dropAt(dropIndex).ended)
        {
            throw new IllegalStateException("snapshot records disagree: drop " + dropIndex +
                " is named cancelled but is no ended drop (or is named twice)");
        }
        table.dropAt(dropIndex).cancelled = true;
        cancelledDrops++;
    }

    /** Adds the cancelled drops, when there are any: with none, the hash is what it was before cancelling existed. */
    void hashInto(final StateHasher hasher)
    {
        if (cancelledDrops == 0)
        {
            return;
        }
        hasher.add(cancelledDrops);
        for (int d = 0; d < table.dropCount(); d++)
        {
            if (table.dropAt(d).cancelled)
            {
                hasher.add(d);
            }
        }
    }
}
