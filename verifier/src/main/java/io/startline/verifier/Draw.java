package io.startline.verifier;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The draw of BALLOT.md, version 1, written from the published text alone: it shares no code, and so
 * no mistake, with the engine whose draws it checks.
 */
public final class Draw
{
    /** The pool code of a unit chosen by the general pool rather than by a reserved one. */
    public static final String GENERAL = "GENERAL";

    /** A reserved pool of a category, as declared in the race. */
    public record Pool(String code, int places, boolean guaranteed)
    {
    }

    /** A category's capacity and its reserved pools in declared order. */
    public record Category(int capacity, List<Pool> pools)
    {
    }

    /**
     * One entry of the frozen entry list.
     *
     * @param group the key that makes entries of one category one unit (a group code, or the
     *              committed list's groupUnitId); null for an entry drawn on its own.
     * @param pools the pools the entry is entitled to.
     */
    public record Entry(long entryId, String category, String group, SortedSet<String> pools, int weight)
    {
    }

    public enum Status
    {
        WON, WAITLISTED
    }

    /**
     * What the draw gave one entry: every member of a unit gets its unit's outcome.
     *
     * @param pool             the code of the pool that chose the unit, {@link #GENERAL} for the general
     *                         pool; null when waitlisted.
     * @param waitlistPosition 1-based; 0 for a winner.
     */
    public record Outcome(Status status, String pool, int drawRank, int waitlistPosition)
    {
    }

    private static final class Unit
    {
        private final List<Entry> members = new ArrayList<>();
        private long unitId = Long.MAX_VALUE;
        private int weight = Integer.MAX_VALUE;
        private Set<String> pools;
        private long key;
        private String chosenBy;

        void add(final Entry entry)
        {
            members.add(entry);
            unitId = Math.min(unitId, entry.entryId());
            weight = Math.min(weight, entry.weight());
            if (pools == null)
            {
                pools = new HashSet<>(entry.pools());
            }
            else
            {
                pools.retainAll(entry.pools());
            }
        }

        int size()
        {
            return members.size();
        }
    }

    /** Key descending as unsigned 64-bit, then unitId ascending. */
    private static final Comparator<Unit> KEY_ORDER = (a, b) ->
    {
        final int byKey = Long.compareUnsigned(b.key, a.key);
        return byKey != 0 ? byKey : Long.compare(a.unitId, b.unitId);
    };

    private Draw()
    {
    }

    /**
     * Draws every category of a race.
     *
     * @return each entry's outcome, by entryId.
     * @throws IllegalArgumentException when an entry names a category the race does not declare, or a
     *                                  group spans two categories: the input is not a ballot.
     */
    public static Map<Long, Outcome> run(
        final long raceId,
        final byte[] seed,
        final Map<String, Category> categories,
        final Collection<Entry> entries)
    {
        final Map<String, List<Unit>> unitsByCategory = formUnits(categories, entries);
        final Map<Long, Outcome> outcomes = new TreeMap<>();
        for (final Map.Entry<String, List<Unit>> category : unitsByCategory.entrySet())
        {
            drawCategory(raceId, seed, categories.get(category.getKey()), category.getValue(), outcomes);
        }
        return outcomes;
    }

    /** The first 8 bytes, big-endian unsigned, of SHA-256(seed ‖ int64be(raceId) ‖ int64be(unitId) ‖ int32be(i)). */
    private static long h(final MessageDigest sha256, final byte[] seed, final long raceId, final long unitId, final int i)
    {
        sha256.reset();
        sha256.update(seed);
        sha256.update(ByteBuffer.allocate(Long.BYTES + Long.BYTES + Integer.BYTES)
            .putLong(raceId).putLong(unitId).putInt(i).array());
        return ByteBuffer.wrap(sha256.digest()).getLong();
    }

    private static Map<String, List<Unit>> formUnits(final Map<String, Category> categories, final Collection<Entry> entries)
    {
        final Map<String, List<Unit>> unitsByCategory = new LinkedHashMap<>();
        final Map<String, Unit> groups = new HashMap<>();
        for (final Entry entry : entries)
        {
            if (!categories.containsKey(entry.category()))
            {
                throw new IllegalArgumentException("entry " + entry.entryId() + ": unknown category " + entry.category());
            }
            final Unit unit;
            if (entry.group() == null)
            {
                unit = new Unit();
            }
            else
            {
                final Unit existing = groups.get(entry.group());
                if (existing != null && !existing.members.get(0).category().equals(entry.category()))
                {
                    throw new IllegalArgumentException("entry " + entry.entryId() + ": group " + entry.group() +
                        " spans categories " + existing.members.get(0).category() + " and " + entry.category());
                }
                unit = existing != null ? existing : new Unit();
                groups.put(entry.group(), unit);
            }
            if (unit.members.isEmpty())
            {
                unitsByCategory.computeIfAbsent(entry.category(), c -> new ArrayList<>()).add(unit);
            }
            unit.add(entry);
        }
        return unitsByCategory;
    }

    private static void drawCategory(
        final long raceId,
        final byte[] seed,
        final Category category,
        final List<Unit> units,
        final Map<Long, Outcome> outcomes)
    {
        final MessageDigest sha256 = sha256();
        for (final Unit unit : units)
        {
            long key = 0;
            for (int i = 1; i <= unit.weight; i++)
            {
                final long hi = h(sha256, seed, raceId, unit.unitId, i);
                if (Long.compareUnsigned(hi, key) > 0)
                {
                    key = hi;
                }
            }
            unit.key = key;
        }
        units.sort(KEY_ORDER);

        int taken = 0;
        for (final Pool pool : poolOrder(category.pools()))
        {
            int left = Math.min(pool.places(), category.capacity() - taken);
            for (final Unit unit : units)
            {
                if (unit.chosenBy == null && unit.pools.contains(pool.code()) && unit.size() <= left)
                {
                    unit.chosenBy = pool.code();
                    left -= unit.size();
                    taken += unit.size();
                }
            }
        }
        int left = category.capacity() - taken;
        for (final Unit unit : units)
        {
            if (unit.chosenBy == null && unit.size() <= left)
            {
                unit.chosenBy = GENERAL;
                left -= unit.size();
            }
        }

        int waitlistPosition = 0;
        for (int rank = 1; rank <= units.size(); rank++)
        {
            final Unit unit = units.get(rank - 1);
            final Outcome outcome = unit.chosenBy != null ?
                new Outcome(Status.WON, unit.chosenBy, rank, 0) :
                new Outcome(Status.WAITLISTED, null, rank, ++waitlistPosition);
            for (final Entry member : unit.members)
            {
                outcomes.put(member.entryId(), outcome);
            }
        }
    }

    /** Guaranteed pools in declared order, then the other reserved pools in declared order. */
    private static List<Pool> poolOrder(final List<Pool> declared)
    {
        final List<Pool> order = new ArrayList<>();
        for (final Pool pool : declared)
        {
            if (pool.guaranteed())
            {
                order.add(pool);
            }
        }
        for (final Pool pool : declared)
        {
            if (!pool.guaranteed())
            {
                order.add(pool);
            }
        }
        return order;
    }

    static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException e)
        {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
