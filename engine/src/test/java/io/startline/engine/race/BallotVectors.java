package io.startline.engine.race;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.startline.engine.codec.Gender;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.testkit.RaceDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The published conformance vectors (repository folder {@code ballot-vectors/}, a copy of
 * {@code shared/ballot-vectors}), read into plain records.
 */
final class BallotVectors
{
    static final Path DIRECTORY = Path.of("..", "ballot-vectors");

    record VectorEntry(long entryId, String category, String group, List<String> pools, int weight)
    {
    }

    record Expected(long entryId, String status, String pool, int drawRank, int waitlistPosition)
    {
    }

    record Vector(String name, long raceId, String seedHex, List<RaceDriver.Category> categories,
        List<VectorEntry> entries, Map<Long, Expected> expected)
    {
    }

    private BallotVectors()
    {
    }

    static List<String> names()
    {
        return List.of("small", "medium");
    }

    static Vector load(final String name) throws IOException
    {
        final JsonNode race = new ObjectMapper().readTree(DIRECTORY.resolve(name + ".race.json").toFile());
        final List<RaceDriver.Category> categories = new ArrayList<>();
        final Iterator<Map.Entry<String, JsonNode>> fields = race.get("categories").fields();
        while (fields.hasNext())
        {
            final Map.Entry<String, JsonNode> category = fields.next();
            final List<RaceDriver.Pool> pools = new ArrayList<>();
            for (final JsonNode pool : category.getValue().get("pools"))
            {
                pools.add(new RaceDriver.Pool(pool.get("code").asText(), pool.get("places").asInt(),
                    pool.has("guaranteed") && pool.get("guaranteed").asBoolean()));
            }
            categories.add(new RaceDriver.Category(category.getKey(), category.getValue().get("capacity").asInt(),
                10_000, 0, 130, 1, pools));
        }

        final List<VectorEntry> entries = new ArrayList<>();
        for (final String line : dataLines(name + ".entries.csv"))
        {
            final String[] cells = line.split(",", -1);
            entries.add(new VectorEntry(Long.parseLong(cells[0]), cells[1], cells[2],
                cells[3].isEmpty() ? List.of() : Arrays.asList(cells[3].split(" ")), Integer.parseInt(cells[4])));
        }
        final Map<Long, Expected> expected = new LinkedHashMap<>();
        for (final String line : dataLines(name + ".expected.csv"))
        {
            final String[] cells = line.split(",", -1);
            expected.put(Long.parseLong(cells[0]), new Expected(Long.parseLong(cells[0]), cells[1], cells[2],
                Integer.parseInt(cells[3]), cells[4].isEmpty() ? 0 : Integer.parseInt(cells[4])));
        }
        return new Vector(name, race.get("raceId").asLong(), race.get("seed").asText(), categories, entries, expected);
    }

    /**
     * Registers the vector's race in an engine: the race under its own id, one group per group
     * code, every entry in entryId order with its own person and user, the pool and weight
     * entitlements; then lets registration close.
     *
     * @return the engine's entry ids, which must be the vector's.
     */
    static List<Long> register(final Vector vector, final RaceDriver races, final long startMs)
    {
        final long closesAt = startMs + 86_400_000L;
        final RaceDriver.Race race = new RaceDriver.Race(vector.raceId(), "Vector " + vector.name(),
            LocalDate.of(2027, 4, 12), RaceMode.LOTTERY, startMs, closesAt, 7 * 86_400_000L, 20,
            vector.categories());
        final RaceDriver.Result created = races.createRace(race);
        require(created.code().name().equals("OK"), "race created: " + created);

        final Map<String, String> groupCodes = new TreeMap<>();
        for (final VectorEntry entry : vector.entries())
        {
            if (!entry.group().isEmpty() && !groupCodes.containsKey(entry.group()))
            {
                final RaceDriver.Group group = races.createGroup(vector.raceId(), 900_000 + entry.entryId(),
                    entry.category());
                require(group.groupCode() != null, "group " + entry.group() + " created: " + group);
                groupCodes.put(entry.group(), group.groupCode());
            }
        }
        final Map<String, List<long[]>> poolPersons = new TreeMap<>();
        final Map<Integer, List<long[]>> weightPersons = new TreeMap<>();
        final List<Long> ids = new ArrayList<>();
        for (final VectorEntry entry : vector.entries())
        {
            final long[] person = personKey(entry.entryId());
            final RaceDriver.Submitted submitted = races.submit(new RaceDriver.Entry(vector.raceId(), entry.entryId(),
                entry.category(), groupCodes.get(entry.group()), person[0], person[1], Gender.F,
                LocalDate.of(1990, 5, 1), "Runner " + entry.entryId(), "13800000000"));
            require(submitted.entryId() != 0, "entry " + entry.entryId() + " accepted: " + submitted);
            ids.add(submitted.entryId());
            for (final String pool : entry.pools())
            {
                poolPersons.computeIfAbsent(pool, p -> new ArrayList<>()).add(person);
            }
            if (entry.weight() != 1)
            {
                weightPersons.computeIfAbsent(entry.weight(), w -> new ArrayList<>()).add(person);
            }
        }
        poolPersons.forEach((pool, persons) ->
            require(races.grant(vector.raceId(), pool, 0, persons.toArray(long[][]::new)).code().name().equals("OK"),
                "pool " + pool + " granted"));
        weightPersons.forEach((weight, persons) ->
            require(races.grant(vector.raceId(), null, weight, persons.toArray(long[][]::new)).code().name()
                .equals("OK"), "weight " + weight + " granted"));
        races.engineDriver().advanceTo(closesAt);
        races.engineDriver().tick();
        return ids;
    }

    static long[] personKey(final long entryId)
    {
        return new long[] {0x5eed_0000_0000L + entryId, 0x7e57L};
    }

    /**
     * The entry-list lines of BALLOT.md computed from the vector file itself, not from the engine.
     */
    static String canonicalEntryList(final Vector vector)
    {
        final Map<String, Long> unitOfGroup = new TreeMap<>();
        for (final VectorEntry entry : vector.entries())
        {
            if (!entry.group().isEmpty())
            {
                unitOfGroup.merge(entry.group(), entry.entryId(), Math::min);
            }
        }
        final StringBuilder lines = new StringBuilder();
        vector.entries().stream().sorted((a, b) -> Long.compare(a.entryId(), b.entryId())).forEach(entry ->
        {
            final List<String> pools = new ArrayList<>(entry.pools());
            pools.sort(null);
            lines.append(entry.entryId()).append(',').append(entry.category()).append(',')
                .append(entry.group().isEmpty() ? entry.entryId() : unitOfGroup.get(entry.group())).append(',')
                .append(String.join(" ", pools)).append(',').append(entry.weight()).append('\n');
        });
        return lines.toString();
    }

    private static List<String> dataLines(final String file) throws IOException
    {
        final List<String> lines = Files.readAllLines(DIRECTORY.resolve(file));
        return lines.subList(1, lines.size()).stream().filter(line -> !line.isBlank()).toList();
    }

    private static void require(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalStateException("vector setup failed: " + what);
        }
    }
}
