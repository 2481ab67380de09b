package io.startline.gateway.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every venue route × no token, an expired token, a wrong signature, a broken token, and every
 * role it does not allow: 401 or 403, with the journal untouched. Acting on another user's
 * hold or booking, or at another venue's gate, is a 403 that journals nothing too: those
 * commands would reach the journal even refused, so the gateway must refuse them first.
 */
class VenueSecurityTest
{
    private static final long HOUR = 3_600_000L;

    @TempDir
    static Path dataDir;

    private static TestNode node;
    private static String owner;
    private static String stranger;
    private static long holdId;
    private static long bookingId;
    private static String checkInCode;

    static List<RefusedCallers.Route> routes()
    {
        return List.of(
            new RefusedCallers.Route("POST", "/api/venues", "{\"name\":\"x\"}", Set.of(Role.ADMIN)),
            new RefusedCallers.Route("PATCH", "/api/venues/1", "{\"name\":\"x\"}", Set.of(Role.ADMIN)),
            new RefusedCallers.Route("GET", "/api/venues/1/availability?date=2026-12-01", null, Set.of()),
            new RefusedCallers.Route("POST", "/api/venues/1/holds", "{\"resourceCode\":\"COURT-1\"}", Set.of(Role.PARTICIPANT)),
            new RefusedCallers.Route("POST", "/api/holds/1/confirm", "{\"paymentRef\":\"p-1\"}", Set.of(Role.ADMIN)),
            new RefusedCallers.Route("DELETE", "/api/holds/1", null, Set.of(Role.PARTICIPANT)),
            new RefusedCallers.Route("GET", "/api/bookings/me", null, Set.of(Role.PARTICIPANT)),
            new RefusedCallers.Route("DELETE", "/api/bookings/2", null, Set.of(Role.PARTICIPANT)),
            new RefusedCallers.Route("POST", "/api/venues/1/checkins", "{\"checkInCode\":\"1\"}", Set.of(Role.GATE)));
    }

    static Stream<Arguments> cases()
    {
        return RefusedCallers.cases(node, routes());
    }

    /** Venue 1 at UTC, all day in hours; the owner holds tomorrow 10:00 (hold 1) and has booked 11:00 (booking 2). */
    @BeforeAll
    static void start()
    {
        node = new TestNode(dataDir);
        final String admin = node.token(Role.ADMIN, 1);
        owner = node.token(Role.PARTICIPANT, 7);
        stranger = node.token(Role.PARTICIPANT, 8);
        final TestNode.Response venue = node.post("/api/venues", admin, """
            {"name":"V","utcOffsetMinutes":0,"resources":[{"code":"COURT-1","name":"Court 1"}],
             "opensMinuteOfDay":0,"closesMinuteOfDay":1440,"slotMinutes":60,"priceFen":5000,"releaseDaysAhead":7,
             "releaseMinuteOfDay":0,"maxSlotsPerUserPerDay":4,"holdTimeoutMs":600000,"cancelCutoffMs":3600000,
             "checkInEarlyMs":900000,"checkInLateMs":900000,"noShowStrikesForBan":3,"banDays":30}""");
        assertThat(venue.json().get("venueId").asLong()).isEqualTo(1);
        final long tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toEpochDay() * 24 * HOUR;
        holdId = node.post("/api/venues/1/holds", owner, "{\"resourceCode\":\"COURT-1\",\"startAt\":" +
            (tomorrow + 10 * HOUR) + ",\"slots\":1}").json().get("holdId").asLong();
        bookingId = node.post("/api/venues/1/holds", owner, "{\"resourceCode\":\"COURT-1\",\"startAt\":" +
            (tomorrow + 11 * HOUR) + ",\"slots\":1}").json().get("holdId").asLong();
        checkInCode = node.post("/api/holds/" + bookingId + "/confirm", admin, "{\"paymentRef\":\"pay-2\"}").json()
            .get("checkInCode").asText();
        assertThat(holdId).isEqualTo(1);
        assertThat(bookingId).isEqualTo(2);
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
    void anotherParticipantReleasingTheHoldOrCancellingTheBookingIs403AndJournalsNothing()
    {
        final long journaled = node.journaled();
        final TestNode.Response release = node.send("DELETE", "/api/holds/" + holdId, stranger, null, null);
        assertThat(release.status()).as(release.toString()).isEqualTo(403);
        final TestNode.Response cancel = node.send("DELETE", "/api/bookings/" + bookingId, stranger, null, null);
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(403);
        final TestNode.Response holdAsBooking = node.send("DELETE", "/api/bookings/" + holdId, stranger, null, null);
        assertThat(holdAsBooking.status()).as("a hold is no booking, whoever asks").isEqualTo(404);
        assertThat(node.journaled()).isEqualTo(journaled);
        assertThat(node.get("/api/bookings/me", stranger).json().get("bookings")).isEmpty();
        assertThat(node.get("/api/bookings/me", owner).json().get("bookings")).hasSize(1);
    }

    @Test
    void aGateOfAnotherVenueIs403AndJournalsNothing()
    {
        final long journaled = node.journaled();
        final TestNode.Response response = node.post("/api/venues/1/checkins",
            node.tokens.mint(Role.GATE, 500, 0, 2, Instant.now().plusSeconds(600)),
            "{\"checkInCode\":\"" + checkInCode + "\"}");
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(node.journaled()).isEqualTo(journaled);
    }

    @Test
    void theOwnerMayReleaseAndCancel()
    {
        final long otherHold = node.post("/api/venues/1/holds", owner, "{\"resourceCode\":\"COURT-1\",\"startAt\":" +
            (LocalDate.now(ZoneOffset.UTC).plusDays(2).toEpochDay() * 24 * HOUR + 9 * HOUR) + ",\"slots\":1}").json()
            .get("holdId").asLong();
        final TestNode.Response release = node.send("DELETE", "/api/holds/" + otherHold, owner, null, null);
        assertThat(release.status()).as(release.toString()).isEqualTo(200);
        final long otherBooking = node.post("/api/venues/1/holds", owner, "{\"resourceCode\":\"COURT-1\",\"startAt\":" +
            (LocalDate.now(ZoneOffset.UTC).plusDays(2).toEpochDay() * 24 * HOUR + 10 * HOUR) + ",\"slots\":1}").json()
            .get("holdId").asLong();
        node.post("/api/holds/" + otherBooking + "/confirm", node.token(Role.ADMIN, 1), "{\"paymentRef\":\"pay-3\"}");
        final TestNode.Response cancel = node.send("DELETE", "/api/bookings/" + otherBooking, owner, null, null);
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        assertThat(cancel.json().get("refundable").asBoolean()).isTrue();
    }
}
