package io.startline.engine.race;

import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.codec.ResultCode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A deliberately simple reference for the race rules: objects, lists and hash maps, the draw
 * written straight from BALLOT.md with a comparator sort, waitlists as plain lists. It is slow
 * and obvious on purpose; the engine is tested against it.
 */
final class RaceModel
{
    static final String GENERAL = "GENERAL";
    static final String WAITLIST = "WAITLIST";

    static final class Pool
    {
        final String code;
        final int places;
        final boolean guaranteed;
        int firstComeTaken;

        Pool(final String code, final int places, final boolean guaranteed)
        {
            this.code = code;
            this.places = places;
            this.guaranteed = guaranteed;
        }
    }

    static final class Category
    {
        final String code;
        final int capacity;
        final int minAge;
        final int maxAge;
        final List<Pool> pools;
        int nextBib;
        int generalTaken;
        int holding;
        final List<List<Entry>> waitlist = new ArrayList<>();
        final Set<Integer> bibs = new HashSet<>();

        Category(final String code, final int capacity, final int minAge, final int maxAge, final int bibFrom,
            final List<Pool> pools)
        {
            this.code = code;
            this.capacity = capacity;
            this.minAge = minAge;
            this.maxAge = maxAge;
            this.nextBib = bibFrom;
            this.pools = pools;
        }

        int reserved()
        {
            return pools.stream().mapToInt(p -> p.places).sum();
        }

        List<Pool> poolsInSelectionOrder()
        {
            final List<Pool> ordered = new ArrayList<>();
            pools.stream().filter(p -> p.guaranteed).forEach(ordered::add);
            pools.stream().filter(p -> !p.guaranteed).forEach(ordered::add);
            return ordered;
        }
    }

    static final class Race
    {
        final long id;
        final RaceMode mode;
        final LocalDate raceDate;
        final long opensAt;
        final long closesAt;
        final long paymentWindowMs;
        final int maxGroupSize;
        final Map<String, Category> categories = new LinkedHashMap<>();
        final List<Entry> entries = new ArrayList<>();
        final Map<Long, Entry> byUser = new HashMap<>();
        final Map<String, Entry> byPerson = new HashMap<>();
        final Map<String, Set<String>> entitledPools = new HashMap<>();
        final Map<String, Integer> weights = new HashMap<>();
        boolean closed;
        boolean drawn;
        boolean waitlistClosed;
        /** WON entries by payment deadline, then by when they won. */
        final PriorityQueue<Entry> dueQueue = new PriorityQueue<>(
            Comparator.comparingLong((Entry e) -> e.paymentDueAt).thenComparingLong(e -> e.wonOrder));

        Race(final long id, final RaceMode mode, final LocalDate raceDate, final long opensAt, final long closesAt,
            final long paymentWindowMs, final int maxGroupSize)
        {
            this.id = id;
            this.mode = mode;
            this.raceDate = raceDate;
            this.opensAt = opensAt;
            this.closesAt = closesAt;
            this.paymentWindowMs = paymentWindowMs;
            this.maxGroupSize = maxGroupSize;
        }

        Set<String> poolCodes()
        {
            return categories.values().stream().flatMap(c -> c.pools.stream()).map(p -> p.code)
                .collect(Collectors.toSet());
        }

        int holding(final Category category)
        {
            return category.holding;
        }
    }

    static final class Group
    {
        final Race race;
        final Category category;
        final List<Entry> members = new ArrayList<>();

        Group(final Race race, final Category category)
        {
            this.race = race;
            this.category = category;
        }
    }

    static final class Entry
    {
        final long id;
        final Race race;
        final Category category;
        final String person;
        Group group;
        private EntryStatus status = EntryStatus.APPLIED;
        String pool = "";
        Set<String> pools = Set.of();
        int weight = 1;
        boolean listed;
        int drawRank;
        int waitlistPosition;
        long paymentDueAt;
        long wonOrder;
        int bib;

