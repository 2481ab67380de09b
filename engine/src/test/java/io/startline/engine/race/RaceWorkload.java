package io.startline.engine.race;

import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.Gender;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.RaceDriver;
import io.startline.engine.support.StateHasher;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A random race season driven into the engine and the {@link RaceModel} side by side: a big
 * lottery race (three categories, guaranteed and local pools, weights, groups) and a small
 * first-come race. Registration with duplicates, wrong ages, bad groups, withdrawals and
 * grants; the close; an early and a real draw; then payments, lapses, withdrawals and waitlist
 * promotions in random order; finally the waitlist closes. Every result is compared, and the
 * invariants are checked after every step.
 */
final class RaceWorkload
{
    static final long LOTTERY_RACE = 2027;
    static final long FIRST_COME_RACE = 4242;
    static final long T0 = 1_800_000_000_000L;
    static final long DAY = 86_400_000L;
    static final long REGISTRATION_MS = 10 * DAY;
    static final long PAYMENT_WINDOW_MS = 2 * DAY;
    static final int MAX_WEIGHT = 100;
    private static final LocalDate RACE_DATE = LocalDate.of(2027, 4, 12);
    private static final String[] LOTTERY_CATEGORIES = {"FULL", "HALF", "TEN_K"};

    private final RaceDriver engine;
    private final RaceModel model;
    private final int users;
    private final List<String> groupCodes = new ArrayList<>();
    private final Map<String, List<String>> groupCodesByCategory = new HashMap<>();
    private final Map<String, RaceModel.Group> groupByCode = new HashMap<>();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private long nowMs = T0;
    private int entriesAccepted;

    RaceWorkload(final RaceDriver engine, final int maxEntries, final int users)
    {
        this.engine = engine;
        this.model = new RaceModel(maxEntries);
        this.users = users;
        createRaces();
    }

    Map<String, Long> outcomes()
    {
        return outcomes;
    }

    int entriesAccepted()
    {
        return entriesAccepted;
    }

    long nowMs()
    {
        return nowMs;
    }

    private void createRaces()
    {
        final List<RaceDriver.Category> lotteryCategories = List.of(
            new RaceDriver.Category("FULL", 30_000, 28_000, 20, 70, 1, List.of(
                new RaceDriver.Pool("LOCAL", 6_000, false), new RaceDriver.Pool("ELITE", 300, true))),
            new RaceDriver.Category("HALF", 20_000, 18_000, 16, 75, 100_001, List.of(
                new RaceDriver.Pool("LOCAL", 2_000, false))),
            new RaceDriver.Category("TEN_K", 8_000, 8_000, 12, 90, 300_001, List.of()));
        final RaceDriver.Race lottery = new RaceDriver.Race(LOTTERY_RACE, "City Marathon", RACE_DATE,
            RaceMode.LOTTERY, T0, T0 + REGISTRATION_MS, PAYMENT_WINDOW_MS, 4, lotteryCategories);
        assertThat(engine.createRace(lottery).code()).isEqualTo(ResultCode.OK);
        model.addRace(modelRace(lottery));

        final List<RaceDriver.Category> firstComeCategories = List.of(
            new RaceDriver.Category("FUN_RUN", 3_000, 5_000, 6, 99, 1, List.of(
                new RaceDriver.Pool("ELITE", 100, true))));
        final RaceDriver.Race firstCome = new RaceDriver.Race(FIRST_COME_RACE, "Fun Run", RACE_DATE,
            RaceMode.FIRST_COME, T0, T0 + REGISTRATION_MS / 2, PAYMENT_WINDOW_MS, 1, firstComeCategories);
        assertThat(engine.createRace(firstCome).code()).isEqualTo(ResultCode.OK);
        model.addRace(modelRace(firstCome));
    }

    private static RaceModel.Race modelRace(final RaceDriver.Race race)
    {
        final RaceModel.Race modelRace = new RaceModel.Race(race.requestedRaceId(), race.mode(), race.raceDate(),
            race.registrationOpensAt(), race.registrationClosesAt(), race.paymentWindowMs(), race.maxGroupSize());
        for (final RaceDriver.Category category : race.categories())
        {
            final List<RaceModel.Pool> pools = new ArrayList<>();
            category.pools().forEach(p -> pools.add(new RaceModel.Pool(p.code(), p.places(), p.guaranteed())));
            modelRace.categories.put(category.code(), new RaceModel.Category(category.code(), category.capacity(),
                category.minAge(), category.maxAge(), category.bibFrom(), pools));
        }
        return modelRace;
    }

    // ------------------------------------------------------------------ phases

