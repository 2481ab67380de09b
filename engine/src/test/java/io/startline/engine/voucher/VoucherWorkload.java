package io.startline.engine.voucher;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A random stream of voucher commands, applied to the engine and to {@link VoucherModel}
 * side by side. After every step the two must have answered alike, the touched campaign's
 * statistics must be equal, and the invariants must hold: never more claimed than a drop's
 * stock, no user past a limit, reserved + paid never above the budget, subsidy paid equal
 * to the face value of the redeemed vouchers.
 * <p>
 * The mix is a flash-drop rush: many users, a few campaigns with several tiers, drops that
 * open, sell out and end, redemptions (some at the wrong store, below threshold, repeated or
 * with a reused transaction id), refunds, and time that jumps far enough for vouchers to expire.
 */
public final class VoucherWorkload
{
    private static final long START_MS = 1_800_000_000_000L;
    private static final long HOUR_MS = 3_600_000L;
    /** The engine under test must allow at least this many campaigns. */
    public static final int MAX_CAMPAIGNS = 60;

    private final EngineDriver engine;
    private final VoucherModel model;
    private final int userCount;
    private final List<Long> storeIdsInUse = new ArrayList<>();
    private long txnCounter;
    private final java.util.Map<String, Long> outcomes = new java.util.TreeMap<>();
    private final java.util.BitSet claimingUsers = new java.util.BitSet();

    public VoucherWorkload(final EngineDriver engine, final int maxVouchers, final int maxRedemptions, final int userCount)
    {
        this.engine = engine;
        this.model = new VoucherModel(maxVouchers, maxRedemptions);
        this.userCount = userCount;
    }

    public static long startMs()
    {
        return START_MS;
    }

    public void step(final SplittableRandom random)
    {
        advanceTime(random);
        if (model.campaigns.size() < MAX_CAMPAIGNS &&
            (liveCampaignCount() == 0 || random.nextInt(50_000) == 0))
        {
            createCampaign(random);
            return;
        }
        final int roll = random.nextInt(1000);
        if (roll < 2 || openDropCount() == 0 && roll < 100)
        {
            createDrop(random);
        }
        else if (roll < 560)
        {
            claim(random);
        }
        else if (roll < 840)
        {
            redeem(random);
        }
        else if (roll < 940)
        {
            refund(random);
        }
        else if (roll < 982)
        {
            tick();
        }
        else if (roll < 986)
        {
            editDrop(random);
        }
        else if (roll < 990)
        {
            cancelDrop(random);
        }
        else
        {
            strayIds(random);
        }
    }

    /**
     * Compares every voucher the model knows with the engine's per-user listing: a full
     * audit, too slow for every step, run at the end and at intervals.
     */
    public void audit()
    {
        final java.util.Map<Long, List<VoucherModel.VoucherM>> byUser = new java.util.HashMap<>();
        for (final VoucherModel.VoucherM v : model.vouchers)
        {
            byUser.computeIfAbsent(v.userId, u -> new ArrayList<>()).add(v);
        }
        byUser.forEach((userId, expected) ->
        {
            final List<EngineDriver.UserVoucher> listed = engine.vouchersOf(userId);
            assertThat(listed).hasSize(Math.min(expected.size(), 200));
            for (int i = 0; i < listed.size(); i++)
            {
                final VoucherModel.VoucherM v = expected.get(expected.size() - 1 - i);
                final EngineDriver.UserVoucher actual = listed.get(i);
                assertThat(actual.voucherId()).isEqualTo(v.id);
                assertThat(actual.voucherCode()).isEqualTo(v.code);
                assertThat(actual.status()).as("voucher %d", v.id).isEqualTo(v.status);
                assertThat(actual.expiresAt()).isEqualTo(v.expiresAt);
                assertThat(actual.dropId()).isEqualTo(v.drop.id);
            }
        });
        for (final VoucherModel.CampaignM c : model.campaigns)
        {
            checkCampaign(c);
        }
    }

    /**
     * How often each command met each outcome, e.g. {@code "claim SOLD_OUT" -> 1234}: shows
     * which rules a run exercised.
     */
    public java.util.Map<String, Long> outcomes()
    {
        return outcomes;
    }

