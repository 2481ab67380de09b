package io.startline.bench.load;

import io.startline.gateway.http.Role;
import io.startline.gateway.http.Tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;

/**
 * The callers of a run, as {@code Authorization} header values signed with the node's JWT
 * secret. The node limits each caller to 50 requests a second (bursts of 100), so load comes
 * from many distinct users, as it does at a real drop; minting happens before a phase starts,
 * never on the scheduler's clock.
 */
public final class Callers
{
    /** Long enough for the longest run (a million claims at a few hundred a second). */
    private static final Duration VALIDITY = Duration.ofHours(12);

    private final Tokens tokens;
    private final Instant expiresAt = Instant.now().plus(VALIDITY);

    public Callers(final String jwtSecret)
    {
        tokens = new Tokens(jwtSecret);
    }

    public String participant(final long userId)
    {
        return bearer(Role.PARTICIPANT, userId, 0);
    }

    public String merchant(final long userId, final long storeId)
    {
        return bearer(Role.MERCHANT, userId, storeId);
    }

    public String admin(final long userId)
    {
        return bearer(Role.ADMIN, userId, 0);
    }

    /** Headers for consecutive users: index {@code i} is user {@code firstUserId + i}. */
    public String[] participants(final long firstUserId, final int count)
    {
        final String[] headers = new String[count];
        IntStream.range(0, count).parallel().forEach(i -> headers[i] = participant(firstUserId + i));
        return headers;
    }

    private String bearer(final Role role, final long userId, final long storeId)
    {
        return "Bearer " + tokens.mint(role, userId, storeId, 0, expiresAt);
    }
}
