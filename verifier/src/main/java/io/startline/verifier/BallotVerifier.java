package io.startline.verifier;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Recomputes a Startline ballot from the published algorithm (BALLOT.md, version 1) and checks a
 * results file against it, row by row. It uses no Startline code, so an auditor can trust its verdict
 * without trusting the engine that drew.
 */
@Command(
    name = "startline-verifier",
    mixinStandardHelpOptions = true,
    version = "startline-verifier for the Startline ballot, BALLOT.md version 1",
    description = "Recomputes a ballot from its race, seed and frozen entry list, and checks a results file against it.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every row matches the recomputed draw",
        "1:rows differ from the draw, or the entry list is not the committed one",
        "2:bad input: a file unreadable or malformed, or an option invalid"})
public final class BallotVerifier implements Callable<Integer>
{
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_BAD_INPUT = 2;
    /** Enough to see what kind of disagreement it is; a wrong seed would otherwise print every row. */
    static final int MAX_PRINTED_LINES = 50;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    @Spec
    private CommandSpec spec;

    @Option(names = "--race", required = true, paramLabel = "FILE",
        description = "race JSON: raceId, seed (optional when --seed is given), categories with capacity and pools")
    private Path race;

    @Option(names = "--entries", required = true, paramLabel = "FILE",
        description = "entry list: the vector CSV (with header) or the committed entry list (no header)")
    private Path entries;

    @Option(names = "--results", required = true, paramLabel = "FILE",
        description = "results to check: the vector expected CSV or the engine's results export")
    private Path results;

    @Option(names = "--seed", paramLabel = "HEX", description = "the draw's seed; wins over the race file's")
    private String seed;

    @Option(names = "--entry-list-hash", paramLabel = "HEX",
        description = "the published entryListHash: the entry list must hash to it")
    private String entryListHash;

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new BallotVerifier()).execute(args));
    }

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        try
        {
            return verify(out);
        }
        catch (final InputException e)
        {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
        finally
        {
            out.flush();
            spec.commandLine().getErr().flush();
        }
    }

    private int verify(final PrintWriter out) throws InputException
    {
        if (entryListHash != null && !SHA256_HEX.matcher(entryListHash).matches())
        {
            throw new InputException("--entry-list-hash '" + entryListHash + "' is not 64 hex digits (a SHA-256)");
        }
        final Race theRace = Race.read(race);
        final String seedHex;
        if (seed != null)
        {
            seedHex = Race.normaliseSeed(seed, "--seed");
        }
        else if (theRace.seedHex() != null)
        {
            seedHex = theRace.seedHex();
        }
        else
        {
            throw new InputException(race + ": has no seed, and --seed was not given");
        }
        final EntryList entryList = EntryList.read(entries, theRace.categories());
        if (entryListHash != null && !entryListHash.toLowerCase(Locale.ROOT).equals(entryList.sha256()))
        {
            out.println("FAILED: the entry list " + entries + " hashes to sha256 " + entryList.sha256() +
                ", not the committed " + entryListHash.toLowerCase(Locale.ROOT) + ": it is not the list that was drawn");
            return EXIT_FAILED;
        }

        final Map<Long, Draw.Outcome> outcomes = Draw.run(
            theRace.raceId(), HexFormat.of().parseHex(seedHex), theRace.categories(), entryList.entries().values());
        final ResultsCheck.Report report = ResultsCheck.check(results, entryList.entries(), outcomes);

        printCapped(out, report.mismatches(), "mismatches");
        printCapped(out, report.notDrawn(), "rows not drawn");
        final int categories = theRace.categories().size();
        final String against = "the draw recomputed from seed " + seedHex + " (race " + theRace.raceId() + ", " +
            categories + (categories == 1 ? " category" : " categories") + ", entry list sha256 " + entryList.sha256() + ")";
        if (!report.mismatches().isEmpty())
        {
            out.println("FAILED: " + report.mismatches().size() + " of " + report.rows() + " rows differ from " + against);
            return EXIT_FAILED;
        }
        final int notDrawn = report.notDrawn().size();
        out.println("OK: " + report.rows() + " of " + report.rows() + " rows match " + against +
            (notDrawn == 0 ? "" : "; " + notDrawn + (notDrawn == 1 ? " row" : " rows") +
                " not drawn (withdrawn before registration closed)"));
        return EXIT_OK;
    }

    private static void printCapped(final PrintWriter out, final List<String> lines, final String what)
    {
        lines.stream().limit(MAX_PRINTED_LINES).forEach(out::println);
        if (lines.size() > MAX_PRINTED_LINES)
        {
            out.println("... and " + (lines.size() - MAX_PRINTED_LINES) + " more " + what);
        }
    }
}
