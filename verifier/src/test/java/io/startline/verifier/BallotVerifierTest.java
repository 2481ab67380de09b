package io.startline.verifier;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line, run in-process as a user would run the jar. */
class BallotVerifierTest
{
    private static final String SMALL_SHA256 = "9ca0f32840a76da0ee76a311df2b63ae6ea8a4c4a0fa9dd9d6590dfea8a1eb45";

    @TempDir
    private Path dir;

    private record Run(int exitCode, String out, String err)
    {
        List<String> mismatchLines()
        {
            return out.lines().filter(line -> line.startsWith("MISMATCH ")).toList();
        }
    }

    private static Run verify(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = new CommandLine(new BallotVerifier());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static Run verifySmall(final Path entries, final Path results, final String... more)
    {
        final List<String> args = new ArrayList<>(List.of(
            "--race", Vectors.race("small").toString(),
            "--entries", entries.toString(),
            "--results", results.toString()));
        args.addAll(List.of(more));
        return verify(args.toArray(String[]::new));
    }

    /** The small vector's expected rows with one row changed by hand. */
    private Path smallExpectedWith(final String entryId, final String replacement)
    {
        final List<String> rows = new ArrayList<>();
        for (final String row : Vectors.rows(Vectors.expected("small")))
        {
            if (!row.startsWith(entryId + ","))
            {
                rows.add(row);
            }
            else if (replacement != null)
            {
                rows.add(replacement);
            }
        }
        return Vectors.write(dir.resolve("results.csv"), Vectors.withHeader(ResultsCheck.VECTOR_HEADER, rows));
    }

    @ParameterizedTest
    @CsvSource({"small, 41", "medium, 5000"})
    void acceptsTheVectors(final String name, final int rows)
    {
        final Run run = verify(
            "--race", Vectors.race(name).toString(),
            "--entries", Vectors.entries(name).toString(),
            "--results", Vectors.expected(name).toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).startsWith("OK: " + rows + " of " + rows + " rows match the draw recomputed from seed ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theSummaryNamesSeedRaceCategoriesAndEntryListHash()
    {
        final Run run = verifySmall(Vectors.entries("small"), Vectors.expected("small"));

        assertThat(run.out().strip()).isEqualTo("OK: 41 of 41 rows match the draw recomputed from seed " +
            "00112233445566778899aabbccddeeff (race 7, 2 categories, entry list sha256 " + SMALL_SHA256 + ")");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "4 | 4,WON,LOCAL,13,           | drawRank=12 got drawRank=13",
        "1 | 1,WAITLISTED,GENERAL,4,   | status=WON got status=WAITLISTED",
        "2 | 2,WON,GENERAL,17,         | status=WAITLISTED pool=\"\" waitlistPosition=9 got status=WON pool=GENERAL " +
            "waitlistPosition=\"\"",
        "9 | 9,WAITLISTED,,9,4         | waitlistPosition=3 got waitlistPosition=4",
        "26 | 26,WON,GENERAL,1,        | pool=LOCAL got pool=GENERAL"})
    void aSingleChangedRowIsRejectedByName(final String entryId, final String changed, final String difference)
    {
        final Run run = verifySmall(Vectors.entries("small"), smallExpectedWith(entryId, changed));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.mismatchLines()).containsExactly("MISMATCH entryId=" + entryId + ": expected " + difference);
        assertThat(run.out()).contains("FAILED: 1 of 41 rows differ from the draw recomputed from seed 0011");
    }

    @Test
    void aMissingRowIsRejected()
    {
        final Run run = verifySmall(Vectors.entries("small"), smallExpectedWith("7", null));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.mismatchLines()).containsExactly(
            "MISMATCH entryId=7: expected status=WAITLISTED pool=\"\" drawRank=8 waitlistPosition=2 got no row");
        assertThat(run.out()).contains("FAILED: 1 of 41 rows differ");
    }

