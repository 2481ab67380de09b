package io.startline.verifier;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The frozen entry list, read from either published form, with the SHA-256 of its committed lines
 * ({@code entryListHash} in BALLOT.md).
 * <ul>
 * <li>The vector form has the header {@link #VECTOR_HEADER}; units are formed by group code.</li>
 * <li>The committed form is the exact bytes the engine hashed: no header, one
 * {@code entryId,categoryCode,groupUnitId,pools,weight\n} line per entry in ascending entryId; units
 * are formed by groupUnitId. It is read byte-strict, since its hash is its identity.</li>
 * </ul>
 *
 * @param entries by entryId, ascending.
 * @param sha256  lowercase hex of the committed lines: of the file itself in the committed form, of the
 *                lines BALLOT.md defines for these entries in the vector form.
 */
public record EntryList(Map<Long, Draw.Entry> entries, String sha256)
{
    public static final String VECTOR_HEADER = "entryId,category,group,pools,weight";
    private static final String COMMITTED_LAYOUT = "entryId,categoryCode,groupUnitId,pools,weight";

    /** Where a group was first seen, to name both lines when it turns out to span two categories. */
    private record FirstSeen(String category, int line)
    {
    }

    public static EntryList read(final Path file, final Map<String, Draw.Category> categories) throws InputException
    {
        final byte[] bytes = Csv.read(file);
        final String text = Csv.utf8(file, bytes);
        final List<String> lines = Csv.lines(text);
        // An empty file is the committed form of a race nobody entered: zero lines, hashed as zero bytes.
        if (!lines.isEmpty() && lines.get(0).equals(VECTOR_HEADER))
        {
            final Map<Long, Draw.Entry> entries = readVectorForm(file, lines, categories);
            return new EntryList(entries, sha256(committedLines(entries.values()).getBytes(StandardCharsets.UTF_8)));
        }
        return new EntryList(readCommittedForm(file, text, categories), sha256(bytes));
    }

    /**
     * The lines BALLOT.md hashes for these entries: groupUnitId is the unit's smallest entryId, pools
     * are sorted by code (ordinal string order) and joined by one space.
     */
    private static String committedLines(final Iterable<Draw.Entry> entries)
    {
        final Map<String, Long> unitIds = new HashMap<>();
        final List<Draw.Entry> ordered = new ArrayList<>();
        for (final Draw.Entry entry : entries)
        {
            ordered.add(entry);
            if (entry.group() != null)
            {
                unitIds.merge(entry.group(), entry.entryId(), Math::min);
            }
        }
        ordered.sort(Comparator.comparingLong(Draw.Entry::entryId));
        final StringBuilder lines = new StringBuilder();
        for (final Draw.Entry entry : ordered)
        {
            final long unitId = entry.group() == null ? entry.entryId() : unitIds.get(entry.group());
            lines.append(entry.entryId()).append(',')
                .append(entry.category()).append(',')
                .append(unitId).append(',')
                .append(String.join(" ", entry.pools())).append(',')
                .append(entry.weight()).append('\n');
        }
        return lines.toString();
    }

    private static Map<Long, Draw.Entry> readVectorForm(
        final Path file,
        final List<String> lines,
        final Map<String, Draw.Category> categories) throws InputException
    {
        final Map<Long, Draw.Entry> entries = new TreeMap<>();
        final Map<Long, Integer> lineOfEntry = new HashMap<>();
        final Map<String, FirstSeen> groups = new HashMap<>();
        for (int i = 1; i < lines.size(); i++)
        {
            final int line = i + 1;
            final String[] fields = Csv.fields(file, line, lines.get(i), VECTOR_HEADER);
            final long entryId = Csv.id(file, line, "entryId", fields[0]);
            final Integer firstLine = lineOfEntry.putIfAbsent(entryId, line);
            if (firstLine != null)
            {
                throw new InputException(file, line, "duplicate entryId " + entryId + " (first on line " + firstLine + ")");
            }
            final String category = category(file, line, fields[1], categories);
            final String group = fields[2].isEmpty() ? null : fields[2];
            if (group != null)
            {
                if (!Csv.isCode(group))
                {
                    throw new InputException(file, line, "group '" + group + "' is not a code");
                }
                sameCategory(file, line, groups, "group " + group, group, category);
            }
            final SortedSet<String> pools = new TreeSet<>();
            for (final String pool : splitPools(file, line, fields[3]))
            {
                if (!pools.add(pool))
                {
                    throw new InputException(file, line, "pool " + pool + " is listed twice");
                }
            }
            final int weight = Csv.weight(file, line, fields[4]);
            entries.put(entryId, new Draw.Entry(entryId, category, group, Collections.unmodifiableSortedSet(pools), weight));
        }
        return Collections.unmodifiableMap(entries);
    }

    private static Map<Long, Draw.Entry> readCommittedForm(
        final Path file,
        final String text,
        final Map<String, Draw.Category> categories) throws InputException
    {
        final Map<Long, Draw.Entry> entries = new LinkedHashMap<>();
        final Map<String, FirstSeen> units = new HashMap<>();
        long previous = -1;
        int start = 0;
        for (int line = 1; start < text.length(); line++)
        {
            final int end = text.indexOf('\n', start);
            final String content = text.substring(start, end < 0 ? text.length() : end);
            final String where = line == 1 ? " (no header " + VECTOR_HEADER + ", so read as the committed entry list)" : "";
            if (end < 0)
            {
                throw new InputException(file, line, "does not end with \\n: every committed line does" + where);
            }
            if (content.indexOf('\r') >= 0)
            {
                throw new InputException(file, line, "carriage return: committed lines end with \\n alone" + where);
            }
            final String[] fields;
            try
            {
                fields = Csv.fields(file, line, content, COMMITTED_LAYOUT);
            }
            catch (final InputException e)
            {
                throw new InputException(e.getMessage() + where);
            }
            final long entryId = Csv.id(file, line, "entryId", fields[0]);
            if (entries.containsKey(entryId))
            {
                throw new InputException(file, line, "duplicate entryId " + entryId);
            }
            if (entryId < previous)
            {
                throw new InputException(file, line, "entryId " + entryId + " after " + previous +
                    ": committed lines are in ascending entryId order");
            }
            previous = entryId;
            final String category = category(file, line, fields[1], categories);
            final long unitId = Csv.id(file, line, "groupUnitId", fields[2]);
            final String unit = Long.toString(unitId);
            if (!units.containsKey(unit) && unitId != entryId)
            {
                // Lines ascend by entryId, so a unit's first line holds its smallest entryId: the unit id.
                throw new InputException(file, line, "groupUnitId " + unitId + " is not its unit's smallest entryId: " +
                    "entry " + entryId + " is the first of that unit");
            }
            sameCategory(file, line, units, "group unit " + unitId, unit, category);
            final List<String> poolList = splitPools(file, line, fields[3]);
            final SortedSet<String> pools = new TreeSet<>(poolList);
            if (!new ArrayList<>(pools).equals(poolList))
            {
                throw new InputException(file, line, "pools '" + fields[3] + "' are not distinct codes sorted by code, " +
                    "as committed lines list them");
            }
            final int weight = Csv.weight(file, line, fields[4]);
            entries.put(entryId, new Draw.Entry(entryId, category, unit, Collections.unmodifiableSortedSet(pools), weight));
            start = end + 1;
        }
        return Collections.unmodifiableMap(entries);
    }

    private static String category(
        final Path file,
        final int line,
        final String code,
        final Map<String, Draw.Category> categories) throws InputException
    {
        if (!categories.containsKey(code))
        {
            throw new InputException(file, line, "unknown category '" + code + "' (the race declares " +
                String.join(", ", categories.keySet()) + ")");
        }
        return code;
    }

    private static void sameCategory(
        final Path file,
        final int line,
        final Map<String, FirstSeen> seen,
        final String name,
        final String key,
        final String category) throws InputException
    {
        final FirstSeen first = seen.putIfAbsent(key, new FirstSeen(category, line));
        if (first != null && !first.category().equals(category))
        {
            throw new InputException(file, line, name + " spans two categories: " + category + " here, " +
                first.category() + " on line " + first.line());
        }
    }

    /** Pool codes separated by single spaces; an empty field is no pool. */
    private static List<String> splitPools(final Path file, final int line, final String field) throws InputException
    {
        if (field.isEmpty())
        {
            return List.of();
        }
        final List<String> pools = List.of(field.split(" ", -1));
        for (final String pool : pools)
        {
            if (!Csv.isCode(pool))
            {
                throw new InputException(file, line, "pools '" + field + "' are not codes separated by single spaces");
            }
        }
        return pools;
    }

    private static String sha256(final byte[] bytes)
    {
        return HexFormat.of().formatHex(Draw.sha256().digest(bytes));
    }
}
