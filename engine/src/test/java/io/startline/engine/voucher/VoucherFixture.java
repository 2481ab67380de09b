package io.startline.engine.voucher;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small campaign to write rule tests against: two tiers (50 off 200, 20 off 100), two
 * whitelisted stores, a budget of 10,000 yuan, vouchers valid 7 days after claim and never
 * past day 30.
 */
class VoucherFixture
{
    static final long T0 = 1_800_000_000_000L;
    static final long DAY = VoucherCampaigns.DAY_MS;
    static final long HOUR = 3_600_000L;
    static final long BUDGET_FEN = 1_000_000;
    static final long VALID_UNTIL = T0 + 30 * DAY;
    static final int VALID_DAYS = 7;
    static final long STORE_A = 101;
    static final long STORE_B = 102;
    static final long OTHER_STORE = 999;
    static final List<EngineDriver.Tier> TIERS = List.of(
        new EngineDriver.Tier("T50", 5_000, 20_000),
        new EngineDriver.Tier("T20", 2_000, 10_000));

    final EngineDriver engine = new EngineDriver(EngineDriver.smallContext(), T0);
    final long campaignId;

    VoucherFixture()
    {
        this(2);
    }

    VoucherFixture(final int perUserLimit)
    {
        final EngineDriver.Created created = engine.createCampaign(
            "Spring sports vouchers", BUDGET_FEN, VALID_DAYS, VALID_UNTIL, perUserLimit, TIERS, STORE_A, STORE_B);
        assertThat(created.code()).isEqualTo(ResultCode.OK);
        campaignId = created.id();
    }

    long drop(final String tier, final int quantity, final int perUserLimit, final long startsAt, final Long endsAt)
    {
        final EngineDriver.Created created = engine.createDrop(campaignId, tier, quantity, perUserLimit, startsAt, endsAt);
        assertThat(created.code()).as("create drop: %s", created.field()).isEqualTo(ResultCode.OK);
        return created.id();
    }

    /** A T50 drop of {@code quantity}, open now, one per user, with no end. */
    long openDrop(final int quantity)
    {
        return drop("T50", quantity, 1, engine.nowMs(), null);
    }

    EngineDriver.Claimed claimOk(final long userId, final long dropId)
    {
        final EngineDriver.Claimed claimed = engine.claim(userId, campaignId, dropId);
        assertThat(claimed.code()).isEqualTo(ResultCode.OK);
        return claimed;
    }

    EngineDriver.Redeemed redeemOk(final long storeId, final long code, final long orderFen, final String txnId)
    {
        final EngineDriver.Redeemed redeemed = engine.redeem(storeId, code, orderFen, txnId);
        assertThat(redeemed.code()).isEqualTo(ResultCode.OK);
        return redeemed;
    }

    CampaignStats stats()
    {
        return engine.stats(campaignId);
    }

    /**
     * Asserts that a refused command changed nothing: an identical twin engine that received
     * a plain tick at the same moment instead ends in the same state.
     */
    static void assertRefusalChangesNothing(
        final Consumer<VoucherFixture> setUp, final Consumer<VoucherFixture> refused)
    {
        final VoucherFixture subject = new VoucherFixture();
        final VoucherFixture twin = new VoucherFixture();
        setUp.accept(subject);
        setUp.accept(twin);
        refused.accept(subject);
        twin.engine.advanceTo(subject.engine.nowMs());
        twin.engine.tick();
        assertThat(subject.engine.engine().stateHash())
            .as("state after the refused command equals state after a tick")
            .isEqualTo(twin.engine.engine().stateHash());
    }
}
