package io.startline.engine.voucher;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.KeyedPermutation;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.support.CodesAhead;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Voucher codes are computed ahead of the rush, a bounded number per command: at most
 * {@link CodesAhead#PER_COMMAND} when a drop is created and as many again on each
 * idle tick, never more than the drops can issue. Whether a claim finds its code computed or
 * computes it itself, the code is the keyed permutation of the voucher id.
 */
class CodesAheadTest
{
    private static final long T0 = 1_800_000_000_000L;
    private static final int QUANTITY = CodesAhead.PER_COMMAND + 34_464;
    private static final byte[] TIER = tierCode("T1");

    private final EngineContext context = EngineDriver.smallContext().maxVouchers(QUANTITY + 1000).codeKey(3, 4);
    private final VoucherCampaigns campaigns = new VoucherCampaigns(context);
    private final KeyedPermutation permutation = new KeyedPermutation(3, 4);

    @Test
    void aDropsCreationComputesABoundedShareOfItsCodesAndIdleTicksTheRest()
    {
        final long dropId = campaignWithDrop();
        assertThat(campaigns.codesComputed()).as("on the drop's creation").isEqualTo(CodesAhead.PER_COMMAND);

        campaigns.computeCodesAhead();
        assertThat(campaigns.codesComputed()).as("after one idle tick").isEqualTo(QUANTITY);
        campaigns.computeCodesAhead();
        assertThat(campaigns.codesComputed()).as("never more than the drops can issue").isEqualTo(QUANTITY);

        for (long user = 1; user <= QUANTITY; user++)
        {
            assertThat(campaigns.claim(user, 1, dropId, T0)).isEqualTo(ResultCode.OK);
        }
        for (int v = 0; v < QUANTITY; v += 997)
        {
            assertThat(campaigns.codeOf(v)).as("code of voucher index %d", v).isEqualTo(permutation.encode(v + 1L));
        }
    }

    @Test
    void aClaimPastTheCodesComputedSoFarComputesItsOwn()
    {
        final long dropId = campaignWithDrop();
        for (long user = 1; user <= QUANTITY; user++)
        {
            assertThat(campaigns.claim(user, 1, dropId, T0)).isEqualTo(ResultCode.OK);
        }
        assertThat(campaigns.codesComputed()).isEqualTo(CodesAhead.PER_COMMAND);
        final int last = campaigns.outcome().voucher;
        assertThat(last).isEqualTo(QUANTITY - 1);
        assertThat(campaigns.codeOf(last)).isEqualTo(permutation.encode(QUANTITY));
    }

    private long campaignWithDrop()
    {
        final CampaignSpec spec = new CampaignSpec(context);
        final byte[] name = "codes ahead".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, spec.name, 0, name.length);
        spec.nameLength = name.length;
        spec.budgetFen = QUANTITY * 100L;
        spec.validUntil = T0 + 30 * VoucherCampaigns.DAY_MS;
        spec.validDaysAfterClaim = 7;
        spec.perUserLimit = 1;
        spec.tierCount = 1;
        System.arraycopy(TIER, 0, spec.tierCodes, 0, TIER.length);
        spec.tierFaceValueFen[0] = 100;
        spec.tierThresholdFen[0] = 400;
        spec.storeCount = 1;
        spec.storeIds[0] = 101;
        assertThat(campaigns.createCampaign(spec, T0)).isEqualTo(ResultCode.OK);
        assertThat(campaigns.createDrop(1, TIER, QUANTITY, 1, T0, Drop.NO_END, T0)).isEqualTo(ResultCode.OK);
        return campaigns.outcome().drop + 1L;
    }

    private static byte[] tierCode(final String code)
    {
        final byte[] bytes = new byte[TierCodes.LENGTH];
        final byte[] text = code.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, bytes, 0, text.length);
        return bytes;
    }
}