    public long claimingUsers()
    {
        return claimingUsers.cardinality();
    }

    private void count(final String command, final ResultCode code)
    {
        outcomes.merge(command + " " + code, 1L, Long::sum);
    }

    public long claimedVouchers()
    {
        return model.vouchers.size();
    }

    public long redemptions()
    {
        return model.redemptions.size();
    }

    public long distinctClaimers()
    {
        return model.vouchers.stream().mapToLong(v -> v.userId).distinct().count();
    }

    public int campaigns()
    {
        return model.campaigns.size();
    }

    public int drops()
    {
        return model.drops.size();
    }

    // ------------------------------------------------------------------ actions

    private void advanceTime(final SplittableRandom random)
    {
        final int roll = random.nextInt(100_000);
        final long deltaMs;
        if (roll < 3)
        {
            deltaMs = random.nextLong(6 * HOUR_MS, 30 * HOUR_MS);
        }
        else if (roll < 60)
        {
            deltaMs = random.nextLong(HOUR_MS);
        }
        else
        {
            deltaMs = random.nextInt(3) == 0 ? 0 : random.nextInt(200);
        }
        engine.advanceBy(deltaMs);
        model.advanceTime(engine.nowMs());
    }

    private void createCampaign(final SplittableRandom random)
    {
        final int tierCount = 1 + random.nextInt(3);
        final List<EngineDriver.Tier> tiers = new ArrayList<>();
        final List<String> codes = new ArrayList<>();
        final List<long[]> values = new ArrayList<>();
        for (int t = 0; t < tierCount; t++)
        {
            final long face = 500L * (1 + random.nextInt(20));
            final long threshold = face * (2 + random.nextInt(4));
            final String code = "T" + face / 100 + "-" + t;
            tiers.add(new EngineDriver.Tier(code, face, threshold));
            codes.add(code);
            values.add(new long[] {face, threshold});
        }
        final List<Long> stores = new ArrayList<>();
        final int storeCount = 3 + random.nextInt(10);
        for (int s = 0; s < storeCount; s++)
        {
            final long storeId = 100 + random.nextInt(40);
            if (!stores.contains(storeId))
            {
                stores.add(storeId);
            }
        }
        if (random.nextInt(10) == 0)
        {
            stores.add(stores.get(0));
        }
        storeIdsInUse.addAll(stores);
        final long budget = 500_000_000L * (1 + random.nextInt(20));
        final int validDays = 1 + random.nextInt(3);
        final long validUntil = engine.nowMs() + HOUR_MS * (24 + random.nextInt(24 * 10));
        final int perUser = 1 + random.nextInt(4);

        final VoucherModel.Answer expected = model.createCampaign(
            budget, validDays, validUntil, perUser, values, codes, stores, engine.nowMs());
        final EngineDriver.Created actual = engine.createCampaign(
            "Campaign " + (model.campaigns.size() + 1), budget, validDays, validUntil, perUser, tiers,
            stores.stream().mapToLong(Long::longValue).toArray());
        assertThat(actual.code()).as("create campaign").isEqualTo(expected.code());
        count("createCampaign", actual.code());
        assertThat(actual.field()).isEqualTo(expected.field());
        assertThat(actual.id()).isEqualTo(expected.id());
    }

    private void createDrop(final SplittableRandom random)
    {
        final VoucherModel.CampaignM c = anyLiveCampaign(random);
        final List<String> tierCodes = new ArrayList<>(c.tiers.keySet());
        final String tierCode = random.nextInt(50) == 0 ? "NOPE" : tierCodes.get(random.nextInt(tierCodes.size()));
        final int quantity = random.nextInt(40) == 0 ? 0
            : random.nextInt(3) == 0 ? 20 + random.nextInt(500) : 1_000 + random.nextInt(60_000);
        final int perUser = 1 + random.nextInt(2);
        final long startsAt = engine.nowMs() + (random.nextBoolean() ? 0 : random.nextLong(2 * HOUR_MS));
        final Long endsAt = random.nextInt(3) == 0 ? null : startsAt + random.nextLong(-HOUR_MS / 10, 12 * HOUR_MS);

        final VoucherModel.Answer expected = model.createDrop(
            c.id, tierCode, quantity, perUser, startsAt, endsAt, engine.nowMs());
        final EngineDriver.Created actual = engine.createDrop(c.id, tierCode, quantity, perUser, startsAt, endsAt);
        assertThat(actual.code()).as("create drop").isEqualTo(expected.code());
        count("createDrop", actual.code());
        assertThat(actual.field()).isEqualTo(expected.field());
        assertThat(actual.id()).isEqualTo(expected.id());
        checkCampaign(c);
    }

