package io.startline.gateway.http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organiser console's safe edits over real HTTP: renaming a campaign, a race and a venue at
 * any time; moving a drop's window and a race's dates only before they open (409 NOT_EDITABLE
 * after, saying to create anew); cancelling a drop before it opens, whose value the stats show
 * back in the budget left; fields no edit may change refused by name; and Idempotency-Key on
 * every one of these writes.
 */
class OrganiserEditsApiTest
{
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long BUDGET_FEN = 1_000_000;
    private static final long FACE_FEN = 5_000;

    @TempDir
    Path dataDir;

    private TestNode node;
    private String admin;
    private String alice;
    private long now;
    private long campaignId;
    private long openDropId;

    @BeforeEach
    void start()
    {
        node = new TestNode(dataDir);
        admin = node.token(Role.ADMIN, 1);
        alice = node.token(Role.PARTICIPANT, 1001);
        now = System.currentTimeMillis();
        final TestNode.Response created = node.post("/api/campaigns", admin, """
            {"name":"Winter","budgetFen":%d,"validDaysAfterClaim":7,"validUntil":%d,"perUserLimit":5,
             "tiers":[{"code":"T50","faceValueFen":%d,"thresholdFen":20000}],"storeIds":[101,102]}
            """.formatted(BUDGET_FEN, now + 30 * DAY, FACE_FEN));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        campaignId = created.json().get("campaignId").asLong();
        openDropId = drop(now, null);
    }

    @AfterEach
    void stop()
    {
        node.close();
    }

    // ------------------------------------------------------------------ campaigns and drops

