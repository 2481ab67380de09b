package io.startline.engine.testkit;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.Gender;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.codec.ResultCode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded random stream of commands over all three domains on one engine and one timeline,
 * for the persistence tests (replay equivalence, crash recovery) that need a realistic journal:
 * many varied, mostly accepted commands whose effects are spread across voucher, race and
 * venue state, interleaved the way a live node would see them.
 * <p>
 * There is no reference model: the per-domain model tests check the answers. This keeps only
 * the ids the engine handed out (voucher codes, redemptions, entries, groups, holds, bookings,
 * check-in codes) so that later commands mean something, and counts every command's outcome.
 * Every applied command, the setup included, is recorded in the driver's journal.
 * <p>
 * The setup: a voucher campaign with three drops (one open now, two starting later; a new drop
 * every twelve simulated hours), a LOTTERY race whose registration closes after a day and a
 * FIRST_COME race closing after two, and a venue of sixteen courts whose slots are bookable today
 * and tomorrow. Each step first moves time forward (mostly by milliseconds to minutes, rarely
 * by hours), then does one thing: a voucher claim, redemption (some replayed or with a reused
 * transaction id, some at a store off the whitelist or below the threshold) or refund, a third of
 * the claims keyed as POSTs with an {@code Idempotency-Key} (some retried); a race
 * entry, group, withdrawal, payment, the lottery's draw once its registration has closed, or
 * late in the season a waitlist's close; a venue hold, confirmation, release, cancellation or
 * check-in; or a tick.
 */
public final class MixedWorkload
{
    public static final long START_MS = 1_800_000_000_000L;

    private static final long MINUTE_MS = 60_000L;
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;
    private static final int USERS = 20_000;
    /** Users who come back again and again, so that limits are reached. */
    private static final int HOT_USERS = 100;
    private static final int VENUE_USERS = 3_000;

    private static final long[] STORES = {201, 202, 203, 204, 205, 206};
    private static final long OFF_LIST_STORE = 299;
    private static final List<EngineDriver.Tier> TIERS = List.of(
        new EngineDriver.Tier("T10", 1_000, 3_000),
        new EngineDriver.Tier("T20", 2_000, 8_000),
        new EngineDriver.Tier("T50", 5_000, 20_000));
    private static final long NEW_DROP_EVERY_MS = 12 * HOUR_MS;

    private static final LocalDate RACE_DATE = LocalDate.of(2027, 4, 12);
    private static final long LOTTERY_CLOSES_AT = START_MS + DAY_MS;
    private static final long FIRST_COME_CLOSES_AT = START_MS + 2 * DAY_MS;
    private static final long PAYMENT_WINDOW_MS = DAY_MS;
    /** Waitlists are closed only this late: by then every place has had its chances to move. */
    private static final long WAITLISTS_CLOSE_FROM = FIRST_COME_CLOSES_AT + 2 * PAYMENT_WINDOW_MS;
    private static final String DRAW_SEED = "5eed0123456789abcdef0123456789abcdef";
    private static final String[] LOTTERY_CATEGORIES = {"FULL", "HALF"};
    private static final String[] FIRST_COME_CATEGORIES = {"10K", "5K"};

    /** UTC+8, COURT-1..16, 06:00 to 23:00 in half hours, today and tomorrow bookable. */
    private static final VenueDriver.Venue VENUE = VenueDriver.Venue.standard(16)
        .withHours(360, 1380, 30)
        .withRelease(1, 0)
        .withMaxSlotsPerUserPerDay(4)
        .withTimes(5 * MINUTE_MS, 2 * HOUR_MS, 30 * MINUTE_MS, 15 * MINUTE_MS)
        .withBans(3, 1);
    private static final long OFFSET_MS = VENUE.utcOffsetMinutes() * MINUTE_MS;
    private static final long SLOT_MS = VENUE.slotMinutes() * MINUTE_MS;
    private static final int SLOTS_PER_DAY =
        (VENUE.closesMinuteOfDay() - VENUE.opensMinuteOfDay()) / VENUE.slotMinutes();

    private record Voucher(long code, long thresholdFen)
    {
    }

    private record Redemption(long redemptionId, long storeId, Voucher voucher, long orderFen, String txnId)
    {
    }

    private record Entrant(long raceId, long userId, long entryId)
    {
    }

    private record Payable(long raceId, long entryId)
    {
    }