    /** One registration-phase step: mostly entries, some groups, grants and withdrawals. */
    void registrationStep(final SplittableRandom random, final long stepMs)
    {
        // Registration steps stay inside the window: the close and the draw are their own phase.
        advance(Math.min(random.nextLong(stepMs + 1), Math.max(0, T0 + REGISTRATION_MS - 1 - nowMs)));
        final int dice = random.nextInt(1000);
        if (dice < 900)
        {
            submit(random);
        }
        else if (dice < 945)
        {
            createGroup(random);
        }
        else if (dice < 960)
        {
            grant(random);
        }
        else if (dice < 985)
        {
            withdraw(random);
        }
        else if (dice < 990)
        {
            draw(random);
        }
        else
        {
            pay(random);
        }
    }

    void closeAndDraw(final SplittableRandom random)
    {
        advanceTo(Math.max(nowMs, T0 + REGISTRATION_MS));
        grant(random);
        submit(random);
        withdraw(random);
        compare("createGroup", engine.createGroup(LOTTERY_RACE, 1, "FULL").code(),
            model.createGroup(LOTTERY_RACE, "FULL", nowMs));
        final long applicant = model.races.get(LOTTERY_RACE).byUser.entrySet().stream()
            .filter(e -> e.getValue().status() == EntryStatus.APPLIED).findFirst().orElseThrow().getKey();
        final RaceDriver.Withdrawn late = engine.withdraw(LOTTERY_RACE, applicant);
        compare("withdraw", late.code(), model.withdraw(LOTTERY_RACE, applicant, nowMs));
        final byte[] seed = new byte[32];
        random.nextBytes(seed);
        compare("draw", engine.draw(LOTTERY_RACE, hex(seed)).code(), model.draw(LOTTERY_RACE, seed, nowMs));
        compare("draw again", engine.draw(LOTTERY_RACE, hex(seed)).code(), model.draw(LOTTERY_RACE, seed, nowMs));
    }

    /** One post-draw step: payments, withdrawals, time passing deadlines. */
    void afterDrawStep(final SplittableRandom random, final long stepMs)
    {
        advance(random.nextLong(stepMs + 1));
        final int dice = random.nextInt(100);
        if (dice < 70)
        {
            pay(random);
        }
        else if (dice < 90)
        {
            withdraw(random);
        }
        else if (dice < 95)
        {
            submit(random);
        }
        else
        {
            closeWaitlistEarlyAttempt();
        }
    }

    void closeWaitlists()
    {
        for (final long raceId : new long[] {LOTTERY_RACE, FIRST_COME_RACE})
        {
            final RaceDriver.Result result = engine.closeWaitlist(raceId);
            final RaceModel.Outcome expected = model.closeWaitlist(raceId);
            compare("closeWaitlist", result.code(), expected);
            if (result.code() == ResultCode.OK)
            {
                assertThat(result.id()).as("entries not selected").isEqualTo(expected.count());
            }
        }
    }

    private void closeWaitlistEarlyAttempt()
    {
        // Mostly refused: the draw happened, but the season is not over; count the refusals' path too.
        final RaceDriver.Result result = engine.closeWaitlist(999);
        compare("closeWaitlist", result.code(), model.closeWaitlist(999));
    }

    // ------------------------------------------------------------------ commands

    private void submit(final SplittableRandom random)
    {
        final boolean firstCome = random.nextInt(10) == 0;
        final long raceId = firstCome ? FIRST_COME_RACE : LOTTERY_RACE;
        final long userId = 1 + random.nextInt(users);
        final String category = firstCome ? "FUN_RUN" : LOTTERY_CATEGORIES[random.nextInt(LOTTERY_CATEGORIES.length)];
        // Now and then someone types another person's id: that person may already be in.
        final long personUser = random.nextInt(50) == 0 ? 1 + random.nextInt(users) : userId;
        final long[] person = personKey(personUser);
        // Most applicants are of age for every category; some are not.
        final int years = random.nextInt(10) == 0 ? 9 + random.nextInt(86) : 20 + random.nextInt(50);
        final LocalDate birth = RACE_DATE.minusYears(years).minusDays(random.nextInt(366));

        String groupCode = null;
        RaceModel.Group group = null;
        final int groupDice = random.nextInt(100);
        if (!firstCome && groupDice < 30 && !groupCodes.isEmpty())
        {
            // Mostly a recent group of the category entered; sometimes one of another category.
            final List<String> candidates = groupDice < 27 ?
                groupCodesByCategory.getOrDefault(category, groupCodes) : groupCodes;
            groupCode = candidates.get(candidates.size() - 1 - random.nextInt(Math.min(candidates.size(), 500)));
            group = groupByCode.get(groupCode);
        }
        else if (groupDice == 30)
        {
            groupCode = "G0000000000000";
            group = RaceModel.UNKNOWN_GROUP;
        }
        final RaceDriver.Submitted submitted = engine.submit(new RaceDriver.Entry(raceId, userId, category, groupCode,
            person[0], person[1], random.nextBoolean() ? Gender.F : Gender.M, birth, "Runner " + userId,
            "1390000" + (1000 + random.nextInt(9000))));
        final RaceModel.Outcome expected = model.submit(raceId, userId, category, group,
            RaceModel.personOf(person[0], person[1]), birth, nowMs);
        compare("submit", submitted.code(), expected);
        if (submitted.code() == ResultCode.OK)
        {
            entriesAccepted++;
            assertThat(submitted.entryId()).isEqualTo(expected.id());
            assertThat(submitted.status()).isEqualTo(expected.status());
            assertThat(submitted.paymentDueAt() == null ? 0 : submitted.paymentDueAt())
                .isEqualTo(expected.paymentDueAt());
            assertThat(submitted.waitlistPosition()).isEqualTo(expected.waitlistPosition());
        }
    }

