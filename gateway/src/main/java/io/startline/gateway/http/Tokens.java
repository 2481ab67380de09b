package io.startline.gateway.http;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * HS256 tokens as API.md defines them: {@code sub} the user id as a decimal string,
 * {@code role}, {@code store} for a merchant, {@code venue} for a gate, {@code exp}.
 * The key is the UTF-8 bytes of the node's secret, at least 32 of them. java-jwt mints them;
 * {@link Hs256Verifier} checks them on the request path, one per thread, without allocating.
 */
public final class Tokens
{
    public static final int MIN_SECRET_BYTES = 32;
    private static final String BEARER = "Bearer ";

    private final Algorithm algorithm;
    private final ThreadLocal<Hs256Verifier> verifiers;
    private final long maxLifetimeSeconds;

    /** With the default longest lifetime, {@link GatewayContext#MAX_TOKEN_LIFETIME_SECONDS_DEFAULT}. */
    public Tokens(final String secret)
    {
        this(secret, GatewayContext.MAX_TOKEN_LIFETIME_SECONDS_DEFAULT);
    }

    /** @param maxLifetimeSeconds a token whose exp is further ahead than this is refused. */
    public Tokens(final String secret, final long maxLifetimeSeconds)
    {
        this.maxLifetimeSeconds = maxLifetimeSeconds;
        final byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES)
        {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES + " bytes of UTF-8");
        }
        algorithm = Algorithm.HMAC256(key);
        verifiers = ThreadLocal.withInitial(() -> new Hs256Verifier(key));
    }

    /**
     * Verifies an {@code Authorization} header value.
     *
     * @throws ApiException 401 for a missing, malformed, wrongly signed or expired token, or one
     *                      whose claims do not say who the caller is.
     */
    public Caller verify(final String authorization)
    {
        if (authorization == null || !authorization.startsWith(BEARER))
        {
            throw ApiException.unauthorized("an Authorization: Bearer token is required");
        }
        try
        {
            return verifiers.get().verify(authorization, BEARER.length(), Math.floorDiv(System.currentTimeMillis(), 1000),
                maxLifetimeSeconds);
        }
        catch (final Hs256Verifier.Rejection ex)
        {
            throw ApiException.unauthorized(ex.getMessage());
        }
    }

    /** Mints a token, for the node's {@code token} command, demo mode and tests. */
    public String mint(final Role role, final long userId, final long storeId, final long venueId, final Instant expiresAt)
    {
        final JWTCreator.Builder builder = JWT.create()
            .withSubject(Long.toString(userId))
            .withClaim("role", role.json())
            .withExpiresAt(expiresAt);
        if (storeId != 0)
        {
            builder.withClaim("store", storeId);
        }
        if (venueId != 0)
        {
            builder.withClaim("venue", venueId);
        }
        return builder.sign(algorithm);
    }
}
