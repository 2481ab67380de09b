package io.startline.engine.voucher;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.startline.engine.voucher.VoucherFixture.BUDGET_FEN;
import static io.startline.engine.voucher.VoucherFixture.DAY;
import static io.startline.engine.voucher.VoucherFixture.HOUR;
import static io.startline.engine.voucher.VoucherFixture.STORE_A;
import static io.startline.engine.voucher.VoucherFixture.STORE_B;
import static io.startline.engine.voucher.VoucherFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One small campaign followed through, with every figure the sponsor reads worked out by hand.
 */
class StatisticsTest
{
    @Test
    void theSponsorSeesIssuedClaimedRedeemedExpiredRecycledAndLeveragePerDropTierAndStore()
    {
        final VoucherFixture f = new VoucherFixture();
        final long big = f.drop("T50", 10, 1, T0, T0 + HOUR);
        final long small = f.drop("T20", 5, 1, T0, null);

        // 4 claim T50 (6 of 10 left unclaimed when the drop ends), 3 claim T20.
        final long[] t50 = new long[4];
        for (int i = 0; i < 4; i++)
        {
            t50[i] = f.claimOk(i + 1, big).voucherCode();
        }
        final long[] t20 = new long[3];
        for (int i = 0; i < 3; i++)
        {
            t20[i] = f.claimOk(i + 1, small).voucherCode();
        }

        // Store A: two T50 orders (30,000 and 20,000); store B: one T50 order of 25,000 later refunded,
        // and one T20 order of 12,000.
        f.redeemOk(STORE_A, t50[0], 30_000, "a-1");
        f.redeemOk(STORE_A, t50[1], 20_000, "a-2");
        final long refunded = f.redeemOk(STORE_B, t50[2], 25_000, "b-1").redemptionId();
        f.redeemOk(STORE_B, t20[0], 12_000, "b-2");
        f.engine.refund(STORE_B, refunded);

        // The T50 drop ends at one hour; everything unredeemed expires after 7 days.
        f.engine.advanceTo(T0 + 8 * DAY);
        f.engine.tick();

        final CampaignStats stats = f.stats();
        final CampaignStats.Counters dropT50 = stats.byDrop().get(0).counters();
        assertThat(stats.byDrop().get(0).key()).isEqualTo(Long.toString(big));
        assertThat(dropT50).isEqualTo(new CampaignStats.Counters(
            10, 4, 2, 1, 2, 6, (6 + 2) * 5_000, 2 * 5_000, 50_000));
        final CampaignStats.Counters dropT20 = stats.byDrop().get(1).counters();
        assertThat(stats.byDrop().get(1).key()).isEqualTo(Long.toString(small));
        assertThat(dropT20).isEqualTo(new CampaignStats.Counters(
            5, 3, 1, 0, 2, 0, 2 * 2_000, 2_000, 12_000));

        assertThat(stats.byTier()).extracting(CampaignStats.Row::key).containsExactly("T50", "T20");
        assertThat(stats.byTier().get(0).counters()).isEqualTo(dropT50);

        final CampaignStats.Counters total = stats.total();
        assertThat(total.issued()).isEqualTo(15);
        assertThat(total.claimed()).isEqualTo(7);
        assertThat(total.redeemed()).isEqualTo(3);
        assertThat(total.refunded()).isEqualTo(1);
        assertThat(total.expired()).isEqualTo(4);
        assertThat(total.recycledFen()).isEqualTo(6 * 5_000 + 2 * 5_000 + 2 * 2_000);
        assertThat(total.subsidyPaidFen()).isEqualTo(12_000);
        assertThat(total.consumerSpendFen()).isEqualTo(62_000);
        assertThat(total.redemptionRate()).isCloseTo(3.0 / 7, within(1e-12));
        assertThat(total.leverage()).isCloseTo(62_000.0 / 12_000, within(1e-12));
        assertThat(stats.budgetLeftFen()).as("budget less what was paid and the T20 drop's 2 unclaimed, still open")
            .isEqualTo(BUDGET_FEN - 12_000 - 2 * 2_000);

        assertThat(stats.byStore()).extracting(CampaignStats.Row::key).containsExactly("101", "102");
        assertThat(stats.byStore().get(0).counters()).isEqualTo(new CampaignStats.Counters(
            0, 0, 2, 0, 0, 0, 0, 10_000, 50_000));
        assertThat(stats.byStore().get(1).counters()).isEqualTo(new CampaignStats.Counters(
            0, 0, 1, 1, 0, 0, 0, 2_000, 12_000));

        assertThat(stats.settlement()).isEqualTo(List.of(
            new CampaignStats.Settlement(STORE_A, 2, 50_000, 10_000),
            new CampaignStats.Settlement(STORE_B, 1, 12_000, 2_000)));
    }

    @Test
    void ratesAreZeroRatherThanUndefinedBeforeAnythingHappens()
    {
        final VoucherFixture f = new VoucherFixture();
        assertThat(f.stats().total().redemptionRate()).isZero();
        assertThat(f.stats().total().leverage()).isZero();
    }

    @Test
    void statisticsOfAnUnknownCampaignAreRefused()
    {
        assertThat(new VoucherFixture().engine.stats(42)).isNull();
    }

    @Test
    void eachDropListsItsTermsWindowAndStockLeftUntilItEnds()
    {
        final VoucherFixture f = new VoucherFixture();
        final long timed = f.drop("T50", 10, 1, T0, T0 + HOUR);
        final long later = f.drop("T20", 5, 1, T0 + DAY, null);
        f.claimOk(1, timed);
        f.claimOk(2, timed);

        final List<DropList.Row> drops = f.engine.drops(f.campaignId);
        assertThat(drops).containsExactly(
            new DropList.Row(timed, "T50", 5_000, 10, 2, 1, T0, T0 + HOUR, false, false),
            new DropList.Row(later, "T20", 2_000, 5, 0, 1, T0 + DAY, VoucherFixture.VALID_UNTIL, false, false));
        assertThat(drops.get(0).stockLeft()).isEqualTo(8);
        assertThat(drops.get(0).status(T0)).isEqualTo("OPEN");
        assertThat(drops.get(1).status(T0)).isEqualTo("SCHEDULED");

        f.engine.advanceTo(T0 + 2 * HOUR);
        f.engine.tick();
        final DropList.Row ended = f.engine.drops(f.campaignId).get(0);
        assertThat(ended.ended()).isTrue();
        assertThat(ended.stockLeft()).isZero();
        assertThat(ended.status(T0 + 2 * HOUR)).isEqualTo("ENDED");
    }

    @Test
    void theDropsOfACampaignThatDoesNotExistAreRefused()
    {
        assertThat(new VoucherFixture().engine.drops(99)).isNull();
    }
}
