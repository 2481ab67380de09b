package io.startline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;

/**
 * The venue release at 08:00: a sports centre's courts for the day a week ahead are released
 * at 08:00 local time, and {@code users} people press "book" from that second, most of them
 * wanting the evening slots (one slot, or two in a row). Then the payment callback confirms a
 * share of the holds, and a sample of users looks at their own holds and bookings.
 * <p>
 * End check: no slot held twice, the availability grid showing exactly the slots the holds
 * took (HELD, BOOKED once paid) and every other slot FREE, and each sampled user's own list
 * agreeing with the answers they got.
 */
public final class VenueRelease implements Scenario
{
    public static final String NAME = "venue-release";
    public static final int USERS_DEFAULT = 100_000;
    public static final int COURTS_DEFAULT = 20;
    public static final double TWO_SLOT_SHARE_DEFAULT = 0.3;
    public static final double CONFIRM_SHARE_DEFAULT = 0.7;

    private static final int RELEASE_DAYS_AHEAD = 7;
    private static final int OPENS_MINUTE_OF_DAY = 8 * 60;
    private static final int SLOT_MINUTES = 60;
    private static final long SLOT_MS = TimeUnit.MINUTES.toMillis(SLOT_MINUTES);
    /** How much each hour from 08:00 to 21:00 is wanted: the evenings most, as at every city court. */
    private static final int[] START_HOUR_WEIGHTS = {1, 1, 1, 1, 2, 1, 1, 1, 2, 4, 8, 10, 8, 4};
    private static final long PRICE_FEN = 8_000;
    private static final long FIRST_USER_ID = 40_000_000;
    /** Each payment callback comes as its own admin caller, so the per-caller rate limit never applies. */
    private static final long FIRST_PAYMENT_WORKER_ID = 70_000_000;
    /** Time to mint tokens and create the venue before the next whole minute is the release. */
    private static final long RELEASE_LEAD_MS = 3_000;
    private static final long MINUTE_MS = 60_000;
    /** Holds outlive the run, so the check sees every one (the node takes at most a day). */
    private static final long MIN_HOLD_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(15);
    private static final long MAX_HOLD_TIMEOUT_MS = TimeUnit.DAYS.toMillis(1);

    private final int users;
    private final int courts;
    private final double twoSlotShare;
    private final double confirmShare;
    private final int checkSample;
    private final boolean releasedAlready;

    /**
     * @param users        people pressing book at the release
     * @param courts       the centre's courts, each with 14 hourly slots from 08:00
     * @param twoSlotShare the share who want two slots in a row
     * @param confirmShare the share of holds the payment callback confirms
     * @param checkSample  users who look at their own holds and bookings at the end (every holder among them)
     */
    public VenueRelease(final int users, final int courts, final double twoSlotShare, final double confirmShare,
        final int checkSample)
    {
        this(users, courts, twoSlotShare, confirmShare, checkSample, false);
    }

    /**
     * @param releasedAlready release at the last whole minute rather than the next, so the rush
     *                        starts at once: for warm-ups, which need the routes, not the moment
     */
    VenueRelease(final int users, final int courts, final double twoSlotShare, final double confirmShare,
        final int checkSample, final boolean releasedAlready)
    {
        if (users < 1 || courts < 1 || courts > 64 || twoSlotShare < 0 || twoSlotShare > 1 || confirmShare < 0 ||
            confirmShare > 1 || checkSample < 0)
        {
            throw new IllegalArgumentException("a venue release needs users, 1 to 64 courts, shares in [0, 1] and a " +
                "sample of at least 0");
        }
        this.users = users;
        this.courts = courts;
        this.twoSlotShare = twoSlotShare;
        this.confirmShare = confirmShare;
        this.checkSample = checkSample;
        this.releasedAlready = releasedAlready;
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
        parameters.put("courts", courts);
        parameters.put("slotsPerCourt", START_HOUR_WEIGHTS.length);
        parameters.put("twoSlotShare", twoSlotShare);
        parameters.put("confirmShare", confirmShare);
        parameters.put("checkSample", checkSample);
        parameters.put("releasedBeforeTheRun", releasedAlready);
        return parameters;
    }