        Entry(final long id, final Race race, final Category category, final String person)
        {
            this.id = id;
            this.race = race;
            this.category = category;
            this.person = person;
        }

        EntryStatus status()
        {
            return status;
        }

        /** Every status change goes through here, so that places held are counted, not searched. */
        void status(final EntryStatus next)
        {
            if (holds(status))
            {
                category.holding--;
            }
            if (holds(next))
            {
                category.holding++;
            }
            status = next;
        }

        private static boolean holds(final EntryStatus status)
        {
            return status == EntryStatus.WON || status == EntryStatus.CONFIRMED;
        }
    }

    /** What a command answered, as far as the model decides it. */
    record Outcome(ResultCode code, long id, EntryStatus status, long paymentDueAt, int waitlistPosition, int bib,
        int count)
    {
        static Outcome refused(final ResultCode code)
        {
            return new Outcome(code, 0, null, 0, 0, 0, 0);
        }
    }

    final Map<Long, Race> races = new LinkedHashMap<>();
    final List<Group> groups = new ArrayList<>();
    final List<Entry> entries = new ArrayList<>();
    private final int maxEntries;

    RaceModel(final int maxEntries)
    {
        this.maxEntries = maxEntries;
    }

    void addRace(final Race race)
    {
        races.put(race.id, race);
    }

    // ------------------------------------------------------------------ time

    void advanceTime(final long nowMs)
    {
        for (final Race race : races.values())
        {
            if (!race.closed && nowMs >= race.closesAt)
            {
                close(race, nowMs);
            }
            while (!race.dueQueue.isEmpty() && race.dueQueue.peek().paymentDueAt < nowMs)
            {
                final Entry entry = race.dueQueue.poll();
                if (entry.status() == EntryStatus.WON)
                {
                    releaseFirstCome(entry);
                    entry.status(EntryStatus.LAPSED);
                    promote(entry.category, race, nowMs);
                }
            }
        }
    }

    private long wonCounter;

    private void close(final Race race, final long nowMs)
    {
        race.closed = true;
        for (final Entry entry : race.entries)
        {
            if (entry.status() == EntryStatus.WITHDRAWN)
            {
                continue;
            }
            if (race.mode == RaceMode.LOTTERY)
            {
                resolve(entry);
            }
            entry.listed = true;
        }
        if (race.mode == RaceMode.FIRST_COME)
        {
            for (final Category category : race.categories.values())
            {
                promote(category, race, nowMs);
            }
        }
    }

    private void resolve(final Entry entry)
    {
        final Set<String> categoryPools = entry.category.pools.stream().map(p -> p.code).collect(Collectors.toSet());
        final Set<String> pools = new HashSet<>(entry.race.entitledPools.getOrDefault(entry.person, Set.of()));
        pools.retainAll(categoryPools);
        entry.pools = pools;
        entry.weight = entry.race.weights.getOrDefault(entry.person, 1);
    }

    // ------------------------------------------------------------------ commands

    Outcome grant(final long raceId, final String pool, final int weight, final List<String> persons,
        final int maxWeight)
    {
        final Race race = races.get(raceId);
        if (race == null)
        {
            return Outcome.refused(ResultCode.RACE_NOT_FOUND);
        }
        if (pool == null && weight == 0 || weight < 0 || weight > maxWeight || persons.isEmpty())
        {
            return Outcome.refused(ResultCode.INVALID_ARGUMENT);
        }
        if (pool != null && !race.poolCodes().contains(pool))
        {
            return Outcome.refused(ResultCode.POOL_NOT_FOUND);
        }
        if (race.closed)
        {
            return Outcome.refused(ResultCode.CLOSED);
        }
        for (final String person : persons)
        {
            if (pool != null)
            {
                race.entitledPools.computeIfAbsent(person, p -> new HashSet<>()).add(pool);
            }
            else
            {
                race.entitledPools.computeIfAbsent(person, p -> new HashSet<>());
            }
            if (weight != 0)
            {
                race.weights.put(person, weight);
            }
        }
        return new Outcome(ResultCode.OK, raceId, null, 0, 0, 0, persons.size());
    }

