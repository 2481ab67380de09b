package io.startline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marathon's end check on canned API answers: six entries, four for the full marathon's two
 * places and two for the half's three.
 */
class MarathonCheckTest
{
    private static final String HASH = "9ca0f32840a76da0ee76a311df2b63ae6ea8a4c4a0fa9dd9d6590dfea8a1eb45";
    private static final String BALLOT = "{\"raceId\":2,\"closed\":true,\"drawn\":false,\"entries\":6,\"entryListHash\":\"" +
        HASH + "\",\"seed\":null}";
    private static final String DRAW = "{\"raceId\":2,\"winners\":4,\"waitlisted\":2,\"entryListHash\":\"" + HASH +
        "\",\"seed\":\"00ff\"}";
    private static final String RACE = """
        {"raceId":2,"closed":true,"drawn":true,"categories":[
         {"code":"FULL","capacity":2,"counts":{"APPLIED":0,"WON":2,"CONFIRMED":0,"WAITLISTED":2,"LAPSED":0,
          "WITHDRAWN":0,"NOT_SELECTED":0},"pools":[{"code":"LOCAL","places":1,"guaranteed":false}]},
         {"code":"HALF","capacity":3,"counts":{"APPLIED":0,"WON":2,"CONFIRMED":0,"WAITLISTED":0,"LAPSED":0,
          "WITHDRAWN":0,"NOT_SELECTED":0},"pools":[]}],"name":"Load rehearsal marathon"}
        """;
    private static final String RESULTS = MarathonCheck.RESULTS_HEADER + "\n" +
        "11,FULL,,GENERAL,1,1,WON,,\n" +
        "12,FULL,,,1,3,WAITLISTED,1,\n" +
        "13,FULL,,LOCAL,1,2,WON,,\n" +
        "14,FULL,,,2,4,WAITLISTED,2,\n" +
        "15,HALF,,GENERAL,1,1,WON,,\n" +
        "16,HALF,,GENERAL,1,2,WON,,\n";
    private static final String ENTRY_LIST = "11,FULL,11,,1\n12,FULL,12,,1\n13,FULL,13,LOCAL,1\n14,FULL,14,,2\n" +
        "15,HALF,15,,1\n16,HALF,16,,1\n";
    private static final MarathonCheck.Verdict VERIFIED = new MarathonCheck.Verdict(0,
        "OK: 6 of 6 rows match the draw recomputed from seed 00ff\n");

    @Test
    void passesWhenTheRaceTheExportAndTheVerifierAgreeWithTheRush() throws IOException
    {
        final CheckResult check = check(ledger(sample()), RESULTS, VERIFIED);

        assertThat(check.failures()).isEmpty();
        assertThat(check.facts()).containsEntry("entries", 6L).containsEntry("winners", 4L)
            .containsEntry("verifier", "OK: 6 of 6 rows match the draw recomputed from seed 00ff");
    }

    @Test
    void failsWhenAnEntryAnswered201IsMissingFromTheExport() throws IOException
    {
        final CheckResult check = check(ledger(sample()), RESULTS.replace("16,HALF,,GENERAL,1,2,WON,,\n", ""), VERIFIED);

        assertThat(check.failures()).contains("results rows: expected 6, got 5",
            "entries answered 201 without a results row: expected 0, got 1",
            "results: WON rows against the race's count: expected 4, got 3");
    }

    @Test
    void failsWhenACategoryHasMorePlacesFilledThanItHas() throws IOException
    {
        final CheckResult check = MarathonCheck.check(ledger(sample()), json(BALLOT), json(DRAW),
            json(RACE.replace("\"WON\":2,\"CONFIRMED\":0,\"WAITLISTED\":2", "\"WON\":3,\"CONFIRMED\":0,\"WAITLISTED\":1")),
            RESULTS, ENTRY_LIST, VERIFIED);

        assertThat(check.failures()).contains("race: FULL WON (places filled as far as entrants go): expected 2, got 3",
            "race: WON is the draw's winners: expected 4, got 5");
    }

    @Test
    void failsWhenTheVerifierRejectsTheDraw() throws IOException
    {
        final CheckResult check = check(ledger(sample()), RESULTS, new MarathonCheck.Verdict(1,
            "MISMATCH entryId=12: expected WAITLISTED got WON\nFAILED: 1 of 6 rows differ\n"));

        assertThat(check.failures())
            .containsExactly("ballot verifier exit code (0: every row matches the recomputed draw): expected 0, got 1");
        assertThat(check.facts()).containsEntry("verifier", "FAILED: 1 of 6 rows differ");
    }

    @Test
    void failsWhenTheDrawUsedAnotherListThanTheOneCommitted() throws IOException
    {
        final CheckResult check = MarathonCheck.check(ledger(sample()), json(BALLOT), json(DRAW.replace(HASH,
            "00" + HASH.substring(2))), json(RACE), RESULTS, ENTRY_LIST, VERIFIED);

        assertThat(check.failures()).hasSize(1);
        assertThat(check.failures().get(0)).startsWith("draw: entryListHash is the one committed before it");
    }

    @Test
    void failsWhenASampledEntrantSeesAnotherStatusThanTheExport() throws IOException
    {
        final CheckResult check = check(ledger(List.of(new MarathonCheck.SampledEntrant(12, 12L, "WON"),
            new MarathonCheck.SampledEntrant(15, null, null))), RESULTS, VERIFIED);

        assertThat(check.failures()).containsExactly(
            "entrant of entry 12 sees entry 12 WON; the export says WAITLISTED",
            "entrant of entry 15 sees entry null null; the export says WON");
    }

    private static CheckResult check(final MarathonCheck.Ledger ledger, final String results,
        final MarathonCheck.Verdict verdict) throws IOException
    {
        return MarathonCheck.check(ledger, json(BALLOT), json(DRAW), json(RACE), results, ENTRY_LIST, verdict);
    }

    private static MarathonCheck.Ledger ledger(final List<MarathonCheck.SampledEntrant> sample)
    {
        return new MarathonCheck.Ledger(6, new long[]{16, 11, 14, 12, 13, 15}, Map.of("FULL", 4L, "HALF", 2L),
            Map.of("FULL", 2L, "HALF", 3L), sample);
    }

    private static List<MarathonCheck.SampledEntrant> sample()
    {
        return List.of(new MarathonCheck.SampledEntrant(12, 12L, "WAITLISTED"),
            new MarathonCheck.SampledEntrant(15, 15L, "WON"));
    }

    private static JsonNode json(final String text) throws IOException
    {
        return new ObjectMapper().readTree(text);
    }
}
