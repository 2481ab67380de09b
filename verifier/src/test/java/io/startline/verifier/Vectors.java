package io.startline.verifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The published conformance vectors, and files derived from them by hand rather than by the code
 * under test, so that a test cannot agree with the verifier merely by sharing its mistakes.
 */
final class Vectors
{
    /** Tests run in the module directory; the vectors are the repository's copy. */
    static final Path DIR = Path.of("..", "ballot-vectors");

    private Vectors()
    {
    }

    static Path race(final String name)
    {
        return DIR.resolve(name + ".race.json");
    }

    static Path entries(final String name)
    {
        return DIR.resolve(name + ".entries.csv");
    }

    static Path expected(final String name)
    {
        return DIR.resolve(name + ".expected.csv");
    }

    /** A file's lines without the header; the vectors end lines with \r\n, which this drops. */
    static List<String> rows(final Path file)
    {
        try
        {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return new ArrayList<>(lines.subList(1, lines.size()));
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> withHeader(final String header, final List<String> rows)
    {
        final List<String> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(rows);
        return lines;
    }

    static Path write(final Path file, final List<String> lines)
    {
        return write(file, String.join("\n", lines) + "\n");
    }

    static Path write(final Path file, final String text)
    {
        try
        {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * BALLOT.md's committed lines for a vector's entries, built from the text of the definition:
     * ascending entryId, groupUnitId the smallest entryId of the group in its category, pools sorted.
     */
    static String committedLines(final String name)
    {
        final List<String[]> entries = new ArrayList<>();
        final Map<String, Long> unitIds = new HashMap<>();
        for (final String row : rows(entries(name)))
        {
            final String[] f = row.split(",", -1);
            entries.add(f);
            if (!f[2].isEmpty())
            {
                unitIds.merge(f[1] + "/" + f[2], Long.parseLong(f[0]), Math::min);
            }
        }
        entries.sort((a, b) -> Long.compare(Long.parseLong(a[0]), Long.parseLong(b[0])));
        final StringBuilder lines = new StringBuilder();
        for (final String[] f : entries)
        {
            final String unitId = f[2].isEmpty() ? f[0] : Long.toString(unitIds.get(f[1] + "/" + f[2]));
            final List<String> pools = new ArrayList<>(f[3].isEmpty() ? List.of() : List.of(f[3].split(" ")));
            pools.sort(null);
            lines.append(String.join(",", f[0], f[1], unitId, String.join(" ", pools), f[4])).append('\n');
        }
        return lines.toString();
    }

    static String sha256(final String text)
    {
        try
        {
            return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException e)
        {
            throw new IllegalStateException(e);
        }
    }
}
