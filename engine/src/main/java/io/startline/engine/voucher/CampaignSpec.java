package io.startline.engine.voucher;

import io.startline.engine.EngineContext;

/**
 * A campaign as the create command describes it, decoded into arrays sized by the limits so
 * that the whole command can be validated before anything changes.
 */
final class CampaignSpec
{
    static final int NAME_MAX_BYTES = 200;

    long budgetFen;
    long validUntil;
    int validDaysAfterClaim;
    int perUserLimit;

    final byte[] name = new byte[NAME_MAX_BYTES];
    int nameLength;

    int tierCount;
    final byte[] tierCodes;
    final long[] tierFaceValueFen;
    final long[] tierThresholdFen;

    int storeCount;
    final long[] storeIds;

    CampaignSpec(final EngineContext context)
    {
        tierCodes = new byte[context.maxTiersPerCampaign() * TierCodes.LENGTH];
        tierFaceValueFen = new long[context.maxTiersPerCampaign()];
        tierThresholdFen = new long[context.maxTiersPerCampaign()];
        storeIds = new long[context.maxStoresPerCampaign()];
    }
}
