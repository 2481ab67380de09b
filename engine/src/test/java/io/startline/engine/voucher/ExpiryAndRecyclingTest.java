package io.startline.engine.voucher;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.VoucherStatus;
import org.junit.jupiter.api.Test;

import static io.startline.engine.voucher.VoucherFixture.BUDGET_FEN;
import static io.startline.engine.voucher.VoucherFixture.DAY;
import static io.startline.engine.voucher.VoucherFixture.HOUR;
import static io.startline.engine.voucher.VoucherFixture.STORE_A;
import static io.startline.engine.voucher.VoucherFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

class ExpiryAndRecyclingTest
{
    private final VoucherFixture f = new VoucherFixture();

    @Test
    void anUnredeemedVoucherExpiresAtItsExpiryAndItsValueReturnsToTheBudget()
    {
        final long dropId = f.drop("T50", 2, 1, T0, null);
        f.claimOk(1, dropId);
        f.claimOk(2, dropId);
        f.redeemOk(STORE_A, f.engine.vouchersOf(2).get(0).voucherCode(), 20_000, "t");

        f.engine.advanceTo(T0 + 7 * DAY - 1);
        f.engine.tick();
        assertThat(f.engine.vouchersOf(1).get(0).status()).isEqualTo(VoucherStatus.ACTIVE);

        f.engine.advanceTo(T0 + 7 * DAY);
        f.engine.tick();
        assertThat(f.engine.vouchersOf(1).get(0).status()).isEqualTo(VoucherStatus.EXPIRED);
        assertThat(f.engine.vouchersOf(2).get(0).status()).as("a redeemed voucher stays redeemed")
            .isEqualTo(VoucherStatus.REDEEMED);

        final CampaignStats stats = f.stats();
        assertThat(stats.total().expired()).isEqualTo(1);
        assertThat(stats.total().recycledFen()).isEqualTo(5_000);
        assertThat(stats.budgetLeftFen()).isEqualTo(BUDGET_FEN - 2 * 5_000 + 5_000);
    }

    @Test
    void deadlinesFireWithoutTrafficWhenTimeIsAdvancedByTicks()
    {
        f.claimOk(1, f.openDrop(1));
        f.engine.advanceBy(30 * DAY);
        assertThat(f.engine.tick()).isEqualTo(ResultCode.OK);
        assertThat(f.stats().total().expired()).isEqualTo(1);
    }

    @Test
    void theUnclaimedStockOfAnEndedDropReturnsToTheBudget()
    {
        final long dropId = f.drop("T20", 100, 1, T0, T0 + HOUR);
        for (long user = 1; user <= 30; user++)
        {
            f.claimOk(user, dropId);
        }
        assertThat(f.stats().budgetLeftFen()).isEqualTo(BUDGET_FEN - 100 * 2_000);

        f.engine.advanceTo(T0 + HOUR);
        f.engine.tick();

        final CampaignStats stats = f.stats();
        assertThat(stats.budgetLeftFen()).isEqualTo(BUDGET_FEN - 30 * 2_000);
        assertThat(stats.total().unclaimedReturned()).isEqualTo(70);
        assertThat(stats.total().recycledFen()).isEqualTo(70 * 2_000);
    }

    @Test
    void vouchersClaimedAcrossManyDaysExpireEachOnItsOwnDay()
    {
        final long dropId = f.drop("T20", 10, 1, T0, null);
        for (long user = 1; user <= 5; user++)
        {
            f.claimOk(user, dropId);
            f.engine.advanceBy(DAY);
        }
        f.engine.advanceTo(T0 + 7 * DAY + 2 * DAY);
        f.engine.tick();
        assertThat(f.stats().total().expired()).as("claimed on days 0, 1 and 2").isEqualTo(3);
        assertThat(f.engine.vouchersOf(4).get(0).status()).isEqualTo(VoucherStatus.ACTIVE);
    }
}
