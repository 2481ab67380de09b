package io.startline.engine.shape;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine stays readable: no class over {@value #MAX_CLASS_LINES} lines and no method over
 * {@value #MAX_METHOD_LINES}, counted in the source as the project formats it (a member's braces
 * on their own lines, indented four spaces). Generated codecs are not in the source tree.
 */
class SourceShapeTest
{
    static final int MAX_CLASS_LINES = 600;
    static final int MAX_METHOD_LINES = 70;
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern TYPE_DECLARATION = Pattern.compile("\\b(class|record|enum|interface)\\b");

    @Test
    void noClassIsOverItsLineLimit()
    {
        final List<String> tooLong = new ArrayList<>();
        for (final Path source : sources())
        {
            final int lines = lines(source).size();
            if (lines > MAX_CLASS_LINES)
            {
                tooLong.add(SOURCES.relativize(source) + ": " + lines + " lines");
            }
        }
        assertThat(tooLong).as("classes over %d lines", MAX_CLASS_LINES).isEmpty();
    }

    @Test
    void noMethodIsOverItsLineLimit()
    {
        final List<String> tooLong = new ArrayList<>();
        for (final Path source : sources())
        {
            final List<String> lines = lines(source);
            for (int open = 0; open < lines.size(); open++)
            {
                if (lines.get(open).equals("    {") && !TYPE_DECLARATION.matcher(previousCode(lines, open)).find())
                {
                    final int length = closingBrace(lines, open) - signatureStart(lines, open) + 1;
                    if (length > MAX_METHOD_LINES)
                    {
                        tooLong.add(SOURCES.relativize(source) + ":" + (open + 1) + " " +
                            lines.get(signatureStart(lines, open)).trim() + " (" + length + " lines)");
                    }
                }
            }
        }
        assertThat(tooLong).as("methods over %d lines", MAX_METHOD_LINES).isEmpty();
    }

    @Test
    void aMethodIsCountedFromItsSignatureToItsClosingBraceAndNestedTypesAreNotMethods()
    {
        final List<String> method = new ArrayList<>(List.of("    /** Does it. */", "    void run(", "        int a)", "    {"));
        method.add("    }");
        assertThat(closingBrace(method, 3) - signatureStart(method, 3) + 1).isEqualTo(4);
        assertThat(TYPE_DECLARATION.matcher("    private static final class Row").find()).isTrue();
    }

    private static int signatureStart(final List<String> lines, final int open)
    {
        int start = open - 1;
        while (start > 0 && continuesSignature(lines.get(start - 1)))
        {
            start--;
        }
        return start;
    }

    private static boolean continuesSignature(final String line)
    {
        final String code = line.trim();
        return !code.isEmpty() && line.startsWith("    ") && !line.startsWith("    }") &&
            !code.startsWith("*") && !code.startsWith("/") && !code.startsWith("@") &&
            !code.endsWith(";") && !code.endsWith("}");
    }

    private static int closingBrace(final List<String> lines, final int open)
    {
        for (int i = open + 1; i < lines.size(); i++)
        {
            if (lines.get(i).equals("    }"))
            {
                return i;
            }
        }
        throw new IllegalStateException("no closing brace after line " + (open + 1));
    }

    private static String previousCode(final List<String> lines, final int index)
    {
        for (int i = index - 1; i >= 0; i--)
        {
            if (!lines.get(i).isBlank())
            {
                return lines.get(i);
            }
        }
        return "";
    }

    private static List<Path> sources()
    {
        try (Stream<Path> files = Files.walk(SOURCES))
        {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<String> lines(final Path source)
    {
        try
        {
            return Files.readAllLines(source);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
