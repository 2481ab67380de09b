package io.startline.engine.voucher;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;
import org.junit.jupiter.api.Test;

import static io.startline.engine.voucher.VoucherFixture.BUDGET_FEN;
import static io.startline.engine.voucher.VoucherFixture.DAY;
import static io.startline.engine.voucher.VoucherFixture.HOUR;
import static io.startline.engine.voucher.VoucherFixture.VALID_UNTIL;
import static io.startline.engine.voucher.VoucherFixture.assertRefusalChangesNothing;
import static org.assertj.core.api.Assertions.assertThat;

class DropTest
{
    private final VoucherFixture f = new VoucherFixture();

    private EngineDriver.Created drop(final String tier, final int quantity, final int perUser, final long startsAt,
        final Long endsAt)
    {
        return f.engine.createDrop(f.campaignId, tier, quantity, perUser, startsAt, endsAt);
    }

    @Test
    void creatingADropReservesItsFaceValueFromTheBudgetLeft()
    {
        assertThat(drop("T50", 100, 1, f.engine.nowMs(), null)).isEqualTo(new EngineDriver.Created(ResultCode.OK, 1, ""));
        assertThat(f.stats().budgetLeftFen()).isEqualTo(BUDGET_FEN - 100 * 5_000);
        assertThat(f.stats().total().issued()).isEqualTo(100);
    }

    @Test
    void aDropWorthMoreThanTheBudgetLeftIsRefused()
    {
        assertThat(drop("T50", 150, 1, f.engine.nowMs(), null).code()).isEqualTo(ResultCode.OK);
        assertThat(drop("T50", 51, 1, f.engine.nowMs(), null).code()).isEqualTo(ResultCode.BUDGET_EXCEEDED);
        assertThat(drop("T50", 50, 1, f.engine.nowMs(), null).code()).as("exactly the rest fits").isEqualTo(ResultCode.OK);
        assertThat(f.stats().budgetLeftFen()).isZero();
        assertRefusalChangesNothing(
            g -> g.openDrop(200),
            g -> assertThat(g.engine.createDrop(g.campaignId, "T20", 1, 1, g.engine.nowMs(), null).code())
                .isEqualTo(ResultCode.BUDGET_EXCEEDED));
    }

    @Test
    void aQuantityAboveTheVoucherLimitIsInvalidNotJustTooExpensive()
    {
        assertThat(drop("T20", 4097, 1, f.engine.nowMs(), null).field()).isEqualTo("quantity");
        assertThat(drop("T20", Integer.MAX_VALUE, 1, f.engine.nowMs(), null).field()).isEqualTo("quantity");
    }

    @Test
    void recycledValueCountsAsBudgetLeftForNewDrops()
    {
        final long now = f.engine.nowMs();
        final long dropId = drop("T50", 200, 1, now, now + HOUR).id();
        f.claimOk(1, dropId);
        assertThat(drop("T20", 1, 1, now, null).code()).isEqualTo(ResultCode.BUDGET_EXCEEDED);

        f.engine.advanceTo(now + HOUR);
        f.engine.tick();

        assertThat(f.stats().budgetLeftFen()).as("199 unclaimed vouchers came back").isEqualTo(199 * 5_000);
        assertThat(drop("T50", 199, 1, f.engine.nowMs(), null).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void aDropOfAnUnknownCampaignIsNotFound()
    {
        assertThat(f.engine.createDrop(99, "T50", 1, 1, f.engine.nowMs(), null).code())
            .isEqualTo(ResultCode.CAMPAIGN_NOT_FOUND);
        assertThat(f.engine.createDrop(0, "T50", 1, 1, f.engine.nowMs(), null).code())
            .isEqualTo(ResultCode.CAMPAIGN_NOT_FOUND);
    }

    @Test
    void aCampaignPastItsValidityTakesNoNewDrops()
    {
        f.engine.advanceTo(VALID_UNTIL);
        assertThat(drop("T50", 1, 1, f.engine.nowMs() - DAY, null).code()).isEqualTo(ResultCode.CLOSED);
        assertThat(f.stats().budgetLeftFen()).isEqualTo(BUDGET_FEN);
    }

    @Test
    void eachInvalidFieldIsNamed()
    {
        final long now = f.engine.nowMs();
        assertThat(drop("T99", 1, 1, now, null).field()).isEqualTo("tierCode");
        assertThat(drop("T50", 0, 1, now, null).field()).isEqualTo("quantity");
        assertThat(drop("T50", -1, 1, now, null).field()).isEqualTo("quantity");
        assertThat(drop("T50", 1, 0, now, null).field()).isEqualTo("perUserLimit");
        assertThat(drop("T50", 1, 1, -1, null).field()).isEqualTo("startsAt");
        assertThat(drop("T50", 1, 1, VALID_UNTIL, null).field()).as("starts when vouchers are no longer valid")
            .isEqualTo("startsAt");
        assertThat(drop("T50", 1, 1, now + HOUR, now + HOUR).field()).as("ends when it starts").isEqualTo("endsAt");
        f.engine.advanceBy(DAY);
        assertThat(drop("T50", 1, 1, now - DAY, now).field()).as("already over").isEqualTo("endsAt");
        assertThat(drop("T50", 1, 1, now, null).code()).as("started in the past but open").isEqualTo(ResultCode.OK);
    }

    @Test
    void theDropLimitsAreReportedWhenReached()
    {
        final EngineDriver engine = new EngineDriver(EngineDriver.smallContext().maxDropsPerCampaign(2), VoucherFixture.T0);
        final long campaignId = engine.createCampaign("c", BUDGET_FEN, 1, VALID_UNTIL, 1, VoucherFixture.TIERS, 1).id();
        assertThat(engine.createDrop(campaignId, "T20", 1, 1, VoucherFixture.T0, null).code()).isEqualTo(ResultCode.OK);
        assertThat(engine.createDrop(campaignId, "T20", 1, 1, VoucherFixture.T0, null).code()).isEqualTo(ResultCode.OK);
        assertThat(engine.createDrop(campaignId, "T20", 1, 1, VoucherFixture.T0, null).code())
            .isEqualTo(ResultCode.CAPACITY_REACHED);

        final EngineDriver total = new EngineDriver(EngineDriver.smallContext().maxDrops(1), VoucherFixture.T0);
        final long a = total.createCampaign("a", BUDGET_FEN, 1, VALID_UNTIL, 1, VoucherFixture.TIERS, 1).id();
        final long b = total.createCampaign("b", BUDGET_FEN, 1, VALID_UNTIL, 1, VoucherFixture.TIERS, 1).id();
        assertThat(total.createDrop(a, "T20", 1, 1, VoucherFixture.T0, null).code()).isEqualTo(ResultCode.OK);
        assertThat(total.createDrop(b, "T20", 1, 1, VoucherFixture.T0, null).code()).isEqualTo(ResultCode.CAPACITY_REACHED);
    }
}