    private record Group(String code, String categoryCode)
    {
    }

    private record Held(long holdId, long userId, long startAt, long expiresAt)
    {
    }

    private record Booking(long bookingId, long userId, long startAt, long checkInCode)
    {
    }

    private final SplittableRandom random;
    private final EngineDriver driver;
    private final RaceDriver races;
    private final VenueDriver venues;
    private final Map<String, Long> outcomes = new TreeMap<>();

    private final long campaignId;
    private final List<Long> dropIds = new ArrayList<>();
    private final List<Voucher> vouchers = new ArrayList<>();
    private final List<Redemption> redemptions = new ArrayList<>();
    private long nextDropAt = START_MS + NEW_DROP_EVERY_MS;
    private long txnCounter;

    private final long lotteryRaceId;
    private final long firstComeRaceId;
    private final List<Entrant> entrants = new ArrayList<>();
    private final List<Payable> payable = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private boolean drawn;
    private int paySteps;

    private final long venueId;
    private final List<Held> holds = new ArrayList<>();
    private final List<Booking> bookings = new ArrayList<>();

    public MixedWorkload(final EngineContext context, final long seed)
    {
        random = new SplittableRandom(seed);
        driver = new EngineDriver(context, START_MS, true);
        races = new RaceDriver(driver);
        venues = new VenueDriver(driver);

        final EngineDriver.Created campaign = driver.createCampaign("City sports vouchers", 1_000_000_000L, 2,
            START_MS + 90 * DAY_MS, 2, TIERS, STORES);
        campaignId = require("voucher/createCampaign", campaign.code(), campaign.id());
        setUpDrop("T10", 400, START_MS, null);
        setUpDrop("T20", 300, START_MS + 2 * HOUR_MS, START_MS + 14 * HOUR_MS);
        setUpDrop("T50", 200, START_MS + DAY_MS, null);

        lotteryRaceId = setUpRace(new RaceDriver.Race(0, "City Marathon", RACE_DATE, RaceMode.LOTTERY, START_MS,
            LOTTERY_CLOSES_AT, PAYMENT_WINDOW_MS, 4, List.of(
                new RaceDriver.Category("FULL", 120, 20_000, 18, 80, 1, List.of()),
                new RaceDriver.Category("HALF", 80, 10_000, 16, 85, 50_001, List.of()))));
        firstComeRaceId = setUpRace(new RaceDriver.Race(0, "Riverside Run", RACE_DATE, RaceMode.FIRST_COME, START_MS,
            FIRST_COME_CLOSES_AT, PAYMENT_WINDOW_MS, 1, List.of(
                new RaceDriver.Category("10K", 250, 8_000, 12, 90, 1, List.of()),
                new RaceDriver.Category("5K", 150, 5_000, 8, 99, 20_001, List.of()))));

        final VenueDriver.Result venue = venues.createVenue(VENUE);
        venueId = require("venue/createVenue", venue.code(), venue.id());
    }

    /**
     * Small limits, but room for about 50,000 steps.
     */
    public static EngineContext context()
    {
        return EngineDriver.smallContext()
            .maxDrops(256)
            .maxDropsPerCampaign(256)
            .maxVouchers(1 << 16)
            .maxRedemptions(1 << 16)
            .maxEntries(1 << 16)
            .maxReservations(1 << 16);
    }

    public EngineDriver driver()
    {
        return driver;
    }

    public List<EngineDriver.JournalEntry> journal()
    {
        return driver.journal();
    }

    /**
     * How often each command met each result, e.g. {@code "venue/hold SLOT_TAKEN" -> 321}; every
     * journaled command is counted once.
     */
    public Map<String, Long> outcomes()
    {
        return outcomes;
    }

    public void steps(final int n)
    {
        for (int i = 0; i < n; i++)
        {
            step();
        }
    }

    public void step()
    {
        advanceTime();
        if (driver.nowMs() >= nextDropAt)
        {
            createDrop();
            return;
        }
        if (!drawn && driver.nowMs() >= LOTTERY_CLOSES_AT)
        {
            draw();
            return;
        }
        final int raceShare = driver.nowMs() < FIRST_COME_CLOSES_AT ? 30 : 12;
        final int roll = random.nextInt(100);
        if (roll < 25)
        {
            voucherStep();
        }
        else if (roll < 25 + raceShare)
        {
            raceStep();
        }
        else if (roll < 97)
        {
            venueStep();
        }
        else
        {
            count("engine/tick", driver.tick());
        }
    }

