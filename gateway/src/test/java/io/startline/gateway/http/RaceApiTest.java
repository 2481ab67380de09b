package io.startline.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.startline.engine.race.PersonKeys;
import io.startline.engine.testkit.EngineDriver;
import io.startline.verifier.BallotVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The race routes end to end over real HTTP, as an organiser and runners meet them: a lottery
 * from creation through entitlements, groups, entries, the committed ballot, the draw,
 * payment and the waitlist's close to the export; and a first-come race, where an entry wins
 * at once. The ballot hash is recomputed here from BALLOT.md, and the exports go through the
 * independent verifier, so the gateway is checked against the published algorithm and not
 * only against itself.
 */
class RaceApiTest
{
    private static final String SEED = "00FF10ab";
    private static final long REGISTRATION_MS = 2_000;

    @TempDir
    Path dataDir;

    private TestNode node;
    private String admin;

    @BeforeEach
    void start()
    {
        // Pages of two rows, so that the export of six entries has to walk three of them.
        node = new TestNode(dataDir, EngineDriver.smallContext().raceResultsPageRows(2));
        admin = node.token(Role.ADMIN, 1);
    }

    @AfterEach
    void stop()
    {
        node.close();
    }

    /** A national ID number that passes GB 11643's check: {@code n} makes it unique. */
    /** A valid mainland ID number, distinct for each {@code n} below 365,000. */
    static String nationalId(final int n)
    {
        final String digits = "110101" + LocalDate.of(1990, 3, 7).plusDays(n / 1000)
            .format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", n % 1000);
        for (final char check : "0123456789X".toCharArray())
        {
            if (PersonKeys.isValidNationalId(digits + check))
            {
                return digits + check;
            }
        }
        throw new AssertionError("one check character always fits");
    }

    static String entry(final String categoryCode, final String personId, final String groupCode)
    {
        return "{\"categoryCode\":\"" + categoryCode + "\",\"personId\":\"" + personId + "\",\"name\":\"李 Runner\"," +
            "\"gender\":\"F\",\"birthDate\":\"1990-05-01\",\"phone\":\"+8613800000000\"" +
            (groupCode == null ? "" : ",\"groupCode\":\"" + groupCode + "\"") + "}";
    }

    private static String lottery(final long now, final long closesAt)
    {
        return """
            {"name":"Spring Marathon","raceDate":"2027-04-12","mode":"LOTTERY","registrationOpensAt":%d,
             "registrationClosesAt":%d,"paymentWindowMs":3600000,"maxGroupSize":2,
             "categories":[
               {"code":"FULL","name":"Marathon","capacity":2,"feeFen":20000,"minAge":18,"maxAge":80,"bibFrom":1001,
                "pools":[{"code":"ELITE","places":1,"guaranteed":true}]},
               {"code":"HALF","name":"Half marathon","capacity":5,"feeFen":12000,"minAge":16,"maxAge":80,"bibFrom":5001}]}
            """.formatted(now - 60_000, closesAt);
    }

    private TestNode.Response enter(final long raceId, final String token, final String body)
    {
        return node.post("/api/races/" + raceId + "/entries", token, body);
    }

    private long entered(final long raceId, final String token, final String body)
    {
        final TestNode.Response response = enter(raceId, token, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("status").asText()).isEqualTo("APPLIED");
        return response.json().get("entryId").asLong();
    }

