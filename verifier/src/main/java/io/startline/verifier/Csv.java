package io.startline.verifier;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reading the published CSV files: plain comma-separated fields, no quoting, since no published
 * field can hold a comma. Parsing is strict because a lenient reader could check a different list
 * from the one that was drawn.
 */
final class Csv
{
    /** Canonical decimal: what the committed entry list hashes, so "07" and "+7" are not 7 there. */
    private static final Pattern CANONICAL_NATURAL = Pattern.compile("0|[1-9][0-9]*");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

    private Csv()
    {
    }

    static byte[] read(final Path file) throws InputException
    {
        try
        {
            return Files.readAllBytes(file);
        }
        catch (final NoSuchFileException e)
        {
            throw new InputException(file, "cannot read: no such file", e);
        }
        catch (final AccessDeniedException e)
        {
            throw new InputException(file, "cannot read: permission denied", e);
        }
        catch (final IOException e)
        {
            throw new InputException(file, "cannot read: " + e, e);
        }
    }

    static String utf8(final Path file, final byte[] bytes) throws InputException
    {
        try
        {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        }
        catch (final CharacterCodingException e)
        {
            throw new InputException(file, "is not UTF-8 text", e);
        }
    }

    /**
     * The lines of a hand-made file (a vector or an export): {@code \n} or {@code \r\n} ends a line,
     * and the last line may lack its end.
     */
    static List<String> lines(final String text)
    {
        final List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length())
        {
            final int end = text.indexOf('\n', start);
            final int next = end < 0 ? text.length() : end;
            final String line = text.substring(start, next);
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            start = next + 1;
        }
        return lines;
    }

    static String[] fields(final Path file, final int line, final String text, final String layout)
        throws InputException
    {
        final String[] fields = text.split(",", -1);
        final int expected = layout.split(",").length;
        if (fields.length != expected)
        {
            throw new InputException(file, line, "expected " + expected + " fields " + layout + ", found " +
                fields.length + " in '" + text + "'");
        }
        return fields;
    }

    /** A code as it may stand in a field: not empty, and no comma, white space or control character. */
    static boolean isCode(final String text)
    {
        return !text.isEmpty() &&
            text.chars().noneMatch(c -> c == ',' || Character.isWhitespace(c) || Character.isISOControl(c));
    }

    static long id(final Path file, final int line, final String name, final String text) throws InputException
    {
        if (!CANONICAL_NATURAL.matcher(text).matches())
        {
            throw new InputException(file, line, name + " '" + text + "' is not a non-negative integer in plain decimal");
        }
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException e)
        {
            throw new InputException(file, line, name + " " + text + " is out of range");
        }
    }

    /** A ballot weight: the number of keys drawn for a unit, counted by the int32 in H(i). */
    static int weight(final Path file, final int line, final String text) throws InputException
    {
        if (!INTEGER.matcher(text).matches())
        {
            throw new InputException(file, line, "weight '" + text + "' is not an integer");
        }
        final long weight;
        try
        {
            weight = Long.parseLong(text);
        }
        catch (final NumberFormatException e)
        {
            throw new InputException(file, line, "weight " + text + " is out of range");
        }
        if (weight < 1)
        {
            throw new InputException(file, line, "weight " + text + " is below 1");
        }
        if (weight > Integer.MAX_VALUE)
        {
            throw new InputException(file, line, "weight " + text + " is above " + Integer.MAX_VALUE);
        }
        if (!CANONICAL_NATURAL.matcher(text).matches())
        {
            throw new InputException(file, line, "weight '" + text + "' is not in plain decimal");
        }
        return (int)weight;
    }
}
