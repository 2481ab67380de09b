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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The barrage of {@link MalformedInputTest} at the race routes that take a body: truncated and
 * invalid JSON, wrong types, negative and huge numbers, unknown fields, oversize bodies, wrong
 * content types, invalid UTF-8. Most of these bodies carry no number, so the number kinds fall
 * back to giving the first string field a number, which is a wrong type too. Every answer is a
 * 4xx with the error shape and the journal holds none of them. (The waitlist's close takes no
 * body, so an empty one is its valid request: it is not a target.) The seed is printed.
 */
class RaceMalformedInputTest
{
    private static final int REQUESTS = 2_000;

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

    private static final List<Target> TARGETS = List.of(
        new Target("/api/races", Role.ADMIN, "{\"name\":\"R\",\"raceDate\":\"2027-04-12\",\"mode\":\"LOTTERY\"," +
            "\"registrationOpensAt\":1000,\"registrationClosesAt\":2000,\"paymentWindowMs\":60000,\"maxGroupSize\":2," +
            "\"categories\":[{\"code\":\"FULL\",\"name\":\"Marathon\",\"capacity\":10,\"feeFen\":100,\"minAge\":18," +
            "\"maxAge\":80,\"bibFrom\":1,\"pools\":[{\"code\":\"ELITE\",\"places\":2,\"guaranteed\":true}]}]}"),
        new Target("/api/races/1/entitlements", Role.ADMIN, "{\"weight\":2,\"pool\":\"ELITE\",\"personIds\":[\"" +
            RaceApiTest.nationalId(1) + "\"]}"),
        new Target("/api/races/1/groups", Role.PARTICIPANT, "{\"categoryCode\":\"FULL\"}"),
        new Target("/api/races/1/entries", Role.PARTICIPANT, RaceApiTest.entry("FULL", RaceApiTest.nationalId(2),
            "G0000000000000")),
        new Target("/api/races/1/draw", Role.ADMIN, "{\"seed\":\"00ff\"}"),
        new Target("/api/races/1/entries/1/payment", Role.ADMIN, "{\"paymentRef\":\"pay-1\"}"));

    @Test
    void twoThousandMalformedRequestsAreAll4xxWithTheErrorShapeAndNoneIsJournaled()
    {
        final long seed = Long.getLong("startline.seed", System.nanoTime());
        System.out.println("RaceMalformedInputTest seed " + seed + " (rerun with -Dstartline.seed=" + seed + ")");
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
                case 0 -> body = valid.substring(0, random.nextInt(valid.length() - 1)).getBytes(StandardCharsets.UTF_8);
                case 1 -> body = MalformedInputTest.mutate(valid, random).getBytes(StandardCharsets.UTF_8);
                case 2 -> body = firstValue(valid, ":\"$1\"", ":1");
                case 3 -> body = firstValue(valid, ":-$1", ":-1");
                case 4 -> body = firstValue(valid, ":99999999999999999999999", ":99999999999999999999999");
                case 5 -> body = (valid.substring(0, valid.length() - 1) + ",\"sneaky\":1}").getBytes(StandardCharsets.UTF_8);
                case 6 -> body = ("{\"name\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
                case 7 ->
                {
                    body = valid.getBytes(StandardCharsets.UTF_8);
                    contentType = random.nextBoolean() ? "text/plain" : "application/x-www-form-urlencoded";
                }
                default ->
                {
                    final byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
                    body = new byte[bytes.length + 2];
                    System.arraycopy(bytes, 0, body, 0, 2);
                    body[2] = (byte)0xC3;
                    body[3] = (byte)0x28;
                    System.arraycopy(bytes, 2, body, 4, bytes.length - 2);
                }
            }
            final TestNode.Response response = node.send("POST", target.path(), node.token(target.role(), 9),
                contentType, body);
            assertThat(response.status()).as("kind %d, %s, body %s → %s", kind, target.path(),
                new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8), response).isBetween(400, 499);
            assertThat(response.json().at("/error/code").isTextual()).as(response.toString()).isTrue();
            assertThat(response.json().at("/error/message").isTextual()).isTrue();
            assertThat(response.json().at("/error").has("field")).isTrue();
            byKind.merge(kind + " " + response.status(), 1, Integer::sum);
        }
        System.out.println("race malformed barrage answers by kind and status: " + byKind);
        assertThat(node.get("/health", null).json().get("status").asText()).isEqualTo("UP");
        assertThat(node.journaled()).as("the journal holds none of them").isEqualTo(journaled);
    }

    /**
     * The first number rewritten; in a body without one, the first string value replaced,
     * which makes it a number where a string is due.
     */
    private static byte[] firstValue(final String json, final String number, final String insteadOfString)
    {
        final String rewritten = json.replaceFirst(":(\\d+)", number);
        return (rewritten.equals(json) ? json.replaceFirst(":\"[^\"]*\"", insteadOfString) : rewritten)
            .getBytes(StandardCharsets.UTF_8);
    }
}