    /** The organiser moves a drop's window: before it opens the engine takes it, after it NOT_EDITABLE. */
    private void editDrop(final SplittableRandom random)
    {
        final VoucherModel.DropM drop = anyDropPreferOpen(random);
        if (drop == null)
        {
            return;
        }
        final long now = engine.nowMs();
        final Long startsAt = random.nextInt(3) == 0 ? null : now + random.nextLong(-HOUR_MS / 10, 2 * HOUR_MS);
        final Long endsAt = random.nextInt(3) == 0 ? null : now + random.nextLong(-HOUR_MS / 10, 12 * HOUR_MS);
        final VoucherModel.Answer expected = model.editDrop(drop.campaign.id, drop.id, startsAt, endsAt, now);
        final EngineDriver.Created actual = engine.editDrop(drop.campaign.id, drop.id, startsAt, endsAt);
        assertThat(actual.code()).as("edit drop %d", drop.id).isEqualTo(expected.code());
        assertThat(actual.field()).isEqualTo(expected.field());
        count("editDrop", actual.code());
        checkCampaign(drop.campaign);
    }

    /** The organiser cancels a drop: before it opens its value returns to the budget left. */
    private void cancelDrop(final SplittableRandom random)
    {
        final VoucherModel.DropM drop = anyDropPreferOpen(random);
        if (drop == null)
        {
            return;
        }
        final VoucherModel.Answer expected = model.cancelDrop(drop.campaign.id, drop.id, engine.nowMs());
        final EngineDriver.Created actual = engine.cancelDrop(drop.campaign.id, drop.id);
        assertThat(actual.code()).as("cancel drop %d", drop.id).isEqualTo(expected.code());
        count("cancelDrop", actual.code());
        checkCampaign(drop.campaign);
    }

    private void claim(final SplittableRandom random)
    {
        final VoucherModel.DropM drop = anyDropPreferOpen(random);
        if (drop == null)
        {
            return;
        }
        final long userId = 1 + random.nextInt(userCount);
        final VoucherModel.Answer expected = model.claim(userId, drop.campaign.id, drop.id, engine.nowMs());
        final EngineDriver.Claimed actual = engine.claim(userId, drop.campaign.id, drop.id);
        assertThat(actual.code()).as("claim drop %d user %d", drop.id, userId).isEqualTo(expected.code());
        count("claim", actual.code());
        claimingUsers.set((int)userId);
        if (expected.code() == ResultCode.OK)
        {
            final VoucherModel.VoucherM v = model.vouchers.get((int)expected.id() - 1);
            assertThat(actual.voucherId()).isEqualTo(v.id);
            assertThat(actual.dropId()).isEqualTo(drop.id);
            assertThat(actual.campaignId()).isEqualTo(drop.campaign.id);
            assertThat(actual.faceValueFen()).isEqualTo(drop.faceValueFen);
            assertThat(actual.thresholdFen()).isEqualTo(drop.thresholdFen);
            assertThat(actual.expiresAt()).isEqualTo(v.expiresAt);
            model.assignCode(v.id, actual.voucherCode());
            checkUserLimits(userId, drop);
        }
        checkCampaign(drop.campaign);
    }

