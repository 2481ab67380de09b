package io.startline.engine.voucher;

import org.agrona.collections.IntArrayList;

import java.util.Arrays;

/**
 * One voucher campaign: its budget, tiers, store whitelist and per-store figures. Created by
 * an admin command (allocation there is fine); the claim and redeem paths only read and
 * update its fields.
 */
final class Campaign
{
    final int index;
    final long budgetFen;
    final long validUntil;
    final int validDaysAfterClaim;
    final int perUserLimit;
    /** Renamed at any time ({@link DropEdits#rename}). */
    byte[] name;

    final int tierCount;
    /** Tier codes, {@link TierCodes#LENGTH} bytes each, NUL-padded. */
    final byte[] tierCodes;
    final long[] tierFaceValueFen;
    final long[] tierThresholdFen;

    /** Sorted ascending, so eligibility is a binary search. */
    final long[] storeIds;
    final long[] storeRedeemed;
    final long[] storeRefunded;
    final long[] storeSubsidyPaidFen;
    final long[] storeConsumerSpendFen;

    final IntArrayList dropIndices;
    /** Vouchers claimed before the campaign was created have indices below this. */
    final int firstVoucherIndex;

    long budgetLeftFen;
    /** Oldest claimed voucher not yet past its expiry: vouchers of a campaign expire in claim order. */
    int expiryHead = VoucherTable.NONE;
    int expiryTail = VoucherTable.NONE;

    Campaign(final int index, final CampaignSpec spec, final int maxDropsPerCampaign, final int firstVoucherIndex)
    {
        this.firstVoucherIndex = firstVoucherIndex;
        this.index = index;
        this.budgetFen = spec.budgetFen;
        this.budgetLeftFen = spec.budgetFen;
        this.validUntil = spec.validUntil;
        this.validDaysAfterClaim = spec.validDaysAfterClaim;
        this.perUserLimit = spec.perUserLimit;
        this.name = Arrays.copyOf(spec.name, spec.nameLength);

        this.tierCount = spec.tierCount;
        this.tierCodes = Arrays.copyOf(spec.tierCodes, spec.tierCount * TierCodes.LENGTH);
        this.tierFaceValueFen = Arrays.copyOf(spec.tierFaceValueFen, spec.tierCount);
        this.tierThresholdFen = Arrays.copyOf(spec.tierThresholdFen, spec.tierCount);

        this.storeIds = Arrays.copyOf(spec.storeIds, spec.storeCount);
        Arrays.sort(storeIds);
        this.storeRedeemed = new long[spec.storeCount];
        this.storeRefunded = new long[spec.storeCount];
        this.storeSubsidyPaidFen = new long[spec.storeCount];
        this.storeConsumerSpendFen = new long[spec.storeCount];

        this.dropIndices = new IntArrayList(Math.min(maxDropsPerCampaign, 64), IntArrayList.DEFAULT_NULL_VALUE);
    }

    long id()
    {
        return index + 1L;
    }

    /**
     * @return the store's slot in the per-store arrays, or a negative number if it is not whitelisted.
     */
    int storeSlot(final long storeId)
    {
        return Arrays.binarySearch(storeIds, storeId);
    }

    /**
     * @return the tier's index, or -1 when no tier has this code.
     */
    int tierIndex(final byte[] code)
    {
        for (int t = 0; t < tierCount; t++)
        {
            if (TierCodes.equal(tierCodes, t, code))
            {
                return t;
            }
        }
        return -1;
    }
}
