package io.startline.gateway.http;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import org.junit.jupiter.params.provider.Arguments;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security matrix's rows, shared by every domain's security test: for each route, no
 * token, an expired one, a wrongly signed one and a broken one (401), and every role the
 * route is not for (403). Each must leave the journal as it was.
 */
final class RefusedCallers
{
    /** A route, a body it would take, and the roles it is for (empty: any valid token). */
    record Route(String method, String path, String body, Set<Role> roles)
    {
        @Override
        public String toString()
        {
            return method + " " + path;
        }
    }

    private RefusedCallers()
    {
    }

    /** Arguments: route, who calls, the token (or null), the status API.md gives. */
    static Stream<Arguments> cases(final TestNode node, final List<Route> routes)
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final Route route : routes)
        {
            cases.add(Arguments.of(route, "no token", null, 401));
            cases.add(Arguments.of(route, "expired", node.tokens.mint(Role.ADMIN, 1, 0, 0, Instant.now().minusSeconds(5)),
                401));
            cases.add(Arguments.of(route, "wrong signature", JWT.create().withSubject("1").withClaim("role", "admin")
                .withExpiresAt(Instant.now().plusSeconds(600))
                .sign(Algorithm.HMAC256("another-secret-another-secret-another".getBytes(StandardCharsets.UTF_8))), 401));
            cases.add(Arguments.of(route, "broken", node.tokens.mint(Role.ADMIN, 1, 0, 0, Instant.now().plusSeconds(600))
                .substring(0, 10) + "garbage", 401));
            for (final Role role : Role.values())
            {
                if (!route.roles().isEmpty() && !route.roles().contains(role))
                {
                    cases.add(Arguments.of(route, "role " + role.json(), node.token(role, 42), 403));
                }
            }
        }
        return cases.stream();
    }

    /** Sends one case and checks its status, the error shape and the journal. */
    static void check(final TestNode node, final Route route, final String token, final int status)
    {
        final long journaled = node.journaled();
        final TestNode.Response response = node.send(route.method(), route.path(), token,
            route.body() == null ? null : "application/json",
            route.body() == null ? null : route.body().getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().at("/error/code").asText()).isNotEmpty();
        assertThat(node.journaled()).as("nothing journaled").isEqualTo(journaled);
    }
}