    @Override
    public ScenarioOutcome run(final ScenarioContext context, final OpenLoopRunner runner, final long offeredRatePerSecond,
        final RunFiles files)
    {
        final SplittableRandom random = new SplittableRandom(context.seed());
        final String runTag = Long.toString(System.currentTimeMillis(), 36);
        final String[] userHeaders = context.callers().participants(FIRST_USER_ID, users);
        final int[] order = Sampling.permutation(users, random);
        final Wish[] wishes = new Wish[users];
        for (int user = 0; user < users; user++)
        {
            wishes[user] = wish(random);
        }

        final long nextRelease = ReleaseClock.nextWholeMinute(System.currentTimeMillis(), RELEASE_LEAD_MS);
        final ReleaseClock release = new ReleaseClock(releasedAlready ? nextRelease - 2 * MINUTE_MS : nextRelease,
            RELEASE_DAYS_AHEAD);
        final String organiser = context.organiser();
        final long venueId = createVenue(context, organiser, release, holdTimeoutMs(offeredRatePerSecond));
        final LocalDate releasedDate = LocalDate.ofEpochDay(release.releasedEpochDay());
        context.out().printf("[%s] venue %d (UTC%+d min): %s released at %d, 08:00 local; %,d users for %,d slots%n",
            NAME, venueId, release.utcOffsetMinutes(), releasedDate, release.releaseAtMs(), users,
            courts * START_HOUR_WEIGHTS.length);
        final byte[][] bodies = new byte[users][];
        IntStream.range(0, users).forEach(user -> bodies[user] = holdBody(wishes[user], release));
        ScenarioContext.waitUntil(release.releaseAtMs());

        final Holds holds = new Holds(venueId, order, userHeaders, bodies, wishes);
        final PhaseSummary holdsSummary = runner.run(NAME, holds, offeredRatePerSecond);

        final int[] holders = IntStream.range(0, users).filter(user -> holds.holdIds.get(user) != 0).toArray();
        final Confirmations confirmations = new Confirmations(context.callers(), Sampling.sample(holders,
            (int)Math.round(holders.length * confirmShare), random), holds.holdIds, runTag);
        final PhaseSummary confirmationsSummary = runner.run(NAME, confirmations, offeredRatePerSecond);

        final OwnViews ownBookings = new OwnViews("own-bookings", "/api/bookings/me", lookers(holders, random),
            userHeaders);
        final PhaseSummary ownBookingsSummary = runner.run(NAME, ownBookings, offeredRatePerSecond);

        final JsonNode availability = context.api().get(organiser, "/api/venues/" + venueId + "/availability?date=" +
            releasedDate);
        final List<VenueCheck.Hold> ledger = new ArrayList<>();
        final Map<Integer, VenueCheck.Hold> byUser = new LinkedHashMap<>();
        for (final int user : holders)
        {
            final VenueCheck.Hold hold = new VenueCheck.Hold(holds.holdIds.get(user), FIRST_USER_ID + user, courtCode(
                wishes[user].court), release.slotStartMs(wishes[user].startMinute), wishes[user].slots,
                confirmations.bookingIds.get(user) != 0);
            ledger.add(hold);
            byUser.put(user, hold);
        }
        final List<VenueCheck.SampledUser> sample = new ArrayList<>();
        for (int i = 0; i < ownBookings.requests(); i++)
        {
            final int user = ownBookings.user(i);
            sample.add(new VenueCheck.SampledUser(FIRST_USER_ID + user, byUser.get(user), ownBookings.answer(i)));
        }
        final CheckResult check = VenueCheck.check(new VenueCheck.Ledger(venueId, SLOT_MS, ledger, sample),
            availability);
        check.requireEqual("holds answered with a wrong amount", 0, holds.misreckoned.get())
            .requireEqual("confirmations answered with another booking id than the hold's", 0,
                confirmations.misnumbered.get());
        check.fact("venueId", venueId).fact("releasedDate", releasedDate.toString())
            .fact("releaseAtMs", release.releaseAtMs()).fact("utcOffsetMinutes", release.utcOffsetMinutes());
        return new ScenarioOutcome(List.of(holdsSummary, confirmationsSummary, ownBookingsSummary), check);
    }