    Outcome createGroup(final long raceId, final String categoryCode, final long nowMs)
    {
        final Race race = races.get(raceId);
        if (race == null)
        {
            return Outcome.refused(ResultCode.RACE_NOT_FOUND);
        }
        final Category category = race.categories.get(categoryCode);
        if (category == null)
        {
            return Outcome.refused(ResultCode.CATEGORY_NOT_FOUND);
        }
        if (race.mode != RaceMode.LOTTERY)
        {
            return Outcome.refused(ResultCode.WRONG_MODE);
        }
        if (nowMs < race.opensAt)
        {
            return Outcome.refused(ResultCode.NOT_OPEN);
        }
        if (race.closed)
        {
            return Outcome.refused(ResultCode.CLOSED);
        }
        groups.add(new Group(race, category));
        return new Outcome(ResultCode.OK, groups.size() - 1, null, 0, 0, 0, 0);
    }

    /**
     * @param group null for no group; {@link #UNKNOWN_GROUP} for a code that names no group.
     */
    Outcome submit(final long raceId, final long userId, final String categoryCode, final Group group,
        final String person, final LocalDate birthDate, final long nowMs)
    {
        final Race race = races.get(raceId);
        if (race == null)
        {
            return Outcome.refused(ResultCode.RACE_NOT_FOUND);
        }
        if (!birthDate.isBefore(race.raceDate) || birthDate.isBefore(LocalDate.of(1900, 1, 1)))
        {
            return Outcome.refused(ResultCode.INVALID_ARGUMENT);
        }
        final Category category = race.categories.get(categoryCode);
        if (category == null)
        {
            return Outcome.refused(ResultCode.CATEGORY_NOT_FOUND);
        }
        if (group == UNKNOWN_GROUP || (group != null && group.race != race))
        {
            return Outcome.refused(ResultCode.GROUP_NOT_FOUND);
        }
        if (nowMs < race.opensAt)
        {
            return Outcome.refused(ResultCode.NOT_OPEN);
        }
        if (race.closed)
        {
            return Outcome.refused(ResultCode.CLOSED);
        }
        if (race.byPerson.containsKey(person))
        {
            return Outcome.refused(ResultCode.DUPLICATE_PERSON);
        }
        if (race.byUser.containsKey(userId))
        {
            return Outcome.refused(ResultCode.ALREADY_ENTERED);
        }
        final int age = Period.between(birthDate, race.raceDate).getYears();
        if (age < category.minAge || age > category.maxAge)
        {
            return Outcome.refused(ResultCode.AGE_NOT_ELIGIBLE);
        }
        if (group != null && group.category != category)
        {
            return Outcome.refused(ResultCode.GROUP_CATEGORY_MISMATCH);
        }
        if (group != null && group.members.size() >= race.maxGroupSize)
        {
            return Outcome.refused(ResultCode.GROUP_FULL);
        }
        if (entries.size() == maxEntries)
        {
            return Outcome.refused(ResultCode.CAPACITY_REACHED);
        }
        final Entry entry = new Entry(entries.size() + 1L, race, category, person);
        entries.add(entry);
        race.entries.add(entry);
        race.byUser.put(userId, entry);
        race.byPerson.put(person, entry);
        if (group != null)
        {
            entry.group = group;
            group.members.add(entry);
        }
        if (race.mode == RaceMode.FIRST_COME)
        {
            resolve(entry);
            final String place = firstComePlace(category, race, entry.pools);
            if (place != null)
            {
                win(entry, place, nowMs);
            }
            else
            {
                entry.status(EntryStatus.WAITLISTED);
                entry.waitlistPosition = positionsIssued(category) + 1;
                category.waitlist.add(new ArrayList<>(List.of(entry)));
            }
        }
        return new Outcome(ResultCode.OK, entry.id, entry.status(),
            entry.status() == EntryStatus.WON ? entry.paymentDueAt : 0,
            entry.status() == EntryStatus.WAITLISTED ? entry.waitlistPosition : 0, 0, 0);
    }

