package io.startline.engine.booking;

import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.codec.ReservationStatus;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.Snapshots;
import io.startline.engine.testkit.VenueDriver;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A random stream of venue commands, applied to the engine and to {@link VenueModel} side by
 * side; every answer must be the model's, field by field.
 * <p>
 * The mix is a booking rush: a few venues with different UTC offsets (negative too), slot
 * lengths, release horizons (0 days too), small daily limits, short hold timeouts and check-in
 * windows, bans after 1 to 3 no-shows (or never); many users, a few hundred of them hot, racing
 * for the same few popular slots of the newest released day; holds (some misaligned, past, not
 * yet released, on unknown resources or venues), confirmations (again with the same or another
 * payment reference), releases and cancellations (own and another user's), check-ins at the
 * gate (right and wrong venue, early, late, twice, unknown codes), availability grids and user
 * lists compared in full. Time moves in steps from nothing to days, and "edge" steps jump to
 * exactly a deadline (a hold's expiry, a check-in window's ends, the refund cutoff, a release,
 * a slot start, a ban's end) or 1 ms before or after it, and act there. Now and then a rush:
 * time stops just before a venue releases its next day, and a few hundred users go for the
 * day's best slots in the same second.
 */
final class VenueWorkload
{
    static final long START_MS = 1_800_000_000_000L;
    static final int MAX_VENUES = 7;
    static final int MAX_RESOURCES_PER_VENUE = 64;
    static final int MAX_RELEASE_DAYS_AHEAD = 30;
    static final int MAX_CALENDAR_SLOTS = 200_000;
    static final int LISTED_PER_USER = 200;

    private static final long SECOND_MS = 1_000L;
    private static final long MINUTE_MS = 60_000L;
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;
    private static final int HOT_USERS = 300;
    private static final int USERS = 20_000;
    /** An edge step jumps only this far ahead, to keep the run's simulated span in bounds. */
    private static final long EDGE_REACH_MS = 20 * MINUTE_MS;

    private final EngineContext context;
    private EngineDriver engine;
    private VenueDriver venues;
    /** An engine kept in step with the live one, see {@link #mirror}. */
    private final VenueDriver twin;
    final VenueModel model;
    private final Map<String, Long> outcomes = new TreeMap<>();
    /** Holds the model has as HELD, to confirm or release; others are dropped when met. */
    private final List<VenueModel.ResM> pendingHolds = new ArrayList<>();
    /** Bookings by slot start, for gate check-ins and cancellations around now. */
    private final TreeSet<VenueModel.ResM> bookingsByStart = new TreeSet<>(
        Comparator.<VenueModel.ResM>comparingLong(r -> r.startAt).thenComparingLong(r -> r.id));
    private final List<VenueModel.ResM> cancelled = new ArrayList<>();
    /** Long holds left alone until their slot has started, to be paid for at the last moment. */
    private final List<VenueModel.ResM> lingeringHolds = new ArrayList<>();
    private int rushStepsLeft;
    private VenueModel.VenueM rushVenue;
    private LocalDate rushDay;
    private long refCounter;
    private long venueNameCounter;
    private long snapshots;

    VenueWorkload(final EngineContext context, final SplittableRandom random)
    {
        this.context = context;
        this.engine = new EngineDriver(context, START_MS + random.nextLong(DAY_MS));
        this.venues = new VenueDriver(engine);
        this.twin = new VenueDriver(new EngineDriver(context, engine.nowMs()));
        this.model = new VenueModel(context.maxVenues(), context.maxResourcesPerVenue(),
            context.maxReleaseDaysAhead(), context.maxCalendarSlots(), context.maxReservations(),
            context.maxReservationsListedPerUser());
        for (int kind = 0; kind < 5; kind++)
        {
            expectCreateVenue(initialVenue(kind, random));
        }
    }

    static EngineContext context(final long seed, final int maxReservations)
    {
        return EngineDriver.smallContext()
            .maxVenues(MAX_VENUES)
            .maxResourcesPerVenue(MAX_RESOURCES_PER_VENUE)
            .maxReleaseDaysAhead(MAX_RELEASE_DAYS_AHEAD)
            .maxCalendarSlots(MAX_CALENDAR_SLOTS)
            .maxReservations(maxReservations)
            .maxReservationsListedPerUser(LISTED_PER_USER)
            .codeKey(seed, ~seed);
    }

    // ------------------------------------------------------------------ the run

    void step(final SplittableRandom random)
    {
        if (rushStepsLeft > 0)
        {
            rushStepsLeft--;
            engine.advanceBy(random.nextInt(4) == 0 ? 0 : random.nextInt(200));
            if (random.nextInt(100) < 65)
            {
                rushHold(random);
                return;
            }
        }
        else
        {
            advanceTime(random);
        }
        if (random.nextInt(10_000) == 0)
        {
            createVenue(random);
            return;
        }
        final int roll = random.nextInt(1000);
        if (roll < 370)
        {
            hold(random);
        }
        else if (roll < 530)
        {
            confirm(random);
        }
        else if (roll < 580)
        {
            release(random);
        }
        else if (roll < 630)
        {
            cancel(random);
        }
        else if (roll < 790)
        {
            checkIn(random);
        }
        else if (roll < 810)
        {
            tick();
        }
        else if (roll < 850)
        {
            availability(random);
        }
        else if (roll < 880)
        {
            bookingsOf(random);
        }
        else if (roll < 900)
        {
            strayIds(random);
        }
        else if (roll < 940)
        {
            edge(random);
        }
        else
        {
            hold(random);
        }
    }

    long simulatedMs()
    {
        return engine.nowMs() - START_MS;
    }

    Map<String, Long> outcomes()
    {
        final Map<String, Long> all = new TreeMap<>(outcomes);
        all.putAll(model.events);
        return all;
    }

    int venueCount()
    {
        return model.venues.size();
    }

    int reservationCount()
    {
        return model.reservations.size();
    }

    long snapshots()
    {
        return snapshots;
    }

    /** Calendar ring turns per venue: simulated days since its creation over its ring's rows. */
    String ringTurns()
    {
        final StringBuilder text = new StringBuilder();
        for (final VenueModel.VenueM v : model.venues)
        {
            text.append(text.length() == 0 ? "" : ", ").append(v.id).append(": ")
                .append(simulatedMs() / DAY_MS / (v.spec.releaseDaysAhead() + 2));
        }
        return text.toString();
    }

    private void count(final String command, final ResultCode code)
    {
        outcomes.merge(command + " " + code, 1L, Long::sum);
    }

    // ------------------------------------------------------------------ time

    private void advanceTime(final SplittableRandom random)
    {
        final int roll = random.nextInt(100_000);
        final long delta;
        if (roll < 4)
        {
            delta = random.nextLong(6 * HOUR_MS, 2 * DAY_MS);
        }
        else if (roll < 40)
        {
            delta = random.nextLong(HOUR_MS, 6 * HOUR_MS);
        }
        else if (roll < 90)
        {
            // The rush: shortly before the next release of a venue's slots, and a few hundred
            // steps in quick succession, mostly holds of that day's popular slots.
            final VenueModel.VenueM v = pickVenue(random);
            final LocalDate day = hotDay(v).plusDays(1);
            final long releaseAt = v.releaseAt(day);
            delta = Math.max(0, releaseAt - random.nextLong(20 * SECOND_MS) - engine.nowMs());
            rushVenue = v;
            rushDay = day;
            rushStepsLeft = 200 + random.nextInt(300);
        }
        else if (roll < 350)
        {
            delta = random.nextLong(MINUTE_MS, HOUR_MS);
        }
        else if (roll < 15_000)
        {
            delta = random.nextLong(SECOND_MS, 30 * SECOND_MS);
        }
        else if (roll < 50_000)
        {
            delta = 1 + random.nextInt(1000);
        }
        else
        {
            delta = 0;
        }
        engine.advanceBy(delta);
    }

    /** Moves to {@code target} when it is ahead but not too far; says whether it did. */
    private boolean jumpTo(final long target)
    {
        if (target < engine.nowMs() || target - engine.nowMs() > EDGE_REACH_MS)
        {
            return false;
        }
        engine.advanceTo(target);
        return true;
    }

    // ------------------------------------------------------------------ venues

    private VenueDriver.Venue initialVenue(final int kind, final SplittableRandom random)
    {
        final String name = "Venue " + (++venueNameCounter);
        switch (kind)
        {
            case 0:
                // The popular one: east of UTC, hourly courts, released a few days ahead.
                return new VenueDriver.Venue(name, pick(random, 480, 330, 345, 840), codes("COURT-", 2 + random.nextInt(2)),
                    480, 1320, 60, 5_000, 1 + random.nextInt(3), pick(random, 480, 0, 1439, 720),
                    1 + random.nextInt(2), pick(random, 5 * SECOND_MS, 60 * SECOND_MS, 5 * MINUTE_MS),
                    pick(random, 0L, 2 * HOUR_MS, DAY_MS), pick(random, 0L, 15 * MINUTE_MS), pick(random, 10 * MINUTE_MS, 0L),
                    1 + random.nextInt(3), 1 + random.nextInt(3));
            case 1:
                // West of UTC, open all day in long slots, released on the day itself after some slots began.
                return new VenueDriver.Venue(name, pick(random, -300, -420, -570, -840), codes("lane_", 2),
                    0, 1440, pick(random, 120, 90, 60), 0, 0, pick(random, 600, 0, 1000), 1,
                    pick(random, DAY_MS, 6 * HOUR_MS), pick(random, HOUR_MS, 3 * HOUR_MS),
                    pick(random, DAY_MS, 30 * MINUTE_MS), pick(random, 20 * MINUTE_MS, 0L),
                    1 + random.nextInt(3), 1 + random.nextInt(2));
            case 2:
                // Five-minute slots in one evening hour, no check-in tolerance at all.
                return new VenueDriver.Venue(name, pick(random, 345, -60, 840, 0), List.of("A", "B", "C"),
                    1020, 1080, 5, 100_000_000L, pick(random, 7, 2, 1), 0, 1 + random.nextInt(3),
                    pick(random, 2 * MINUTE_MS, 20 * SECOND_MS, SECOND_MS), pick(random, 10 * MINUTE_MS, 30 * DAY_MS), 0, 0,
                    1 + random.nextInt(3), 1);
            case 4:
                // The tightest calendar ring (today and yesterday) under the longest hold and
                // check-in times, in 5-minute slots round the clock.
                return new VenueDriver.Venue(name, pick(random, -840, -30, 0, 525, 840), List.of("RING-1", "RING-2"),
                    0, 1440, 5, 1, 0, pick(random, 0, 1439, 360), pick(random, 1, 4), DAY_MS,
                    pick(random, 0L, 6 * HOUR_MS), DAY_MS, DAY_MS, pick(random, 1, 2), pick(random, 1, 2));
            default:
                // UTC, 45-minute slots, a month ahead, never bans, free of charge, no refunds.
                return new VenueDriver.Venue(name, pick(random, 0, 60, -240), List.of("FIELD-1", "Field_2", "x",
                    "ABCDEFGHIJKLMNOP"), 360, 1260, 45, 0, pick(random, 30, 14), pick(random, 1439, 540), 2,
                    pick(random, 10 * MINUTE_MS, 90 * SECOND_MS), 30 * DAY_MS, 30 * MINUTE_MS, 5 * MINUTE_MS, 0, 3660);
        }
    }

    private void createVenue(final SplittableRandom random)
    {
        VenueDriver.Venue v = initialVenue(random.nextInt(5), random);
        final int roll = random.nextInt(30);
        v = switch (roll)
        {
            case 0 -> v.withUtcOffsetMinutes(random.nextBoolean() ? 841 : -841);
            case 1 -> v.withResources(List.of());
            case 2 -> v.withResources(codes("R", MAX_RESOURCES_PER_VENUE + 1));
            case 3 -> v.withResources(List.of("A", "B", "A"));
            case 4 -> v.withResources(List.of("A", "no space"));
            case 5 -> v.withHours(-1, v.closesMinuteOfDay(), v.slotMinutes());
            case 6 -> v.withHours(v.opensMinuteOfDay(), v.opensMinuteOfDay(), v.slotMinutes());
            case 7 -> v.withHours(0, 1445, 5);
            case 8 -> v.withHours(600, 700, 4);
            case 9 -> v.withHours(600, 700, 30);
            case 10 -> v.withPriceFen(random.nextBoolean() ? -1 : VenueModel.PRICE_MAX_FEN + 1);
            case 11 -> v.withRelease(MAX_RELEASE_DAYS_AHEAD + 1, 0);
            case 12 -> v.withRelease(1, random.nextBoolean() ? 1440 : -1);
            case 13 -> v.withMaxSlotsPerUserPerDay(0);
            case 14 -> v.withMaxSlotsPerUserPerDay((v.closesMinuteOfDay() - v.opensMinuteOfDay()) / v.slotMinutes() + 1);
            case 15 -> v.withTimes(999, 0, 0, 0);
            case 16 -> v.withTimes(DAY_MS + 1, 0, 0, 0);
            case 17 -> v.withTimes(SECOND_MS, 30 * DAY_MS + 1, 0, 0);
            case 18 -> v.withTimes(SECOND_MS, 0, DAY_MS + 1, 0);
            case 19 -> v.withTimes(SECOND_MS, 0, 0, -1);
            case 20 -> v.withBans(11, 1);
            case 21 -> v.withBans(1, random.nextBoolean() ? 0 : 3661);
            case 22 -> v.withName(random.nextBoolean() ? "" : "x".repeat(201));
            case 23 -> v.withName(pick(random, "Bad\nname", " Venue", "Venue ", "\u0000"));
            // Valid, but far too many calendar cells for the engine's limit.
            case 24 -> v.withResources(codes("BIG-", MAX_RESOURCES_PER_VENUE)).withHours(0, 1440, 5)
                .withRelease(MAX_RELEASE_DAYS_AHEAD, 0);
            // Valid edges: the largest name, 16-character codes, the widest offsets.
            case 25 -> v.withName("場".repeat(66)).withUtcOffsetMinutes(random.nextBoolean() ? 840 : -840);
            default -> v;
        };
        expectCreateVenue(v);
    }

    private void expectCreateVenue(final VenueDriver.Venue v)
    {
        model.advanceTo(engine.nowMs());
        final VenueModel.Answer expected = model.createVenue(v);
        final VenueDriver.Result actual = venues.createVenue(v);
        mirror(expected, "createVenue", t -> t.createVenue(v));
        assertThat(actual.code()).as("create venue %s", v).isEqualTo(expected.code());
        count("createVenue", actual.code());
        if (expected.code() == ResultCode.INVALID_ARGUMENT)
        {
            assertThat(actual.field()).as("create venue %s", v).isEqualTo(expected.field());
        }
        if (expected.code() == ResultCode.OK)
        {
            assertThat(actual.id()).isEqualTo(expected.id());
        }
    }

    private static List<String> codes(final String prefix, final int count)
    {
        final List<String> codes = new ArrayList<>();
        for (int i = 1; i <= count; i++)
        {
            codes.add(prefix + i);
        }
        return codes;
    }

    @SafeVarargs
    private static <T> T pick(final SplittableRandom random, final T... values)
    {
        return values[random.nextInt(values.length)];
    }

    // ------------------------------------------------------------------ holds

    private VenueModel.VenueM pickVenue(final SplittableRandom random)
    {
        return random.nextInt(5) < 2 ? model.venues.get(0) : model.venues.get(random.nextInt(model.venues.size()));
    }

    private long pickUser(final SplittableRandom random)
    {
        final int roll = random.nextInt(1000);
        if (roll < 3)
        {
            return pick(random, 0L, -1L, 1L << 53, Long.MIN_VALUE);
        }
        if (roll < 5)
        {
            return VenueModel.USER_ID_MAX;
        }
        if (roll < 80)
        {
            return 1 + random.nextInt(5);
        }
        return roll < 600 ? 1 + random.nextInt(HOT_USERS) : 1 + random.nextInt(USERS);
    }

    /** The newest local day of the venue whose slots are released. */
    private LocalDate hotDay(final VenueModel.VenueM v)
    {
        LocalDate day = v.localDate(engine.nowMs()).plusDays(v.spec.releaseDaysAhead() + 1L);
        while (v.releaseAt(day) > engine.nowMs())
        {
            day = day.minusDays(1);
        }
        return day;
    }

    private void hold(final SplittableRandom random)
    {
        final VenueModel.VenueM v = pickVenue(random);
        final long userId = pickUser(random);
        final LocalDate hot = hotDay(v);
        final LocalDate today = v.localDate(engine.nowMs());
        final int dayRoll = random.nextInt(100);
        final LocalDate day;
        if (dayRoll < 45)
        {
            day = hot;
        }
        else if (dayRoll < 58)
        {
            day = hot.plusDays(1);
        }
        else if (dayRoll < 90)
        {
            final long span = Math.max(0, hot.toEpochDay() - today.toEpochDay());
            day = today.plusDays(random.nextLong(span + 1));
        }
        else if (dayRoll < 95)
        {
            day = today.minusDays(random.nextInt(2));
        }
        else
        {
            day = random.nextBoolean() ? hot.plusDays(2 + random.nextInt(10)) : today.minusDays(2 + random.nextInt(40));
        }
        final int resource = random.nextInt(100) < 60 ? 0 : random.nextInt(v.spec.resourceCodes().size());
        String code = v.resourceCode(resource);
        final int codeRoll = random.nextInt(100);
        if (codeRoll < 2)
        {
            code = pick(random, "NOPE", "COURT-99", "a", "ABCDEFGHIJKLMNOQ");
        }
        else if (codeRoll < 4)
        {
            final VenueModel.VenueM other = model.venues.get(random.nextInt(model.venues.size()));
            code = other.resourceCode(random.nextInt(other.spec.resourceCodes().size()));
        }
        final int slotRoll = random.nextInt(100);
        final int slot = slotRoll < 50 ? v.slotsPerDay - 1 - random.nextInt(Math.min(3, v.slotsPerDay))
            : random.nextInt(v.slotsPerDay);
        long startAt = v.slotStartAt(day, slot);
        final int alignRoll = random.nextInt(200);
        if (alignRoll < 6)
        {
            startAt += switch (alignRoll)
            {
                case 0 -> 1;
                case 1 -> -1;
                case 2 -> v.slotMs / 2;
                case 3 -> -v.slotMs * (slot + 1);
                case 4 -> v.slotMs * (v.slotsPerDay - slot);
                default -> MINUTE_MS;
            };
        }
        else if (alignRoll == 6)
        {
            // Out of range, or slot starts of the first and last local days there are, which
            // some offsets put before 1970 or after 9999 in UTC.
            startAt = pick(random, -1L, Long.MIN_VALUE, VenueModel.TIME_MAX_MS + 1, Long.MAX_VALUE, 0L,
                v.slotStartAt(LocalDate.ofEpochDay(0), slot), v.slotStartAt(LocalDate.of(9999, 12, 31), slot),
                v.slotStartAt(LocalDate.of(10000, 1, 1), 0), v.slotStartAt(LocalDate.of(1969, 12, 31), slot));
        }
        final int countRoll = random.nextInt(100);
        final int slots;
        if (countRoll < 80)
        {
            slots = 1;
        }
        else if (countRoll < 94)
        {
            slots = 2;
        }
        else if (countRoll < 98)
        {
            slots = 3;
        }
        else
        {
            slots = pick(random, 0, -1, v.slotsPerDay - slot + 1, Integer.MAX_VALUE, Integer.MIN_VALUE,
                v.slotsPerDay - slot);
        }
        expectHold(v.id, userId, code, startAt, slots, "");
    }

    /** Many users after the few best slots of the day being released. */
    private void rushHold(final SplittableRandom random)
    {
        final VenueModel.VenueM v = rushVenue;
        final int slot = v.slotsPerDay - 1 - random.nextInt(Math.min(3, v.slotsPerDay));
        final int resource = random.nextInt(Math.min(2, v.spec.resourceCodes().size()));
        final int slots = random.nextInt(5) == 0 && slot + 1 < v.slotsPerDay ? 2 : 1;
        final long userId = random.nextInt(3) == 0 ? 1 + random.nextInt(USERS) : 1 + random.nextInt(HOT_USERS);
        expectHold(v.id, userId, v.resourceCode(resource), v.slotStartAt(rushDay, slot), slots, " in a rush");
    }

    private ResultCode expectHold(
        final long venueId, final long userId, final String code, final long startAt, final int slots, final String label)
    {
        model.advanceTo(engine.nowMs());
        final boolean bannedBefore = model.wasEverBanned(userId, venueId);
        final VenueModel.Answer expected = model.hold(venueId, userId, code, startAt, slots);
        final VenueDriver.Hold actual = venues.hold(venueId, userId, code, startAt, slots);
        mirror(expected, "hold", t -> t.hold(venueId, userId, code, startAt, slots));
        assertThat(actual.code()).as("hold venue %d user %d %s startAt %d slots %d at %d", venueId, userId, code,
            startAt, slots, engine.nowMs()).isEqualTo(expected.code());
        count("hold" + label, actual.code());
        if (expected.code() == ResultCode.SLOT_TAKEN)
        {
            final VenueModel.VenueM v = model.venue(venueId);
            if (engine.nowMs() - v.releaseAt(v.localDate(startAt)) < MINUTE_MS)
            {
                count("hold in the first minute after release", ResultCode.SLOT_TAKEN);
            }
        }
        if (expected.code() == ResultCode.INVALID_ARGUMENT)
        {
            assertThat(actual.field()).as("hold field").isEqualTo(expected.field());
        }
        if (expected.code() != ResultCode.OK)
        {
            return actual.code();
        }
        final VenueModel.ResM h = expected.res();
        assertThat(actual.holdId()).as("hold id").isEqualTo(h.id);
        assertThat(actual.expiresAt()).as("hold expiresAt").isEqualTo(h.expiresAt);
        assertThat(actual.amountFen()).as("hold amountFen").isEqualTo(h.amountFen);
        assertThat(model.isBanned(userId, venueId, engine.nowMs())).as("a banned user gained a hold").isFalse();
        if (bannedBefore)
        {
            count("hold after a ban ended", ResultCode.OK);
        }
        if (engine.nowMs() - h.venue.releaseAt(h.day) < MINUTE_MS)
        {
            count("hold in the first minute after release", ResultCode.OK);
        }
        if (h.venue.spec.holdTimeoutMs() >= HOUR_MS && userId % 2 == 0)
        {
            lingeringHolds.add(h);
        }
        else
        {
            pendingHolds.add(h);
        }
        checkGrid(h.venue, h.day);
        checkDailyLimitsFromEngine(userId);
        return actual.code();
    }

    // ------------------------------------------------------------------ confirm, release, cancel

    private VenueModel.ResM pendingHold(final SplittableRandom random)
    {
        while (!pendingHolds.isEmpty())
        {
            final int i = random.nextInt(pendingHolds.size());
            final VenueModel.ResM h = pendingHolds.get(i);
            if (h.status == ReservationStatus.HELD)
            {
                return h;
            }
            pendingHolds.set(i, pendingHolds.get(pendingHolds.size() - 1));
            pendingHolds.remove(pendingHolds.size() - 1);
        }
        return null;
    }

    private VenueModel.ResM recentReservation(final SplittableRandom random, final int within)
    {
        final List<VenueModel.ResM> all = model.reservations;
        return all.isEmpty() ? null : all.get(all.size() - 1 - random.nextInt(Math.min(all.size(), within)));
    }

    private String newRef(final SplittableRandom random)
    {
        final long n = ++refCounter;
        return switch (random.nextInt(10))
        {
            case 0 -> "pay " + n + " ~!@#$%^&*()";
            case 1 -> (n + "-").repeat(64).substring(0, 64);
            case 2 -> Character.toString('!' + random.nextInt(94));
            default -> "pay-" + n;
        };
    }

    private void confirm(final SplittableRandom random)
    {
        final int roll = random.nextInt(100);
        final VenueModel.ResM pending = roll < 70 ? pendingHold(random) : null;
        if (pending != null)
        {
            expectConfirm(pending.id, newRef(random), "");
            return;
        }
        final VenueModel.ResM r = recentReservation(random, roll < 85 ? 500 : Integer.MAX_VALUE);
        if (r == null)
        {
            return;
        }
        if (roll >= 96)
        {
            expectConfirm(r.id, pick(random, "", "x".repeat(65), "pay\n1", "pay\u007f", "\t", " pay", "pay ", " "), "");
            return;
        }
        final String ref = r.paymentRef != null && random.nextInt(5) < 3 ? r.paymentRef : newRef(random);
        expectConfirm(r.id, ref, "");
    }

    private ResultCode expectConfirm(final long holdId, final String ref, final String label)
    {
        model.advanceTo(engine.nowMs());
        final VenueModel.Answer expected = model.confirm(holdId, ref);
        final VenueDriver.Confirmed actual = venues.confirm(holdId, ref);
        mirror(expected, "confirm", t -> t.confirm(holdId, ref));
        assertThat(actual.code()).as("confirm hold %d ref '%s' at %d", holdId, ref, engine.nowMs())
            .isEqualTo(expected.code());
        count((expected.replayed() ? "confirm replayed" : "confirm") + label, actual.code());
        if (expected.code() == ResultCode.INVALID_ARGUMENT)
        {
            assertThat(actual.field()).as("confirm field").isEqualTo(expected.field());
        }
        if (expected.code() != ResultCode.OK)
        {
            return actual.code();
        }
        final VenueModel.ResM b = expected.res();
        assertThat(actual.bookingId()).as("booking id").isEqualTo(b.id);
        assertThat(actual.replayed()).as("replayed").isEqualTo(expected.replayed());
        if (expected.replayed())
        {
            assertThat(actual.checkInCode()).as("check-in code of booking %d again", b.id).isEqualTo(b.checkInCode);
        }
        else
        {
            model.recordCheckInCode(b, actual.checkInCode());
            bookingsByStart.add(b);
        }
        return actual.code();
    }

    private void release(final SplittableRandom random)
    {
        final int roll = random.nextInt(100);
        final VenueModel.ResM pending = roll < 75 ? pendingHold(random) : null;
        if (pending != null)
        {
            expectRelease(pending.id, roll < 60 ? pending.userId : otherUser(pending.userId, random), "");
            return;
        }
        final VenueModel.ResM r = recentReservation(random, 1000);
        if (r != null)
        {
            expectRelease(r.id, roll < 95 ? r.userId : otherUser(r.userId, random), "");
        }
    }

    private ResultCode expectRelease(final long holdId, final long userId, final String label)
    {
        model.advanceTo(engine.nowMs());
        final VenueModel.Answer expected = model.release(holdId, userId);
        final VenueDriver.Result actual = venues.release(holdId, userId);
        mirror(expected, "release", t -> t.release(holdId, userId));
        assertThat(actual.code()).as("release hold %d user %d at %d", holdId, userId, engine.nowMs())
            .isEqualTo(expected.code());
        count((expected.replayed() ? "release again" : "release") + label, actual.code());
        if (expected.code() == ResultCode.OK)
        {
            assertThat(actual.id()).as("released hold id").isEqualTo(holdId);
        }
        return actual.code();
    }

    private long otherUser(final long userId, final SplittableRandom random)
    {
        final long other = 1 + random.nextInt(HOT_USERS);
        return other == userId ? other + 1 : other;
    }

    /**
     * A booking starting at or after {@code t}: the first still BOOKED among the next few, else
     * the first; null when none starts that late.
     */
    private VenueModel.ResM bookingFrom(final long t)
    {
        while (!bookingsByStart.isEmpty() && bookingsByStart.first().startAt < engine.nowMs() - 2 * DAY_MS)
        {
            bookingsByStart.pollFirst();
        }
        final VenueModel.ResM probe = new VenueModel.ResM();
        probe.startAt = t;
        probe.id = 0;
        VenueModel.ResM first = null;
        int seen = 0;
        for (final VenueModel.ResM b : bookingsByStart.tailSet(probe))
        {
            if (b.status == ReservationStatus.BOOKED)
            {
                return b;
            }
            first = first == null ? b : first;
            if (++seen == 30)
            {
                break;
            }
        }
        return first;
    }

    /**
     * Holds and pays for the venue's first slot starting at or after {@code t}, for a user
     * picked at random; null when that slot is not to be had.
     */
    private VenueModel.ResM bookNow(final VenueModel.VenueM v, final long t, final SplittableRandom random)
    {
        LocalDate day = v.localDate(t);
        int slot = 0;
        while (slot < v.slotsPerDay && v.slotStartAt(day, slot) < t)
        {
            slot++;
        }
        if (slot == v.slotsPerDay)
        {
            day = day.plusDays(1);
            slot = 0;
        }
        final long userId = 1 + random.nextInt(USERS);
        final String code = v.resourceCode(random.nextInt(v.spec.resourceCodes().size()));
        if (expectHold(v.id, userId, code, v.slotStartAt(day, slot), 1, "") != ResultCode.OK)
        {
            return null;
        }
        final VenueModel.ResM h = model.reservations.get(model.reservations.size() - 1);
        return expectConfirm(h.id, newRef(random), "") == ResultCode.OK ? h : null;
    }

    /** A booking of the venue still BOOKED starting at or after {@code t}, if one is found among a few. */
    private VenueModel.ResM bookingAt(final VenueModel.VenueM v, final long t)
    {
        final VenueModel.ResM probe = new VenueModel.ResM();
        probe.startAt = t;
        probe.id = 0;
        int seen = 0;
        for (final VenueModel.ResM b : bookingsByStart.tailSet(probe))
        {
            if (b.venue == v && b.status == ReservationStatus.BOOKED)
            {
                return b;
            }
            if (++seen == 60)
            {
                break;
            }
        }
        return null;
    }

    /** A booking still BOOKED whose check-in window is open now, if one is found among a few. */
    private VenueModel.ResM bookingInWindow(final SplittableRandom random)
    {
        final long now = engine.nowMs();
        final VenueModel.ResM probe = new VenueModel.ResM();
        probe.startAt = now - random.nextLong(2 * HOUR_MS);
        probe.id = 0;
        int seen = 0;
        for (final VenueModel.ResM b : bookingsByStart.tailSet(probe))
        {
            if (b.status == ReservationStatus.BOOKED && now >= b.startAt - b.venue.spec.checkInEarlyMs() &&
                now <= b.startAt + b.venue.spec.checkInLateMs())
            {
                return b;
            }
            if (++seen == 60 || b.startAt > now + DAY_MS)
            {
                break;
            }
        }
        return null;
    }

    private void cancel(final SplittableRandom random)
    {
        final int roll = random.nextInt(100);
        VenueModel.ResM b = null;
        if (roll < 40)
        {
            b = bookingFrom(engine.nowMs() + random.nextLong(-HOUR_MS, 6 * HOUR_MS));
        }
        else if (roll < 45 && !cancelled.isEmpty())
        {
            b = cancelled.get(cancelled.size() - 1 - random.nextInt(Math.min(cancelled.size(), 200)));
        }
        if (b == null)
        {
            b = recentReservation(random, 3000);
        }
        if (b != null)
        {
            expectCancel(b.id, roll < 90 ? b.userId : otherUser(b.userId, random), "");
        }
    }

    private ResultCode expectCancel(final long bookingId, final long userId, final String label)
    {
        model.advanceTo(engine.nowMs());
        final VenueModel.Answer expected = model.cancel(bookingId, userId);
        final VenueDriver.Cancelled actual = venues.cancel(bookingId, userId);
        mirror(expected, "cancel", t -> t.cancel(bookingId, userId));
        assertThat(actual.code()).as("cancel booking %d user %d at %d", bookingId, userId, engine.nowMs())
            .isEqualTo(expected.code());
        if (expected.code() != ResultCode.OK)
        {
            count("cancel" + label, actual.code());
            return actual.code();
        }
        assertThat(actual.bookingId()).as("cancelled booking id").isEqualTo(bookingId);
        assertThat(actual.refundable()).as("refundable, booking %d at %d", bookingId, engine.nowMs())
            .isEqualTo(expected.refundable());
        count((expected.replayed() ? "cancel again" : expected.refundable() ? "cancel refundable" :
            "cancel non-refundable") + label, actual.code());
        if (!expected.replayed())
        {
            cancelled.add(expected.res());
            checkGrid(expected.res().venue, expected.res().day);
        }
        return actual.code();
    }

    // ------------------------------------------------------------------ the gate

    private void checkIn(final SplittableRandom random)
    {
        final int roll = random.nextInt(100);
        VenueModel.ResM b = null;
        if (roll < 50)
        {
            b = bookingInWindow(random);
        }
        if (b == null && roll < 85)
        {
            b = bookingFrom(engine.nowMs() - 40 * MINUTE_MS + random.nextLong(80 * MINUTE_MS));
        }
        if (b == null)
        {
            b = recentReservation(random, 3000);
            if (b == null || b.paymentRef == null)
            {
                return;
            }
        }
        long venueId = b.venue.id;
        long code = b.checkInCode;
        if (roll >= 70 && roll < 78)
        {
            venueId = 1 + random.nextInt(model.venues.size());
        }
        else if (roll >= 78 && roll < 83)
        {
            code ^= 1L << random.nextInt(64);
        }
        else if (roll >= 83 && roll < 85)
        {
            venueId = pick(random, 0L, -1L, model.venues.size() + 1L, Long.MAX_VALUE);
        }
        expectCheckIn(venueId, code, "");
    }

    private ResultCode expectCheckIn(final long venueId, final long code, final String label)
    {
        model.advanceTo(engine.nowMs());
        final VenueModel.Answer expected = model.checkIn(venueId, code);
        final VenueDriver.CheckedIn actual = venues.checkIn(venueId, code);
        mirror(expected, "checkIn", t -> t.checkIn(venueId, code));
        assertThat(actual.code()).as("check in code %d at venue %d at %d", code, venueId, engine.nowMs())
            .isEqualTo(expected.code());
        count("checkIn" + label, actual.code());
        if (expected.code() == ResultCode.OK)
        {
            final VenueModel.ResM b = expected.res();
            assertThat(actual.bookingId()).as("checked-in booking").isEqualTo(b.id);
            assertThat(actual.resourceCode()).as("checked-in resource").isEqualTo(b.venue.resourceCode(b.resource));
            assertThat(actual.startAt()).as("checked-in startAt").isEqualTo(b.startAt);
        }
        return actual.code();
    }

    // ------------------------------------------------------------------ edges

    /** Jumps to exactly a deadline, or 1 ms before or after, and acts on it there. */
    private void edge(final SplittableRandom random)
    {
        final long now = engine.nowMs();
        switch (random.nextInt(10))
        {
            case 8, 9 ->
            {
                // Into the check-in window of a booking coming up, and through the gate.
                final VenueModel.ResM b = bookingFrom(now);
                if (b != null && b.status == ReservationStatus.BOOKED)
                {
                    final long opens = b.startAt - b.venue.spec.checkInEarlyMs();
                    final long closes = b.startAt + b.venue.spec.checkInLateMs();
                    if (jumpTo(Math.max(now, opens + random.nextLong(closes - opens + 1))))
                    {
                        expectCheckIn(b.venue.id, b.checkInCode, " in the window");
                    }
                }
            }
            case 0 ->
            {
                final VenueModel.ResM h = pendingHold(random);
                final int off = random.nextInt(2);
                if (h != null && jumpTo(h.expiresAt - off))
                {
                    expectConfirm(h.id, newRef(random), off == 0 ? " at expiresAt" : " 1ms before expiresAt");
                }
            }
            case 1 ->
            {
                final VenueModel.ResM b = bookingFrom(now - 30 * MINUTE_MS);
                final int off = random.nextInt(2);
                if (b != null && jumpTo(b.startAt - b.venue.spec.checkInEarlyMs() - off))
                {
                    expectCheckIn(b.venue.id, b.checkInCode, off == 0 ? " at window start" : " 1ms before window");
                }
            }
            case 2 ->
            {
                final VenueModel.ResM b = bookingFrom(now - random.nextLong(2 * HOUR_MS));
                final int off = random.nextInt(2);
                if (b != null && jumpTo(b.startAt + b.venue.spec.checkInLateMs() + off))
                {
                    expectCheckIn(b.venue.id, b.checkInCode, off == 0 ? " at window end" : " 1ms after window");
                }
            }
            case 3 ->
            {
                // A booking whose refund cutoff comes up soon: one there is, or one made now.
                final VenueModel.VenueM v = pickVenue(random);
                final long from = now + v.spec.cancelCutoffMs() + random.nextLong(EDGE_REACH_MS);
                VenueModel.ResM b = bookingAt(v, from);
                if (b == null || b.startAt - v.spec.cancelCutoffMs() - now > EDGE_REACH_MS)
                {
                    b = bookNow(v, from, random);
                }
                final int off = random.nextInt(2);
                if (b != null && jumpTo(b.startAt - b.venue.spec.cancelCutoffMs() + off))
                {
                    expectCancel(b.id, b.userId, off == 0 ? " at cutoff" : " 1ms after cutoff");
                }
            }
            case 4 ->
            {
                VenueModel.VenueM v = model.venues.get(0);
                for (final VenueModel.VenueM other : model.venues)
                {
                    v = v.releaseAt(hotDay(v).plusDays(1)) <= other.releaseAt(hotDay(other).plusDays(1)) ? v : other;
                }
                final LocalDate day = hotDay(v).plusDays(1);
                final int off = random.nextInt(2);
                if (jumpTo(v.releaseAt(day) - off))
                {
                    final int slot = v.slotsPerDay - 1 - random.nextInt(Math.min(2, v.slotsPerDay));
                    expectHold(v.id, pickUser(random), v.resourceCode(0), v.slotStartAt(day, slot), 1,
                        off == 0 ? " at release" : " 1ms before release");
                }
            }
            case 5 ->
            {
                final VenueModel.ResM b = bookingFrom(now);
                final int off = random.nextInt(2);
                if (b != null && jumpTo(b.startAt - off))
                {
                    final long user = pickUser(random);
                    expectHold(b.venue.id, user, b.venue.resourceCode(random.nextInt(b.venue.spec.resourceCodes().size())),
                        b.startAt, 1, off == 0 ? " at slot start" : " 1ms before slot start");
                }
            }
            case 6 ->
            {
                long[] ban = null;
                for (int i = model.bans.size() - 1; i >= Math.max(0, model.bans.size() - 100); i--)
                {
                    final long[] other = model.bans.get(i);
                    ban = other[2] > now && (ban == null || other[2] < ban[2]) ? other : ban;
                }
                if (ban != null)
                {
                    final int off = random.nextInt(2);
                    if (jumpTo(ban[2] - off))
                    {
                        final VenueModel.VenueM v = model.venue(ban[1]);
                        final LocalDate day = hotDay(v);
                        expectHold(v.id, ban[0], v.resourceCode(random.nextInt(v.spec.resourceCodes().size())),
                            v.slotStartAt(day, random.nextInt(v.slotsPerDay)), 1,
                            off == 0 ? " at ban end" : " 1ms before ban end");
                    }
                }
            }
            default ->
            {
                // A hold that outlives its slot's start: confirmable until startAt + checkInLateMs.
                final int off = random.nextInt(2);
                VenueModel.ResM h = null;
                lingeringHolds.removeIf(held -> held.status != ReservationStatus.HELD);
                for (final VenueModel.ResM held : lingeringHolds)
                {
                    final long at = held.startAt + held.venue.spec.checkInLateMs() + off;
                    if (held.status == ReservationStatus.HELD && at >= now && at < held.expiresAt &&
                        (h == null || at < h.startAt + h.venue.spec.checkInLateMs() + off))
                    {
                        h = held;
                    }
                }
                if (h != null && jumpTo(h.startAt + h.venue.spec.checkInLateMs() + off))
                {
                    expectConfirm(h.id, newRef(random), off == 0 ? " at late check-in end" : " 1ms after late end");
                }
            }
        }
    }

    // ------------------------------------------------------------------ others

    private void tick()
    {
        model.advanceTo(engine.nowMs());
        final ResultCode code = engine.tick();
        assertThat(code).as("tick").isEqualTo(ResultCode.OK);
        twin.engineDriver().advanceTo(engine.nowMs());
        assertThat(twin.engineDriver().tick()).isEqualTo(ResultCode.OK);
        count("tick", code);
    }

    private void strayIds(final SplittableRandom random)
    {
        final long id = pick(random, 0L, -1L, model.reservations.size() + 1L, model.reservations.size() + 1000L,
            Long.MAX_VALUE, Long.MIN_VALUE);
        final long venueId = pick(random, 0L, -1L, model.venues.size() + 1L, Long.MAX_VALUE);
        switch (random.nextInt(5))
        {
            case 0 -> expectConfirm(id, newRef(random), "");
            case 1 -> expectRelease(id, pickUser(random), "");
            case 2 -> expectCancel(id, pickUser(random), "");
            case 3 -> expectCheckIn(venueId, random.nextLong(), "");
            default -> expectHold(venueId, pickUser(random), "COURT-1", engine.nowMs() + HOUR_MS, 1, "");
        }
    }

    private void availability(final SplittableRandom random)
    {
        final int roll = random.nextInt(100);
        if (roll < 3)
        {
            compareAvailability(pick(random, 0L, -1L, model.venues.size() + 1L), 0);
            return;
        }
        final VenueModel.VenueM v = pickVenue(random);
        final int day;
        if (roll < 6)
        {
            day = pick(random, -1, VenueModel.EPOCH_DAY_MAX + 1, Integer.MIN_VALUE, 0, VenueModel.EPOCH_DAY_MAX);
        }
        else
        {
            final LocalDate today = v.localDate(engine.nowMs());
            day = (int)today.toEpochDay() - 1 + random.nextInt(v.spec.releaseDaysAhead() + 4);
        }
        compareAvailability(v.id, day);
    }

    private void compareAvailability(final long venueId, final int day)
    {
        final VenueDriver.Availability expected = model.availability(venueId, day);
        final VenueDriver.Availability actual = venues.availability(venueId, day);
        count("availability", actual.code());
        if (expected.code() == ResultCode.OK)
        {
            assertThat(actual).as("availability of venue %d on day %d at %d", venueId, day, model.now)
                .isEqualTo(expected);
        }
        else
        {
            assertThat(actual.code()).as("availability of venue %d on day %d", venueId, day).isEqualTo(expected.code());
            if (expected.code() == ResultCode.INVALID_ARGUMENT)
            {
                assertThat(actual.field()).isEqualTo(expected.field());
            }
        }
    }

    private void bookingsOf(final SplittableRandom random)
    {
        final int roll = random.nextInt(100);
        final long userId = roll < 70 ? 1 + random.nextInt(HOT_USERS) : roll < 95 ? 1 + random.nextInt(USERS)
            : pick(random, 0L, -1L, 1L << 53, VenueModel.USER_ID_MAX);
        compareBookingsOf(userId);
    }

    private void compareBookingsOf(final long userId)
    {
        final VenueDriver.UserBookings expected = model.bookingsOf(userId);
        final VenueDriver.UserBookings actual = venues.bookingsOf(userId);
        count("bookingsOf", actual.code());
        if (model.reservationsOfUser.getOrDefault(userId, List.of()).size() > LISTED_PER_USER)
        {
            count("bookingsOf past the newest " + LISTED_PER_USER, actual.code());
        }
        assertThat(actual).as("bookings of user %d at %d", userId, model.now).isEqualTo(expected);
    }

    // ------------------------------------------------------------------ checks

    /**
     * The twin engine gets every command the live engine gets, except that a command the model
     * expects refused, or answered again as before, reaches it as a mere tick at the same time:
     * so the two must hash alike whenever they are compared, which shows that refused and
     * repeated commands leave no trace (and that the live engine, restarted from snapshots, did
     * not drift from one that never was).
     */
    private void mirror(final VenueModel.Answer expected, final String command, final Consumer<VenueDriver> apply)
    {
        twin.engineDriver().advanceTo(engine.nowMs());
        if (expected.code() == ResultCode.OK && !expected.replayed())
        {
            apply.accept(twin);
        }
        else
        {
            assertThat(twin.engineDriver().tick()).isEqualTo(ResultCode.OK);
            count("no trace, twin ticked instead: " + command, expected.code());
        }
    }

    /** The live engine and its twin hash alike. */
    void compareWithTwin()
    {
        assertThat(engine.engine().stateHash()).as("state hash of the engine and of its twin, where refused and " +
            "repeated commands were ticks").isEqualTo(twin.engineDriver().engine().stateHash());
    }

    private void checkGrid(final VenueModel.VenueM v, final LocalDate day)
    {
        final VenueDriver.Availability expected = model.availability(v.id, (int)day.toEpochDay());
        final VenueDriver.Availability actual = venues.availability(v.id, (int)day.toEpochDay());
        assertThat(actual).as("availability of venue %d on %s at %d", v.id, day, model.now).isEqualTo(expected);
    }

    /**
     * From the engine's own list of the user's reservations: held + booked slots per (venue,
     * local day) within the venue's limit.
     */
    private void checkDailyLimitsFromEngine(final long userId)
    {
        final VenueDriver.UserBookings listed = venues.bookingsOf(userId);
        final Map<String, Integer> slots = new HashMap<>();
        for (final VenueDriver.HoldRow h : listed.holds())
        {
            slots.merge(h.venueId() + "/" + model.venue(h.venueId()).localDate(h.startAt()), h.slots(), Integer::sum);
        }
        for (final VenueDriver.BookingRow b : listed.bookings())
        {
            if (b.status() != ReservationStatus.CANCELLED)
            {
                slots.merge(b.venueId() + "/" + model.venue(b.venueId()).localDate(b.startAt()), b.slots(), Integer::sum);
            }
        }
        slots.forEach((venueDay, total) ->
        {
            final long venueId = Long.parseLong(venueDay.substring(0, venueDay.indexOf('/')));
            assertThat(total).as("user %d's slots at venue/day %s", userId, venueDay)
                .isLessThanOrEqualTo(model.venue(venueId).spec.maxSlotsPerUserPerDay());
        });
    }

    /**
     * Every venue's grid on every day its calendar can hold and a little beyond, against the
     * model's, and the model's own bookkeeping.
     */
    void checkAllGrids()
    {
        for (final VenueModel.VenueM v : model.venues)
        {
            final LocalDate today = v.localDate(Math.max(model.now, 0));
            for (long d = -2; d <= v.spec.releaseDaysAhead() + 2; d++)
            {
                checkGrid(v, today.plusDays(d));
            }
        }
        model.checkInvariants();
    }

    /** Every user's list, as the engine gives it, against the model's. */
    void auditUsers()
    {
        for (final long userId : model.users())
        {
            compareBookingsOf(userId);
        }
    }

    /**
     * Snapshots the engine, loads the snapshot into a new engine, checks that both hash alike,
     * and carries on with the new one, so that what a snapshot rebuilds is tested by what follows.
     */
    void snapshotAndCarryOnFromIt()
    {
        final Engine live = engine.engine();
        final List<byte[]> records = Snapshots.take(live);
        final Engine restored = Snapshots.load(context, records);
        assertThat(restored.stateHash()).as("state hash after loading a snapshot").isEqualTo(live.stateHash());
        assertThat(restored.lastSequence()).isEqualTo(live.lastSequence());
        assertThat(restored.nowMs()).isEqualTo(live.nowMs());
        final long nextNowMs = engine.nowMs();
        engine = new EngineDriver(restored);
        engine.advanceTo(nextNowMs);
        venues = new VenueDriver(engine);
        snapshots++;
    }
}