    private JsonNode me(final long raceId, final String token)
    {
        final TestNode.Response response = node.get("/api/races/" + raceId + "/entries/me", token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static void assertError(final TestNode.Response response, final int status, final String code,
        final String field)
    {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.errorCode()).isEqualTo(code);
        if (field != null)
        {
            assertThat(response.json().at("/error/field").asText()).isEqualTo(field);
        }
    }

    @Test
    void aLotteryRunsFromEntriesThroughTheCommittedBallotAndTheDrawToPaymentWaitlistCloseAndExport(
        @TempDir final Path auditDir) throws InterruptedException, IOException
    {
        final long now = System.currentTimeMillis();
        final long closesAt = now + REGISTRATION_MS;
        final TestNode.Response created = node.post("/api/races", admin, lottery(now, closesAt));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        final long raceId = created.json().get("raceId").asLong();
        final String races = "/api/races/" + raceId;

        final String alice = node.token(Role.PARTICIPANT, 1001);
        final String bob = node.token(Role.PARTICIPANT, 1002);
        final String carol = node.token(Role.PARTICIPANT, 1003);
        final String dave = node.token(Role.PARTICIPANT, 1004);
        final String gina = node.token(Role.PARTICIPANT, 1005);
        final String erin = node.token(Role.PARTICIPANT, 1006);
        final String frank = node.token(Role.PARTICIPANT, 1007);

        final TestNode.Response elite = node.post(races + "/entitlements", admin,
            "{\"personIds\":[\"" + nationalId(1) + "\"],\"pool\":\"ELITE\"}");
        assertThat(elite.status()).as(elite.toString()).isEqualTo(200);
        assertThat(elite.json().get("persons").asInt()).isEqualTo(1);
        assertThat(node.post(races + "/entitlements", admin, "{\"personIds\":[\"" + nationalId(2) + "\"],\"weight\":3}")
            .status()).isEqualTo(200);
        assertError(node.post(races + "/entitlements", admin, "{\"personIds\":[\"" + nationalId(3) + "\",\"12345\"]," +
            "\"pool\":\"ELITE\"}"), 400, "INVALID_ARGUMENT", "personIds[1]");
        assertError(node.post(races + "/entitlements", admin, "{\"personIds\":[\"" + nationalId(3) + "\"]," +
            "\"pool\":\"VIP\"}"), 404, "POOL_NOT_FOUND", "pool");

        final TestNode.Response group = node.post(races + "/groups", dave, "{\"categoryCode\":\"HALF\"}");
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        final String groupCode = group.json().get("groupCode").asText();
        assertThat(groupCode).matches("G[0-9A-Z]{13}");

        final long aliceId = entered(raceId, alice, entry("FULL", nationalId(1), null));
        final long bobId = entered(raceId, bob, entry("FULL", nationalId(2), null));
        final long carolId = entered(raceId, carol, entry("FULL", nationalId(3), null));
        final long daveId = entered(raceId, dave, entry("HALF", nationalId(4), groupCode));
        final long ginaId = entered(raceId, gina, entry("HALF", nationalId(5), groupCode));
        final long erinId = entered(raceId, erin, entry("HALF", nationalId(6), null));

        assertError(enter(raceId, frank, entry("HALF", nationalId(1), null)), 409, "DUPLICATE_PERSON", "personId");
        final String badCheck = nationalId(7).substring(0, 17) + (nationalId(7).endsWith("0") ? "1" : "0");
        assertError(enter(raceId, frank, entry("HALF", badCheck, null)), 400, "INVALID_ARGUMENT", "personId");
        assertError(enter(raceId, frank, entry("TRAIL", nationalId(7), null)), 404, "CATEGORY_NOT_FOUND", null);
        assertError(enter(raceId, frank, entry("FULL", nationalId(7), groupCode)), 409, "GROUP_CATEGORY_MISMATCH", null);
        assertError(enter(raceId, frank, entry("HALF", nationalId(7), groupCode)), 409, "GROUP_FULL", null);
        assertError(enter(raceId, alice, entry("HALF", nationalId(8), null)), 409, "ALREADY_ENTERED", null);
        assertError(enter(999, frank, entry("HALF", nationalId(7), null)), 404, "RACE_NOT_FOUND", null);

        final JsonNode aliceEntry = me(raceId, alice);
        assertThat(aliceEntry.get("entryId").asLong()).isEqualTo(aliceId);
        assertThat(aliceEntry.get("status").asText()).isEqualTo("APPLIED");
        assertThat(aliceEntry.get("pool").isNull()).isTrue();
        assertThat(aliceEntry.has("paymentDueAt")).isFalse();
        assertError(node.get(races + "/entries/me", frank), 404, "ENTRY_NOT_FOUND", null);

        final TestNode.Response withdrawn = node.send("DELETE", races + "/entries/me", erin, null, null);
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(withdrawn.json().get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(me(raceId, erin).get("status").asText()).isEqualTo("WITHDRAWN");

        final JsonNode open = node.get(races + "/ballot", frank).json();
        assertThat(open.get("closed").asBoolean()).isFalse();
        assertThat(open.get("entries").asInt()).as("the entries standing, erin's withdrawn one not among them")
            .isEqualTo(5);
        assertThat(open.get("entryListHash").isNull()).isTrue();
        assertThat(open.get("seed").isNull()).isTrue();
        assertError(node.post(races + "/draw", admin, "{\"seed\":\"" + SEED + "\"}"), 409, "REGISTRATION_OPEN", null);
        assertError(node.get(races + "/entry-list", admin), 409, "REGISTRATION_OPEN", null);

        assertThat(System.currentTimeMillis()).as("the story before the close took too long").isLessThan(closesAt);
        Thread.sleep(Math.max(0, closesAt - System.currentTimeMillis() + 20));
        // The engine's clock moves with commands (ticks are off): this late entry is the one that closes the race.
        assertError(enter(raceId, frank, entry("HALF", nationalId(7), null)), 409, "CLOSED", null);

        final JsonNode closed = node.get(races + "/ballot", frank).json();
        assertThat(closed.get("closed").asBoolean()).isTrue();
        assertThat(closed.get("drawn").asBoolean()).isFalse();
        assertThat(closed.get("entries").asInt()).isEqualTo(5);
        final String committed = aliceId + ",FULL," + aliceId + ",ELITE,1\n" +
            bobId + ",FULL," + bobId + ",,3\n" +
            carolId + ",FULL," + carolId + ",,1\n" +
            daveId + ",HALF," + daveId + ",,1\n" +
            ginaId + ",HALF," + daveId + ",,1\n";
        final String entryListHash = closed.get("entryListHash").asText();
        assertThat(entryListHash).as("BALLOT.md's hash of the frozen list").isEqualTo(sha256(committed));
        final TestNode.Response entryList = node.get(races + "/entry-list?format=csv", admin);
        assertThat(entryList.text()).as("the list as committed, byte for byte").isEqualTo(committed);

        final TestNode.Response drawn = node.post(races + "/draw", admin, "{\"seed\":\"" + SEED + "\"}");
        assertThat(drawn.status()).as(drawn.toString()).isEqualTo(200);
        assertThat(drawn.json().get("winners").asInt()).as("ELITE's place, FULL's general one, HALF's group")
            .isEqualTo(4);
        assertThat(drawn.json().get("waitlisted").asInt()).isEqualTo(1);
        assertThat(drawn.json().get("entryListHash").asText()).isEqualTo(closed.get("entryListHash").asText());
        assertThat(drawn.json().get("seed").asText()).isEqualTo("00ff10ab");
        assertError(node.post(races + "/draw", admin, "{\"seed\":\"01\"}"), 409, "ALREADY_DRAWN", null);
        assertThat(node.get(races + "/ballot", alice).json().get("seed").asText()).isEqualTo("00ff10ab");

        final JsonNode won = me(raceId, alice);
        assertThat(won.get("status").asText()).isEqualTo("WON");
        assertThat(won.get("pool").asText()).isEqualTo("ELITE");
        assertThat(won.get("paymentDueAt").asLong())
            .isBetween(closesAt + 3_600_000, System.currentTimeMillis() + 3_600_000);
        final boolean bobWon = "WON".equals(me(raceId, bob).get("status").asText());
        final String loser = bobWon ? carol : bob;
        final long loserId = bobWon ? carolId : bobId;
        final JsonNode waiting = me(raceId, loser);
        assertThat(waiting.get("status").asText()).isEqualTo("WAITLISTED");
        assertThat(waiting.get("waitlistPosition").asInt()).isEqualTo(1);
        assertThat(me(raceId, gina).get("status").asText()).isEqualTo("WON");

        final TestNode.Response paid = node.post(races + "/entries/" + aliceId + "/payment", admin,
            "{\"paymentRef\":\"pay-1\"}");
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.json().get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(paid.json().get("bib").asInt()).isEqualTo(1001);
        final TestNode.Response again = node.post(races + "/entries/" + aliceId + "/payment", admin,
            "{\"paymentRef\":\"pay-1\"}");
        assertThat(again.json().get("bib").asInt()).as("paying twice answers the same bib").isEqualTo(1001);
        assertError(node.post(races + "/entries/" + loserId + "/payment", admin, "{\"paymentRef\":\"pay-2\"}"), 409,
            "NOT_PAYABLE", null);
        assertError(node.post(races + "/entries/99999/payment", admin, "{\"paymentRef\":\"pay-3\"}"), 404,
            "ENTRY_NOT_FOUND", null);
        final JsonNode confirmed = me(raceId, alice);
        assertThat(confirmed.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.get("bib").asInt()).isEqualTo(1001);
        assertThat(confirmed.has("paymentDueAt")).isFalse();

        final JsonNode race = node.get(races, frank).json();
        assertThat(race.get("name").asText()).isEqualTo("Spring Marathon");
        assertThat(race.get("raceDate").asText()).isEqualTo("2027-04-12");
        assertThat(race.get("mode").asText()).isEqualTo("LOTTERY");
        assertThat(race.get("drawn").asBoolean()).isTrue();
        final JsonNode full = race.get("categories").get(0);
        assertThat(full.get("code").asText()).isEqualTo("FULL");
        assertThat(full.get("bibFrom").asInt()).isEqualTo(1001);
        assertThat(full.get("pools").get(0).get("code").asText()).isEqualTo("ELITE");
        assertThat(full.get("pools").get(0).get("guaranteed").asBoolean()).isTrue();
        assertThat(full.get("counts").toString()).isEqualTo("{\"APPLIED\":0,\"WON\":1,\"CONFIRMED\":1," +
            "\"WAITLISTED\":1,\"LAPSED\":0,\"WITHDRAWN\":0,\"NOT_SELECTED\":0}");
        final JsonNode half = race.get("categories").get(1);
        assertThat(half.get("counts").get("WON").asInt()).isEqualTo(2);
        assertThat(half.get("counts").get("WITHDRAWN").asInt()).isEqualTo(1);

        final TestNode.Response closeWaitlist = node.post(races + "/waitlist/close", admin, null);
        assertThat(closeWaitlist.status()).as(closeWaitlist.toString()).isEqualTo(200);
        assertThat(closeWaitlist.json().get("notSelected").asInt()).isEqualTo(1);
        assertThat(me(raceId, loser).get("status").asText()).isEqualTo("NOT_SELECTED");

        final TestNode.Response csv = node.get(races + "/results?format=csv", admin);
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        final List<String> lines = csv.text().lines().toList();
        assertThat(lines.get(0)).isEqualTo("entryId,categoryCode,groupCode,pool,weight,drawRank,status," +
            "waitlistPosition,bib");
        assertThat(lines).as("a row per entry, over three pages").hasSize(7);
        assertThat(lines.get(1)).matches(aliceId + ",FULL,,ELITE,1,[1-9][0-9]*,CONFIRMED,,1001");
        assertThat(lines).contains(erinId + ",HALF,,,1,,WITHDRAWN,,");
        assertThat(lines).anyMatch(line -> line.matches(daveId + ",HALF," + groupCode + ",GENERAL,1,1,WON,,"));
        assertThat(lines).anyMatch(line -> line.matches(loserId + ",FULL,,,[13],[1-9],NOT_SELECTED,1,"));
        assertThat(lines).anyMatch(line -> line.matches(bobId + ",FULL,,[A-Z]*,3,[1-9],[A-Z_]+,1?,"));

        // What docs/ballot-audit.md has an auditor do with the published files: the verifier,
        // written from BALLOT.md alone, recomputes the draw and accepts every exported row.
        final ObjectNode raceFile = Json.object().put("raceId", raceId);
        final ObjectNode categories = raceFile.putObject("categories");
        for (final JsonNode category : race.get("categories"))
        {
            categories.putObject(category.get("code").asText()).put("capacity", category.get("capacity").asInt())
                .set("pools", category.get("pools"));
        }
        final Path raceJson = Files.write(auditDir.resolve("race.json"), Json.bytes(raceFile));
        final Path entries = Files.write(auditDir.resolve("entry-list.csv"), entryList.body());
        final Path results = Files.write(auditDir.resolve("results.csv"), csv.body());
        final StringWriter verdict = new StringWriter();
        final int exit = new CommandLine(new BallotVerifier()).setOut(new PrintWriter(verdict))
            .setErr(new PrintWriter(verdict)).execute("--race", raceJson.toString(), "--entries", entries.toString(),
                "--results", results.toString(), "--seed", SEED, "--entry-list-hash", entryListHash);
        assertThat(exit).as(verdict.toString()).isZero();
        assertThat(verdict.toString()).contains("NOT DRAWN entryId=" + erinId + ": WITHDRAWN before registration closed")
            .contains("OK: 5 of 5 rows match the draw recomputed from seed 00ff10ab (race " + raceId);
    }

    @Test
    void anyoneWithATokenListsTheRacesInTheOrderTheyWereCreated()
    {
        final long now = System.currentTimeMillis();
        for (int i = 0; i < 3; i++)
        {
            final TestNode.Response created = node.post("/api/races", admin,
                lottery(now, now + 86_400_000L).replace("Spring Marathon", "Race " + i));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }
        final String runner = node.token(Role.PARTICIPANT, 1001);

        final JsonNode first = node.get("/api/races?limit=2", runner).json();
        assertThat(first.get("races")).hasSize(2);
        assertThat(first.get("races").get(1).get("name").asText()).isEqualTo("Race 1");
        assertThat(first.get("races").get(0).get("raceDate").asText()).isEqualTo("2027-04-12");
        final JsonNode last = node.get("/api/races?limit=2&after=" + first.get("next").asLong(), runner).json();
        assertThat(last.get("races").get(0).get("name").asText()).isEqualTo("Race 2");
        assertThat(last.get("next").isNull()).isTrue();
    }

    @Test
    void aFirstComeEntryWinsAtOnceAndTheNextJoinsTheWaitlist()
    {
        final long now = System.currentTimeMillis();
        final TestNode.Response created = node.post("/api/races", admin, """
            {"raceId":4242,"name":"Night 10K","raceDate":"2027-06-01","mode":"FIRST_COME","registrationOpensAt":%d,
             "registrationClosesAt":%d,"paymentWindowMs":600000,"maxGroupSize":1,
             "categories":[{"code":"10K","capacity":1,"feeFen":5000}]}""".formatted(now - 1_000, now + 3_600_000));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("raceId").asLong()).as("the id asked for").isEqualTo(4242);

        final TestNode.Response first = enter(4242, node.token(Role.PARTICIPANT, 2001),
            entry("10K", nationalId(21), null));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("status").asText()).isEqualTo("WON");
        assertThat(first.json().get("paymentDueAt").asLong())
            .isBetween(now + 600_000, System.currentTimeMillis() + 600_000);
        final TestNode.Response second = enter(4242, node.token(Role.PARTICIPANT, 2002),
            entry("10K", nationalId(22), null));
        assertThat(second.json().get("status").asText()).as(second.toString()).isEqualTo("WAITLISTED");
        assertThat(second.json().get("waitlistPosition").asInt()).isEqualTo(1);

        final JsonNode mine = me(4242, node.token(Role.PARTICIPANT, 2001));
        assertThat(mine.get("status").asText()).isEqualTo("WON");
        assertThat(mine.get("pool").asText()).isEqualTo("GENERAL");
        final JsonNode race = node.get("/api/races/4242", node.token(Role.GATE, 9)).json();
        assertThat(race.get("mode").asText()).isEqualTo("FIRST_COME");
        assertThat(race.get("categories").get(0).get("minAge").asInt()).as("the default").isZero();
        assertThat(race.get("categories").get(0).get("counts").get("WAITLISTED").asInt()).isEqualTo(1);

        assertError(node.post("/api/races/4242/groups", node.token(Role.PARTICIPANT, 2003), "{\"categoryCode\":\"10K\"}"),
            409, "WRONG_MODE", null);
        assertError(node.post("/api/races/4242/draw", admin, "{\"seed\":\"ab\"}"), 409, "WRONG_MODE", null);
    }

