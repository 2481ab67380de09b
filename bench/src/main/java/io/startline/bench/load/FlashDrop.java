package io.startline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * The voucher flash drop: {@code users} people press "claim" for a drop of {@code vouchers}
 * from the second it opens (a share of them press twice), then a share of the winners redeem
 * theirs at whitelisted stores, then a sample of everyone looks at their own vouchers.
 * <p>
 * End check: exactly the drop's vouchers claimed, no one answered twice, every sampled user
 * holding exactly what their claim was answered with, and the campaign's statistics and
 * settlement agreeing with every redemption answered.
 */
public final class FlashDrop implements Scenario
{
    public static final String NAME = "flash-drop";
    public static final int USERS_DEFAULT = 1_000_000;
    public static final int VOUCHERS_DEFAULT = 100_000;
    public static final double REPEAT_SHARE_DEFAULT = 0.05;
    public static final double REDEEM_SHARE_DEFAULT = 0.3;
    public static final int STORES_DEFAULT = 50;

    private static final long FACE_VALUE_FEN = 5_000;
    private static final long THRESHOLD_FEN = 20_000;
    /** Orders from the threshold up to this much above it, in whole yuan. */
    private static final int ORDER_ABOVE_THRESHOLD_STEPS = 300;
    private static final long ORDER_STEP_FEN = 100;
    private static final long FIRST_STORE_ID = 101;
    private static final long FIRST_USER_ID = 20_000_000;
    /** Each redemption comes from its own till (merchant user), so the per-caller rate limit never applies. */
    private static final long FIRST_TILL_USER_ID = 60_000_000;
    /** Time to create the campaign and drop before the drop opens. */
    private static final long DROP_LEAD_MS = 2_000;

    private final int users;
    private final int vouchers;
    private final double repeatShare;
    private final double redeemShare;
    private final int stores;
    private final int checkSample;

    /**
     * @param users       people pressing claim
     * @param vouchers    the drop's quantity
     * @param repeatShare the share of users who press a second time
     * @param redeemShare the share of winners who then redeem
     * @param stores      whitelisted stores the redemptions spread over
     * @param checkSample users who look at their own vouchers at the end (half winners where there are enough)
     */
    public FlashDrop(final int users, final int vouchers, final double repeatShare, final double redeemShare,
        final int stores, final int checkSample)
    {
        if (users < 1 || vouchers < 1 || vouchers > users || repeatShare < 0 || repeatShare > 1 || redeemShare < 0 ||
            redeemShare > 1 || stores < 1 || checkSample < 0)
        {
            throw new IllegalArgumentException("a flash drop needs users ≥ vouchers ≥ 1, shares in [0, 1], a store, " +
                "and a sample size of at least 0");
        }
        this.users = users;
        this.vouchers = vouchers;
        this.repeatShare = repeatShare;
        this.redeemShare = redeemShare;
        this.stores = stores;
        this.checkSample = checkSample;
    }