    private final Map<Category, Integer> positions = new HashMap<>();

    private int positionsIssued(final Category category)
    {
        final int next = positions.getOrDefault(category, 0) + 1;
        positions.put(category, next);
        return next - 1;
    }

    Outcome withdraw(final long raceId, final long userId, final long nowMs)
    {
        final Race race = races.get(raceId);
        if (race == null)
        {
            return Outcome.refused(ResultCode.RACE_NOT_FOUND);
        }
        final Entry entry = race.byUser.get(userId);
        if (entry == null)
        {
            return Outcome.refused(ResultCode.ENTRY_NOT_FOUND);
        }
        if (entry.status() == EntryStatus.APPLIED && race.closed)
        {
            return Outcome.refused(ResultCode.CLOSED);
        }
        if (entry.status() == EntryStatus.LAPSED || entry.status() == EntryStatus.NOT_SELECTED)
        {
            return Outcome.refused(ResultCode.CLOSED);
        }
        if (entry.status() == EntryStatus.WITHDRAWN)
        {
            return new Outcome(ResultCode.OK, entry.id, entry.status(), 0, 0, 0, 0);
        }
        if (entry.status() == EntryStatus.APPLIED && entry.group != null)
        {
            entry.group.members.remove(entry);
            entry.group = null;
        }
        final boolean held = entry.status() == EntryStatus.WON || entry.status() == EntryStatus.CONFIRMED;
        if (held)
        {
            releaseFirstCome(entry);
        }
        entry.status(EntryStatus.WITHDRAWN);
        int promoted = 0;
        if (held)
        {
            promoted = promote(entry.category, race, nowMs);
        }
        return new Outcome(ResultCode.OK, entry.id, entry.status(), 0, 0, 0, promoted);
    }

    Outcome pay(final long raceId, final long entryId, final String paymentRef)
    {
        if (paymentRef.isEmpty() || paymentRef.length() > Races.PAYMENT_REF_MAX_LENGTH)
        {
            return Outcome.refused(ResultCode.INVALID_ARGUMENT);
        }
        final Race race = races.get(raceId);
        if (race == null)
        {
            return Outcome.refused(ResultCode.RACE_NOT_FOUND);
        }
        if (entryId < 1 || entryId > entries.size() || entries.get((int)entryId - 1).race != race)
        {
            return Outcome.refused(ResultCode.ENTRY_NOT_FOUND);
        }
        final Entry entry = entries.get((int)entryId - 1);
        if (entry.status() == EntryStatus.CONFIRMED)
        {
            return new Outcome(ResultCode.OK, entryId, entry.status(), 0, 0, entry.bib, 1);
        }
        if (entry.status() == EntryStatus.LAPSED)
        {
            return Outcome.refused(ResultCode.EXPIRED);
        }
        if (entry.status() != EntryStatus.WON)
        {
            return Outcome.refused(ResultCode.NOT_PAYABLE);
        }
        entry.bib = entry.category.nextBib++;
        if (!entry.category.bibs.add(entry.bib))
        {
            throw new AssertionError("bib " + entry.bib + " issued twice in " + entry.category.code);
        }
        entry.status(EntryStatus.CONFIRMED);
        return new Outcome(ResultCode.OK, entryId, entry.status(), 0, 0, entry.bib, 0);
    }

    Outcome draw(final long raceId, final byte[] seed, final long nowMs)
    {
        if (seed.length < 1 || seed.length > Races.SEED_MAX_BYTES)
        {
            return Outcome.refused(ResultCode.INVALID_ARGUMENT);
        }
        final Race race = races.get(raceId);
        if (race == null)
        {
            return Outcome.refused(ResultCode.RACE_NOT_FOUND);
        }
        if (race.mode != RaceMode.LOTTERY)
        {
            return Outcome.refused(ResultCode.WRONG_MODE);
        }
        if (!race.closed)
        {
            return Outcome.refused(ResultCode.REGISTRATION_OPEN);
        }
        if (race.drawn)
        {
            return Outcome.refused(ResultCode.ALREADY_DRAWN);
        }
        race.drawn = true;
        int winners = 0;
        for (final Category category : race.categories.values())
        {
            winners += drawCategory(race, category, seed, nowMs);
        }
        return new Outcome(ResultCode.OK, raceId, null, 0, 0, 0, winners);
    }

