package io.startline.engine.voucher;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.VoucherStatus;
import io.startline.engine.testkit.EngineDriver;
import org.junit.jupiter.api.Test;

import static io.startline.engine.voucher.VoucherFixture.DAY;
import static io.startline.engine.voucher.VoucherFixture.OTHER_STORE;
import static io.startline.engine.voucher.VoucherFixture.STORE_A;
import static io.startline.engine.voucher.VoucherFixture.STORE_B;
import static io.startline.engine.voucher.VoucherFixture.T0;
import static io.startline.engine.voucher.VoucherFixture.assertRefusalChangesNothing;
import static org.assertj.core.api.Assertions.assertThat;

class RedeemTest
{
    private final VoucherFixture f = new VoucherFixture();
    private final long code = f.claimOk(1, f.openDrop(10)).voucherCode();

    @Test
    void aWhitelistedStoreRedeemsTheFaceValueOffAnOrderAtTheThreshold()
    {
        final EngineDriver.Redeemed redeemed = f.engine.redeem(STORE_A, code, 20_000, "pos-1");

        assertThat(redeemed).isEqualTo(new EngineDriver.Redeemed(ResultCode.OK, 1, 1, 5_000, 15_000, false, ""));
        assertThat(f.engine.vouchersOf(1).get(0).status()).isEqualTo(VoucherStatus.REDEEMED);
    }

    @Test
    void anOrderBelowTheThresholdIsRefused()
    {
        assertThat(f.engine.redeem(STORE_A, code, 19_999, "pos-1").code()).isEqualTo(ResultCode.BELOW_THRESHOLD);
        assertRefusalChangesNothing(
            g -> g.claimOk(1, g.openDrop(1)),
            g -> assertThat(g.engine.redeem(STORE_A, g.engine.vouchersOf(1).get(0).voucherCode(), 100, "x").code())
                .isEqualTo(ResultCode.BELOW_THRESHOLD));
    }

    @Test
    void aStoreNotOnTheWhitelistIsNotEligible()
    {
        assertThat(f.engine.redeem(OTHER_STORE, code, 50_000, "pos-1").code()).isEqualTo(ResultCode.STORE_NOT_ELIGIBLE);
        assertThat(f.engine.redeem(STORE_B, code, 50_000, "pos-1").code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void aVoucherIsRedeemedOnlyOnce()
    {
        f.redeemOk(STORE_A, code, 30_000, "pos-1");
        assertThat(f.engine.redeem(STORE_B, code, 30_000, "pos-9").code()).isEqualTo(ResultCode.ALREADY_REDEEMED);
        assertThat(f.stats().total().redeemed()).isEqualTo(1);
    }

    @Test
    void anExpiredVoucherCannotBeRedeemed()
    {
        f.engine.advanceTo(T0 + 7 * DAY - 1);
        assertThat(f.engine.redeem(STORE_A, code, 30_000, "pos-1").code()).as("last valid millisecond")
            .isEqualTo(ResultCode.OK);

        final long other = f.claimOk(2, f.openDrop(1)).voucherCode();
        f.engine.advanceBy(7 * DAY);
        assertThat(f.engine.redeem(STORE_A, other, 30_000, "pos-2").code()).isEqualTo(ResultCode.EXPIRED);
    }

    @Test
    void anUnknownCodeIsNotFound()
    {
        assertThat(f.engine.redeem(STORE_A, code + 1, 30_000, "pos-1").code()).isEqualTo(ResultCode.VOUCHER_NOT_FOUND);
    }

    @Test
    void theSameStoreTransactionAgainReturnsTheFirstAnswerAndCountsOnce()
    {
        final EngineDriver.Redeemed first = f.redeemOk(STORE_A, code, 30_000, "pos-1");
        final EngineDriver.Redeemed again = f.engine.redeem(STORE_A, code, 30_000, "pos-1");

        assertThat(again.code()).isEqualTo(ResultCode.OK);
        assertThat(again.redemptionId()).isEqualTo(first.redemptionId());
        assertThat(again.discountFen()).isEqualTo(first.discountFen());
        assertThat(again.payableFen()).isEqualTo(first.payableFen());
        assertThat(again.replayed()).isTrue();
        assertThat(f.stats().total().redeemed()).isEqualTo(1);
        assertThat(f.stats().total().consumerSpendFen()).isEqualTo(30_000);
    }

    @Test
    void aTransactionIdReusedForADifferentRequestIsRefused()
    {
        f.redeemOk(STORE_A, code, 30_000, "pos-1");
        final long other = f.claimOk(2, f.openDrop(1)).voucherCode();

        assertThat(f.engine.redeem(STORE_A, code, 31_000, "pos-1").code()).isEqualTo(ResultCode.TXN_ID_REUSED);
        assertThat(f.engine.redeem(STORE_A, other, 30_000, "pos-1").code()).isEqualTo(ResultCode.TXN_ID_REUSED);
        assertThat(f.engine.redeem(STORE_B, other, 30_000, "pos-1").code()).as("ids are per store")
            .isEqualTo(ResultCode.OK);
    }

    @Test
    void invalidArgumentsAreNamed()
    {
        assertThat(f.engine.redeem(STORE_A, code, 0, "pos-1").field()).isEqualTo("orderAmountFen");
        assertThat(f.engine.redeem(STORE_A, code, VoucherCampaigns.ORDER_AMOUNT_MAX_FEN + 1, "pos-1").field())
            .isEqualTo("orderAmountFen");
        assertThat(f.engine.redeem(STORE_A, code, 30_000, "").field()).isEqualTo("merchantTxnId");
        assertThat(f.engine.redeem(STORE_A, code, 30_000, "x".repeat(65)).field()).isEqualTo("merchantTxnId");
        assertThat(f.engine.redeem(0, code, 30_000, "pos-1").field()).isEqualTo("storeId");
        assertThat(f.engine.redeem(STORE_A, code, 30_000, "x".repeat(64)).code()).as("64 bytes is allowed")
            .isEqualTo(ResultCode.OK);
    }

    @Test
    void theRedemptionLimitIsReportedWhenReached()
    {
        final EngineDriver engine = new EngineDriver(EngineDriver.smallContext().maxRedemptions(1), T0);
        final long campaignId = engine.createCampaign("c", 1_000_000, 7, T0 + 30 * DAY, 5, VoucherFixture.TIERS, 1).id();
        final long dropId = engine.createDrop(campaignId, "T20", 5, 5, T0, null).id();
        final long a = engine.claim(1, campaignId, dropId).voucherCode();
        final long b = engine.claim(1, campaignId, dropId).voucherCode();
        assertThat(engine.redeem(1, a, 10_000, "1").code()).isEqualTo(ResultCode.OK);
        assertThat(engine.redeem(1, b, 10_000, "2").code()).isEqualTo(ResultCode.CAPACITY_REACHED);
    }
}
