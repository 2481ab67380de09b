package io.startline.gateway.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.startline.gateway.http.Json;
import io.startline.gateway.http.Role;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/**
 * Demo mode's sample data, created once on an empty data directory through the node's own
 * HTTP API (so it passes every check a real organiser's call would): a voucher campaign with
 * a drop open now and one in an hour, a marathon with registration open for a week, and a
 * sports centre whose courts are bookable. Then the tokens and example calls to try them.
 */
final class DemoData
{
    static final long STORE_ID = 101;

    /** What the demo created (ids), or the ids a first demo run gives when the data was already there. */
    record Created(long campaignId, long openDropId, long raceId, long venueId, boolean fresh)
    {
    }

    private DemoData()
    {
    }

    static Created createIfEmpty(final StartlineNode node)
    {
        if (node.pipeline().startSequence() > 0)
        {
            return new Created(1, 1, 1, 1, false);
        }
        final String admin = node.tokens().mint(Role.ADMIN, 1, 0, 0, Instant.now().plusSeconds(600));
        final long now = System.currentTimeMillis();
        final long campaignId = post(node, admin, "/api/campaigns", """
            {"name":"City sports voucher, winter","budgetFen":10000000,"validDaysAfterClaim":30,"validUntil":%d,
             "perUserLimit":2,"tiers":[{"code":"T50","faceValueFen":5000,"thresholdFen":20000},
             {"code":"T20","faceValueFen":2000,"thresholdFen":10000}],"storeIds":[%d,%d]}
            """.formatted(now + TimeUnit.DAYS.toMillis(90), STORE_ID, STORE_ID + 1)).get("campaignId").asLong();
        final long openDrop = post(node, admin, "/api/campaigns/" + campaignId + "/drops",
            "{\"tierCode\":\"T50\",\"quantity\":500,\"startsAt\":" + now + ",\"perUserLimit\":1}").get("dropId").asLong();
        post(node, admin, "/api/campaigns/" + campaignId + "/drops", "{\"tierCode\":\"T20\",\"quantity\":1000," +
            "\"startsAt\":" + (now + TimeUnit.HOURS.toMillis(1)) + ",\"perUserLimit\":1}");
        final LocalDate raceDate = LocalDate.now(ZoneOffset.UTC).plusDays(120);
        final long raceId = post(node, admin, "/api/races", """
            {"name":"City Marathon","raceDate":"%s","mode":"LOTTERY","registrationOpensAt":%d,
             "registrationClosesAt":%d,"paymentWindowMs":%d,"maxGroupSize":4,"categories":[
              {"code":"FULL","name":"Marathon","capacity":30000,"feeFen":20000,"minAge":20,"maxAge":70,"bibFrom":1,
               "pools":[{"code":"ELITE","places":200,"guaranteed":true},{"code":"LOCAL","places":5000}]},
              {"code":"HALF","name":"Half marathon","capacity":20000,"feeFen":12000,"minAge":18,"maxAge":75,
               "bibFrom":50001}]}
            """.formatted(raceDate, now, now + TimeUnit.DAYS.toMillis(7), TimeUnit.DAYS.toMillis(3)))
            .get("raceId").asLong();
        final long venueId = post(node, admin, "/api/venues", """
            {"name":"Riverside Sports Centre","utcOffsetMinutes":480,"resources":[{"code":"COURT-1","name":"Court 1"},
             {"code":"COURT-2","name":"Court 2"},{"code":"COURT-3","name":"Court 3"}],"opensMinuteOfDay":0,
             "closesMinuteOfDay":1440,"slotMinutes":60,"priceFen":8000,"releaseDaysAhead":7,"releaseMinuteOfDay":0,
             "maxSlotsPerUserPerDay":2,"holdTimeoutMs":600000,"cancelCutoffMs":86400000,"checkInEarlyMs":900000,
             "checkInLateMs":900000,"noShowStrikesForBan":3,"banDays":30}
            """).get("venueId").asLong();
        return new Created(campaignId, openDrop, raceId, venueId, true);
    }

