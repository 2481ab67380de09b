package io.startline.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The venue routes end to end over real HTTP, on the node's real clock. The venue's UTC offset
 * is chosen so that one of its hourly slots starts about ten minutes from now ({@link #soon}):
 * it can be held and booked, is inside the check-in window at once, and is too close to be
 * cancelled with a refund. Its local day is {@link #today}; every day to a week ahead is
 * released, so later slots are bookable too.
 */
class VenueApiTest
{
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    @TempDir
    Path dataDir;

    private TestNode node;
    private String admin;
    private String alice;
    private String bob;
    private int utcOffsetMinutes;
    private long soon;
    private LocalDate today;
    private long venueId;

    @BeforeEach
    void start()
    {
        node = new TestNode(dataDir);
        admin = node.token(Role.ADMIN, 1);
        alice = node.token(Role.PARTICIPANT, 1001);
        bob = node.token(Role.PARTICIPANT, 1002);
        final long nextMinute = (System.currentTimeMillis() / MINUTE + 1) * MINUTE;
        soon = nextMinute + 10 * MINUTE;
        utcOffsetMinutes = -(int)((soon / MINUTE) % 60);
        today = Instant.ofEpochMilli(soon).atOffset(ZoneOffset.ofTotalSeconds(utcOffsetMinutes * 60)).toLocalDate();
        venueId = createVenue(600_000);
    }

    @AfterEach
    void stop()
    {
        node.close();
    }

    private long createVenue(final long holdTimeoutMs)
    {
        final TestNode.Response created = node.post("/api/venues", admin, """
            {"name":"City Sports Centre","utcOffsetMinutes":%d,
             "resources":[{"code":"COURT-1","name":"Court 1"},{"code":"COURT-2","name":"Court 2"}],
             "opensMinuteOfDay":0,"closesMinuteOfDay":1440,"slotMinutes":60,"priceFen":5000,
             "releaseDaysAhead":7,"releaseMinuteOfDay":0,"maxSlotsPerUserPerDay":2,"holdTimeoutMs":%d,
             "cancelCutoffMs":3600000,"checkInEarlyMs":900000,"checkInLateMs":900000,
             "noShowStrikesForBan":3,"banDays":30}
            """.formatted(utcOffsetMinutes, holdTimeoutMs));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("venueId").asLong();
    }

    /** The start of hour {@code hh} of a local day of the venue. */
    private long at(final LocalDate day, final int hh)
    {
        return day.toEpochDay() * DAY - utcOffsetMinutes * MINUTE + hh * HOUR;
    }

    private TestNode.Response hold(final String token, final String resource, final long startAt, final int slots)
    {
        return node.post("/api/venues/" + venueId + "/holds", token,
            "{\"resourceCode\":\"" + resource + "\",\"startAt\":" + startAt + ",\"slots\":" + slots + "}");
    }

    private long held(final String token, final String resource, final long startAt, final int slots)
    {
        final TestNode.Response hold = hold(token, resource, startAt, slots);
        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        return hold.json().get("holdId").asLong();
    }

    private TestNode.Response confirm(final long holdId, final String paymentRef)
    {
        return node.post("/api/holds/" + holdId + "/confirm", admin, "{\"paymentRef\":\"" + paymentRef + "\"}");
    }

    private JsonNode booked(final String token, final String resource, final long startAt)
    {
        final long holdId = held(token, resource, startAt, 1);
        final TestNode.Response confirmed = confirm(holdId, "pay-" + holdId);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        return confirmed.json();
    }

    private JsonNode grid(final LocalDate day)
    {
        final TestNode.Response grid = node.get("/api/venues/" + venueId + "/availability?date=" + day, bob);
        assertThat(grid.status()).as(grid.toString()).isEqualTo(200);
        return grid.json();
    }

    private String slot(final LocalDate day, final String resource, final int hh)
    {
        for (final JsonNode r : grid(day).get("resources"))
        {
            if (r.get("code").asText().equals(resource))
            {
                final JsonNode slot = r.get("slots").get(hh);
                assertThat(slot.get("startAt").asLong()).isEqualTo(at(day, hh));
                return slot.get("status").asText();
            }
        }
        throw new AssertionError("no resource " + resource);
    }

    @Test
    void theGridGivesEverySlotItsStartAndStatusAsTimePassesAndHoldsAndBookingsTakeThem()
    {
        final JsonNode grid = grid(today);
        assertThat(grid.get("date").asText()).isEqualTo(today.toString());
        assertThat(grid.get("resources")).extracting(r -> r.get("code").asText()).containsExactly("COURT-1", "COURT-2");
        final JsonNode slots = grid.get("resources").get(0).get("slots");
        assertThat(slots).hasSize(24);
        for (int hh = 0; hh < 24; hh++)
        {
            assertThat(slots.get(hh).get("startAt").asLong()).isEqualTo(at(today, hh));
            assertThat(slots.get(hh).get("status").asText()).isEqualTo(at(today, hh) < soon ? "PAST" : "FREE");
        }
        assertThat(grid(today.plusDays(8)).get("resources").get(1).get("slots"))
            .allSatisfy(slot -> assertThat(slot.get("status").asText()).isEqualTo("NOT_RELEASED"));

        final long later = at(today.plusDays(1), 10);
        final long holdId = held(alice, "COURT-1", later, 1);
        assertThat(slot(today.plusDays(1), "COURT-1", 10)).isEqualTo("HELD");
        assertThat(confirm(holdId, "pay-1").status()).isEqualTo(200);
        assertThat(slot(today.plusDays(1), "COURT-1", 10)).isEqualTo("BOOKED");
        assertThat(slot(today.plusDays(1), "COURT-2", 10)).isEqualTo("FREE");
    }

    @Test
    void aHoldIsConfirmedOnceListedAndItsBookingCancelledWithARefundWhenEarlyEnough()
    {
        final long startAt = at(today.plusDays(1), 10);
        final TestNode.Response hold = hold(alice, "COURT-1", startAt, 2);
        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        final long holdId = hold.json().get("holdId").asLong();
        assertThat(hold.json().get("amountFen").asLong()).isEqualTo(10_000);
        assertThat(hold.json().get("expiresAt").asLong()).isBetween(System.currentTimeMillis() + 590_000,
            System.currentTimeMillis() + 600_000);

        final JsonNode listed = node.get("/api/bookings/me", alice).json();
        assertThat(listed.get("holds")).hasSize(1);
        assertThat(listed.get("holds").get(0).get("holdId").asLong()).isEqualTo(holdId);
        assertThat(listed.get("holds").get(0).get("venueId").asLong()).isEqualTo(venueId);
        assertThat(listed.get("holds").get(0).get("resourceCode").asText()).isEqualTo("COURT-1");
        assertThat(listed.get("holds").get(0).get("startAt").asLong()).isEqualTo(startAt);
        assertThat(listed.get("holds").get(0).get("slots").asInt()).isEqualTo(2);
        assertThat(listed.get("bookings")).isEmpty();
        assertThat(node.get("/api/bookings/me", bob).json().get("holds")).as("bob sees only his own").isEmpty();

        final TestNode.Response confirmed = confirm(holdId, "pay-1");
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.json().get("bookingId").asLong()).isEqualTo(holdId);
        assertThat(confirmed.json().get("checkInCode").isTextual()).as("codes are strings").isTrue();
        final TestNode.Response again = confirm(holdId, "pay-1");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text()).as("the same payment again gets the same answer").isEqualTo(confirmed.text());
        final TestNode.Response secondPayment = confirm(holdId, "pay-2");
        assertThat(secondPayment.status()).isEqualTo(409);
        assertThat(secondPayment.errorCode()).isEqualTo("ALREADY_CONFIRMED");

        final JsonNode booking = node.get("/api/bookings/me", alice).json().get("bookings").get(0);
        assertThat(booking.get("bookingId").asLong()).isEqualTo(holdId);
        assertThat(booking.get("status").asText()).isEqualTo("BOOKED");
        assertThat(booking.get("checkInCode").asText()).isEqualTo(confirmed.json().get("checkInCode").asText());
        assertThat(node.get("/api/bookings/me", alice).json().get("holds")).isEmpty();

        final TestNode.Response cancelled = node.send("DELETE", "/api/bookings/" + holdId, alice, null, null);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().get("refundable").asBoolean()).isTrue();
        assertThat(node.send("DELETE", "/api/bookings/" + holdId, alice, null, null).text())
            .as("cancelling again answers the same").isEqualTo(cancelled.text());
        assertThat(slot(today.plusDays(1), "COURT-1", 11)).isEqualTo("FREE");
        assertThat(node.get("/api/bookings/me", alice).json().get("bookings").get(0).get("status").asText())
            .isEqualTo("CANCELLED");
    }

    @Test
    void aBookingInsideTheCutOffIsCancelledWithoutARefundAndAReleasedHoldFreesItsSlot()
    {
        final long bookingId = booked(alice, "COURT-1", soon).get("bookingId").asLong();
        final TestNode.Response cancelled = node.send("DELETE", "/api/bookings/" + bookingId, alice, null, null);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("refundable").asBoolean()).isFalse();

        final long later = at(today.plusDays(2), 9);
        final long holdId = held(alice, "COURT-2", later, 1);
        final TestNode.Response released = node.send("DELETE", "/api/holds/" + holdId, alice, null, null);
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        assertThat(released.json().get("status").asText()).isEqualTo("RELEASED");
        assertThat(node.send("DELETE", "/api/holds/" + holdId, alice, null, null).text())
            .as("releasing again answers the same").isEqualTo(released.text());
        assertThat(slot(today.plusDays(2), "COURT-2", 9)).isEqualTo("FREE");
        assertThat(confirm(holdId, "pay-late").errorCode()).isEqualTo("HOLD_RELEASED");
        assertThat(hold(bob, "COURT-2", later, 1).status()).as("the slot is free for others").isEqualTo(201);
    }

    @Test
    void businessRefusalsAre409sInApiOrderUnknownThingsAre404AndBadValuesAre400NamingTheField()
    {
        final LocalDate day = today.plusDays(2);
        held(alice, "COURT-1", at(day, 10), 2);
        final TestNode.Response taken = hold(bob, "COURT-1", at(day, 11), 1);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.errorCode()).isEqualTo("SLOT_TAKEN");
        final TestNode.Response limit = hold(alice, "COURT-2", at(day, 12), 1);
        assertThat(limit.status()).isEqualTo(409);
        assertThat(limit.errorCode()).isEqualTo("LIMIT_REACHED");
        final TestNode.Response past = hold(bob, "COURT-1", soon - HOUR, 1);
        assertThat(past.status()).isEqualTo(409);
        assertThat(past.errorCode()).isEqualTo("PAST");
        final TestNode.Response notReleased = hold(bob, "COURT-1", at(today.plusDays(8), 10), 1);
        assertThat(notReleased.status()).isEqualTo(409);
        assertThat(notReleased.errorCode()).isEqualTo("NOT_RELEASED");

        assertThat(node.post("/api/venues/999/holds", bob, "{\"resourceCode\":\"COURT-1\",\"startAt\":" + at(day, 9) +
            ",\"slots\":1}").errorCode()).isEqualTo("VENUE_NOT_FOUND");
        final TestNode.Response noCourt = hold(bob, "COURT-9", at(day, 9), 1);
        assertThat(noCourt.status()).isEqualTo(404);
        assertThat(noCourt.errorCode()).isEqualTo("RESOURCE_NOT_FOUND");
        assertThat(confirm(999, "pay-1").status()).isEqualTo(404);
        assertThat(node.send("DELETE", "/api/holds/999", bob, null, null).errorCode()).isEqualTo("HOLD_NOT_FOUND");
        assertThat(node.send("DELETE", "/api/bookings/999", bob, null, null).errorCode()).isEqualTo("BOOKING_NOT_FOUND");
        assertThat(node.get("/api/venues/999/availability?date=" + today, bob).status()).isEqualTo(404);

        final TestNode.Response stringStart = node.post("/api/venues/" + venueId + "/holds", bob,
            "{\"resourceCode\":\"COURT-1\",\"startAt\":\"" + at(day, 9) + "\",\"slots\":1}");
        assertThat(stringStart.status()).isEqualTo(400);
        assertThat(stringStart.json().at("/error/field").asText()).isEqualTo("startAt");
        final TestNode.Response noSlots = hold(bob, "COURT-1", at(day, 9), 0);
        assertThat(noSlots.status()).isEqualTo(400);
        assertThat(noSlots.json().at("/error/field").asText()).isEqualTo("slots");
        final TestNode.Response offTheGrid = hold(bob, "COURT-1", at(day, 9) + MINUTE, 1);
        assertThat(offTheGrid.status()).as("not a slot start").isEqualTo(400);
        assertThat(offTheGrid.json().at("/error/field").asText()).isEqualTo("startAt");
        final TestNode.Response badDate = node.get("/api/venues/" + venueId + "/availability?date=2026-13-01", bob);
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().at("/error/field").asText()).isEqualTo("date");
        final TestNode.Response badRef = node.post("/api/holds/1/confirm", admin, "{\"paymentRef\":\"caf\u00e9\"}");
        assertThat(badRef.status()).isEqualTo(400);
        assertThat(badRef.json().at("/error/field").asText()).isEqualTo("paymentRef");
        final TestNode.Response badCourt = node.post("/api/venues", admin, """
            {"name":"V","utcOffsetMinutes":0,"resources":[{"code":"C1","name":"One"},{"code":"C 2","name":"Two"}],
             "opensMinuteOfDay":0,"closesMinuteOfDay":1440,"slotMinutes":60,"priceFen":1,"releaseDaysAhead":1,
             "releaseMinuteOfDay":0,"maxSlotsPerUserPerDay":1,"holdTimeoutMs":1000,"cancelCutoffMs":0,
             "checkInEarlyMs":0,"checkInLateMs":0,"noShowStrikesForBan":0,"banDays":1}""");
        assertThat(badCourt.status()).isEqualTo(400);
        assertThat(badCourt.json().at("/error/field").asText()).isEqualTo("resources[1].code");
        final TestNode.Response badHours = node.post("/api/venues", admin, """
            {"name":"V","utcOffsetMinutes":0,"resources":[{"code":"C1","name":"One"}],
             "opensMinuteOfDay":480,"closesMinuteOfDay":1320,"slotMinutes":50,"priceFen":1,"releaseDaysAhead":1,
             "releaseMinuteOfDay":0,"maxSlotsPerUserPerDay":1,"holdTimeoutMs":1000,"cancelCutoffMs":0,
             "checkInEarlyMs":0,"checkInLateMs":0,"noShowStrikesForBan":0,"banDays":1}""");
        assertThat(badHours.status()).isEqualTo(400);
        assertThat(badHours.json().at("/error/field").asText()).isEqualTo("slotMinutes");
    }

    @Test
    void aHoldPaidForAfterItExpiredIsRefusedAndItsSlotIsFreeAgain() throws InterruptedException
    {
        final long quickVenue = createVenue(1_000);
        final long startAt = at(today.plusDays(1), 10);
        final TestNode.Response hold = node.post("/api/venues/" + quickVenue + "/holds", alice,
            "{\"resourceCode\":\"COURT-1\",\"startAt\":" + startAt + ",\"slots\":1}");
        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        Thread.sleep(Math.max(0, hold.json().get("expiresAt").asLong() - System.currentTimeMillis() + 50));
        final TestNode.Response late = confirm(hold.json().get("holdId").asLong(), "pay-late");
        assertThat(late.status()).as(late.toString()).isEqualTo(409);
        assertThat(late.errorCode()).isEqualTo("EXPIRED");
        assertThat(node.get("/api/bookings/me", alice).json().get("holds")).isEmpty();
        assertThat(node.post("/api/venues/" + quickVenue + "/holds", bob,
            "{\"resourceCode\":\"COURT-1\",\"startAt\":" + startAt + ",\"slots\":1}").status()).isEqualTo(201);
    }

    @Test
    void aHoldThatIsNoBookingCannotBeCancelledAndABookingCannotBeReleased()
    {
        final long holdId = held(alice, "COURT-1", at(today.plusDays(1), 9), 1);
        assertThat(node.send("DELETE", "/api/bookings/" + holdId, alice, null, null).errorCode())
            .isEqualTo("BOOKING_NOT_FOUND");
        final long bookingId = booked(alice, "COURT-2", at(today.plusDays(1), 9)).get("bookingId").asLong();
        final TestNode.Response release = node.send("DELETE", "/api/holds/" + bookingId, alice, null, null);
        assertThat(release.status()).isEqualTo(409);
        assertThat(release.errorCode()).isEqualTo("ALREADY_CONFIRMED");
    }

    @Test
    void theOrganisersDayShowsACheckInWhereTheParticipantsGridShowsABookingAndIsForAdminsOnly()
    {
        final JsonNode booking = booked(alice, "COURT-2", soon);
        final long heldId = held(bob, "COURT-1", soon, 1);
        final String gate = node.tokens.mint(Role.GATE, 501, 0, venueId, Instant.now().plusSeconds(600));
        assertThat(node.post("/api/venues/" + venueId + "/checkins", gate,
            "{\"checkInCode\":\"" + booking.get("checkInCode").asText() + "\"}").status()).isEqualTo(200);

        final int hh = (int)((soon - at(today, 0)) / HOUR);
        final TestNode.Response day = node.get("/api/venues/" + venueId + "/day?date=" + today, admin);
        assertThat(day.status()).as(day.toString()).isEqualTo(200);
        final JsonNode court1 = day.json().get("resources").get(0);
        final JsonNode court2 = day.json().get("resources").get(1);
        assertThat(court2.get("slots").get(hh).get("status").asText()).isEqualTo("CHECKED_IN");
        assertThat(court1.get("slots").get(hh).get("status").asText()).as("hold " + heldId).isEqualTo("HELD");
        assertThat(court2.get("slots").get(hh).get("startAt").asLong()).isEqualTo(soon);
        assertThat(slot(today, "COURT-2", hh)).as("what participants see").isEqualTo("BOOKED");

        assertThat(node.get("/api/venues/" + venueId + "/day?date=" + today, bob).status()).isEqualTo(403);
        final TestNode.Response noDate = node.get("/api/venues/" + venueId + "/day", admin);
        assertThat(noDate.status()).isEqualTo(400);
        assertThat(noDate.json().get("error").get("field").asText()).isEqualTo("date");
        assertThat(node.get("/api/venues/99/day?date=" + today, admin).errorCode()).isEqualTo("VENUE_NOT_FOUND");
    }

    @Test
    void theVenuesGateChecksInABookingInsideItsWindowOnceAndOtherVenuesGatesAreRefused()
    {
        final JsonNode booking = booked(alice, "COURT-2", soon);
        final String code = booking.get("checkInCode").asText();
        final String gate = node.tokens.mint(Role.GATE, 501, 0, venueId, Instant.now().plusSeconds(600));

        final long journaled = node.journaled();
        final String otherGate = node.tokens.mint(Role.GATE, 502, 0, venueId + 1, Instant.now().plusSeconds(600));
        final TestNode.Response elsewhere = node.post("/api/venues/" + venueId + "/checkins", otherGate,
            "{\"checkInCode\":\"" + code + "\"}");
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(403);
        assertThat(node.journaled()).as("refused before the engine").isEqualTo(journaled);

        final TestNode.Response admitted = node.post("/api/venues/" + venueId + "/checkins", gate,
            "{\"checkInCode\":\"" + code + "\"}");
        assertThat(admitted.status()).as(admitted.toString()).isEqualTo(200);
        assertThat(admitted.json().get("bookingId").asLong()).isEqualTo(booking.get("bookingId").asLong());
        assertThat(admitted.json().get("resourceCode").asText()).isEqualTo("COURT-2");
        assertThat(admitted.json().get("startAt").asLong()).isEqualTo(soon);
        assertThat(node.get("/api/bookings/me", alice).json().get("bookings").get(0).get("status").asText())
            .isEqualTo("CHECKED_IN");
        final TestNode.Response twice = node.post("/api/venues/" + venueId + "/checkins", gate,
            "{\"checkInCode\":\"" + code + "\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.errorCode()).isEqualTo("ALREADY_CHECKED_IN");

        final String later = booked(bob, "COURT-1", at(today.plusDays(1), 10)).get("checkInCode").asText();
        final TestNode.Response early = node.post("/api/venues/" + venueId + "/checkins", gate,
            "{\"checkInCode\":\"" + later + "\"}");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.errorCode()).isEqualTo("NOT_IN_WINDOW");

        final long otherVenue = createVenue(600_000);
        final TestNode.Response wrongVenue = node.post("/api/venues/" + otherVenue + "/checkins",
            node.tokens.mint(Role.GATE, 503, 0, otherVenue, Instant.now().plusSeconds(600)),
            "{\"checkInCode\":\"" + later + "\"}");
        assertThat(wrongVenue.status()).as("another venue's own gate with this booking's code").isEqualTo(403);
        assertThat(wrongVenue.errorCode()).isEqualTo("WRONG_VENUE");
        final TestNode.Response unknownCode = node.post("/api/venues/" + venueId + "/checkins", gate,
            "{\"checkInCode\":\"12345\"}");
        assertThat(unknownCode.status()).isEqualTo(404);
    }

    @Test
    void anyoneWithATokenListsTheVenuesToBook()
    {
        final TestNode.Response listed = node.get("/api/venues", alice);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        final JsonNode venues = listed.json();
        assertThat(venues.get("venues")).hasSize(1);
        assertThat(venues.get("venues").get(0).get("venueId").asLong()).isEqualTo(venueId);
        assertThat(venues.get("next").isNull()).isTrue();
        assertThat(node.get("/api/venues", null).status()).isEqualTo(401);
    }
}
