package io.startline.gateway.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MalformedInputTest}'s barrage at the venue POST routes: truncated and invalid JSON,
 * wrong types, out-of-range and huge values, unknown fields, oversize bodies, wrong content
 * types, invalid UTF-8. Confirm and check-in bodies carry strings only, so there the wrong
 * type is a number, the out-of-range value an empty string and the huge one a string past its
 * limit. Every answer is a 4xx with the error shape; the journal holds none of them, so each
 * is caught before the engine. The seed is printed.
 */
class VenueMalformedInputTest
{
    private static final int REQUESTS = 2_000;
    private static final Pattern FIRST_NUMBER = Pattern.compile(":(\\d+)");
    private static final Pattern FIRST_STRING = Pattern.compile(":\"([^\"]*)\"");

    @TempDir
    static Path dataDir;

    private static TestNode node;

    @BeforeAll
    static void start()
    {
        node = new TestNode(dataDir);
    }

    @AfterAll
    static void stop()
    {
        node.close();
    }

    private record Target(String path, Role role, String valid)
    {
    }

    /** The venue body leads with priceFen, so that its first number has no valid negative. */
    private static final List<Target> TARGETS = List.of(
        new Target("/api/venues", Role.ADMIN, "{\"priceFen\":5000,\"name\":\"V\",\"utcOffsetMinutes\":480," +
            "\"resources\":[{\"code\":\"COURT-1\",\"name\":\"Court 1\"}],\"opensMinuteOfDay\":480," +
            "\"closesMinuteOfDay\":1320,\"slotMinutes\":60,\"releaseDaysAhead\":7,\"releaseMinuteOfDay\":480," +
            "\"maxSlotsPerUserPerDay\":2,\"holdTimeoutMs\":600000,\"cancelCutoffMs\":86400000," +
            "\"checkInEarlyMs\":900000,\"checkInLateMs\":900000,\"noShowStrikesForBan\":3,\"banDays\":30}"),
        new Target("/api/venues/1/holds", Role.PARTICIPANT, "{\"startAt\":1800000000000,\"resourceCode\":\"COURT-1\"," +
            "\"slots\":1}"),
        new Target("/api/holds/1/confirm", Role.ADMIN, "{\"paymentRef\":\"pay-1\"}"),
        new Target("/api/venues/1/checkins", Role.GATE, "{\"checkInCode\":\"12345\"}"));

    @Test
    void twoThousandMalformedRequestsAreAll4xxWithTheErrorShapeAndNoneIsJournaled()
    {
        final long seed = Long.getLong("startline.seed", System.nanoTime());
        System.out.println("VenueMalformedInputTest seed " + seed + " (rerun with -Dstartline.seed=" + seed + ")");
        final SplittableRandom random = new SplittableRandom(seed);
        final long journaled = node.journaled();
        final Map<String, Integer> byKind = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++)
        {
            final Target target = TARGETS.get(random.nextInt(TARGETS.size()));
            final int kind = random.nextInt(9);
            String contentType = "application/json";
            final byte[] body;
            final String valid = target.valid();
            switch (kind)
            {
                case 0 -> body = utf8(valid.substring(0, random.nextInt(valid.length() - 1)));
                case 1 -> body = utf8(mutate(valid, random));
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
                default ->
                {
                    final byte[] bytes = utf8(valid);
                    body = new byte[bytes.length + 2];
                    System.arraycopy(bytes, 0, body, 0, 2);
                    body[2] = (byte)0xC3;
                    body[3] = (byte)0x28;
                    System.arraycopy(bytes, 2, body, 4, bytes.length - 2);
                }
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
        System.out.println("venue malformed barrage answers by kind and status: " + byKind);
        assertThat(node.get("/health", null).json().get("status").asText()).isEqualTo("UP");
        assertThat(node.journaled()).as("the journal holds none of them").isEqualTo(journaled);
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
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
            FIRST_STRING.matcher(json).replaceFirst(":\"" + "7".repeat(100) + "\"");
    }

    /** Breaks the JSON's syntax, checking that it really is broken. */
    private static String mutate(final String json, final SplittableRandom random)
    {
        while (true)
        {
            final String broken = breakOnce(json, random);
            try
            {
                Json.MAPPER.readTree(broken);
            }
            catch (final java.io.IOException ex)
            {
                return broken;
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