    // ------------------------------------------------------------------ setup

    private void setUpDrop(final String tierCode, final int quantity, final long startsAt, final Long endsAt)
    {
        final EngineDriver.Created drop = driver.createDrop(campaignId, tierCode, quantity, 1, startsAt, endsAt);
        dropIds.add(require("voucher/createDrop", drop.code(), drop.id()));
    }

    private long setUpRace(final RaceDriver.Race race)
    {
        final RaceDriver.Result created = races.createRace(race);
        return require("race/createRace", created.code(), created.id());
    }

    private long require(final String command, final ResultCode code, final long id)
    {
        count(command, code);
        if (code != ResultCode.OK)
        {
            throw new IllegalStateException("setup: " + command + " refused with " + code);
        }
        return id;
    }

    // ------------------------------------------------------------------ time

    private void advanceTime()
    {
        final int roll = random.nextInt(10_000);
        final long deltaMs;
        if (roll < 5)
        {
            deltaMs = random.nextLong(HOUR_MS, 6 * HOUR_MS);
        }
        else if (roll < 50)
        {
            deltaMs = random.nextLong(3 * MINUTE_MS, 30 * MINUTE_MS);
        }
        else if (roll < 1_000)
        {
            deltaMs = random.nextLong(30_000, 3 * MINUTE_MS);
        }
        else if (roll < 4_500)
        {
            deltaMs = random.nextLong(1_000, 30_000);
        }
        else
        {
            deltaMs = random.nextLong(1, 1_000);
        }
        driver.advanceBy(deltaMs);
    }

    // ------------------------------------------------------------------ vouchers

    private void voucherStep()
    {
        final int roll = random.nextInt(100);
        if (roll < 50 || vouchers.isEmpty())
        {
            claim();
        }
        else if (roll < 85 || redemptions.isEmpty())
        {
            redeem();
        }
        else
        {
            refund();
        }
    }

    private void createDrop()
    {
        final EngineDriver.Tier tier = TIERS.get(dropIds.size() % TIERS.size());
        final long startsAt = driver.nowMs() + (random.nextBoolean() ? 0 : random.nextLong(2 * HOUR_MS));
        final Long endsAt = random.nextInt(3) == 0 ? null : startsAt + DAY_MS + random.nextLong(DAY_MS);
        final EngineDriver.Created drop = driver.createDrop(campaignId, tier.code(), 100 + random.nextInt(300),
            1 + random.nextInt(2), startsAt, endsAt);
        count("voucher/createDrop", drop.code());
        if (drop.code() == ResultCode.OK)
        {
            dropIds.add(drop.id());
        }
        nextDropAt += NEW_DROP_EVERY_MS;
    }

    private void claim()
    {
        final long userId = random.nextInt(4) == 0 ? 1 + random.nextInt(HOT_USERS) : 1 + random.nextInt(USERS);
        final long dropId = recent(dropIds, 3);
        if (random.nextInt(3) == 0)
        {
            // Keyed as a POST with an Idempotency-Key: two keys a user, so some are retries and,
            // on another drop, mismatches.
            driver.keyed(userId, random.nextInt(2), dropId);
        }
        final EngineDriver.Claimed claimed = driver.claim(userId, campaignId, dropId);
        count("voucher/claim", claimed.code());
        if (claimed.code() == ResultCode.OK)
        {
            vouchers.add(new Voucher(claimed.voucherCode(), claimed.thresholdFen()));
        }
    }

