package io.startline.gateway.http;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.startline.engine.testkit.RandomizedRun;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The request path's own HS256 check against java-jwt, the library it replaced there, on the same
 * tokens: every token the library accepts is accepted with the same caller, every token the new
 * check accepts the library accepts too; where they differ the new check is the stricter, on purpose,
 * and each such case is named here.
 */
class Hs256VerifierTest
{
    private static final String SECRET = "verifier-test-secret-verifier-test-secret-01";
    private static final byte[] KEY = SECRET.getBytes(StandardCharsets.UTF_8);
    private static final Algorithm HS256 = Algorithm.HMAC256(KEY);
    private static final long NOW = 1_800_000_000L;

    private final Hs256Verifier verifier = new Hs256Verifier(KEY);
    private final JWTVerifier library = ((JWTVerifier.BaseVerification)JWT.require(HS256).acceptLeeway(0)
        .withClaimPresence("exp")).build(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    /** The library's verdict, as the node gave it before: the caller, or null for a 401. */
    private Caller byLibrary(final String token)
    {
        try
        {
            final DecodedJWT jwt = library.verify(token);
            final Role role = Role.fromJson(jwt.getClaim("role").asString());
            final long userId = Long.parseLong(jwt.getSubject());
            final long store = jwt.getClaim("store").isMissing() ? 0 : jwt.getClaim("store").asLong();
            final long venue = jwt.getClaim("venue").isMissing() ? 0 : jwt.getClaim("venue").asLong();
            if (role == null || userId <= 0 || store < 0 || venue < 0 ||
                role == Role.MERCHANT && store == 0 || role == Role.GATE && venue == 0)
            {
                return null;
            }
            return new Caller(userId, role, store, venue);
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }

    private Caller byVerifier(final String token)
    {
        try
        {
            return verifier.verify("Bearer " + token, 7, NOW);
        }
        catch (final Hs256Verifier.Rejection ex)
        {
            return null;
        }
    }

    @Test
    void theHmacIsRfc2104sWithTheJdksMacOnEveryLength() throws Exception
    {
        final Mac mac = Mac.getInstance("HmacSHA256");
        for (final byte[] key : new byte[][] {KEY, new byte[64], new byte[100]})
        {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            final SplittableRandom random = new SplittableRandom(key.length);
            for (int length = 0; length < 300; length++)
            {
                final byte[] message = new byte[length];
                for (int i = 0; i < length; i++)
                {
                    message[i] = (byte)('A' + random.nextInt(26));
                }
                final String signed = Base64.getUrlEncoder().withoutPadding().encodeToString(message) + ".e30";
                final String token = signed + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
                // Not a valid token (its header is no JSON), but the signature check comes first.
                assertThatThrownBy(() -> new Hs256Verifier(key).verify(token, 0, NOW))
                    .isInstanceOf(Hs256Verifier.Rejection.class)
                    .message().doesNotContain("signature");
            }
        }
    }

    @Test
    void everyTokenTheNodeMintsIsAcceptedWithTheSameCallerAsTheLibraryGives()
    {
        final RandomizedRun run = RandomizedRun.of("Hs256VerifierTest minted", 20_000);
        final SplittableRandom random = run.random();
        for (long i = 0; i < run.steps(); i++)
        {
            final Role role = Role.values()[random.nextInt(Role.values().length)];
            final long user = 1 + random.nextLong(Hs256Verifier.MAX_ID);
            final long store = role == Role.MERCHANT || random.nextBoolean() ? 1 + random.nextLong(1_000_000) : 0;
            final long venue = role == Role.GATE || random.nextBoolean() ? 1 + random.nextLong(1_000) : 0;
            final String token = new Tokens(SECRET).mint(role, user, store, venue,
                Instant.ofEpochSecond(NOW + 1 + random.nextLong(86_400)));
            final Caller expected = byLibrary(token);
            assertThat(expected).as("the library accepts token %d", i).isNotNull();
            assertThat(byVerifier(token)).as("seed %d, token %d: %s", run.seed(), i, token).isEqualTo(expected);
        }
    }

    @Test
    void aDamagedTokenIsRefusedAndNothingTheLibraryRefusesIsAccepted()
    {
        final RandomizedRun run = RandomizedRun.of("Hs256VerifierTest damaged", 20_000);
        final SplittableRandom random = run.random();
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";
        for (long i = 0; i < run.steps(); i++)
        {
            final String token = new Tokens(SECRET).mint(Role.PARTICIPANT, 1 + random.nextLong(1_000_000), 0, 0,
                Instant.ofEpochSecond(NOW + 3_600));
            final char[] chars = token.toCharArray();
            final int at = random.nextInt(chars.length);
            chars[at] = alphabet.charAt(random.nextInt(alphabet.length()));
            final String damaged = random.nextInt(10) == 0 ? new String(chars, 0, at) : new String(chars);
            final Caller ours = byVerifier(damaged);
            final Caller theirs = byLibrary(damaged);
            if (ours != null)
            {
                assertThat(theirs).as("seed %d, token %d: accepted here, so by the library: %s", run.seed(), i, damaged)
                    .isEqualTo(ours);
            }
            else if (theirs != null)
            {
                // The one difference on purpose among damaged tokens: the library decodes a last base64url
                // character whose unused bits are not zero as if they were; here one token has one encoding.
                assertThat(damaged.equals(token) || isLastOfAPart(damaged, at)).as("seed %d, token %d: %s",
                    run.seed(), i, damaged).isTrue();
            }
        }
    }

    private static boolean isLastOfAPart(final String token, final int at)
    {
        return at == token.length() - 1 || token.charAt(at + 1) == '.';
    }

    @Test
    void theClaimsAreCheckedAsApiMdSaysAndStricterThanTheLibraryWhereNamed()
    {
        // Accepted by both.
        assertAccepted(claims("\"sub\":\"1001\",\"role\":\"participant\",\"exp\":" + (NOW + 60)), 1001, Role.PARTICIPANT);
        assertAccepted(claims("\"sub\":\"7\",\"role\":\"merchant\",\"store\":101,\"exp\":" + (NOW + 60) +
            ",\"iat\":" + (NOW - 5) + ",\"nbf\":" + NOW + ",\"aud\":[\"x\",\"y\"],\"ext\":{\"y\":[1,{\"z\":null}],\"w\":true},\"iss\":\"me\""), 7,
            Role.MERCHANT);
        // Refused by both.
        assertRefused(claims("\"sub\":\"1001\",\"role\":\"participant\",\"exp\":" + NOW), "expired", true);
        assertRefused(claims("\"sub\":\"1001\",\"role\":\"participant\""), "exp", true);
        assertRefused(claims("\"sub\":\"1001\",\"role\":\"judge\",\"exp\":" + (NOW + 60)), "role", true);
        assertRefused(claims("\"role\":\"participant\",\"exp\":" + (NOW + 60)), "sub", true);
        assertRefused(claims("\"sub\":\"abc\",\"role\":\"participant\",\"exp\":" + (NOW + 60)), "sub", true);
        assertRefused(claims("\"sub\":\"1\",\"role\":\"participant\",\"exp\":" + (NOW + 60) + ",\"nbf\":" + (NOW + 1)),
            "before", true);
        assertRefused(claims("\"sub\":\"1\",\"role\":\"merchant\",\"exp\":" + (NOW + 60)), "store", true);
        assertRefused(claims("\"sub\":\"1\",\"role\":\"gate\",\"exp\":" + (NOW + 60)), "venue", true);
        assertRefused(withHeader("{\"alg\":\"HS512\",\"typ\":\"JWT\"}",
            "{\"sub\":\"1\",\"role\":\"admin\",\"exp\":" + (NOW + 60) + "}"), "alg", true);
        assertRefused(withHeader("{\"alg\":\"none\"}", "{\"sub\":\"1\",\"role\":\"admin\",\"exp\":" + (NOW + 60) + "}"),
            "alg", true);
        // Refused here, on purpose, where the library took them (issue 22: canonical ids, times that fit).
        assertRefused(claims("\"sub\":\"+1001\",\"role\":\"participant\",\"exp\":" + (NOW + 60)), "sub", false);
        assertRefused(claims("\"sub\":\"01001\",\"role\":\"participant\",\"exp\":" + (NOW + 60)), "sub", false);
        assertRefused(claims("\"sub\":\"9007199254740992\",\"role\":\"participant\",\"exp\":" + (NOW + 60)), "sub", false);
        assertRefused(claims("\"sub\":\"1\",\"role\":\"participant\",\"exp\":" + (NOW + 60) + ".5"), "exp", false);
        assertRefused(claims("\"sub\":\"1\",\"role\":\"participant\",\"exp\":1000000000000000000"), "exp", false);
        assertRefused(claims("\"sub\":\"1\",\"role\":\"participant\",\"exp\":" + (NOW + 60) +
            ",\"iat\":1000000000000000000"), "iat", false);
        assertRefused(claims("\"sub\":\"1\",\"sub\":\"2\",\"role\":\"participant\",\"exp\":" + (NOW + 60)), "twice",
            false);
    }

    private void assertAccepted(final String token, final long user, final Role role)
    {
        assertThat(byLibrary(token)).as("the library").isNotNull();
        final Caller caller = byVerifier(token);
        assertThat(caller).isEqualTo(byLibrary(token));
        assertThat(caller.userId()).isEqualTo(user);
        assertThat(caller.role()).isEqualTo(role);
    }

    private void assertRefused(final String token, final String reason, final boolean byLibraryToo)
    {
        assertThatThrownBy(() -> verifier.verify(token, 0, NOW)).isInstanceOf(Hs256Verifier.Rejection.class)
            .message().containsIgnoringCase(reason);
        if (byLibraryToo)
        {
            assertThat(byLibrary(token)).as("the library refuses %s too", token).isNull();
        }
    }

    private static String claims(final String body)
    {
        return withHeader("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{" + body + "}");
    }

    /** A token signed with the test's key whatever its header says: the check must read the header, not trust it. */
    private static String withHeader(final String header, final String payload)
    {
        final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        final String signed = encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." +
            encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return signed + "." + encoder.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