    /**
     * BALLOT.md, "Units", "Keys" and "Selection", as literally as Java allows.
     */
    private int drawCategory(final Race race, final Category category, final byte[] seed, final long nowMs)
    {
        final Map<Long, List<Entry>> units = new TreeMap<>();
        for (final Entry entry : race.entries)
        {
            if (entry.listed && entry.category == category)
            {
                final long unitId = entry.group == null ? entry.id :
                    entry.group.members.stream().mapToLong(m -> m.id).min().orElseThrow();
                units.computeIfAbsent(unitId, u -> new ArrayList<>()).add(entry);
            }
        }
        final Map<Long, Long> keys = new HashMap<>();
        for (final Map.Entry<Long, List<Entry>> unit : units.entrySet())
        {
            final int weight = unit.getValue().stream().mapToInt(e -> e.weight).min().orElseThrow();
            long key = 0;
            for (int i = 1; i <= weight; i++)
            {
                final long h = h(seed, race.id, unit.getKey(), i);
                key = Long.compareUnsigned(h, key) > 0 ? h : key;
            }
            keys.put(unit.getKey(), key);
        }
        final List<Long> order = new ArrayList<>(units.keySet());
        order.sort((a, b) ->
        {
            final int byKey = Long.compareUnsigned(keys.get(b), keys.get(a));
            return byKey != 0 ? byKey : Long.compare(a, b);
        });

        final Map<Long, String> chosen = new HashMap<>();
        int taken = 0;
        for (final Pool pool : category.poolsInSelectionOrder())
        {
            int left = Math.min(pool.places, category.capacity - taken);
            for (final long unitId : order)
            {
                final List<Entry> members = units.get(unitId);
                final boolean entitled = members.stream().allMatch(m -> m.pools.contains(pool.code));
                if (!chosen.containsKey(unitId) && entitled && members.size() <= left)
                {
                    chosen.put(unitId, pool.code);
                    left -= members.size();
                    taken += members.size();
                }
            }
        }
        int left = category.capacity - taken;
        for (final long unitId : order)
        {
            final int size = units.get(unitId).size();
            if (!chosen.containsKey(unitId) && size <= left)
            {
                chosen.put(unitId, GENERAL);
                left -= size;
            }
        }
        int winners = 0;
        int position = 0;
        for (int rank = 1; rank <= order.size(); rank++)
        {
            final long unitId = order.get(rank - 1);
            final List<Entry> members = units.get(unitId);
            final String pool = chosen.get(unitId);
            if (pool == null)
            {
                position++;
            }
            for (final Entry member : members)
            {
                member.drawRank = rank;
                if (pool == null)
                {
                    member.status(EntryStatus.WAITLISTED);
                    member.waitlistPosition = position;
                }
                else
                {
                    win(member, pool, nowMs);
                    winners++;
                }
            }
            if (pool == null)
            {
                category.waitlist.add(new ArrayList<>(members));
            }
        }
        return winners;
    }

