package io.startline.engine;


/**
 * Every limit of the engine, in one place. Collections are sized from these at construction,
 * so a limit is also a memory budget: each is checked when reached and reported as
 * {@code CAPACITY_REACHED}, never grown past.
 * <p>
 * The engine reads no environment; the node's configuration sets these from its own
 * properties, flags and files.
 */
public final class EngineContext
{
    public static final int MAX_CAMPAIGNS_DEFAULT = 1024;
    public static final int MAX_TIERS_PER_CAMPAIGN_DEFAULT = 16;
    public static final int MAX_STORES_PER_CAMPAIGN_DEFAULT = 4096;
    public static final int MAX_DROPS_DEFAULT = 16_384;
    public static final int MAX_DROPS_PER_CAMPAIGN_DEFAULT = 1024;
    public static final int MAX_VOUCHERS_DEFAULT = 1 << 20;
    public static final int MAX_REDEMPTIONS_DEFAULT = 1 << 20;
    public static final int MAX_VOUCHERS_LISTED_PER_USER_DEFAULT = 200;

    /** The SBE repeating-group size field is a uint16. */
    private static final int GROUP_ROWS_MAX = 65_535;

    private int maxCampaigns = MAX_CAMPAIGNS_DEFAULT;
    private int maxTiersPerCampaign = MAX_TIERS_PER_CAMPAIGN_DEFAULT;
    private int maxStoresPerCampaign = MAX_STORES_PER_CAMPAIGN_DEFAULT;
    private int maxDrops = MAX_DROPS_DEFAULT;
    private int maxDropsPerCampaign = MAX_DROPS_PER_CAMPAIGN_DEFAULT;
    private int maxVouchers = MAX_VOUCHERS_DEFAULT;
    private int maxRedemptions = MAX_REDEMPTIONS_DEFAULT;
    private int maxVouchersListedPerUser = MAX_VOUCHERS_LISTED_PER_USER_DEFAULT;
    private long codeKey0;
    private long codeKey1;
    private boolean codeKeySet;

    public EngineContext maxCampaigns(final int value)
    {
        maxCampaigns = value;
        return this;
    }

    public int maxCampaigns()
    {
        return maxCampaigns;
    }

    public EngineContext maxTiersPerCampaign(final int value)
    {
        maxTiersPerCampaign = value;
        return this;
    }

    public int maxTiersPerCampaign()
    {
        return maxTiersPerCampaign;
    }

    public EngineContext maxStoresPerCampaign(final int value)
    {
        maxStoresPerCampaign = value;
        return this;
    }

    public int maxStoresPerCampaign()
    {
        return maxStoresPerCampaign;
    }

    public EngineContext maxDrops(final int value)
    {
        maxDrops = value;
        return this;
    }

    public int maxDrops()
    {
        return maxDrops;
    }

    public EngineContext maxDropsPerCampaign(final int value)
    {
        maxDropsPerCampaign = value;
        return this;
    }

    public int maxDropsPerCampaign()
    {
        return maxDropsPerCampaign;
    }

    public EngineContext maxVouchers(final int value)
    {
        maxVouchers = value;
        return this;
    }

    public int maxVouchers()
    {
        return maxVouchers;
    }

    public EngineContext maxRedemptions(final int value)
    {
        maxRedemptions = value;
        return this;
    }

    public int maxRedemptions()
    {
        return maxRedemptions;
    }

    public EngineContext maxVouchersListedPerUser(final int value)
    {
        maxVouchersListedPerUser = value;
        return this;
    }

    public int maxVouchersListedPerUser()
    {
        return maxVouchersListedPerUser;
    }

    /**
     * The secret that makes voucher codes unguessable. It is part of the engine's
     * definition: a replay or a standby must use the same key to reach the same state.
     */
    public EngineContext codeKey(final long k0, final long k1)
    {
        codeKey0 = k0;
        codeKey1 = k1;
        codeKeySet = true;
        return this;
    }

    public long codeKey0()
    {
        return codeKey0;
    }

    public long codeKey1()
    {
        return codeKey1;
    }

    /**
     * Checks the limits against what the data structures and the wire format can hold.
     *
     * @throws IllegalArgumentException naming the first limit out of range.
     */
    public EngineContext validate()
    {
        require("maxCampaigns", maxCampaigns, 1, 1 << 20);
        require("maxTiersPerCampaign", maxTiersPerCampaign, 1, 256);
        require("maxStoresPerCampaign", maxStoresPerCampaign, 1, GROUP_ROWS_MAX);
        require("maxDrops", maxDrops, 1, 1 << 24);
        require("maxDropsPerCampaign", maxDropsPerCampaign, 1, GROUP_ROWS_MAX);
        require("maxVouchers", maxVouchers, 1, 1 << 28);
        require("maxRedemptions", maxRedemptions, 1, 1 << 28);
        require("maxVouchersListedPerUser", maxVouchersListedPerUser, 1, GROUP_ROWS_MAX);
        if (!codeKeySet)
        {
            throw new IllegalArgumentException("codeKey must be set: voucher codes are keyed by a secret");
        }
        return this;
    }

    private static void require(final String name, final long value, final long min, final long max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "] but was " + value);
        }
    }
}
