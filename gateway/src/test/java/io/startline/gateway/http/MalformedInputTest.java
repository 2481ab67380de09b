package io.startline.gateway.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A barrage of malformed requests at every POST route: truncated and invalid JSON, wrong
 * types, negative and huge numbers, unknown fields, oversize bodies, wrong content types,
 * invalid UTF-8. Every answer is a 4xx with the JSON error shape, never a 5xx; the node stays
 * healthy and the journal holds none of them. The seed is printed.
 */
class MalformedInputTest
{
    private static final int REQUESTS = 10_000;

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
        new Target("/api/campaigns", Role.ADMIN, "{\"name\":\"W\",\"budgetFen\":100000,\"validDaysAfterClaim\":7," +
            "\"validUntil\":1,\"perUserLimit\":1,\"tiers\":[{\"code\":\"T5\",\"faceValueFen\":500,\"thresholdFen\":1}]," +
            "\"storeIds\":[1]}"),
        new Target("/api/campaigns/1/drops", Role.ADMIN, "{\"tierCode\":\"T5\",\"quantity\":1,\"startsAt\":0," +
            "\"perUserLimit\":1}"),
        new Target("/api/campaigns/1/claims", Role.PARTICIPANT, "{\"dropId\":1}"),
        new Target("/api/redemptions", Role.MERCHANT, "{\"voucherCode\":\"1\",\"orderAmountFen\":1," +
            "\"merchantTxnId\":\"t\"}"));

    @Test
    void tenThousandMalformedRequestsAreAll4xxWithTheErrorShapeAndNoneIsJournaled()
    {
        final long seed = Long.getLong("startline.seed", System.nanoTime());
        System.out.println("MalformedInputTest seed " + seed + " (rerun with -Dstartline.seed=" + seed + ")");
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
                case 1 -> body = mutate(valid, random).getBytes(StandardCharsets.UTF_8);
                case 2 -> body = valid.replaceFirst(":(\\d+)", ":\"$1\"").getBytes(StandardCharsets.UTF_8);
                case 3 -> body = valid.replaceFirst(":(\\d+)", ":-$1").replace("\"dropId\":1", "\"dropId\":-1")
                    .getBytes(StandardCharsets.UTF_8);
                case 4 -> body = valid.replaceFirst(":(\\d+)", ":99999999999999999999999").getBytes(StandardCharsets.UTF_8);
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
            assertThat(response.status()).as("kind %d, body %s → %s", kind,
                new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8), response).isBetween(400, 499);
            assertThat(response.json().at("/error/code").isTextual()).as(response.toString()).isTrue();
            assertThat(response.json().at("/error/message").isTextual()).isTrue();
            assertThat(response.json().at("/error").has("field")).isTrue();
            byKind.merge(kind + " " + response.status(), 1, Integer::sum);
        }
        System.out.println("malformed barrage answers by kind and status: " + byKind);
        assertThat(node.get("/health", null).json().get("status").asText()).isEqualTo("UP");
        assertThat(node.journaled()).as("the journal holds none of them").isEqualTo(journaled);
    }

    /** Breaks the JSON's syntax, checking that it really is broken. */
    static String mutate(final String json, final SplittableRandom random)
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
