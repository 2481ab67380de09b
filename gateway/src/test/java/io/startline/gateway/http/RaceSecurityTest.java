package io.startline.gateway.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every race route × no token, an expired token, a wrong signature, a broken token, and every
 * role it does not allow: 401 or 403, and the journal untouched. A participant's entry is
 * reached only through their own token, and no clear national ID number is ever written to
 * the data directory.
 */
class RaceSecurityTest
{
    private static final String OWNER_ID = RaceApiTest.nationalId(31);
    private static final String GRANTED_ID = RaceApiTest.nationalId(32);
    private static final byte[] PHONE = "+8613800000000".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path dataDir;

    private static TestNode node;
    private static long raceId;
    private static long entryId;

    static List<RefusedCallers.Route> routes()
    {
        final Set<Role> admin = Set.of(Role.ADMIN);
        final Set<Role> participant = Set.of(Role.PARTICIPANT);
        return List.of(
            new RefusedCallers.Route("POST", "/api/races", "{\"name\":\"x\"}", admin),
            new RefusedCallers.Route("PATCH", "/api/races/1", "{\"name\":\"x\"}", admin),
            new RefusedCallers.Route("POST", "/api/races/1/entitlements", "{\"weight\":2}", admin),
            new RefusedCallers.Route("POST", "/api/races/1/groups", "{\"categoryCode\":\"FULL\"}", participant),
            new RefusedCallers.Route("POST", "/api/races/1/entries", "{\"categoryCode\":\"FULL\"}", participant),
            new RefusedCallers.Route("GET", "/api/races/1/entries/me", null, participant),
            new RefusedCallers.Route("DELETE", "/api/races/1/entries/me", null, participant),
            new RefusedCallers.Route("GET", "/api/races/1/ballot", null, Set.of()),
            new RefusedCallers.Route("POST", "/api/races/1/draw", "{\"seed\":\"ab\"}", admin),
            new RefusedCallers.Route("POST", "/api/races/1/entries/1/payment", "{\"paymentRef\":\"p\"}", admin),
            new RefusedCallers.Route("GET", "/api/races/1", null, Set.of()),
            new RefusedCallers.Route("POST", "/api/races/1/waitlist/close", null, admin),
            new RefusedCallers.Route("GET", "/api/races/1/results?format=csv", null, admin),
            new RefusedCallers.Route("GET", "/api/races/1/entry-list?format=csv", null, admin));
    }

    static Stream<Arguments> cases()
    {
        return RefusedCallers.cases(node, routes());
    }

    @BeforeAll
    static void start()
    {
        node = new TestNode(dataDir);
        final String admin = node.token(Role.ADMIN, 1);
        final long now = System.currentTimeMillis();
        raceId = node.post("/api/races", admin, """
            {"name":"R","raceDate":"2027-04-12","mode":"LOTTERY","registrationOpensAt":%d,
             "registrationClosesAt":%d,"paymentWindowMs":60000,"maxGroupSize":2,
             "categories":[{"code":"FULL","capacity":10,"feeFen":100,"pools":[{"code":"LOCAL","places":5}]}]}
            """.formatted(now - 1_000, now + 3_600_000)).json().get("raceId").asLong();
        assertThat(node.post("/api/races/" + raceId + "/entitlements", admin,
            "{\"personIds\":[\"" + GRANTED_ID + "\"],\"pool\":\"LOCAL\",\"weight\":2}").status()).isEqualTo(200);
        final TestNode.Response entered = node.post("/api/races/" + raceId + "/entries", node.token(Role.PARTICIPANT, 7),
            RaceApiTest.entry("FULL", OWNER_ID, null));
        assertThat(entered.status()).as(entered.toString()).isEqualTo(201);
        entryId = entered.json().get("entryId").asLong();
    }

    @AfterAll
    static void stop()
    {
        node.close();
    }

    @ParameterizedTest(name = "{0} with {1} → {3}")
    @MethodSource("cases")
    void refusedCallersGetTheirStatusAndNothingIsJournaled(final RefusedCallers.Route route, final String who, final String token,
        final int status)
    {
        RefusedCallers.check(node, route, token, status);
    }

    @Test
    void aParticipantReachesOnlyTheirOwnEntry()
    {
        final String path = "/api/races/" + raceId + "/entries/me";
        final String owner = node.token(Role.PARTICIPANT, 7);
        final String other = node.token(Role.PARTICIPANT, 8);

        final TestNode.Response seen = node.get(path, other);
        assertThat(seen.status()).as(seen.toString()).isEqualTo(404);
        assertThat(seen.errorCode()).isEqualTo("ENTRY_NOT_FOUND");
        final TestNode.Response withdrawn = node.send("DELETE", path, other, null, null);
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(404);

        final TestNode.Response own = node.get(path, owner);
        assertThat(own.json().get("entryId").asLong()).isEqualTo(entryId);
        assertThat(own.json().get("status").asText()).as("the other's withdrawal touched nothing").isEqualTo("APPLIED");
        assertThat(own.text()).doesNotContain(OWNER_ID);
    }

    @Test
    void noClearNationalIdIsWrittenToTheDataDirectory() throws IOException
    {
        final byte[] owner = OWNER_ID.getBytes(StandardCharsets.US_ASCII);
        final byte[] granted = GRANTED_ID.getBytes(StandardCharsets.US_ASCII);
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir))
        {
            files = walk.filter(Files::isRegularFile).toList();
        }
        boolean entryFound = false;
        for (final Path file : files)
        {
            final byte[] bytes = Files.readAllBytes(file);
            assertThat(indexOf(bytes, owner)).as(file + " holds an entrant's ID").isNegative();
            assertThat(indexOf(bytes, granted)).as(file + " holds a granted ID").isNegative();
            entryFound |= indexOf(bytes, PHONE) >= 0;
        }
        assertThat(entryFound).as("the entry itself is journaled, so the search did read it").isTrue();
    }

    private static int indexOf(final byte[] haystack, final byte[] needle)
    {
        for (int i = 0; i + needle.length <= haystack.length; i++)
        {
            int k = 0;
            while (k < needle.length && haystack[i + k] == needle[k])
            {
                k++;
            }
            if (k == needle.length)
            {
                return i;
            }
        }
        return -1;
    }
}