    /** Long enough that no hold expires before the end check, however slow the rate. */
    private long holdTimeoutMs(final long offeredRatePerSecond)
    {
        final long runMs = TimeUnit.SECONDS.toMillis(2L * users / offeredRatePerSecond + 1);
        return Math.min(MAX_HOLD_TIMEOUT_MS, Math.max(MIN_HOLD_TIMEOUT_MS, 2 * runMs + MIN_HOLD_TIMEOUT_MS));
    }

    private long createVenue(final ScenarioContext context, final String organiser, final ReleaseClock release,
        final long holdTimeoutMs)
    {
        final StringBuilder resources = new StringBuilder();
        for (int court = 0; court < courts; court++)
        {
            resources.append(court == 0 ? "" : ",").append("{\"code\":\"").append(courtCode(court))
                .append("\",\"name\":\"Court ").append(court + 1).append("\"}");
        }
        return context.api().post(organiser, "/api/venues", """
            {"name":"Load rehearsal sports centre","utcOffsetMinutes":%d,"resources":[%s],"opensMinuteOfDay":%d,
             "closesMinuteOfDay":%d,"slotMinutes":%d,"priceFen":%d,"releaseDaysAhead":%d,"releaseMinuteOfDay":%d,
             "maxSlotsPerUserPerDay":2,"holdTimeoutMs":%d,"cancelCutoffMs":86400000,"checkInEarlyMs":900000,
             "checkInLateMs":900000,"noShowStrikesForBan":3,"banDays":30}
            """.formatted(release.utcOffsetMinutes(), resources, OPENS_MINUTE_OF_DAY,
            OPENS_MINUTE_OF_DAY + SLOT_MINUTES * START_HOUR_WEIGHTS.length, SLOT_MINUTES, PRICE_FEN, RELEASE_DAYS_AHEAD,
            ReleaseClock.RELEASE_MINUTE_OF_DAY, holdTimeoutMs), 201).path("venueId").asLong();
    }

    private static String courtCode(final int court)
    {
        return "COURT-" + (court + 1);
    }

    /** A court at random, a start hour by popularity, and two slots for some (when the day has room). */
    private Wish wish(final SplittableRandom random)
    {
        int weightTotal = 0;
        for (final int weight : START_HOUR_WEIGHTS)
        {
            weightTotal += weight;
        }
        int pick = random.nextInt(weightTotal);
        int slot = 0;
        while (pick >= START_HOUR_WEIGHTS[slot])
        {
            pick -= START_HOUR_WEIGHTS[slot];
            slot++;
        }
        final boolean two = random.nextDouble() < twoSlotShare && slot + 1 < START_HOUR_WEIGHTS.length;
        return new Wish(random.nextInt(courts), OPENS_MINUTE_OF_DAY + slot * SLOT_MINUTES, two ? 2 : 1);
    }

