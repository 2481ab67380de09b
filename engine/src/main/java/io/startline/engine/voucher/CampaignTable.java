package io.startline.engine.voucher;

/** The campaigns and their drops, by index (id − 1). */
final class CampaignTable
{
    private final Campaign[] campaigns;
    private int campaignCount;
    private final Drop[] drops;
    private int dropCount;
    private final int maxDropsPerCampaign;

    CampaignTable(final int maxCampaigns, final int maxDrops, final int maxDropsPerCampaign)
    {
        campaigns = new Campaign[maxCampaigns];
        drops = new Drop[maxDrops];
        this.maxDropsPerCampaign = maxDropsPerCampaign;
    }

    /** @return the campaign with id {@code campaignId}, or null when there is none. */
    Campaign campaign(final long campaignId)
    {
        return campaignId >= 1 && campaignId <= campaignCount ? campaigns[(int)(campaignId - 1)] : null;
    }

    /** @return the drop with id {@code dropId}, or null when there is none. */
    Drop drop(final long dropId)
    {
        return dropId >= 1 && dropId <= dropCount ? drops[(int)(dropId - 1)] : null;
    }

    Campaign campaignAt(final int index)
    {
        return campaigns[index];
    }

    Drop dropAt(final int index)
    {
        return drops[index];
    }

    int campaignCount()
    {
        return campaignCount;
    }

    int dropCount()
    {
        return dropCount;
    }

    int campaignCapacity()
    {
        return campaigns.length;
    }

    int dropCapacity()
    {
        return drops.length;
    }

    boolean isFullOfCampaigns()
    {
        return campaignCount == campaigns.length;
    }

    /** Whether no more drops fit, in the engine or in {@code campaign}. */
    boolean isFullOfDrops(final Campaign campaign)
    {
        return dropCount == drops.length || campaign.dropIndices.size() == maxDropsPerCampaign;
    }

    /** A campaign made to {@code spec}, its vouchers to start at {@code firstVoucherIndex}; check for room first. */
    Campaign addCampaign(final CampaignSpec spec, final int firstVoucherIndex)
    {
        final int index = campaignCount++;
        campaigns[index] = new Campaign(index, spec, maxDropsPerCampaign, firstVoucherIndex);
        return campaigns[index];
    }

    /** A drop of {@code campaign}'s tier {@code tierIndex}; check for room first. */
    Drop addDrop(
        final Campaign campaign, final int tierIndex, final int quantity, final int perUserLimit,
        final long startsAt, final long endsAt)
    {
        final int index = dropCount++;
        drops[index] = new Drop(index, campaign, tierIndex, quantity, perUserLimit, startsAt, endsAt);
        campaign.dropIndices.addInt(index);
        return drops[index];
    }
}