    static void printWelcome(final StartlineNode node, final Created created, final String secret,
        final boolean generatedSecret)
    {
        final Instant expires = Instant.now().plus(Duration.ofDays(1));
        final String admin = node.tokens().mint(Role.ADMIN, 1, 0, 0, expires);
        final String participant = node.tokens().mint(Role.PARTICIPANT, 1001, 0, 0, expires);
        final String merchant = node.tokens().mint(Role.MERCHANT, 2001, STORE_ID, 0, expires);
        final String gate = node.tokens().mint(Role.GATE, 3001, 0, created.venueId(), expires);
        final String base = "http://localhost:" + node.port();
        final String json = " -H 'Content-Type: application/json'";
        final long nextHourUtc = (System.currentTimeMillis() / 3_600_000 + 1) * 3_600_000;
        System.out.println();
        System.out.println("Startline demo node on " + base + (created.fresh() ? " with fresh sample data" :
            " (the data directory already held data; none added)"));
        if (generatedSecret)
        {
            System.out.println("JWT secret (generated for this run; tokens from earlier runs no longer verify): " + secret);
        }
        System.out.println("Organiser console: " + base + "/console/  (sign in with the ADMIN_TOKEN below)");
        System.out.println("API reference:     " + base + "/api-docs/");
        System.out.println();
        System.out.println("export ADMIN_TOKEN=" + admin);
        System.out.println("export PARTICIPANT_TOKEN=" + participant + "   # user 1001");
        System.out.println("export MERCHANT_TOKEN=" + merchant + "   # store " + STORE_ID);
        System.out.println("export GATE_TOKEN=" + gate + "   # venue " + created.venueId());
        System.out.println();
        System.out.println("Try (paste the four lines above first):");
        System.out.println("  curl -s " + base + "/health");
        System.out.println("  curl -s -X POST " + base + "/api/campaigns/" + created.campaignId() + "/claims " +
            "-H \"Authorization: Bearer $PARTICIPANT_TOKEN\"" + json + " -d '{\"dropId\":" + created.openDropId() + "}'");
        System.out.println("  curl -s " + base + "/api/vouchers/me -H \"Authorization: Bearer $PARTICIPANT_TOKEN\"");
        System.out.println("  curl -s -X POST " + base + "/api/redemptions -H \"Authorization: Bearer $MERCHANT_TOKEN\"" +
            json + " -d '{\"voucherCode\":\"<voucherCode from the claim>\",\"orderAmountFen\":25000," +
            "\"merchantTxnId\":\"t-1\"}'");
        System.out.println("  curl -s " + base + "/api/campaigns/" + created.campaignId() + "/stats " +
            "-H \"Authorization: Bearer $ADMIN_TOKEN\"");
        System.out.println("  curl -s -X POST " + base + "/api/races/" + created.raceId() + "/entries " +
            "-H \"Authorization: Bearer $PARTICIPANT_TOKEN\"" + json + " -d '{\"categoryCode\":\"HALF\"," +
            "\"personId\":\"110105199003078035\",\"name\":\"Li Hua\",\"gender\":\"F\",\"birthDate\":\"1990-03-07\"," +
            "\"phone\":\"13800138000\"}'");
        System.out.println("  curl -s " + base + "/api/races/" + created.raceId() + "/entries/me " +
            "-H \"Authorization: Bearer $PARTICIPANT_TOKEN\"");
        System.out.println("  curl -s '" + base + "/api/venues/" + created.venueId() + "/availability?date=" +
            LocalDate.now(ZoneOffset.ofHours(8)).plusDays(1) + "' -H \"Authorization: Bearer $PARTICIPANT_TOKEN\"");
        System.out.println("  curl -s -X POST " + base + "/api/venues/" + created.venueId() + "/holds " +
            "-H \"Authorization: Bearer $PARTICIPANT_TOKEN\"" + json + " -d '{\"resourceCode\":\"COURT-1\"," +
            "\"startAt\":" + (nextHourUtc + TimeUnit.DAYS.toMillis(1)) + ",\"slots\":1}'");
        System.out.println("  curl -s " + base + "/metrics");
        System.out.println();
        System.out.println("Stop with Ctrl-C: the node drains its ring and closes the journal.");
    }

    private static JsonNode post(final StartlineNode node, final String token, final String path, final String body)
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        try
        {
            final HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201)
            {
                throw new IllegalStateException("demo data refused at " + path + ": " + response.statusCode() + " " +
                    response.body());
            }
            return Json.MAPPER.readTree(response.body());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("demo data could not be sent to " + path, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