    @Test
    void aCampaignIsRenamedAtAnyTime()
    {
        assertThat(claim(openDropId).status()).isEqualTo(201);

        final TestNode.Response renamed = patch("/api/campaigns/" + campaignId, "{\"name\":\"Spring\"}");

        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("campaignId").asLong()).isEqualTo(campaignId);
        assertThat(renamed.json().get("name").asText()).isEqualTo("Spring");
        assertThat(node.get("/api/campaigns", admin).json().at("/campaigns/0/name").asText()).isEqualTo("Spring");
    }

    @Test
    void aRenameKeepsTheCreationRulesAndRefusesWhatNoEditChanges()
    {
        assertError(patch("/api/campaigns/" + campaignId, "{\"name\":\"" + "x".repeat(201) + "\"}"), 400,
            "INVALID_ARGUMENT", "name");
        final TestNode.Response budget = patch("/api/campaigns/" + campaignId, "{\"name\":\"S\",\"budgetFen\":1}");
        assertError(budget, 409, "NOT_EDITABLE", "budgetFen");
        assertThat(budget.json().at("/error/message").asText()).contains("create a new campaign");
        assertError(patch("/api/campaigns/" + campaignId, "{\"colour\":\"red\"}"), 400, "INVALID_ARGUMENT", "colour");
        assertError(patch("/api/campaigns/" + campaignId, "{}"), 400, "INVALID_ARGUMENT", null);
        assertError(patch("/api/campaigns/999", "{\"name\":\"S\"}"), 404, "CAMPAIGN_NOT_FOUND", null);
        assertThat(node.send("PATCH", "/api/campaigns/" + campaignId, alice, "application/json",
            "{\"name\":\"S\"}".getBytes(StandardCharsets.UTF_8)).status()).as("admins only").isEqualTo(403);
    }

    @Test
    void aDropsWindowIsMovedBeforeItOpensAndClaimsFollowIt()
    {
        final long dropId = drop(now + HOUR, now + 2 * HOUR);

        final TestNode.Response edited = patch(drops(dropId), "{\"startsAt\":%d,\"endsAt\":%d}"
            .formatted(now + 2 * HOUR, now + 3 * HOUR));

        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("dropId").asLong()).isEqualTo(dropId);
        assertThat(edited.json().get("startsAt").asLong()).isEqualTo(now + 2 * HOUR);
        assertThat(edited.json().get("endsAt").asLong()).isEqualTo(now + 3 * HOUR);
        final TestNode.Response onlyStart = patch(drops(dropId), "{\"startsAt\":%d}".formatted(now + HOUR));
        assertThat(onlyStart.json().get("endsAt").asLong()).as("the end stands").isEqualTo(now + 3 * HOUR);
        assertError(claim(dropId), 409, "NOT_OPEN", null);
    }

    @Test
    void anOpenDropsWindowIsNotEditableAndItsFixedFieldsNever()
    {
        final TestNode.Response opened = patch(drops(openDropId), "{\"endsAt\":%d}".formatted(now + DAY));
        assertError(opened, 409, "NOT_EDITABLE", null);
        assertThat(opened.json().at("/error/message").asText()).contains("create a new one");

        final long later = drop(now + HOUR, null);
        assertError(patch(drops(later), "{\"quantity\":5}"), 409, "NOT_EDITABLE", "quantity");
        assertError(patch(drops(later), "{\"startsAt\":%d}".formatted(now + 31 * DAY)), 400, "INVALID_ARGUMENT",
            "startsAt");
        assertError(patch("/api/campaigns/" + campaignId + "/drops/999", "{\"startsAt\":%d}".formatted(now + HOUR)),
            404, "DROP_NOT_FOUND", null);
    }

    @Test
    void aCancelledDropsValueIsBackInTheBudgetLeftAndItsClaimsAreRefused()
    {
        final long dropId = drop(now + HOUR, null);
        final long before = stats().get("budgetLeftFen").asLong();
        assertThat(before).isEqualTo(BUDGET_FEN - 2 * 10 * FACE_FEN);

        final TestNode.Response cancelled = node.post(drops(dropId) + "/cancel", admin, null,
            "Idempotency-Key", "cancel-1");

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().get("returnedFen").asLong()).isEqualTo(10 * FACE_FEN);
        assertThat(cancelled.json().get("budgetLeftFen").asLong()).isEqualTo(before + 10 * FACE_FEN);
        final JsonNode stats = stats();
        assertThat(stats.get("budgetLeftFen").asLong()).isEqualTo(before + 10 * FACE_FEN);
        assertThat(stats.at("/byDrop/1/unclaimedReturned").asLong()).isEqualTo(10);

        final TestNode.Response claim = claim(dropId);
        assertError(claim, 409, "DROP_CANCELLED", null);
        assertThat(node.post(drops(dropId) + "/cancel", admin, null, "Idempotency-Key", "cancel-1").json())
            .as("a retry with its key gets the first answer").isEqualTo(cancelled.json());
        assertError(node.post(drops(dropId) + "/cancel", admin, null), 409, "DROP_CANCELLED", null);
        assertError(node.post(drops(openDropId) + "/cancel", admin, null), 409, "NOT_EDITABLE", null);
        assertThat(stats().get("budgetLeftFen").asLong()).as("returned once").isEqualTo(before + 10 * FACE_FEN);
    }

    @Test
    void anEditTakesAnIdempotencyKey()
    {
        final TestNode.Response first = patch("/api/campaigns/" + campaignId, "{\"name\":\"Spring\"}",
            "Idempotency-Key", "rename-1");
        assertThat(first.status()).isEqualTo(200);
        patch("/api/campaigns/" + campaignId, "{\"name\":\"Summer\"}");

        final TestNode.Response retry = patch("/api/campaigns/" + campaignId, "{\"name\":\"Spring\"}",
            "Idempotency-Key", "rename-1");
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(node.get("/api/campaigns", admin).json().at("/campaigns/0/name").asText())
            .as("the retry changed nothing").isEqualTo("Summer");
        assertError(patch("/api/campaigns/" + campaignId, "{\"name\":\"Autumn\"}", "Idempotency-Key", "rename-1"),
            409, "IDEMPOTENCY_MISMATCH", "Idempotency-Key");
    }

    // ------------------------------------------------------------------ races

    @Test
    void aRacesDatesMoveBeforeRegistrationOpensAndItsNameAtAnyTime()
    {
        final long raceId = race(now + DAY, now + 10 * DAY);

        final TestNode.Response edited = patch("/api/races/" + raceId, """
            {"name":"Autumn Marathon","raceDate":"2027-10-12","registrationOpensAt":%d,"registrationClosesAt":%d,
             "paymentWindowMs":%d}""".formatted(now + 2 * DAY, now + 12 * DAY, 2 * DAY));

        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        final JsonNode race = edited.json();
        assertThat(race.get("name").asText()).isEqualTo("Autumn Marathon");
        assertThat(race.get("raceDate").asText()).isEqualTo("2027-10-12");
        assertThat(race.get("registrationOpensAt").asLong()).isEqualTo(now + 2 * DAY);
        assertThat(race.get("registrationClosesAt").asLong()).isEqualTo(now + 12 * DAY);
        assertThat(race.get("paymentWindowMs").asLong()).isEqualTo(2 * DAY);
        final JsonNode listed = node.get("/api/races", alice).json().at("/races/0");
        assertThat(listed.get("registrationOpensAt").asLong()).isEqualTo(now + 2 * DAY);
        assertThat(listed.get("name").asText()).isEqualTo("Autumn Marathon");
    }

    @Test
    void anOpenRacesDatesAreNotEditableButItsNameIs()
    {
        final long raceId = race(now - HOUR, now + 10 * DAY);

        final TestNode.Response dates = patch("/api/races/" + raceId, "{\"registrationClosesAt\":%d}"
            .formatted(now + 11 * DAY));
        assertError(dates, 409, "NOT_EDITABLE", null);
        assertThat(dates.json().at("/error/message").asText()).contains("create a new one");
        assertError(patch("/api/races/" + raceId, "{\"mode\":\"FIRST_COME\"}"), 409, "NOT_EDITABLE", "mode");
        assertError(patch("/api/races/" + raceId, "{\"categories\":[]}"), 409, "NOT_EDITABLE", "categories");
        assertError(patch("/api/races/" + raceId, "{\"registrationOpensAt\":5,\"registrationClosesAt\":5}"), 400,
            "INVALID_ARGUMENT", "registrationClosesAt");
        assertError(patch("/api/races/999", "{\"name\":\"X\"}"), 404, "RACE_NOT_FOUND", null);

        final TestNode.Response renamed = patch("/api/races/" + raceId, "{\"name\":\"Renamed\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("registrationClosesAt").asLong()).isEqualTo(now + 10 * DAY);
    }

    // ------------------------------------------------------------------ venues

    @Test
    void aVenueIsRenamedAndNothingElseOfItIsEditable()
    {
        final long venueId = venue();

        final TestNode.Response renamed = patch("/api/venues/" + venueId, "{\"name\":\"Riverside Courts\"}");

        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("Riverside Courts");
        assertThat(node.get("/api/venues", alice).json().at("/venues/0/name").asText()).isEqualTo("Riverside Courts");
        final TestNode.Response release = patch("/api/venues/" + venueId, "{\"releaseMinuteOfDay\":600}");
        assertError(release, 409, "NOT_EDITABLE", "releaseMinuteOfDay");
        assertThat(release.json().at("/error/message").asText()).contains("create a new venue");
        assertError(patch("/api/venues/" + venueId, "{\"name\":\" padded\"}"), 400, "INVALID_ARGUMENT", "name");
        assertError(patch("/api/venues/999", "{\"name\":\"X\"}"), 404, "VENUE_NOT_FOUND", null);
    }

    // ------------------------------------------------------------------ helpers

    private TestNode.Response patch(final String path, final String json, final String... headers)
    {
        return node.send("PATCH", path, admin, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    private String drops(final long dropId)
    {
        return "/api/campaigns/" + campaignId + "/drops/" + dropId;
    }

    private long drop(final long startsAt, final Long endsAt)
    {
        final TestNode.Response created = node.post("/api/campaigns/" + campaignId + "/drops", admin,
            "{\"tierCode\":\"T50\",\"quantity\":10,\"startsAt\":" + startsAt +
            (endsAt == null ? "" : ",\"endsAt\":" + endsAt) + ",\"perUserLimit\":1}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("dropId").asLong();
    }

    private TestNode.Response claim(final long dropId)
    {
        return node.post("/api/campaigns/" + campaignId + "/claims", alice, "{\"dropId\":" + dropId + "}");
    }

    private JsonNode stats()
    {
        return node.get("/api/campaigns/" + campaignId + "/stats", admin).json();
    }

    private long race(final long opensAt, final long closesAt)
    {
        final TestNode.Response created = node.post("/api/races", admin, """
            {"name":"Spring Marathon","raceDate":"2027-04-12","mode":"LOTTERY","registrationOpensAt":%d,
             "registrationClosesAt":%d,"paymentWindowMs":600000,"maxGroupSize":2,
             "categories":[{"code":"FULL","capacity":10,"feeFen":5000}]}""".formatted(opensAt, closesAt));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("raceId").asLong();
    }

    private long venue()
    {
        final TestNode.Response created = node.post("/api/venues", admin, """
            {"name":"City Sports Centre","utcOffsetMinutes":480,"resources":[{"code":"COURT-1","name":"Court 1"}],
             "opensMinuteOfDay":0,"closesMinuteOfDay":1440,"slotMinutes":60,"priceFen":5000,
             "releaseDaysAhead":7,"releaseMinuteOfDay":0,"maxSlotsPerUserPerDay":2,"holdTimeoutMs":600000,
             "cancelCutoffMs":3600000,"checkInEarlyMs":900000,"checkInLateMs":900000,
             "noShowStrikesForBan":3,"banDays":30}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("venueId").asLong();
    }

    private static void assertError(final TestNode.Response response, final int status, final String code,
        final String field)
    {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.errorCode()).as(response.toString()).isEqualTo(code);
        final JsonNode actualField = response.json().at("/error/field");
        if (field == null)
        {
            assertThat(actualField.isNull() || actualField.isMissingNode()).as(response.toString()).isTrue();
        }
        else
        {
            assertThat(actualField.asText()).as(response.toString()).isEqualTo(field);
        }
    }
}