    private void redeem()
    {
        final int kind = random.nextInt(100);
        if (kind < 5 && !redemptions.isEmpty())
        {
            // The store's retry: the same request gets the first answer again; another amount is a reuse.
            final Redemption again = any(redemptions);
            final long orderFen = kind == 0 ? again.orderFen() + 100 : again.orderFen();
            count("voucher/redeemAgain",
                driver.redeem(again.storeId(), again.voucher().code(), orderFen, again.txnId()).code());
            return;
        }
        if (kind < 8 && !redemptions.isEmpty())
        {
            // A voucher presented again, with a transaction of its own.
            final Redemption earlier = any(redemptions);
            count("voucher/redeem", driver.redeem(earlier.storeId(), earlier.voucher().code(), earlier.orderFen(),
                "txn-" + ++txnCounter).code());
            return;
        }
        // Vouchers leave the list when redeemed, and come back when a refund restores them.
        final int index = vouchers.size() - 1 - random.nextInt(Math.min(vouchers.size(),
            random.nextInt(10) < 7 ? 200 : vouchers.size()));
        final Voucher voucher = vouchers.get(index);
        final long storeId = kind < 12 ? OFF_LIST_STORE : STORES[random.nextInt(STORES.length)];
        final long orderFen = kind < 20
            ? voucher.thresholdFen() - 1 - random.nextInt(500)
            : voucher.thresholdFen() + random.nextInt(30_000);
        final String txnId = "txn-" + ++txnCounter;
        final EngineDriver.Redeemed answer = driver.redeem(storeId, voucher.code(), orderFen, txnId);
        count("voucher/redeem", answer.code());
        if (answer.code() == ResultCode.OK)
        {
            vouchers.remove(index);
            redemptions.add(new Redemption(answer.redemptionId(), storeId, voucher, orderFen, txnId));
        }
    }

    private void refund()
    {
        final int index = redemptions.size() - 1 - random.nextInt(Math.min(redemptions.size(),
            random.nextBoolean() ? 50 : redemptions.size()));
        final Redemption redemption = redemptions.get(index);
        final long storeId = random.nextInt(10) == 0
            ? STORES[(int)((redemption.storeId() - STORES[0] + 1) % STORES.length)]
            : redemption.storeId();
        final EngineDriver.Refunded refunded = driver.refund(storeId, redemption.redemptionId());
        count("voucher/refund", refunded.code());
        if (refunded.code() == ResultCode.OK)
        {
            redemptions.remove(index);
            if (refunded.voucherRestored())
            {
                vouchers.add(redemption.voucher());
            }
        }
    }

    // ------------------------------------------------------------------ races

    private void raceStep()
    {
        final int roll = random.nextInt(100);
        if (driver.nowMs() < FIRST_COME_CLOSES_AT)
        {
            if (roll < 55 || entrants.isEmpty())
            {
                submit();
            }
            else if (roll < 62 && driver.nowMs() < LOTTERY_CLOSES_AT)
            {
                createGroup();
            }
            else if (roll < 68)
            {
                withdraw();
            }
            else
            {
                pay();
            }
        }
        else if (roll < 3 || entrants.isEmpty())
        {
            submit();
        }
        else if (roll < 12)
        {
            withdraw();
        }
        else if (roll < 13 && driver.nowMs() >= WAITLISTS_CLOSE_FROM)
        {
            closeWaitlist();
        }
        else
        {
            pay();
        }
    }

    private void submit()
    {
        final boolean lottery = driver.nowMs() < LOTTERY_CLOSES_AT ? random.nextBoolean() : random.nextInt(20) == 0;
        final long raceId = lottery ? lotteryRaceId : firstComeRaceId;
        final long userId = random.nextInt(10) == 0 ? 1 + random.nextInt(HOT_USERS) : 1 + random.nextInt(USERS);
        // Now and then someone types another person's id: that person may already be in.
        final long person = random.nextInt(30) == 0 ? 1 + random.nextInt(USERS) : userId;
        final String groupCode;
        final String categoryCode;
        if (lottery && !groups.isEmpty() && random.nextInt(4) == 0)
        {
            final Group group = recent(groups, 20);
            groupCode = group.code();
            categoryCode = random.nextInt(10) == 0 ? pick(LOTTERY_CATEGORIES) : group.categoryCode();
        }
        else
        {
            groupCode = null;
            categoryCode = pick(lottery ? LOTTERY_CATEGORIES : FIRST_COME_CATEGORIES);
        }
        final int years = random.nextInt(25) == 0 ? 6 + random.nextInt(10) : 20 + random.nextInt(45);
        final RaceDriver.Submitted submitted = races.submit(new RaceDriver.Entry(raceId, userId, categoryCode,
            groupCode, 0x5045_5253_4F4E_0000L + person, 0x0A11_CE00L * 31 + person,
            random.nextBoolean() ? Gender.F : Gender.M, RACE_DATE.minusYears(years).minusDays(random.nextInt(365)),
            "Runner " + userId, String.format("138%08d", userId)));
        count("race/submit", submitted.code());
        if (submitted.code() == ResultCode.OK)
        {
            entrants.add(new Entrant(raceId, userId, submitted.entryId()));
            if (submitted.paymentDueAt() != null)
            {
                payable.add(new Payable(raceId, submitted.entryId()));
            }
        }
    }