    static long h(final byte[] seed, final long raceId, final long unitId, final int i)
    {
        try
        {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(seed);
            sha.update(ByteBuffer.allocate(20).putLong(raceId).putLong(unitId).putInt(i).array());
            return ByteBuffer.wrap(sha.digest()).getLong();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    Outcome closeWaitlist(final long raceId)
    {
        final Race race = races.get(raceId);
        if (race == null)
        {
            return Outcome.refused(ResultCode.RACE_NOT_FOUND);
        }
        if (race.mode == RaceMode.LOTTERY ? !race.drawn : !race.closed)
        {
            return Outcome.refused(ResultCode.NOT_DRAWN);
        }
        if (race.waitlistClosed)
        {
            return Outcome.refused(ResultCode.WAITLIST_CLOSED);
        }
        race.waitlistClosed = true;
        int notSelected = 0;
        for (final Category category : race.categories.values())
        {
            for (final List<Entry> unit : category.waitlist)
            {
                for (final Entry member : unit)
                {
                    if (member.status() == EntryStatus.WAITLISTED)
                    {
                        member.status(EntryStatus.NOT_SELECTED);
                        notSelected++;
                    }
                }
            }
            category.waitlist.clear();
        }
        return new Outcome(ResultCode.OK, raceId, null, 0, 0, 0, notSelected);
    }

    // ------------------------------------------------------------------ places

    private String firstComePlace(final Category category, final Race race, final Set<String> pools)
    {
        if (race.closed)
        {
            return race.holding(category) < category.capacity ? WAITLIST : null;
        }
        for (final Pool pool : category.poolsInSelectionOrder())
        {
            if (pools.contains(pool.code) && pool.firstComeTaken < pool.places)
            {
                return pool.code;
            }
        }
        return category.generalTaken < category.capacity - category.reserved() ? GENERAL : null;
    }

    private void win(final Entry entry, final String pool, final long nowMs)
    {
        entry.status(EntryStatus.WON);
        entry.pool = pool;
        entry.paymentDueAt = nowMs + entry.race.paymentWindowMs;
        entry.wonOrder = wonCounter++;
        entry.race.dueQueue.add(entry);
        if (entry.race.mode == RaceMode.FIRST_COME && !entry.race.closed)
        {
            countFirstCome(entry, 1);
        }
        if (entry.race.holding(entry.category) > entry.category.capacity)
        {
            throw new AssertionError("category " + entry.category.code + " oversold");
        }
    }

    private void releaseFirstCome(final Entry entry)
    {
        if (entry.race.mode == RaceMode.FIRST_COME && !entry.race.closed)
        {
            countFirstCome(entry, -1);
        }
    }

    private void countFirstCome(final Entry entry, final int delta)
    {
        if (GENERAL.equals(entry.pool))
        {
            entry.category.generalTaken += delta;
            return;
        }
        for (final Pool pool : entry.category.pools)
        {
            if (pool.code.equals(entry.pool))
            {
                pool.firstComeTaken += delta;
            }
        }
    }

    /** BALLOT.md "After the draw": free places go to waitlisted units that fit, in position order. */
    private int promote(final Category category, final Race race, final long nowMs)
    {
        if (race.waitlistClosed || (race.mode == RaceMode.LOTTERY && !race.drawn))
        {
            return 0;
        }
        int promoted = 0;
        for (final var iterator = category.waitlist.iterator(); iterator.hasNext(); )
        {
            if (race.holding(category) >= category.capacity)
            {
                break;
            }
            final List<Entry> unit = iterator.next();
            final List<Entry> waiting = unit.stream().filter(m -> m.status() == EntryStatus.WAITLISTED).toList();
            if (waiting.isEmpty())
            {
                iterator.remove();
                continue;
            }
            final String place = race.mode == RaceMode.FIRST_COME ? firstComePlace(category, race, waiting.get(0).pools) :
                (waiting.size() <= category.capacity - race.holding(category) ? WAITLIST : null);
            if (place != null)
            {
                for (final Entry member : waiting)
                {
                    win(member, place, nowMs);
                    promoted++;
                }
                iterator.remove();
            }
        }
        return promoted;
    }

    /** Stands for a group code that names no group at all. */
    static final Group UNKNOWN_GROUP = new Group(null, null);

    static String personOf(final long personKey0, final long personKey1)
    {
        return new String(ByteBuffer.allocate(16).putLong(personKey0).putLong(personKey1).array(),
            StandardCharsets.ISO_8859_1);
    }
}