    private void createGroup(final SplittableRandom random)
    {
        final long raceId = random.nextInt(20) == 0 ? FIRST_COME_RACE : LOTTERY_RACE;
        final String category = raceId == FIRST_COME_RACE ? "FUN_RUN" :
            LOTTERY_CATEGORIES[random.nextInt(LOTTERY_CATEGORIES.length)];
        final RaceDriver.Group created = engine.createGroup(raceId, 1 + random.nextInt(users), category);
        final RaceModel.Outcome expected = model.createGroup(raceId, category, nowMs);
        compare("createGroup", created.code(), expected);
        if (created.code() == ResultCode.OK)
        {
            groupCodes.add(created.groupCode());
            groupCodesByCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(created.groupCode());
            groupByCode.put(created.groupCode(), model.groups.get((int)expected.id()));
        }
    }

    private void grant(final SplittableRandom random)
    {
        final long raceId = random.nextInt(5) == 0 ? FIRST_COME_RACE : LOTTERY_RACE;
        final int persons = 1 + random.nextInt(40);
        final long[][] keys = new long[persons][];
        final List<String> modelPersons = new ArrayList<>();
        for (int i = 0; i < persons; i++)
        {
            keys[i] = personKey(1 + random.nextInt(users));
            modelPersons.add(RaceModel.personOf(keys[i][0], keys[i][1]));
        }
        final int kind = random.nextInt(10);
        final String pool = kind < 5 ? "LOCAL" : kind < 7 ? "ELITE" : kind == 7 ? "NOPE" : null;
        final int weight = kind >= 8 ? 1 + random.nextInt(4) : random.nextInt(4) == 0 ? 2 : 0;
        final RaceDriver.Result result = engine.grant(raceId, pool, weight, keys);
        compare("grant", result.code(), model.grant(raceId, pool, weight, modelPersons, MAX_WEIGHT));
    }

    private void withdraw(final SplittableRandom random)
    {
        final long raceId = random.nextInt(10) == 0 ? FIRST_COME_RACE : LOTTERY_RACE;
        final long userId = 1 + random.nextInt(users);
        final RaceDriver.Withdrawn withdrawn = engine.withdraw(raceId, userId);
        final RaceModel.Outcome expected = model.withdraw(raceId, userId, nowMs);
        compare("withdraw", withdrawn.code(), expected);
        if (withdrawn.code() == ResultCode.OK)
        {
            assertThat(withdrawn.entryId()).isEqualTo(expected.id());
            assertThat(withdrawn.promotedEntries()).as("entries promoted").isEqualTo(expected.count());
        }
    }

    private void draw(final SplittableRandom random)
    {
        final byte[] seed = new byte[1 + random.nextInt(32)];
        random.nextBytes(seed);
        final long raceId = random.nextBoolean() ? LOTTERY_RACE : FIRST_COME_RACE;
        compare("early draw", engine.draw(raceId, hex(seed)).code(), model.draw(raceId, seed, nowMs));
    }

    private void pay(final SplittableRandom random)
    {
        final long raceId = random.nextInt(10) == 0 ? FIRST_COME_RACE : LOTTERY_RACE;
        final long entryId = 1 + random.nextInt(Math.max(1, model.entries.size() + 10));
        final String reference = random.nextInt(200) == 0 ? "" : "PAY-" + entryId;
        final RaceDriver.Paid paid = engine.pay(raceId, entryId, reference);
        final RaceModel.Outcome expected = model.pay(raceId, entryId, reference);
        compare(expected.count() == 1 ? "pay again" : "pay", paid.code(), expected);
        if (paid.code() == ResultCode.OK)
        {
            assertThat(paid.bib()).as("bib").isEqualTo(expected.bib());
            assertThat(paid.replayed()).isEqualTo(expected.count() == 1);
        }
    }

    // ------------------------------------------------------------------ time and checks

    private void advance(final long durationMs)
    {
        advanceTo(nowMs + durationMs);
    }