    private void createGroup()
    {
        final String categoryCode = pick(LOTTERY_CATEGORIES);
        final RaceDriver.Group group = races.createGroup(lotteryRaceId, 1 + random.nextInt(USERS), categoryCode);
        count("race/createGroup", group.code());
        if (group.code() == ResultCode.OK)
        {
            groups.add(new Group(group.groupCode(), categoryCode));
        }
    }

    private void withdraw()
    {
        // Now and then a user who never entered that race.
        final Entrant entrant = random.nextInt(10) == 0
            ? new Entrant(random.nextBoolean() ? lotteryRaceId : firstComeRaceId, 1 + random.nextInt(USERS), 0)
            : any(entrants);
        final RaceDriver.Withdrawn withdrawn = races.withdraw(entrant.raceId(), entrant.userId());
        count("race/withdraw", withdrawn.code());
        if (withdrawn.promotedEntries() > 0)
        {
            refreshPayable();
        }
    }

    private void draw()
    {
        count("race/draw", races.draw(lotteryRaceId, DRAW_SEED).code());
        drawn = true;
        refreshPayable();
    }

    private void pay()
    {
        // Promotions after lapses happen as time passes: look for new winners now and then.
        if (++paySteps % 50 == 0)
        {
            refreshPayable();
        }
        final Payable entry;
        if (payable.isEmpty() || random.nextInt(20) == 0)
        {
            // Any entry: paid already (the same bib again), lapsed, waiting, not drawn or withdrawn.
            final Entrant entrant = any(entrants);
            entry = new Payable(entrant.raceId(), entrant.entryId());
        }
        else
        {
            // An entry holding a place: paid for once, whatever the answer.
            entry = payable.remove(payable.size() - 1 - random.nextInt(Math.min(payable.size(),
                random.nextInt(5) != 0 ? 30 : payable.size())));
        }
        count("race/pay", races.pay(entry.raceId(), entry.entryId(), "PAY-" + entry.entryId()).code());
    }

    private void closeWaitlist()
    {
        count("race/closeWaitlist", races.closeWaitlist(random.nextBoolean() ? lotteryRaceId : firstComeRaceId).code());
    }

    /** The entries that hold a place and have not paid, from the results export (a query, not journaled). */
    private void refreshPayable()
    {
        payable.clear();
        for (final long raceId : new long[] {lotteryRaceId, firstComeRaceId})
        {
            for (final RaceDriver.ResultRow row : races.results(raceId))
            {
                if (row.status() == EntryStatus.WON)
                {
                    payable.add(new Payable(raceId, row.entryId()));
                }
            }
        }
    }

    // ------------------------------------------------------------------ the venue

    private void venueStep()
    {
        final long nowMs = driver.nowMs();
        // A booking whose check-in window has closed is a no-show by now: nothing more to do with it.
        bookings.removeIf(b -> b.startAt() + VENUE.checkInLateMs() < nowMs);
        holds.removeIf(h -> h.expiresAt() <= nowMs);
        final int roll = random.nextInt(100);
        if (roll < 40 || (roll < 67 && holds.isEmpty()) || (roll >= 67 && bookings.isEmpty()))
        {
            hold();
        }
        else if (roll < 62)
        {
            confirm();
        }
        else if (roll < 67)
        {
            release();
        }
        else if (roll < 72)
        {
            cancel();
        }
        else
        {
            checkIn();
        }
    }

    private void hold()
    {
        final long nowMs = driver.nowMs();
        final int today = (int)Math.floorDiv(nowMs + OFFSET_MS, DAY_MS);
        final int kind = random.nextInt(100);
        final int nextSlot = (int)Math.max(0, Math.floorDiv(nowMs - slotStartAt(today, 0), SLOT_MS) + 1);
        final int day;
        final int slot;
        // Mostly soon: one of the next few slots, so that bookings come due for check-in.
        if (kind < 45 && nextSlot + 6 <= SLOTS_PER_DAY)
        {
            day = today;
            slot = nextSlot + random.nextInt(6);
        }
        else if (kind < 45)
        {
            day = today + 1;
            slot = random.nextInt(6);
        }
        else
        {
            // Today (perhaps past), tomorrow, or now and then the day after (not released yet).
            day = today + (kind < 95 ? random.nextInt(2) : 2);
            slot = random.nextInt(SLOTS_PER_DAY);
        }
        final int roll = random.nextInt(20);
        final int slots = Math.min(roll < 12 ? 1 : roll < 19 ? 2 : 3, SLOTS_PER_DAY - slot);
        final long userId = 1 + random.nextInt(VENUE_USERS);
        final long startAt = slotStartAt(day, slot);
        final VenueDriver.Hold hold = venues.hold(venueId, userId, any(VENUE.resourceCodes()), startAt, slots);
        count("venue/hold", hold.code());
        if (hold.code() == ResultCode.OK)
        {
            holds.add(new Held(hold.holdId(), userId, startAt, hold.expiresAt()));
        }
    }