    /** The same shape as the defaults (a tenth of the users win), sized for {@code claims} claims. */
    public static FlashDrop sizedFor(final int claims, final double repeatShare, final double redeemShare,
        final int stores, final int checkSample)
    {
        final int sizedUsers = Math.max(10, (int)Math.round(claims / (1 + repeatShare)));
        final int sizedVouchers = Math.max(1, (int)((long)sizedUsers * VOUCHERS_DEFAULT / USERS_DEFAULT));
        return new FlashDrop(sizedUsers, sizedVouchers, repeatShare, redeemShare, stores, checkSample);
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters()
    {
        final Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("users", users);
        parameters.put("vouchers", vouchers);
        parameters.put("repeatShare", repeatShare);
        parameters.put("redeemShare", redeemShare);
        parameters.put("stores", stores);
        parameters.put("checkSample", checkSample);
        parameters.put("faceValueFen", FACE_VALUE_FEN);
        parameters.put("thresholdFen", THRESHOLD_FEN);
        return parameters;
    }

    @Override
    public ScenarioOutcome run(final ScenarioContext context, final OpenLoopRunner runner, final long offeredRatePerSecond,
        final RunFiles files)
    {
        final SplittableRandom random = new SplittableRandom(context.seed());
        final String runTag = Long.toString(System.currentTimeMillis(), 36);
        final String[] userHeaders = context.callers().participants(FIRST_USER_ID, users);
        final int[] pressOrder = Sampling.pressOrder(users, (int)Math.round(users * repeatShare), random);

        final String organiser = context.organiser();
        final long now = System.currentTimeMillis();
        final long opensAt = now + DROP_LEAD_MS;
        final StringBuilder storeIds = new StringBuilder();
        for (int s = 0; s < stores; s++)
        {
            storeIds.append(s == 0 ? "" : ",").append(FIRST_STORE_ID + s);
        }
        final long campaignId = context.api().post(organiser, "/api/campaigns", "{\"name\":\"Load rehearsal " + runTag +
            "\",\"budgetFen\":" + vouchers * FACE_VALUE_FEN + ",\"validDaysAfterClaim\":30,\"validUntil\":" +
            (now + TimeUnit.DAYS.toMillis(90)) + ",\"perUserLimit\":1,\"tiers\":[{\"code\":\"T50\",\"faceValueFen\":" +
            FACE_VALUE_FEN + ",\"thresholdFen\":" + THRESHOLD_FEN + "}],\"storeIds\":[" + storeIds + "]}", 201)
            .path("campaignId").asLong();
        final long dropId = context.api().post(organiser, "/api/campaigns/" + campaignId + "/drops",
            "{\"tierCode\":\"T50\",\"quantity\":" + vouchers + ",\"startsAt\":" + opensAt + ",\"perUserLimit\":1}", 201)
            .path("dropId").asLong();
        context.out().printf("[%s] campaign %d, drop %d of %,d vouchers opens at %d; %,d users, %,d claims%n", NAME,
            campaignId, dropId, vouchers, opensAt, users, pressOrder.length);
        ScenarioContext.waitUntil(opensAt);

        final Claims claims = new Claims(campaignId, dropId, pressOrder, userHeaders);
        final PhaseSummary claimsSummary = runner.run(NAME, claims, offeredRatePerSecond);
        final int[] winners = claims.winners();

        final Redemptions redemptions = new Redemptions(context.callers(), Sampling.sample(winners,
            (int)Math.round(winners.length * redeemShare), random), claims.codes, runTag, random);
        final PhaseSummary redemptionsSummary = runner.run(NAME, redemptions, offeredRatePerSecond);

        final OwnViews ownVouchers = new OwnViews("own-vouchers", "/api/vouchers/me", lookers(winners, random),
            userHeaders);
        final PhaseSummary ownVouchersSummary = runner.run(NAME, ownVouchers, offeredRatePerSecond);

        final JsonNode stats = context.api().get(organiser, "/api/campaigns/" + campaignId + "/stats");
        final String settlement = context.api().getText(organiser, "/api/campaigns/" + campaignId +
            "/settlement?format=csv");
        final List<FlashDropCheck.SampledUser> sample = new ArrayList<>();
        for (int i = 0; i < ownVouchers.requests(); i++)
        {
            final int user = ownVouchers.user(i);
            sample.add(new FlashDropCheck.SampledUser(FIRST_USER_ID + user, claims.codes.get(user),
                codesOfCampaign(ownVouchers.answer(i), campaignId)));
        }
        final CheckResult check = FlashDropCheck.check(new FlashDropCheck.Ledger(vouchers, FACE_VALUE_FEN,
            claimsSummary.outcomes().getOrDefault("201", 0L), claims.distinctCodes.size(), claims.answeredTwice.get(),
            redemptionsSummary.outcomes().getOrDefault("201", 0L), redemptions.misreckoned.get(),
            redemptions.tallies(), sample), stats, settlement);
        check.fact("campaignId", campaignId).fact("dropId", dropId);
        return new ScenarioOutcome(List.of(claimsSummary, redemptionsSummary, ownVouchersSummary), check);
    }

    /** The codes of one campaign's vouchers in a {@code /api/vouchers/me} answer; null for no answer. */
    private static List<String> codesOfCampaign(final JsonNode myVouchers, final long campaignId)
    {
        if (myVouchers == null)
        {
            return null;
        }
        final List<String> codes = new ArrayList<>();
        for (final JsonNode voucher : myVouchers.path("vouchers"))
        {
            if (voucher.path("campaignId").asLong() == campaignId)
            {
                codes.add(voucher.path("voucherCode").textValue());
            }
        }
        return codes;
    }

    /** Half winners (when there are that many), half the rest, at random. */
    private int[] lookers(final int[] winners, final SplittableRandom random)
    {
        final boolean[] won = new boolean[users];
        for (final int winner : winners)
        {
            won[winner] = true;
        }
        final int[] others = IntStream.range(0, users).filter(user -> !won[user]).toArray();
        final int[] sampledWinners = Sampling.sample(winners, Math.min(checkSample / 2, winners.length), random);
        final int[] sampledOthers = Sampling.sample(others, checkSample - sampledWinners.length, random);
        final int[] lookers = IntStream.concat(IntStream.of(sampledWinners), IntStream.of(sampledOthers)).toArray();
        Sampling.shuffle(lookers, random);
        return lookers;
    }


    /** Claims at the drop, in press order; a 201 is recorded against its user. */
    private final class Claims implements Phase
    {
        private final String path;
        private final byte[] body;
        private final int[] pressOrder;
        private final String[] userHeaders;
        final AtomicReferenceArray<String> codes = new AtomicReferenceArray<>(users);
        final Set<String> distinctCodes = ConcurrentHashMap.newKeySet();
        final AtomicLong answeredTwice = new AtomicLong();

        Claims(final long campaignId, final long dropId, final int[] pressOrder, final String[] userHeaders)
        {
            path = "/api/campaigns/" + campaignId + "/claims";
            body = ("{\"dropId\":" + dropId + "}").getBytes(StandardCharsets.UTF_8);
            this.pressOrder = pressOrder;
            this.userHeaders = userHeaders;
        }

        @Override
        public String name()
        {
            return "claims";
        }

        @Override
        public int requests()
        {
            return pressOrder.length;
        }

        @Override
        public Set<String> expectedOutcomes()
        {
            return Set.of("201", "409 SOLD_OUT", "409 LIMIT_REACHED");
        }

        @Override
        public PlannedRequest request(final int index)
        {
            return PlannedRequest.post(path, userHeaders[pressOrder[index]], body);
        }

        @Override
        public void onAnswer(final int index, final int status, final byte[] answer)
        {
            if (status != 201)
            {
                return;
            }
            final String code = Answers.json(answer).path("voucherCode").textValue();
            if (code == null)
            {
                throw new IllegalStateException("a claim answered 201 without a voucherCode");
            }
            distinctCodes.add(code);
            if (!codes.compareAndSet(pressOrder[index], null, code))
            {
                answeredTwice.incrementAndGet();
            }
        }

        /** The users whose claim was answered 201; read after the phase. */
        int[] winners()
        {
            return IntStream.range(0, users).filter(user -> codes.get(user) != null).toArray();
        }
    }

    /** Redemptions of winners' vouchers at the whitelisted stores, each from its own till. */
    private final class Redemptions implements Phase
    {
        private final String[] tillHeaders;
        private final long[] orderAmountFen;
        /** Built before the phase: the scheduler's clock should not pay for string building. */
        private final byte[][] bodies;
        private final AtomicLongArray redemptionsByStore = new AtomicLongArray(stores);
        private final AtomicLongArray orderFenByStore = new AtomicLongArray(stores);
        final AtomicLong misreckoned = new AtomicLong();

        Redemptions(final Callers callers, final int[] redeemers, final AtomicReferenceArray<String> codes,
            final String runTag, final SplittableRandom random)
        {
            orderAmountFen = new long[redeemers.length];
            for (int i = 0; i < redeemers.length; i++)
            {
                orderAmountFen[i] = THRESHOLD_FEN + ORDER_STEP_FEN * random.nextInt(ORDER_ABOVE_THRESHOLD_STEPS + 1);
            }
            tillHeaders = new String[redeemers.length];
            bodies = new byte[redeemers.length][];
            IntStream.range(0, redeemers.length).parallel().forEach(i ->
            {
                tillHeaders[i] = callers.merchant(FIRST_TILL_USER_ID + i, storeOf(i));
                bodies[i] = ("{\"voucherCode\":\"" + codes.get(redeemers[i]) + "\",\"orderAmountFen\":" +
                    orderAmountFen[i] + ",\"merchantTxnId\":\"rehearsal-" + runTag + "-" + i + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            });
        }

        private long storeOf(final int index)
        {
            return FIRST_STORE_ID + index % stores;
        }

        @Override
        public String name()
        {
            return "redemptions";
        }

        @Override
        public int requests()
        {
            return bodies.length;
        }

        @Override
        public Set<String> expectedOutcomes()
        {
            return Set.of("201");
        }

        @Override
        public PlannedRequest request(final int index)
        {
            return PlannedRequest.post("/api/redemptions", tillHeaders[index], bodies[index]);
        }

        @Override
        public void onAnswer(final int index, final int status, final byte[] answer)
        {
            final JsonNode redemption = Answers.json(answer);
            if (redemption.path("discountFen").asLong(-1) != FACE_VALUE_FEN ||
                redemption.path("payableFen").asLong(-1) != orderAmountFen[index] - FACE_VALUE_FEN)
            {
                misreckoned.incrementAndGet();
            }
            final int store = (int)(storeOf(index) - FIRST_STORE_ID);
            redemptionsByStore.incrementAndGet(store);
            orderFenByStore.addAndGet(store, orderAmountFen[index]);
        }

        Map<Long, FlashDropCheck.StoreTally> tallies()
        {
            final Map<Long, FlashDropCheck.StoreTally> tallies = new TreeMap<>();
            for (int s = 0; s < stores; s++)
            {
                if (redemptionsByStore.get(s) > 0)
                {
                    tallies.put(FIRST_STORE_ID + s, new FlashDropCheck.StoreTally(redemptionsByStore.get(s),
                        orderFenByStore.get(s)));
                }
            }
            return tallies;
        }
    }
}
