package io.startline.engine;

import io.startline.engine.support.SubKeys;

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
    public static final int MAX_RACES_DEFAULT = 64;
    public static final int MAX_CATEGORIES_PER_RACE_DEFAULT = 16;
    public static final int MAX_POOLS_PER_RACE_DEFAULT = 16;
    public static final int MAX_ENTRIES_DEFAULT = 1 << 20;
    public static final int MAX_GROUPS_DEFAULT = 1 << 18;
    public static final int MAX_ENTITLEMENTS_DEFAULT = 1 << 18;
    public static final int MAX_PERSONS_PER_GRANT_DEFAULT = 10_000;
    public static final int MAX_GROUP_SIZE_LIMIT_DEFAULT = 20;
    public static final int MAX_BALLOT_WEIGHT_DEFAULT = 100;
    public static final int RACE_RESULTS_PAGE_ROWS_DEFAULT = 1000;
    public static final int MAX_VENUES_DEFAULT = 256;
    public static final int MAX_RESOURCES_PER_VENUE_DEFAULT = 64;
    public static final int MAX_RELEASE_DAYS_AHEAD_DEFAULT = 30;
    public static final int MAX_CALENDAR_SLOTS_DEFAULT = 1 << 22;
    public static final int MAX_RESERVATIONS_DEFAULT = 1 << 20;
    public static final int MAX_RESERVATIONS_LISTED_PER_USER_DEFAULT = 200;
    public static final int MAX_IDEMPOTENCY_KEYS_DEFAULT = 1 << 20;
    /** Command results run to some tens of bytes: 64 bytes a key on average is room to spare. */
    public static final int IDEMPOTENCY_RESULT_BYTES_DEFAULT = 64 << 20;
    public static final long IDEMPOTENCY_KEEP_MS_DEFAULT = 24L * 60 * 60 * 1000;

    /** The SBE repeating-group size field is a uint16. */
    private static final int GROUP_ROWS_MAX = 65_535;
    /** The most rows one page of a list (campaigns, venues) carries. */
    public static final int LIST_PAGE_ROWS_MAX = 100;

    /*
     * The highest value each per-command limit may be configured to: what the data structures and
     * the wire format hold. The gateway refuses a request past these before it reaches the engine;
     * the engine refuses one past the configured limit (README, "Limits").
     */
    public static final int MAX_CAMPAIGNS_CEILING = 1 << 20;
    public static final int MAX_VOUCHERS_CEILING = 1 << 28;
    public static final int MAX_REDEMPTIONS_CEILING = 1 << 28;
    public static final int MAX_RACES_CEILING = 4096;
    public static final int MAX_ENTRIES_CEILING = 1 << 26;
    public static final int MAX_VENUES_CEILING = 2048;
    public static final int MAX_TIERS_PER_CAMPAIGN_CEILING = 256;
    public static final int MAX_STORES_PER_CAMPAIGN_CEILING = GROUP_ROWS_MAX;
    public static final int MAX_CATEGORIES_PER_RACE_CEILING = 256;
    /** A pool is one bit of an entrant's 32-bit pool mask, two of them kept for the draw. */
    public static final int MAX_POOLS_PER_RACE_CEILING = 30;
    public static final int MAX_PERSONS_PER_GRANT_CEILING = GROUP_ROWS_MAX;
    public static final int MAX_GROUP_SIZE_LIMIT_CEILING = 1000;
    public static final int MAX_BALLOT_WEIGHT_CEILING = 10_000;
    public static final int MAX_RESOURCES_PER_VENUE_CEILING = 1024;
    public static final int MAX_RELEASE_DAYS_AHEAD_CEILING = 365;

    private int maxCampaigns = MAX_CAMPAIGNS_DEFAULT;
    private int maxTiersPerCampaign = MAX_TIERS_PER_CAMPAIGN_DEFAULT;
    private int maxStoresPerCampaign = MAX_STORES_PER_CAMPAIGN_DEFAULT;
    private int maxDrops = MAX_DROPS_DEFAULT;
    private int maxDropsPerCampaign = MAX_DROPS_PER_CAMPAIGN_DEFAULT;
    private int maxVouchers = MAX_VOUCHERS_DEFAULT;
    private int maxRedemptions = MAX_REDEMPTIONS_DEFAULT;
    private int maxVouchersListedPerUser = MAX_VOUCHERS_LISTED_PER_USER_DEFAULT;
    private int maxRaces = MAX_RACES_DEFAULT;
    private int maxCategoriesPerRace = MAX_CATEGORIES_PER_RACE_DEFAULT;
    private int maxPoolsPerRace = MAX_POOLS_PER_RACE_DEFAULT;
    private int maxEntries = MAX_ENTRIES_DEFAULT;
    private int maxGroups = MAX_GROUPS_DEFAULT;
    private int maxEntitlements = MAX_ENTITLEMENTS_DEFAULT;
    private int maxPersonsPerGrant = MAX_PERSONS_PER_GRANT_DEFAULT;
    private int maxGroupSizeLimit = MAX_GROUP_SIZE_LIMIT_DEFAULT;
    private int maxBallotWeight = MAX_BALLOT_WEIGHT_DEFAULT;
    private int raceResultsPageRows = RACE_RESULTS_PAGE_ROWS_DEFAULT;
    private int maxVenues = MAX_VENUES_DEFAULT;
    private int maxResourcesPerVenue = MAX_RESOURCES_PER_VENUE_DEFAULT;
    private int maxReleaseDaysAhead = MAX_RELEASE_DAYS_AHEAD_DEFAULT;
    private int maxCalendarSlots = MAX_CALENDAR_SLOTS_DEFAULT;
    private int maxReservations = MAX_RESERVATIONS_DEFAULT;
    private int maxReservationsListedPerUser = MAX_RESERVATIONS_LISTED_PER_USER_DEFAULT;
    private int maxIdempotencyKeys = MAX_IDEMPOTENCY_KEYS_DEFAULT;
    private int idempotencyResultBytes = IDEMPOTENCY_RESULT_BYTES_DEFAULT;
    private long idempotencyKeepMs = IDEMPOTENCY_KEEP_MS_DEFAULT;
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

    public EngineContext maxRaces(final int value)
    {
        maxRaces = value;
        return this;
    }

    public int maxRaces()
    {
        return maxRaces;
    }

    public EngineContext maxCategoriesPerRace(final int value)
    {
        maxCategoriesPerRace = value;
        return this;
    }

    public int maxCategoriesPerRace()
    {
        return maxCategoriesPerRace;
    }

    public EngineContext maxPoolsPerRace(final int value)
    {
        maxPoolsPerRace = value;
        return this;
    }

    public int maxPoolsPerRace()
    {
        return maxPoolsPerRace;
    }

    public EngineContext maxEntries(final int value)
    {
        maxEntries = value;
        return this;
    }

    public int maxEntries()
    {
        return maxEntries;
    }

    public EngineContext maxGroups(final int value)
    {
        maxGroups = value;
        return this;
    }

    public int maxGroups()
    {
        return maxGroups;
    }

    public EngineContext maxEntitlements(final int value)
    {
        maxEntitlements = value;
        return this;
    }

    public int maxEntitlements()
    {
        return maxEntitlements;
    }

    public EngineContext maxPersonsPerGrant(final int value)
    {
        maxPersonsPerGrant = value;
        return this;
    }

    public int maxPersonsPerGrant()
    {
        return maxPersonsPerGrant;
    }

    public EngineContext maxGroupSizeLimit(final int value)
    {
        maxGroupSizeLimit = value;
        return this;
    }

    public int maxGroupSizeLimit()
    {
        return maxGroupSizeLimit;
    }

    public EngineContext maxBallotWeight(final int value)
    {
        maxBallotWeight = value;
        return this;
    }

    public int maxBallotWeight()
    {
        return maxBallotWeight;
    }

    public EngineContext raceResultsPageRows(final int value)
    {
        raceResultsPageRows = value;
        return this;
    }

    public int raceResultsPageRows()
    {
        return raceResultsPageRows;
    }

    public EngineContext maxVenues(final int value)
    {
        maxVenues = value;
        return this;
    }

    public int maxVenues()
    {
        return maxVenues;
    }

    public EngineContext maxResourcesPerVenue(final int value)
    {
        maxResourcesPerVenue = value;
        return this;
    }

    public int maxResourcesPerVenue()
    {
        return maxResourcesPerVenue;
    }

    public EngineContext maxReleaseDaysAhead(final int value)
    {
        maxReleaseDaysAhead = value;
        return this;
    }

    public int maxReleaseDaysAhead()
    {
        return maxReleaseDaysAhead;
    }

    /**
     * Slot cells of all venues together: a venue takes resources × slots a day × (releaseDaysAhead + 2).
     */
    public EngineContext maxCalendarSlots(final int value)
    {
        maxCalendarSlots = value;
        return this;
    }

    public int maxCalendarSlots()
    {
        return maxCalendarSlots;
    }

    /**
     * Holds ever placed, across venues; a confirmed hold becomes its booking in the same row.
     */
    public EngineContext maxReservations(final int value)
    {
        maxReservations = value;
        return this;
    }

    public int maxReservations()
    {
        return maxReservations;
    }

    public EngineContext maxReservationsListedPerUser(final int value)
    {
        maxReservationsListedPerUser = value;
        return this;
    }

    public int maxReservationsListedPerUser()
    {
        return maxReservationsListedPerUser;
    }

    /**
     * The secret that makes voucher and group codes unguessable. It is part of the engine's
     * definition: a replay or another cluster member must use the same key to reach the same state.
     */
    public EngineContext codeKey(final long k0, final long k1)
    {
        codeKey0 = k0;
        codeKey1 = k1;
        codeKeySet = true;
        return this;
    }

    /** The keys the domains derive from the code key, one per use. */
    public SubKeys subKeys()
    {
        return new SubKeys(codeKey0, codeKey1);
    }

    /** Idempotency keys remembered at once; past it the oldest is forgotten early. */
    public EngineContext maxIdempotencyKeys(final int value)
    {
        maxIdempotencyKeys = value;
        return this;
    }

    public int maxIdempotencyKeys()
    {
        return maxIdempotencyKeys;
    }

    /** Bytes for the first results of remembered keys; past it the oldest key is forgotten early. */
    public EngineContext idempotencyResultBytes(final int value)
    {
        idempotencyResultBytes = value;
        return this;
    }

    public int idempotencyResultBytes()
    {
        return idempotencyResultBytes;
    }

    /** How long, in engine time, a key and its first result are kept. */
    public EngineContext idempotencyKeepMs(final long value)
    {
        idempotencyKeepMs = value;
        return this;
    }

    public long idempotencyKeepMs()
    {
        return idempotencyKeepMs;
    }

    /**
     * Checks the limits against what the data structures and the wire format can hold.
     *
     * @throws IllegalArgumentException naming the first limit out of range.
     */
    public EngineContext validate()
    {
        require("maxCampaigns", maxCampaigns, 1, MAX_CAMPAIGNS_CEILING);
        require("maxTiersPerCampaign", maxTiersPerCampaign, 1, MAX_TIERS_PER_CAMPAIGN_CEILING);
        require("maxStoresPerCampaign", maxStoresPerCampaign, 1, MAX_STORES_PER_CAMPAIGN_CEILING);
        require("maxDrops", maxDrops, 1, 1 << 24);
        require("maxDropsPerCampaign", maxDropsPerCampaign, 1, GROUP_ROWS_MAX);
        require("maxVouchers", maxVouchers, 1, MAX_VOUCHERS_CEILING);
        require("maxRedemptions", maxRedemptions, 1, MAX_REDEMPTIONS_CEILING);
        require("maxVouchersListedPerUser", maxVouchersListedPerUser, 1, GROUP_ROWS_MAX);
        require("maxRaces", maxRaces, 1, MAX_RACES_CEILING);
        require("maxCategoriesPerRace", maxCategoriesPerRace, 1, MAX_CATEGORIES_PER_RACE_CEILING);
        require("maxPoolsPerRace", maxPoolsPerRace, 1, MAX_POOLS_PER_RACE_CEILING);
        require("maxEntries", maxEntries, 1, MAX_ENTRIES_CEILING);
        require("maxGroups", maxGroups, 1, 1 << 26);
        require("maxEntitlements", maxEntitlements, 1, 1 << 26);
        require("maxPersonsPerGrant", maxPersonsPerGrant, 1, MAX_PERSONS_PER_GRANT_CEILING);
        require("maxGroupSizeLimit", maxGroupSizeLimit, 1, MAX_GROUP_SIZE_LIMIT_CEILING);
        require("maxBallotWeight", maxBallotWeight, 1, MAX_BALLOT_WEIGHT_CEILING);
        require("raceResultsPageRows", raceResultsPageRows, 1, GROUP_ROWS_MAX);
        // Venue indexes share a 64-bit key with 53-bit user ids: 11 bits.
        require("maxVenues", maxVenues, 1, MAX_VENUES_CEILING);
        require("maxResourcesPerVenue", maxResourcesPerVenue, 1, MAX_RESOURCES_PER_VENUE_CEILING);
        require("maxReleaseDaysAhead", maxReleaseDaysAhead, 0, MAX_RELEASE_DAYS_AHEAD_CEILING);
        require("maxCalendarSlots", maxCalendarSlots, 1, 1 << 28);
        require("maxReservations", maxReservations, 1, 1 << 26);
        require("maxReservationsListedPerUser", maxReservationsListedPerUser, 1, GROUP_ROWS_MAX);
        require("maxIdempotencyKeys", maxIdempotencyKeys, 1, 1 << 26);
        // Every command result fits 64 KiB many times over, so a key's result always has room.
        require("idempotencyResultBytes", idempotencyResultBytes, 64 << 10, 1 << 30);
        require("idempotencyKeepMs", idempotencyKeepMs, 1000, 30L * 24 * 60 * 60 * 1000);
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