    private void confirm()
    {
        final int kind = random.nextInt(100);
        if (kind < 5 && !bookings.isEmpty())
        {
            // The payment callback again: the same reference answers the booking, another is a second payment.
            final Booking booking = any(bookings);
            final String paymentRef = (kind < 3 ? "pay-" : "pay-again-") + booking.bookingId();
            count("venue/confirmAgain", venues.confirm(booking.bookingId(), paymentRef).code());
            return;
        }
        final Held held = holds.remove(holds.size() - 1 - random.nextInt(Math.min(holds.size(), 8)));
        final VenueDriver.Confirmed confirmed = venues.confirm(held.holdId(), "pay-" + held.holdId());
        count("venue/confirm", confirmed.code());
        if (confirmed.code() == ResultCode.OK)
        {
            bookings.add(new Booking(confirmed.bookingId(), held.userId(), held.startAt(), confirmed.checkInCode()));
        }
    }

    private void release()
    {
        final int index = holds.size() - 1 - random.nextInt(Math.min(holds.size(), 8));
        final Held held = holds.get(index);
        final long userId = random.nextInt(10) == 0 ? held.userId() % VENUE_USERS + 1 : held.userId();
        final VenueDriver.Result released = venues.release(held.holdId(), userId);
        count("venue/release", released.code());
        if (released.code() == ResultCode.OK)
        {
            holds.remove(index);
        }
    }

    private void cancel()
    {
        final int index = random.nextInt(bookings.size());
        final Booking booking = bookings.get(index);
        final long userId = random.nextInt(10) == 0 ? booking.userId() % VENUE_USERS + 1 : booking.userId();
        final VenueDriver.Cancelled cancelled = venues.cancel(booking.bookingId(), userId);
        count("venue/cancel", cancelled.code());
        if (cancelled.code() == ResultCode.OK)
        {
            bookings.remove(index);
        }
    }

    private void checkIn()
    {
        final long nowMs = driver.nowMs();
        final List<Booking> due = new ArrayList<>();
        for (final Booking booking : bookings)
        {
            if (booking.startAt() - VENUE.checkInEarlyMs() <= nowMs)
            {
                due.add(booking);
            }
        }
        if (due.isEmpty() && random.nextInt(4) != 0)
        {
            hold();
            return;
        }
        final int index = due.isEmpty() || random.nextInt(10) == 0 ? random.nextInt(bookings.size())
            : bookings.indexOf(any(due));
        final Booking booking = bookings.get(index);
        final long code = random.nextInt(50) == 0 ? booking.checkInCode() ^ 0x5A5AL : booking.checkInCode();
        final ResultCode checkedIn = venues.checkIn(venueId, code).code();
        count("venue/checkIn", checkedIn);
        // Checked in: the booking is done with, but now and then the gate scans it twice.
        if (checkedIn == ResultCode.OK && random.nextInt(20) != 0)
        {
            bookings.remove(index);
        }
    }

    private static long slotStartAt(final int day, final int slot)
    {
        return day * DAY_MS - OFFSET_MS + VENUE.opensMinuteOfDay() * MINUTE_MS + slot * SLOT_MS;
    }

    // ------------------------------------------------------------------ helpers

    private void count(final String command, final ResultCode code)
    {
        outcomes.merge(command + " " + code, 1L, Long::sum);
    }

    private <T> T recent(final List<T> list, final int window)
    {
        return list.get(list.size() - 1 - random.nextInt(Math.min(list.size(), window)));
    }

    private <T> T any(final List<T> list)
    {
        return list.get(random.nextInt(list.size()));
    }

    private String pick(final String[] values)
    {
        return values[random.nextInt(values.length)];
    }
}
