package io.startline.engine.voucher;

/**
 * What happens at a time rather than on a command: vouchers expire at their {@code expiresAt},
 * drops close at their {@code closesAt}, and both return their unspent face value to the
 * campaign's budget. Each campaign's vouchers queue in the order they were claimed.
 */
final class VoucherDeadlines
{
    static final long NO_DEADLINE = Long.MAX_VALUE;

    private final CampaignTable table;
    private final VoucherTable vouchers;
    /** Drops whose closing time has not yet been processed. */
    private final Drop[] openDrops;
    private int openDropCount;
    private long nextDeadlineMs = NO_DEADLINE;

    VoucherDeadlines(final CampaignTable table, final VoucherTable vouchers)
    {
        this.table = table;
        this.vouchers = vouchers;
        openDrops = new Drop[table.dropCapacity()];
    }

    long nextDeadlineMs()
    {
        return nextDeadlineMs;
    }

    /** A new drop, to be closed at its {@code closesAt}. */
    void openDrop(final Drop drop)
    {
        openDrops[openDropCount++] = drop;
        nextDeadlineMs = Math.min(nextDeadlineMs, drop.closesAt);
    }

    /** A drop whose window was edited: its new closing time may come before the next deadline. */
    void windowChanged(final Drop drop)
    {
        nextDeadlineMs = Math.min(nextDeadlineMs, drop.closesAt);
    }

    /** A drop cancelled before it opened: it has ended, and no longer waits to be closed. */
    void withdrawDrop(final Drop drop)
    {
        int kept = 0;
        for (int i = 0; i < openDropCount; i++)
        {
            if (openDrops[i] != drop)
            {
                openDrops[kept++] = openDrops[i];
            }
        }
        for (int i = kept; i < openDropCount; i++)
        {
            openDrops[i] = null;
        }
        openDropCount = kept;
    }

    /** A claimed voucher joins its campaign's expiry queue. */
    void appendToExpiryQueue(final Campaign campaign, final int v)
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

    /**
     * Fires every deadline at or before {@code nowMs}: vouchers past their expiry, drops past
     * their closing time. Cheap when nothing is due, which is almost always.
     */
    void advanceTime(final long nowMs)
    {
        if (nowMs < nextDeadlineMs)
        {
            return;
        }
        final long nextExpiry = expireVouchers(nowMs);
        nextDeadlineMs = closeDrops(nowMs, nextExpiry);
    }

    /** @return the earliest expiry still to come, or {@link #NO_DEADLINE} */
    private long expireVouchers(final long nowMs)
    {
        long next = NO_DEADLINE;
        for (int c = 0; c < table.campaignCount(); c++)
        {
            final Campaign campaign = table.campaignAt(c);
            int v = campaign.expiryHead;
            while (v != VoucherTable.NONE && vouchers.expiresAt[v] <= nowMs)
            {
                if (vouchers.status[v] == VoucherTable.ACTIVE)
                {
                    expire(v, table.dropAt(vouchers.dropIndex[v]));
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
        return next;
    }

    /** @return the earlier of {@code next} and the closing times still to come */
    private long closeDrops(final long nowMs, final long next)
    {
        long earliest = next;
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
                earliest = Math.min(earliest, drop.closesAt);
            }
        }
        for (int i = stillOpen; i < openDropCount; i++)
        {
            openDrops[i] = null;
        }
        openDropCount = stillOpen;
        return earliest;
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

    /** Voucher {@code v} of {@code drop} expires: its face value returns to the budget. */
    void expire(final int v, final Drop drop)
    {
        vouchers.status[v] = VoucherTable.EXPIRED;
        drop.expired++;
        drop.recycledFen += drop.faceValueFen;
        drop.campaign.budgetLeftFen += drop.faceValueFen;
    }

    /** After a snapshot's load: the drops not ended are open again, and the deadline is the snapshot's. */
    void restore(final long restoredNextDeadlineMs)
    {
        openDropCount = 0;
        for (int d = 0; d < table.dropCount(); d++)
        {
            if (!table.dropAt(d).ended)
            {
                openDrops[openDropCount++] = table.dropAt(d);
            }
        }
        nextDeadlineMs = restoredNextDeadlineMs;
    }
}