    @Test
    void anExtraRowIsRejected()
    {
        final List<String> rows = Vectors.rows(Vectors.expected("small"));
        rows.add("42,WON,GENERAL,1,");
        final Path results = Vectors.write(dir.resolve("results.csv"), Vectors.withHeader(ResultsCheck.VECTOR_HEADER, rows));

        final Run run = verifySmall(Vectors.entries("small"), results);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.mismatchLines()).containsExactly(
            "MISMATCH entryId=42: expected no row (not in the entry list) got a row on line 43");
        assertThat(run.out()).contains("FAILED: 1 of 42 rows differ");
    }

    @Test
    void aRowGivenTwiceIsRejected()
    {
        final List<String> rows = Vectors.rows(Vectors.expected("small"));
        rows.add(rows.get(0));
        final Path results = Vectors.write(dir.resolve("results.csv"), Vectors.withHeader(ResultsCheck.VECTOR_HEADER, rows));

        final Run run = verifySmall(Vectors.entries("small"), results);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.mismatchLines()).containsExactly(
            "MISMATCH entryId=1: expected one row got another on line 43 (first on line 2)");
    }

    @Test
    void aWrongSeedFailsNearlyEveryRowAndPrintsOnlyTheFirstFifty()
    {
        final Run run = verify(
            "--race", Vectors.race("medium").toString(),
            "--entries", Vectors.entries("medium").toString(),
            "--results", Vectors.expected("medium").toString(),
            "--seed", "c0ffee");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.mismatchLines()).hasSize(BallotVerifier.MAX_PRINTED_LINES);
        assertThat(run.out()).containsPattern("\\.\\.\\. and \\d+ more mismatches")
            .containsPattern("FAILED: \\d+ of 5000 rows differ from the draw recomputed from seed c0ffee ");
    }

    @Test
    void theSeedOptionStandsInForAMissingSeedAndWinsOverAPresentOne()
    {
        final Path noSeed = Vectors.write(dir.resolve("race.json"),
            "{\"raceId\":7,\"categories\":{\"FULL\":{\"capacity\":12,\"pools\":[" +
                "{\"code\":\"ELITE\",\"places\":5,\"guaranteed\":true},{\"code\":\"LOCAL\",\"places\":3}]}," +
                "\"HALF\":{\"capacity\":6,\"pools\":[{\"code\":\"LOCAL\",\"places\":1}]}}}");
        final String[] files = {
            "--entries", Vectors.entries("small").toString(), "--results", Vectors.expected("small").toString()};

        final Run withoutSeed = verify(concat(files, "--race", noSeed.toString()));
        final Run givenSeed = verify(concat(files, "--race", noSeed.toString(), "--seed", "00112233445566778899AABBCCDDEEFF"));
        final Run overridden = verify(concat(files, "--race", Vectors.race("small").toString(), "--seed", "0011"));

        assertThat(withoutSeed.exitCode()).isEqualTo(2);
        assertThat(withoutSeed.err()).contains("race.json: has no seed, and --seed was not given");
        assertThat(givenSeed.exitCode()).as(givenSeed.err()).isEqualTo(0);
        assertThat(givenSeed.out()).contains("seed 00112233445566778899aabbccddeeff");
        assertThat(overridden.exitCode()).isEqualTo(1);
        assertThat(overridden.out()).contains("recomputed from seed 0011 ");
    }

    @Test
    void theCommittedEntryListIsCheckedAgainstThePublishedHash()
    {
        final String lines = Vectors.committedLines("small");
        final Path committed = Vectors.write(dir.resolve("entry-list.txt"), lines);
        final String hash = Vectors.sha256(lines);
        final String wrong = (hash.charAt(0) == '0' ? "1" : "0") + hash.substring(1);

        final Run accepted = verifySmall(committed, Vectors.expected("small"), "--entry-list-hash", hash);
        final Run rejected = verifySmall(committed, Vectors.expected("small"), "--entry-list-hash", wrong);

        assertThat(hash).isEqualTo(SMALL_SHA256);
        assertThat(accepted.exitCode()).as(accepted.err()).isEqualTo(0);
        assertThat(accepted.out()).contains("OK: 41 of 41 rows match").contains("entry list sha256 " + hash);
        assertThat(rejected.exitCode()).isEqualTo(1);
        assertThat(rejected.out()).startsWith("FAILED: the entry list " + committed + " hashes to sha256 " + hash +
            ", not the committed " + wrong);
        assertThat(rejected.out()).doesNotContain("OK");
    }

    @Test
    void theVectorFormIsHashedAsItsCommittedLines()
    {
        final String hash = Vectors.sha256(Vectors.committedLines("small")).toUpperCase();

        final Run accepted = verifySmall(Vectors.entries("small"), Vectors.expected("small"), "--entry-list-hash", hash);
        final Run rejected = verifySmall(Vectors.entries("small"), Vectors.expected("small"),
            "--entry-list-hash", "ab".repeat(32));

        assertThat(accepted.exitCode()).as(accepted.out()).isEqualTo(0);
        assertThat(rejected.exitCode()).isEqualTo(1);
    }

    @Test
    void anEmptyCommittedListIsARaceNobodyEntered()
    {
        final Path empty = Vectors.write(dir.resolve("entry-list.txt"), "");
        final Path noRows = Vectors.write(dir.resolve("results.csv"), List.of(ResultsCheck.VECTOR_HEADER));

        final Run run = verifySmall(empty, noRows, "--entry-list-hash", Vectors.sha256(""));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).startsWith("OK: 0 of 0 rows match");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "8,HALF,8,,4               | 8,HALF,8,,04            | weight '04' is not in plain decimal",
        "38,HALF,38,LOCAL,2        | 38,HALF,38,LOCAL ,2      | pools 'LOCAL ' are not codes separated by single spaces",
        "9,HALF,8,LOCAL,1          | 9,HALF,10,LOCAL,1        | line 9: groupUnitId 10 is not its unit's smallest entryId",
        "11,FULL,11,,1             | 11,FULL,12,,1            | line 11: groupUnitId 12 is not its unit's smallest entryId",
        "12,FULL,11,,4             | 12,HALF,11,,4            | line 12: group unit 11 spans two categories: HALF here, FULL on line 11",
        "3,HALF,3,,1               | '3,HALF,3,,1\r'          | line 3: carriage return"})
    void theCommittedFormIsReadByteStrict(final String line, final String replacement, final String error)
    {
        final String lines = Vectors.committedLines("small").replace(line + "\n", replacement + "\n");
        assertThat(lines).isNotEqualTo(Vectors.committedLines("small"));

        final Run run = verifySmall(Vectors.write(dir.resolve("entry-list.txt"), lines), Vectors.expected("small"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("entry-list.txt line").contains(error);
    }

    @Test
    void committedLinesOutOfOrderOrUnendedAreRefused()
    {
        final List<String> lines = new ArrayList<>(Vectors.committedLines("small").lines().toList());
        final String second = lines.remove(1);
        lines.add(0, second);
        final Run outOfOrder = verifySmall(Vectors.write(dir.resolve("shuffled.txt"), lines), Vectors.expected("small"));
        final Run unended = verifySmall(
            Vectors.write(dir.resolve("unended.txt"), Vectors.committedLines("small").stripTrailing()), Vectors.expected("small"));

        assertThat(outOfOrder.exitCode()).isEqualTo(2);
        assertThat(outOfOrder.err()).contains("shuffled.txt line 2: entryId 1 after 2: committed lines are in ascending entryId order");
        assertThat(unended.exitCode()).isEqualTo(2);
        assertThat(unended.err()).contains("unended.txt line 41: does not end with \\n");
    }

    /**
     * The engine's results export for the small vector, built from the vector rows: every row as at the
     * draw, then the changes listed here ({@code entryId -> pool,status,bib}).
     */
    private Path smallExport(final Map<String, String> changes, final List<String> extraRows)
    {
        final Map<String, String[]> entries = new HashMap<>();
        for (final String row : Vectors.rows(Vectors.entries("small")))
        {
            entries.put(row.substring(0, row.indexOf(',')), row.split(",", -1));
        }
        final List<String> rows = new ArrayList<>();
        for (final String row : Vectors.rows(Vectors.expected("small")))
        {
            final String[] drawn = row.split(",", -1);
            final String[] entry = entries.get(drawn[0]);
            final String[] later = changes.getOrDefault(drawn[0], drawn[2] + "," + drawn[1] + ",").split(",", -1);
            rows.add(String.join(",", drawn[0], entry[1], entry[2], later[0], entry[4], drawn[3], later[1], drawn[4], later[2]));
        }
        rows.addAll(extraRows);
        return Vectors.write(dir.resolve("export.csv"), Vectors.withHeader(ResultsCheck.EXPORT_HEADER, rows));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anExportWithStatusesMovedOnSinceTheDrawIsAccepted(final boolean committedEntryList)
    {
        final Path export = smallExport(Map.of(
            "1", "GENERAL,CONFIRMED,1001",
            "4", "LOCAL,LAPSED,",
            "5", "LOCAL,WITHDRAWN,",
            "2", ",NOT_SELECTED,",
            "3", ",WITHDRAWN,",
            "39", "WAITLIST,CONFIRMED,1039",
            "40", "WAITLIST,CONFIRMED,1040",
            "41", "WAITLIST,WON,"),
            List.of("42,FULL,,,1,,WITHDRAWN,,"));
        final Path entries = committedEntryList ?
            Vectors.write(dir.resolve("entry-list.txt"), Vectors.committedLines("small")) :
            Vectors.entries("small");

        final Run run = verifySmall(entries, export, "--entry-list-hash", SMALL_SHA256);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.out().lines()).containsExactly(
            "NOT DRAWN entryId=42: WITHDRAWN before registration closed, not in the entry list",
            "OK: 41 of 41 rows match the draw recomputed from seed 00112233445566778899aabbccddeeff (race 7, " +
                "2 categories, entry list sha256 " + SMALL_SHA256 + "); 1 row not drawn (withdrawn before registration closed)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "1  # GENERAL,NOT_SELECTED, # pool=GENERAL status=WON|CONFIRMED|LAPSED|WITHDRAWN (WON at the draw) " +
            "got pool=GENERAL status=NOT_SELECTED",
        "4  # GENERAL,CONFIRMED,    # pool=LOCAL status=WON|CONFIRMED|LAPSED|WITHDRAWN (WON at the draw) " +
            "got pool=GENERAL status=CONFIRMED",
        "2  # GENERAL,CONFIRMED,    # (pool=\"\" status=WAITLISTED|NOT_SELECTED|WITHDRAWN or pool=WAITLIST " +
            "status=WON|CONFIRMED|LAPSED|WITHDRAWN) (WAITLISTED at the draw) got pool=GENERAL status=CONFIRMED",
        "2  # WAITLIST,NOT_SELECTED,# (pool=\"\" status=WAITLISTED|NOT_SELECTED|WITHDRAWN or pool=WAITLIST " +
            "status=WON|CONFIRMED|LAPSED|WITHDRAWN) (WAITLISTED at the draw) got pool=WAITLIST status=NOT_SELECTED"})
    void anImpossibleEvolutionIsRejected(final String entryId, final String later, final String difference)
    {
        final Run run = verifySmall(Vectors.entries("small"), smallExport(Map.of(entryId, later), List.of()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.mismatchLines()).containsExactly("MISMATCH entryId=" + entryId + ": expected " + difference);
    }

    @Test
    void anExportMustKeepTheDrawsRanksAndPositionsAndTheEntryListsCategoryAndWeight()
    {
        final List<String> rows = new ArrayList<>(Vectors.rows(smallExport(Map.of(), List.of())));
        rows.replaceAll(row -> switch (row.substring(0, row.indexOf(',')))
        {
            case "1" -> "1,HALF,,GENERAL,1,4,WON,,";
            case "4" -> "4,FULL,,LOCAL,1,12,WON,,";
            case "2" -> "2,FULL,,,1,17,WAITLISTED,8,";
            case "6" -> "6,HALF,,GENERAL,1,5,WON,,";
            default -> row;
        });
        rows.add("43,FULL,,GENERAL,1,,CONFIRMED,,");
        final Path export = Vectors.write(dir.resolve("export.csv"), Vectors.withHeader(ResultsCheck.EXPORT_HEADER, rows));

        final Run run = verifySmall(Vectors.entries("small"), export);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.mismatchLines()).containsExactly(
            "MISMATCH entryId=1: expected categoryCode=FULL got categoryCode=HALF",
            "MISMATCH entryId=2: expected waitlistPosition=9 got waitlistPosition=8",
            "MISMATCH entryId=4: expected weight=2 got weight=1",
            "MISMATCH entryId=6: expected drawRank=6 got drawRank=5",
            "MISMATCH entryId=43: expected status=WITHDRAWN drawRank=\"\" (not in the entry list, so never drawn) " +
                "got status=CONFIRMED drawRank=\"\"");
        assertThat(run.out()).contains("FAILED: 5 of 42 rows differ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5,FULL,,LOCAL,1    | 5,FOOL,,LOCAL,1     | line 6: unknown category 'FOOL' (the race declares FULL, HALF)",
        "5,FULL,,LOCAL,1    | 4,FULL,,LOCAL,1     | line 6: duplicate entryId 4 (first on line 5)",
        "5,FULL,,LOCAL,1    | 5,FULL,,LOCAL,0     | line 6: weight 0 is below 1",
        "5,FULL,,LOCAL,1    | 5,FULL,,LOCAL,-2    | line 6: weight -2 is below 1",
        "5,FULL,,LOCAL,1    | 5,FULL,,LOCAL,one   | line 6: weight 'one' is not an integer",
        "9,HALF,G1,LOCAL,1  | 9,FULL,G1,LOCAL,1   | line 10: group G1 spans two categories: FULL here, HALF on line 9",
        "5,FULL,,LOCAL,1    | 5,FULL,,LOCAL       | line 6: expected 5 fields entryId,category,group,pools,weight, found 4 in '5,FULL,,LOCAL'",
        "5,FULL,,LOCAL,1    | x5,FULL,,LOCAL,1    | line 6: entryId 'x5' is not a non-negative integer in plain decimal",
        "5,FULL,,LOCAL,1    | 5,FULL,,LOCAL LOCAL,1 | line 6: pool LOCAL is listed twice"})
    void aMalformedEntriesFileIsBadInputNamingFileAndLine(final String line, final String replacement, final String error)
    {
        final List<String> rows = Vectors.rows(Vectors.entries("small"));
        rows.replaceAll(row -> row.equals(line) ? replacement : row);
        final Path entries = Vectors.write(dir.resolve("entries.csv"), Vectors.withHeader(EntryList.VECTOR_HEADER, rows));

        final Run run = verifySmall(entries, Vectors.expected("small"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: " + entries + " " + error + System.lineSeparator());
    }

    @Test
    void otherBadInputIsExitCodeTwo()
    {
        final Path results = smallExpectedWith("1", "1,WON,GENERAL");
        final Path header = Vectors.write(dir.resolve("header.csv"), "entryId,status,pool,drawRank\n1,WON,GENERAL,4\n");
        final Path badJson = Vectors.write(dir.resolve("bad.json"), "{\"raceId\":7,\"categories\":{");
        final Path typo = Vectors.write(dir.resolve("typo.json"),
            "{\"raceId\":7,\"seed\":\"00\",\"categories\":{\"FULL\":{\"capacity\":12,\"pools\":[{\"code\":\"E\",\"places\":1,\"guaranted\":true}]}}}");
        final Path reserved = Vectors.write(dir.resolve("reserved.json"),
            "{\"raceId\":7,\"seed\":\"00\",\"categories\":{\"FULL\":{\"capacity\":12,\"pools\":[{\"code\":\"GENERAL\",\"places\":1}]}}}");
        final String entries = Vectors.entries("small").toString();
        final String expected = Vectors.expected("small").toString();
        final String race = Vectors.race("small").toString();

        assertBadInput(verifySmall(Vectors.entries("small"), results), "results.csv line 2: expected 5 fields");
        assertBadInput(verifySmall(Vectors.entries("small"), header), "header.csv line 1: unrecognised header");
        assertBadInput(verifySmall(dir.resolve("absent.csv"), results), "absent.csv: cannot read: no such file");
        assertBadInput(verify("--race", badJson.toString(), "--entries", entries, "--results", expected),
            "bad.json: invalid JSON");
        assertBadInput(verify("--race", typo.toString(), "--entries", entries, "--results", expected),
            "typo.json: categories.FULL.pools[0] has an unknown field 'guaranted'");
        assertBadInput(verify("--race", reserved.toString(), "--entries", entries, "--results", expected),
            "reserved.json: categories.FULL.pools[0].code GENERAL is reserved");
        assertBadInput(verifySmall(Vectors.entries("small"), Vectors.expected("small"), "--seed", "xyz"),
            "--seed 'xyz' is not a non-empty even number of hex digits");
        assertBadInput(verifySmall(Vectors.entries("small"), Vectors.expected("small"), "--entry-list-hash", "abc"),
            "--entry-list-hash 'abc' is not 64 hex digits");
        assertBadInput(verify("--race", race, "--entries", entries), "Missing required option: '--results=FILE'");
    }

    private static void assertBadInput(final Run run, final String error)
    {
        assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
        assertThat(run.err()).contains(error);
    }

    private static String[] concat(final String[] first, final String... more)
    {
        final List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
