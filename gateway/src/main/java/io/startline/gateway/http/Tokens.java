package io.startline.gateway.http;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * HS256 tokens as API.md defines them: {@code sub} the user id as a decimal string,
 * {@code role}, {@code store} for a merchant, {@code venue} for a gate, {@code exp}.
 * The key is the UTF-8 bytes of the node's secret, at least 32 of them.
 */
public final class Tokens
{
    public static final int MIN_SECRET_BYTES = 32;

    private final Algorithm algorithm;
    private final JWTVerifier verifier;

    public Tokens(final String secret)
    {
        final byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES)
        {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES + " bytes of UTF-8");
        }
        algorithm = Algorithm.HMAC256(key);
        verifier = JWT.require(algorithm).acceptLeeway(0).build();
    }

    /**
     * Verifies an {@code Authorization} header value.
     *
     * @throws ApiException 401 for a missing, malformed, wrongly signed or expired token, or one
     *                      whose claims do not say who the caller is.
     */
    public Caller verify(final String authorization)
    {
        if (authorization == null || !authorization.startsWith("Bearer "))
        {
            throw ApiException.unauthorized("an Authorization: Bearer token is required");
        }
        final DecodedJWT jwt;
        try
        {
            jwt = verifier.verify(authorization.substring("Bearer ".length()).trim());
        }
        catch (final TokenExpiredException ex)
        {
            throw ApiException.unauthorized("the token has expired");
        }
        catch (final JWTVerificationException ex)
        {
            throw ApiException.unauthorized("the token is not valid: " + ex.getMessage());
        }
        if (jwt.getExpiresAtAsInstant() == null)
        {
            throw ApiException.unauthorized("the token has no exp");
        }
        final Role role = Role.fromJson(jwt.getClaim("role").asString());
        if (role == null)
        {
            throw ApiException.unauthorized("the token's role is not one of participant, merchant, gate, admin");
        }
        final long userId;
        try
        {
            userId = Long.parseLong(jwt.getSubject());
        }
        catch (final NumberFormatException ex)
        {
            throw ApiException.unauthorized("the token's sub is not a decimal user id");
        }
        if (userId <= 0)
        {
            throw ApiException.unauthorized("the token's sub is not a positive user id");
        }
        final long store = positiveOrZero(jwt.getClaim("store"));
        final long venue = positiveOrZero(jwt.getClaim("venue"));
        if (role == Role.MERCHANT && store == 0)
        {
            throw ApiException.unauthorized("a merchant token names its store");
        }
        if (role == Role.GATE && venue == 0)
        {
            throw ApiException.unauthorized("a gate token names its venue");
        }
        return new Caller(userId, role, store, venue);
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

    private static long positiveOrZero(final Claim claim)
    {
        if (claim.isMissing() || claim.isNull())
        {
            return 0;
        }
        final Long value = claim.asLong();
        if (value == null || value <= 0)
        {
            throw ApiException.unauthorized("the token's store or venue is not a positive number");
        }
        return value;
    }
}
