package io.startline.engine.voucher;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.VoucherStatus;
import io.startline.engine.testkit.EngineDriver;
import org.junit.jupiter.api.Test;

import static io.startline.engine.voucher.VoucherFixture.BUDGET_FEN;
import static io.startline.engine.voucher.VoucherFixture.DAY;
import static io.startline.engine.voucher.VoucherFixture.STORE_A;
import static io.startline.engine.voucher.VoucherFixture.STORE_B;
import static io.startline.engine.voucher.VoucherFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

class RefundTest
{
    private final VoucherFixture f = new VoucherFixture();
    private final EngineDriver.Claimed voucher = f.claimOk(1, f.openDrop(10));
    private final long redemptionId = f.redeemOk(STORE_A, voucher.voucherCode(), 30_000, "pos-1").redemptionId();

    @Test
    void aRedemptionSaysWhichStoreItBelongsToAndWhetherItWasRefundedWithoutAnyCommand()
    {
        final long sequence = f.engine.engine().lastSequence();
        assertThat(f.engine.redemption(redemptionId))
            .isEqualTo(new EngineDriver.RedemptionView(ResultCode.OK, STORE_A, false));
        assertThat(f.engine.redemption(redemptionId + 1).code()).isEqualTo(ResultCode.REDEMPTION_NOT_FOUND);
        assertThat(f.engine.redemption(0).code()).isEqualTo(ResultCode.REDEMPTION_NOT_FOUND);
        f.engine.refund(STORE_A, redemptionId);
        assertThat(f.engine.redemption(redemptionId).refunded()).isTrue();
        assertThat(f.engine.engine().lastSequence()).as("only the refund was a command").isEqualTo(sequence + 1);
    }

    @Test
    void aRefundWithinValidityGivesTheVoucherBackWithItsOriginalExpiry()
    {
        f.engine.advanceBy(DAY);
        assertThat(f.engine.refund(STORE_A, redemptionId))
            .isEqualTo(new EngineDriver.Refunded(ResultCode.OK, redemptionId, true));

        final EngineDriver.UserVoucher v = f.engine.vouchersOf(1).get(0);
        assertThat(v.status()).isEqualTo(VoucherStatus.ACTIVE);
        assertThat(v.expiresAt()).isEqualTo(T0 + 7 * DAY);
        assertThat(f.engine.redeem(STORE_B, voucher.voucherCode(), 25_000, "b-1").code()).as("redeemable again")
            .isEqualTo(ResultCode.OK);
    }

    @Test
    void aRefundedVoucherStillExpiresOnTime()
    {
        f.engine.refund(STORE_A, redemptionId);
        f.engine.advanceTo(T0 + 7 * DAY);
        f.engine.tick();
        assertThat(f.engine.vouchersOf(1).get(0).status()).isEqualTo(VoucherStatus.EXPIRED);
        assertThat(f.stats().total().expired()).isEqualTo(1);
    }

    @Test
    void aRefundAfterExpiryDoesNotRestoreTheVoucherAndReturnsItsValueToTheBudget()
    {
        f.engine.advanceTo(T0 + 7 * DAY);
        final long budgetLeftBefore = f.stats().budgetLeftFen();

        assertThat(f.engine.refund(STORE_A, redemptionId))
            .isEqualTo(new EngineDriver.Refunded(ResultCode.OK, redemptionId, false));
        assertThat(f.engine.vouchersOf(1).get(0).status()).isEqualTo(VoucherStatus.EXPIRED);
        assertThat(f.stats().budgetLeftFen()).isEqualTo(budgetLeftBefore + 5_000);
        assertThat(f.stats().total().expired()).isEqualTo(1);
    }

    @Test
    void refundedRedemptionsLeaveTheRedeemedFiguresAndAreCountedAsRefunded()
    {
        f.engine.refund(STORE_A, redemptionId);
        final CampaignStats.Counters total = f.stats().total();
        assertThat(total.redeemed()).isZero();
        assertThat(total.refunded()).isEqualTo(1);
        assertThat(total.subsidyPaidFen()).isZero();
        assertThat(total.consumerSpendFen()).isZero();
        assertThat(f.stats().byStore().get(0).counters().refunded()).isEqualTo(1);
        assertThat(f.stats().budgetLeftFen()).as("the voucher is ACTIVE again: still reserved")
            .isEqualTo(BUDGET_FEN - 10 * 5_000);
    }

    @Test
    void onlyTheRedeemingStoreMayRefund()
    {
        assertThat(f.engine.refund(STORE_B, redemptionId).code()).isEqualTo(ResultCode.WRONG_STORE);
        assertThat(f.stats().total().redeemed()).isEqualTo(1);
    }

    @Test
    void aRedemptionIsRefundedOnlyOnce()
    {
        f.engine.refund(STORE_A, redemptionId);
        assertThat(f.engine.refund(STORE_A, redemptionId).code()).isEqualTo(ResultCode.ALREADY_REFUNDED);
        assertThat(f.stats().total().refunded()).isEqualTo(1);
    }

    @Test
    void anUnknownRedemptionIsNotFound()
    {
        assertThat(f.engine.refund(STORE_A, redemptionId + 1).code()).isEqualTo(ResultCode.REDEMPTION_NOT_FOUND);
        assertThat(f.engine.refund(STORE_A, 0).code()).isEqualTo(ResultCode.REDEMPTION_NOT_FOUND);
    }

    @Test
    void replayingTheOriginalRedemptionAfterARefundStillAnswersTheFirstResultAndCountsNothing()
    {
        f.engine.refund(STORE_A, redemptionId);
        final EngineDriver.Redeemed again = f.engine.redeem(STORE_A, voucher.voucherCode(), 30_000, "pos-1");
        assertThat(again.redemptionId()).isEqualTo(redemptionId);
        assertThat(again.replayed()).isTrue();
        assertThat(f.stats().total().redeemed()).isZero();
    }
}
