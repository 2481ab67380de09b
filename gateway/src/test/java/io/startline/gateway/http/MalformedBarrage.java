package io.startline.gateway.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fires malformed requests at POST routes, each built from a valid body by one of nine kinds
 * of damage: truncated JSON, broken syntax, a wrong type, an out-of-range value, a number past
 * 64 bits, an unknown field, an oversize body, a wrong content type, invalid UTF-8. Every
 * answer must be a 4xx with API.md's error shape; afterwards the node must be healthy and its
 * journal untouched. The seed is printed.
 */
final class MalformedBarrage
{
    private static final Pattern FIRST_NUMBER = Pattern.compile(":(\\d+)");
    private static final Pattern FIRST_STRING = Pattern.compile(":\"([^\"]*)\"");
    private static final int KINDS = 9;

    /** A POST route, the role allowed on it, and a body it would accept. */
    record Target(String path, Role role, String valid)
    {
    }

    private MalformedBarrage()
    {
    }

    static void fire(final TestNode node, final List<Target> targets, final int requests, final String name)
    {
        final long seed = Long.getLong("startline.seed", System.nanoTime());
        System.out.println(name + " seed " + seed + " (rerun with -Dstartline.seed=" + seed + ")");
        final SplittableRandom random = new SplittableRandom(seed);
        final long journaled = node.journaled();
        final Map<String, Integer> byKind = new TreeMap<>();
        for (int i = 0; i < requests; i++)
        {
            final Target target = targets.get(random.nextInt(targets.size()));
            final int kind = random.nextInt(KINDS);
            final String valid = target.valid();
            String contentType = "application/json";
            final byte[] body;
            switch (kind)
            {
                case 0 -> body = utf8(valid.substring(0, random.nextInt(valid.length() - 1)));
                case 1 -> body = utf8(broken(valid, random));
                case 2 -> body = utf8(wrongType(valid));
                case 3 -> body = utf8(outOfRange(valid));
                case 4 -> body = utf8(huge(valid));
                case 5 -> body = utf8(valid.substring(0, valid.length() - 1) + ",\"sneaky\":1}");
                case 6 -> body = utf8("{\"name\":\"" + "x".repeat(70_000) + "\"}");
                case 7 ->
                {
                    body = utf8(valid);
                    contentType = random.nextBoolean() ? "text/plain" : "application/x-www-form-urlencoded";
                }
                default -> body = invalidUtf8(valid);
            }
            final TestNode.Response response = node.send("POST", target.path(), node.token(target.role(), 9),
                contentType, body);
            assertThat(response.status()).as("kind %d at %s, body %s → %s", kind, target.path(),
                new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8), response).isBetween(400, 499);
            assertThat(response.json().at("/error/code").isTextual()).as(response.toString()).isTrue();
            assertThat(response.json().at("/error/message").isTextual()).isTrue();
            assertThat(response.json().at("/error").has("field")).isTrue();
            byKind.merge(kind + " " + response.status(), 1, Integer::sum);
        }
        System.out.println(name + " answers by kind and status: " + byKind);
        assertThat(node.get("/health", null).json().get("status").asText()).isEqualTo("UP");
        assertThat(node.journaled()).as("the journal holds none of them").isEqualTo(journaled);
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A stray byte pair that is not UTF-8, put in after the opening brace. */
    private static byte[] invalidUtf8(final String valid)
    {
        final byte[] bytes = utf8(valid);
        final byte[] body = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, body, 0, 2);
        body[2] = (byte)0xC3;
        body[3] = (byte)0x28;
        System.arraycopy(bytes, 2, body, 4, bytes.length - 2);
        return body;
    }

    /** The first number as a string; in a body of strings, the first string as a number. */
    private static String wrongType(final String json)
    {
        final Matcher number = FIRST_NUMBER.matcher(json);
        return number.find() ? number.replaceFirst(":\"$1\"") : FIRST_STRING.matcher(json).replaceFirst(":12345");
    }

    /** The first number negated; in a body of strings, the first string empty. */
    private static String outOfRange(final String json)
    {
        final Matcher number = FIRST_NUMBER.matcher(json);
        return number.find() ? number.replaceFirst(":-$1") : FIRST_STRING.matcher(json).replaceFirst(":\"\"");
    }

    /** The first number past 64 bits; in a body of strings, the first string past any field's limit. */
    private static String huge(final String json)
    {
        final Matcher number = FIRST_NUMBER.matcher(json);
        return number.find() ? number.replaceFirst(":99999999999999999999999") :
            FIRST_STRING.matcher(json).replaceFirst(":\"" + "7".repeat(300) + "\"");
    }

    /** Breaks the JSON's syntax, checking that it really is broken. */
    private static String broken(final String json, final SplittableRandom random)
    {
        while (true)
        {
            final String attempt = breakOnce(json, random);
            try
            {
                Json.MAPPER.readTree(attempt);
            }
            catch (final IOException ex)
            {
                return attempt;
            }
        }
    }

    /** A quote, brace, colon or comma dropped, or a stray quote or colon put in. */
    private static String breakOnce(final String json, final SplittableRandom random)
    {
        final StringBuilder broken = new StringBuilder(json);
        for (int tries = 0; tries < 100; tries++)
        {
            final int at = random.nextInt(broken.length());
            final char c = broken.charAt(at);
            if (c == '"' || c == '{' || c == '}' || c == ':' || c == ',' || c == '[' || c == ']')
            {
                if (random.nextBoolean())
                {
                    broken.deleteCharAt(at);
                }
                else
                {
                    broken.insert(at, c == '"' ? ':' : '"');
                }
                return broken.toString();
            }
        }
        return broken.append('}').toString();
    }
}