    private void redeem(final SplittableRandom random)
    {
        if (model.vouchers.isEmpty())
        {
            return;
        }
        final int kind = random.nextInt(100);
        if (kind < 6 && !model.redemptions.isEmpty())
        {
            replayOrReuse(random);
            return;
        }
        final VoucherModel.VoucherM v = kind < 60
            ? model.vouchers.get(model.vouchers.size() - 1 - random.nextInt(Math.min(model.vouchers.size(), 20_000)))
            : model.vouchers.get(random.nextInt(model.vouchers.size()));
        final long code = kind < 8 ? v.code ^ 1 : v.code;
        final List<Long> eligible = new ArrayList<>(v.drop.campaign.stores.keySet());
        final long storeId = kind < 12 ? storeIdsInUse.get(random.nextInt(storeIdsInUse.size())) + 1000
            : kind < 16 ? storeIdsInUse.get(random.nextInt(storeIdsInUse.size()))
            : eligible.get(random.nextInt(eligible.size()));
        final long amount = kind < 22
            ? v.drop.thresholdFen - 1 - random.nextInt((int)Math.min(v.drop.thresholdFen - 1, 1000))
            : v.drop.thresholdFen + random.nextInt(50_000);
        final String txnId = "txn-" + (++txnCounter);
        expectRedeem(storeId, code, amount, txnId, v.drop.campaign);
    }

    private void replayOrReuse(final SplittableRandom random)
    {
        final VoucherModel.RedemptionM r = model.redemptions.get(random.nextInt(model.redemptions.size()));
        final boolean sameRequest = random.nextInt(4) != 0;
        final long amount = sameRequest ? r.orderAmountFen : r.orderAmountFen + 1;
        expectRedeem(r.storeId, r.voucher.code, amount, r.txnId, r.voucher.drop.campaign);
    }

    private void expectRedeem(
        final long storeId, final long code, final long amount, final String txnId, final VoucherModel.CampaignM c)
    {
        final VoucherModel.Answer expected = model.redeem(storeId, code, amount, txnId);
        final EngineDriver.Redeemed actual = engine.redeem(storeId, code, amount, txnId);
        assertThat(actual.code()).as("redeem %s at store %d", txnId, storeId).isEqualTo(expected.code());
        assertThat(actual.field()).isEqualTo(expected.field());
        count(expected.flag() ? "redeem replayed" : "redeem", actual.code());
        if (expected.code() == ResultCode.OK)
        {
            final VoucherModel.RedemptionM r = model.redemptions.get((int)expected.id() - 1);
            assertThat(actual.redemptionId()).isEqualTo(r.id);
            assertThat(actual.voucherId()).isEqualTo(r.voucher.id);
            assertThat(actual.discountFen()).isEqualTo(r.voucher.drop.faceValueFen);
            assertThat(actual.payableFen()).isEqualTo(r.orderAmountFen - r.voucher.drop.faceValueFen);
            assertThat(actual.replayed()).isEqualTo(expected.flag());
        }
        checkCampaign(c);
    }

    private void refund(final SplittableRandom random)
    {
        if (model.redemptions.isEmpty())
        {
            return;
        }
        final VoucherModel.RedemptionM r = model.redemptions.get(
            model.redemptions.size() - 1 - random.nextInt(Math.min(model.redemptions.size(), 5_000)));
        final int kind = random.nextInt(20);
        final long storeId = kind == 0 ? r.storeId + 1 : r.storeId;
        final long redemptionId = kind == 1 ? model.redemptions.size() + 1 + random.nextInt(10) : r.id;
        final VoucherModel.Answer expected = model.refund(storeId, redemptionId, engine.nowMs());
        final EngineDriver.Refunded actual = engine.refund(storeId, redemptionId);
        assertThat(actual.code()).as("refund %d", redemptionId).isEqualTo(expected.code());
        count(expected.code() == ResultCode.OK && !expected.flag() ? "refund after expiry" : "refund", actual.code());
        if (expected.code() == ResultCode.OK)
        {
            assertThat(actual.voucherRestored()).isEqualTo(expected.flag());
        }
        checkCampaign(r.voucher.drop.campaign);
    }

    private void tick()
    {
        assertThat(engine.tick()).isEqualTo(ResultCode.OK);
    }

    private void strayIds(final SplittableRandom random)
    {
        final long campaignId = random.nextInt(model.campaigns.size() + 3);
        final long dropId = random.nextInt(model.drops.size() + 3);
        final long userId = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(userCount);
        final VoucherModel.Answer expected = model.claim(userId, campaignId, dropId, engine.nowMs());
        final EngineDriver.Claimed actual = engine.claim(userId, campaignId, dropId);
        assertThat(actual.code()).as("claim campaign %d drop %d", campaignId, dropId).isEqualTo(expected.code());
        count("claim", actual.code());
        if (expected.code() == ResultCode.OK)
        {
            model.assignCode(expected.id(), actual.voucherCode());
        }
    }

