package io.startline.engine.voucher;

import java.util.Arrays;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.Ids;

/**
 * The checks of a new campaign's spec, in API.md's order: the first field that fails is the one
 * reported. Its scratch arrays are made once, so a check allocates nothing.
 */
final class CampaignSpecRules
{
    private final int maxTiersPerCampaign;
    private final int maxStoresPerCampaign;
    private final VoucherOutcome outcome;
    private final byte[] tierCodeScratch = new byte[TierCodes.LENGTH];
    private final long[] storeIdScratch;

    CampaignSpecRules(final EngineContext context, final VoucherOutcome outcome)
    {
        maxTiersPerCampaign = context.maxTiersPerCampaign();
        maxStoresPerCampaign = context.maxStoresPerCampaign();
        storeIdScratch = new long[context.maxStoresPerCampaign()];
        this.outcome = outcome;
    }

    ResultCode validate(final CampaignSpec spec, final long nowMs)
    {
        if (spec.nameLength < 1 || spec.nameLength > CampaignSpec.NAME_MAX_BYTES)
        {
            return reject(0, "name");
        }
        if (spec.budgetFen < 1 || spec.budgetFen > VoucherCampaigns.BUDGET_MAX_FEN)
        {
            return reject(0, "budgetFen");
        }
        if (spec.validDaysAfterClaim < 1 || spec.validDaysAfterClaim > VoucherCampaigns.VALID_DAYS_MAX)
        {
            return reject(0, "validDaysAfterClaim");
        }
        if (spec.validUntil <= nowMs)
        {
            return reject(0, "validUntil");
        }
        if (spec.perUserLimit < 1 || spec.perUserLimit > VoucherCampaigns.PER_USER_LIMIT_MAX)
        {
            return reject(0, "perUserLimit");
        }
        final ResultCode tiers = validateTiers(spec);
        if (tiers != ResultCode.OK)
        {
            return tiers;
        }
        return validateStores(spec);
    }

    private ResultCode validateTiers(final CampaignSpec spec)
    {
        if (spec.tierCount < 1 || spec.tierCount > maxTiersPerCampaign)
        {
            return reject(0, "tiers");
        }
        final byte[] code = tierCodeScratch;
        for (int t = 0; t < spec.tierCount; t++)
        {
            System.arraycopy(spec.tierCodes, t * TierCodes.LENGTH, code, 0, TierCodes.LENGTH);
            if (!TierCodes.isValid(code))
            {
                return reject(0, "tiers.code");
            }
            for (int earlier = 0; earlier < t; earlier++)
            {
                if (TierCodes.equal(spec.tierCodes, earlier, code))
                {
                    return reject(0, "tiers.code");
                }
            }
            final long faceValueFen = spec.tierFaceValueFen[t];
            if (faceValueFen < 1 || faceValueFen > spec.budgetFen)
            {
                return reject(0, "tiers.faceValueFen");
            }
            final long thresholdFen = spec.tierThresholdFen[t];
            if (thresholdFen < faceValueFen || thresholdFen > VoucherCampaigns.ORDER_AMOUNT_MAX_FEN)
            {
                return reject(0, "tiers.thresholdFen");
            }
        }
        return ResultCode.OK;
    }

    private ResultCode validateStores(final CampaignSpec spec)
    {
        if (spec.storeCount < 1 || spec.storeCount > maxStoresPerCampaign)
        {
            return reject(0, "storeIds");
        }
        for (int s = 0; s < spec.storeCount; s++)
        {
            final long storeId = spec.storeIds[s];
            if (!Ids.isValidExternalId(storeId))
            {
                return reject(storeId, "storeIds");
            }
        }
        if (hasDuplicate(spec.storeIds, spec.storeCount, storeIdScratch))
        {
            return reject(0, "storeIds");
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

    private ResultCode reject(final long subjectId, final String field)
    {
        return outcome.reject(ResultCode.INVALID_ARGUMENT, subjectId, field);
    }
}
