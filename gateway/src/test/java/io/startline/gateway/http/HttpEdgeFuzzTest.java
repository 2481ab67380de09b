package io.startline.gateway.http;

import io.startline.engine.codec.ResultCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw bytes at the HTTP edge: valid requests (claims, reads, an organiser's write, a check-in)
 * mutated byte by byte (bits flipped, bytes replaced, ranges cut, repeated or filled with
 * noise, the request cut short) or replaced by random bytes, each on its own connection. No
 * answer is a 5xx; a request the gateway refused (bad HTTP, token, JSON, route) journaled
 * nothing (the engine journals a command before it refuses it; EngineFuzzTest shows such a
 * refusal changes nothing); and the node is healthy afterwards.
 * <p>
 * {@code -Dstartline.http.fuzz.cases} sets how many (the {@code fuzz} profile runs 100,000);
 * {@code -Dstartline.http.fuzz.seed} replays a run. The seed is printed.
 */
class HttpEdgeFuzzTest
{
    private static final int CASES = Integer.getInteger("startline.http.fuzz.cases", 10_000);
    private static final long SEED = Long.getLong("startline.http.fuzz.seed", 0xED6E_2026_1205L);
    private static final int READ_TIMEOUT_MS = 15_000;
    private static final Pattern ERROR_CODE = Pattern.compile("\"error\":\\{\"code\":\"([A-Z_]+)\"");
    private static final Pattern STATUS_LINE = Pattern.compile("(?:^|\r\n)HTTP/1\\.[01] (\\d{3}) ");

    @TempDir
    Path dataDir;

    @Test
    void mutatedAndRandomRequestsAreNeverAnswered5xxAndARefusalJournalsNothing() throws IOException
    {
        System.out.printf("HttpEdgeFuzzTest: %d cases, seed %#x (replay with -Dstartline.http.fuzz.seed=%d)%n",
            CASES, SEED, SEED);
        try (TestNode node = new TestNode(dataDir))
        {
            final List<byte[]> valid = validRequests(node);
            final SplittableRandom random = new SplittableRandom(SEED);
            final Map<String, Integer> answers = new TreeMap<>();
            for (int c = 0; c < CASES; c++)
            {
                final byte[] request = c % 20 == 0 ? randomBytes(random) :
                    mutate(valid.get(random.nextInt(valid.size())), random);
                final long journaledBefore = node.journaled();
                final Answers answer = exchange(node.node.port(), request);
                final String what = String.format("case %d of seed %#x: %s → %s", c, SEED, printable(request), answer);
                assertThat(answer.statuses()).as(what).allMatch(status -> status < 500);
                if (answer.statuses().stream().noneMatch(status -> status < 300) && node.journaled() != journaledBefore)
                {
                    assertThat(answer.errorCodes()).as("only the engine's refusals are journaled: " + what)
                        .isNotEmpty().allMatch(HttpEdgeFuzzTest::isEnginesCode);
                }
                answers.merge(answer.statuses().isEmpty() ? "closed" : answer.statuses() +
                    (answer.errorCodes().size() < answer.statuses().stream().filter(s -> s >= 400).count() ?
                    " without the JSON error" : ""), 1, Integer::sum);
            }
            System.out.println("HttpEdgeFuzzTest answers: " + answers);
            assertThat(node.get("/health", null).status()).isEqualTo(200);
        }
    }

    /** Requests the node takes as they are: the seeds every mutation starts from. */
    private static List<byte[]> validRequests(final TestNode node)
    {
        final String admin = node.token(Role.ADMIN, 1);
        final String alice = node.token(Role.PARTICIPANT, 1001);
        final long campaignId = Vouchers.createCampaign(node, admin);
        final long dropId = Vouchers.openDrop(node, admin, campaignId, 1_000);
        return List.of(
            request("POST", "/api/campaigns/" + campaignId + "/claims", alice, "{\"dropId\":" + dropId + "}"),
            request("GET", "/api/vouchers/me", alice, null),
            request("GET", "/api/campaigns/" + campaignId + "/stats", admin, null),
            request("POST", "/api/campaigns/" + campaignId + "/drops", admin,
                "{\"tierCode\":\"T50\",\"quantity\":5,\"startsAt\":" + System.currentTimeMillis() + ",\"perUserLimit\":1}"),
            request("GET", "/health", null, null));
    }

    private static byte[] request(final String method, final String path, final String token, final String json)
    {
        final StringBuilder text = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
            .append("Host: 127.0.0.1\r\n");
        if (token != null)
        {
            text.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (json != null)
        {
            text.append("Content-Type: application/json\r\nContent-Length: ")
                .append(json.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        text.append("Connection: close\r\n\r\n");
        if (json != null)
        {
            text.append(json);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends the bytes, ends the sending side (so a request cut short meets the end of its
     * stream, not the body timeout) and reads until the server closes.
     *
     * @return the status of every answer (a mutation may have made two requests of one), none
     *         when the server closed the connection without answering.
     */
    private static Answers exchange(final int port, final byte[] request) throws IOException
    {
        final byte[] answer;
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.getOutputStream().write(request);
            socket.shutdownOutput();
            answer = socket.getInputStream().readAllBytes();
        }
        catch (final SocketTimeoutException ex)
        {
            throw new AssertionError("no answer and no close within " + READ_TIMEOUT_MS + " ms: " + printable(request), ex);
        }
        catch (final IOException ex)
        {
            return new Answers(List.of(), List.of());
        }
        final String text = new String(answer, StandardCharsets.ISO_8859_1);
        final Answers answers = new Answers(all(STATUS_LINE, text).stream().map(Integer::valueOf).toList(),
            all(ERROR_CODE, text));
        assertThat(answers.statuses().isEmpty()).as("an answer starts with a status line: " + printable(answer))
            .isEqualTo(answer.length == 0);
        return answers;
    }

    /** What came back on one connection, in order. */
    private record Answers(List<Integer> statuses, List<String> errorCodes)
    {
    }

    private static List<String> all(final Pattern pattern, final String text)
    {
        final List<String> found = new ArrayList<>();
        final Matcher matcher = pattern.matcher(text);
        while (matcher.find())
        {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** The engine journals a command before it decides, so its refusals are in the journal (changing nothing). */
    private static boolean isEnginesCode(final String errorCode)
    {
        return Arrays.stream(ResultCode.values()).anyMatch(code -> code.name().equals(errorCode));
    }

    /**
     * One to four of: a bit flipped, a byte replaced, a range cut out, a range repeated, random
     * bytes put in, the request cut short.
     */
    private static byte[] mutate(final byte[] valid, final SplittableRandom random)
    {
        byte[] bytes = valid.clone();
        for (int edits = 1 + random.nextInt(4), e = 0; e < edits && bytes.length > 1; e++)
        {
            final int at = random.nextInt(bytes.length);
            final int span = 1 + random.nextInt(Math.min(32, bytes.length - at));
            bytes = switch (random.nextInt(6))
            {
                case 0 -> flipBit(bytes, at, random.nextInt(8));
                case 1 -> replaceByte(bytes, at, (byte)random.nextInt(256));
                case 2 -> splice(bytes, at, span, new byte[0]);
                case 3 -> splice(bytes, at, 0, Arrays.copyOfRange(bytes, at, at + span));
                case 4 -> splice(bytes, at, 0, randomBytes(random, span));
                default -> Arrays.copyOf(bytes, at);
            };
        }
        return bytes;
    }

    private static byte[] flipBit(final byte[] bytes, final int at, final int bit)
    {
        bytes[at] ^= (byte)(1 << bit);
        return bytes;
    }

    private static byte[] replaceByte(final byte[] bytes, final int at, final byte value)
    {
        bytes[at] = value;
        return bytes;
    }

    /** The bytes with {@code removed} of them at {@code at} replaced by {@code inserted}. */
    private static byte[] splice(final byte[] bytes, final int at, final int removed, final byte[] inserted)
    {
        final byte[] result = new byte[bytes.length - removed + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at + removed, result, at + inserted.length, bytes.length - at - removed);
        return result;
    }

    private static byte[] randomBytes(final SplittableRandom random)
    {
        return randomBytes(random, 1 + random.nextInt(600));
    }

    private static byte[] randomBytes(final SplittableRandom random, final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)random.nextInt(256);
        }
        return bytes;
    }

    private static String printable(final byte[] bytes)
    {
        final StringBuilder text = new StringBuilder();
        for (final byte b : bytes)
        {
            text.append(b >= 0x20 && b < 0x7f ? Character.toString(b) : String.format("\\x%02x", b & 0xff));
        }
        return text.toString();
    }
}