    // ------------------------------------------------------------------ checks

    private void checkCampaign(final VoucherModel.CampaignM c)
    {
        final CampaignStats actual = engine.stats(c.id);
        assertThat(actual).as("stats of campaign %d", c.id).isEqualTo(model.stats(c));

        long reservedFen = 0;
        long redeemedFaceFen = 0;
        for (int i = 0; i < c.drops.size(); i++)
        {
            final VoucherModel.DropM d = c.drops.get(i);
            final CampaignStats.Counters row = actual.byDrop().get(i).counters();
            assertThat(row.claimed()).as("claimed of drop %d", d.id).isLessThanOrEqualTo(row.issued());
            final long openStock = row.issued() - row.claimed() - row.unclaimedReturned();
            final long active = row.claimed() - row.redeemed() - row.expired();
            assertThat(openStock).isGreaterThanOrEqualTo(0);
            assertThat(active).isGreaterThanOrEqualTo(0);
            reservedFen += (openStock + active) * d.faceValueFen;
            redeemedFaceFen += row.redeemed() * d.faceValueFen;
        }
        final long paidFen = actual.total().subsidyPaidFen();
        assertThat(paidFen).as("subsidy paid = face value of redeemed vouchers").isEqualTo(redeemedFaceFen);
        assertThat(reservedFen + paidFen).as("reserved + paid within budget").isLessThanOrEqualTo(c.budgetFen);
        assertThat(actual.budgetLeftFen() + reservedFen + paidFen).as("budget accounted for").isEqualTo(c.budgetFen);
    }

    private void checkUserLimits(final long userId, final VoucherModel.DropM drop)
    {
        int inDrop = 0;
        int inCampaign = 0;
        for (final EngineDriver.UserVoucher v : engine.vouchersOf(userId))
        {
            inDrop += v.dropId() == drop.id ? 1 : 0;
            inCampaign += v.campaignId() == drop.campaign.id ? 1 : 0;
        }
        assertThat(inDrop).as("user %d in drop %d", userId, drop.id).isLessThanOrEqualTo(drop.perUserLimit);
        assertThat(inCampaign).as("user %d in campaign", userId).isLessThanOrEqualTo(drop.campaign.perUserLimit);
    }

    // ------------------------------------------------------------------ picking

    private VoucherModel.CampaignM anyCampaign(final SplittableRandom random)
    {
        return model.campaigns.get(random.nextInt(model.campaigns.size()));
    }

    private int liveCampaignCount()
    {
        int live = 0;
        for (final VoucherModel.CampaignM c : model.campaigns)
        {
            live += c.validUntil > engine.nowMs() + 2 * HOUR_MS ? 1 : 0;
        }
        return live;
    }

    private VoucherModel.CampaignM anyLiveCampaign(final SplittableRandom random)
    {
        final List<VoucherModel.CampaignM> live = new ArrayList<>();
        for (final VoucherModel.CampaignM c : model.campaigns)
        {
            if (c.validUntil > engine.nowMs())
            {
                live.add(c);
            }
        }
        return live.isEmpty() || random.nextInt(100) == 0 ? anyCampaign(random) : live.get(random.nextInt(live.size()));
    }

    private int openDropCount()
    {
        int open = 0;
        for (final VoucherModel.DropM d : model.drops)
        {
            open += !d.ended && d.claimed < d.quantity ? 1 : 0;
        }
        return open;
    }

    private VoucherModel.DropM anyDropPreferOpen(final SplittableRandom random)
    {
        if (model.drops.isEmpty())
        {
            return null;
        }
        final List<VoucherModel.DropM> live = new ArrayList<>();
        for (int i = model.drops.size() - 1; i >= 0 && live.size() < 8; i--)
        {
            final VoucherModel.DropM d = model.drops.get(i);
            if (!d.ended)
            {
                live.add(d);
            }
        }
        if (live.isEmpty() || random.nextInt(50) == 0)
        {
            return model.drops.get(random.nextInt(model.drops.size()));
        }
        return live.get(random.nextInt(live.size()));
    }
}