    private static byte[] holdBody(final Wish wish, final ReleaseClock release)
    {
        return ("{\"resourceCode\":\"" + courtCode(wish.court) + "\",\"startAt\":" +
            release.slotStartMs(wish.startMinute) + ",\"slots\":" + wish.slots + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Every holder, and others at random up to the sample size. */
    private int[] lookers(final int[] holders, final SplittableRandom random)
    {
        final boolean[] held = new boolean[users];
        for (final int holder : holders)
        {
            held[holder] = true;
        }
        final int[] others = IntStream.range(0, users).filter(user -> !held[user]).toArray();
        final int[] lookers = IntStream.concat(IntStream.of(holders),
            IntStream.of(Sampling.sample(others, Math.max(0, checkSample - holders.length), random))).toArray();
        Sampling.shuffle(lookers, random);
        return lookers;
    }

    /** What one user presses "book" for. */
    private record Wish(int court, int startMinute, int slots)
    {
    }

    /** Every user once, in a random order, from the release second. */
    private final class Holds implements Phase
    {
        private final String path;
        private final int[] order;
        private final String[] userHeaders;
        private final byte[][] bodies;
        private final Wish[] wishes;
        /** The hold id each user's hold was answered with, 0 for none. */
        final AtomicLongArray holdIds = new AtomicLongArray(users);
        final AtomicLong misreckoned = new AtomicLong();

        Holds(final long venueId, final int[] order, final String[] userHeaders, final byte[][] bodies,
            final Wish[] wishes)
        {
            path = "/api/venues/" + venueId + "/holds";
            this.order = order;
            this.userHeaders = userHeaders;
            this.bodies = bodies;
            this.wishes = wishes;
        }

        @Override
        public String name()
        {
            return "holds";
        }

        @Override
        public int requests()
        {
            return order.length;
        }

        @Override
        public Set<String> expectedOutcomes()
        {
            return Set.of("201", "409 SLOT_TAKEN");
        }

        @Override
        public PlannedRequest request(final int index)
        {
            return PlannedRequest.post(path, userHeaders[order[index]], bodies[order[index]]);
        }

        @Override
        public void onAnswer(final int index, final int status, final byte[] body)
        {
            if (status != 201)
            {
                return;
            }
            final JsonNode hold = Answers.json(body);
            final int user = order[index];
            if (hold.path("amountFen").asLong(-1) != PRICE_FEN * wishes[user].slots)
            {
                misreckoned.incrementAndGet();
            }
            holdIds.set(user, hold.path("holdId").asLong());
        }
    }

    /** The payment system's callbacks for a share of the holds, each from its own worker identity. */
    private final class Confirmations implements Phase
    {
        final int[] holders;
        private final String[] workerHeaders;
        private final AtomicLongArray holdIds;
        /** Built before the phase: the scheduler's clock should not pay for string building. */
        private final String[] paths;
        private final byte[][] bodies;
        /** The booking id each user's confirmation was answered with, 0 for none. */
        final AtomicLongArray bookingIds = new AtomicLongArray(users);
        final AtomicLong misnumbered = new AtomicLong();

        Confirmations(final Callers callers, final int[] holders, final AtomicLongArray holdIds, final String runTag)
        {
            this.holders = holders;
            this.holdIds = holdIds;
            workerHeaders = new String[holders.length];
            paths = new String[holders.length];
            bodies = new byte[holders.length][];
            IntStream.range(0, holders.length).parallel().forEach(i ->
            {
                workerHeaders[i] = callers.admin(FIRST_PAYMENT_WORKER_ID + i);
                paths[i] = "/api/holds/" + holdIds.get(holders[i]) + "/confirm";
                bodies[i] = ("{\"paymentRef\":\"pay-" + runTag + "-" + i + "\"}").getBytes(StandardCharsets.UTF_8);
            });
        }

        @Override
        public String name()
        {
            return "confirmations";
        }

        @Override
        public int requests()
        {
            return holders.length;
        }

        @Override
        public Set<String> expectedOutcomes()
        {
            return Set.of("200");
        }

        @Override
        public PlannedRequest request(final int index)
        {
            return PlannedRequest.post(paths[index], workerHeaders[index], bodies[index]);
        }

        @Override
        public void onAnswer(final int index, final int status, final byte[] body)
        {
            final long bookingId = Answers.json(body).path("bookingId").asLong();
            if (bookingId != holdIds.get(holders[index]))
            {
                misnumbered.incrementAndGet();
            }
            bookingIds.set(holders[index], bookingId);
        }
    }
}