    @Test
    void valuesTheGatewayCanJudgeAre400sNamingTheFieldAndJournalNothing()
    {
        final long journaled = node.journaled();
        final String base = lottery(System.currentTimeMillis(), System.currentTimeMillis() + 60_000);
        assertError(node.post("/api/races", admin, base.replace("\"places\":1", "\"places\":0")), 400,
            "INVALID_ARGUMENT", "categories[0].pools[0].places");
        assertError(node.post("/api/races", admin, base.replace("LOTTERY", "RAFFLE")), 400, "INVALID_ARGUMENT", "mode");
        assertError(node.post("/api/races", admin, base.replace("\"code\":\"HALF\"", "\"code\":\"HALF 21\"")), 400,
            "INVALID_ARGUMENT", "categories[1].code");
        assertError(node.post("/api/races", admin, base.replace("2027-04-12", "2027-02-30")), 400, "INVALID_ARGUMENT",
            "raceDate");
        assertError(node.post("/api/races", admin, base.replace("\"maxAge\":80,\"bibFrom\":5001",
            "\"maxAge\":10,\"bibFrom\":5001")), 400, "INVALID_ARGUMENT", "categories[1].maxAge");
        assertError(node.post("/api/races/1/entitlements", admin, "{\"personIds\":[\"" + nationalId(1) + "\"]}"), 400,
            "INVALID_ARGUMENT", "pool");
        assertError(node.post("/api/races/1/draw", admin, "{\"seed\":\"abc\"}"), 400, "INVALID_ARGUMENT", "seed");
        final String participant = node.token(Role.PARTICIPANT, 5);
        assertError(enter(1, participant, entry("HALF", nationalId(1), null).replace("1990-05-01", "1899-12-31")), 400,
            "INVALID_ARGUMENT", "birthDate");
        assertError(enter(1, participant, entry("HALF", nationalId(1), null).replace("+8613800000000", "138-0000")), 400,
            "INVALID_ARGUMENT", "phone");
        assertError(enter(1, participant, entry("HALF", nationalId(1), null).replace("\"F\"", "\"X\"")), 400,
            "INVALID_ARGUMENT", "gender");
        assertError(enter(1, participant, entry("HALF", nationalId(1), null).replace("李 Runner", " padded")), 400,
            "INVALID_ARGUMENT", "name");
        assertError(node.get("/api/races/1/results?format=xml", admin), 400, "INVALID_ARGUMENT", "format");
        assertThat(node.journaled()).as("none of them reached the journal").isEqualTo(journaled);

        assertError(node.get("/api/races/77", admin), 404, "RACE_NOT_FOUND", null);
        assertError(node.get("/api/races/77/ballot", admin), 404, "RACE_NOT_FOUND", null);
        assertError(node.get("/api/races/77/results", admin), 404, "RACE_NOT_FOUND", null);
        assertError(node.get("/api/races/nope/ballot", admin), 404, "RACE_NOT_FOUND", null);
    }

    private static String sha256(final String text)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