    private void advanceTo(final long timestampMs)
    {
        nowMs = timestampMs;
        engine.engineDriver().advanceTo(nowMs);
        model.advanceTime(nowMs);
        // The engine fires deadlines on its next command; a tick is one, and it is journaled like any.
        assertThat(engine.engineDriver().tick()).isEqualTo(ResultCode.OK);
    }

    private void compare(final String command, final ResultCode actual, final RaceModel.Outcome expected)
    {
        outcomes.merge(command + " " + actual, 1L, Long::sum);
        assertThat(actual).as(command + " at " + nowMs).isEqualTo(expected.code());
    }

    /**
     * Cheap invariants, after every step: per category the engine's counts equal the model's,
     * and places held never exceed capacity.
     */
    void checkCounts()
    {
        for (final RaceModel.Race race : model.races.values())
        {
            final RaceDriver.RaceView view = engine.race(race.id);
            int i = 0;
            for (final RaceModel.Category category : race.categories.values())
            {
                final RaceDriver.CategoryCounts counts = view.categories().get(i++);
                assertThat(counts.holding()).as("places held in " + category.code).isLessThanOrEqualTo(category.capacity)
                    .isEqualTo(category.holding);
            }
        }
    }

    /**
     * The full comparison: every row of the engine's results export against the model, plus
     * the invariants that need the whole list: one entry per person, a group's members share
     * their draw and never split between waiting and holding, bibs unique per category,
     * waitlist positions contiguous from 1 per category.
     */
    void checkEverything()
    {
        for (final RaceModel.Race race : model.races.values())
        {
            final List<RaceDriver.ResultRow> rows = engine.results(race.id);
            assertThat(rows).hasSize(race.entries.size());
            final Set<String> persons = new HashSet<>();
            final Map<String, Set<Integer>> bibs = new HashMap<>();
            final Map<String, Set<Integer>> positions = new HashMap<>();
            for (int i = 0; i < rows.size(); i++)
            {
                final RaceDriver.ResultRow row = rows.get(i);
                final RaceModel.Entry entry = race.entries.get(i);
                assertThat(persons.add(entry.person)).as("one entry per person").isTrue();
                assertThat(row.entryId()).isEqualTo(entry.id);
                assertThat(row.status()).as("status of entry " + entry.id).isEqualTo(entry.status());
                assertThat(row.pool()).as("pool of entry " + entry.id).isEqualTo(entry.pool);
                assertThat(row.drawRank()).as("draw rank of entry " + entry.id).isEqualTo(entry.drawRank);
                assertThat(row.waitlistPosition()).as("position of entry " + entry.id)
                    .isEqualTo(entry.waitlistPosition);
                assertThat(row.bib()).as("bib of entry " + entry.id).isEqualTo(entry.bib);
                assertThat(row.inEntryList()).isEqualTo(entry.listed);
                if (entry.listed)
                {
                    assertThat(row.weight()).isEqualTo(entry.weight);
                    assertThat(new HashSet<>(row.pools())).isEqualTo(entry.pools);
                }
                if (row.bib() != 0)
                {
                    assertThat(bibs.computeIfAbsent(row.categoryCode(), c -> new HashSet<>()).add(row.bib()))
                        .as("bib " + row.bib() + " unique in " + row.categoryCode()).isTrue();
                }
                if (row.waitlistPosition() != 0)
                {
                    positions.computeIfAbsent(row.categoryCode(), c -> new HashSet<>()).add(row.waitlistPosition());
                }
            }
            positions.forEach((category, taken) ->
                assertThat(taken).as("waitlist positions of " + category + " run 1.." + taken.size())
                    .allMatch(p -> p >= 1 && p <= taken.size()));
        }
        for (final RaceModel.Group group : model.groups)
        {
            final Set<Integer> ranks = new HashSet<>();
            boolean waiting = false;
            boolean holding = false;
            for (final RaceModel.Entry member : group.members)
            {
                ranks.add(member.drawRank);
                waiting |= member.status() == EntryStatus.WAITLISTED || member.status() == EntryStatus.NOT_SELECTED;
                holding |= member.status() == EntryStatus.WON || member.status() == EntryStatus.CONFIRMED ||
                    member.status() == EntryStatus.LAPSED;
            }
            assertThat(ranks).as("a group is one unit in the draw").hasSizeLessThanOrEqualTo(1);
            assertThat(waiting && holding).as("a group is never split between waiting and a place").isFalse();
        }
    }

    static long[] personKey(final long user)
    {
        return new long[] {StateHasher.mix(user), StateHasher.mix(~user)};
    }

    private static String hex(final byte[] bytes)
    {
        final StringBuilder text = new StringBuilder();
        for (final byte b : bytes)
        {
            text.append(String.format("%02x", b & 0xFF));
        }
        return text.toString();
    }
}
