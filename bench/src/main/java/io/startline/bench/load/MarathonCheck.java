package io.startline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The marathon's end check: every entry of the rush is on the frozen list and in the results
 * export once, the draw chose exactly the places there were, the race's counts agree with the
 * export, the independent ballot verifier accepts the draw, and every sampled entrant sees the
 * status the export gives them. Pure: it compares the generator's ledger with the API's
 * answers handed to it.
 */
public final class MarathonCheck
{
    public static final String RESULTS_HEADER = "entryId,categoryCode,groupCode,pool,weight,drawRank,status," +
        "waitlistPosition,bib";
    private static final int MAX_LISTED = 10;

    private MarathonCheck()
    {
    }

    /**
     * What the generator saw.
     *
     * @param entriesSent        entries the rush sent
     * @param entryIds           the entry ids of the 201 answers, in any order
     * @param acceptedByCategory 201 answers per category code
     * @param capacityByCategory places per category code, as the race was created
     * @param sample             entrants who looked at their own entry after the draw
     */
    public record Ledger(long entriesSent, long[] entryIds, Map<String, Long> acceptedByCategory,
        Map<String, Long> capacityByCategory, List<SampledEntrant> sample)
    {
    }

    /**
     * @param entryId         the entry the rush's 201 answer named
     * @param answeredEntryId the entry {@code GET …/entries/me} named, or null if unanswered
     * @param answeredStatus  its status there
     */
    public record SampledEntrant(long entryId, Long answeredEntryId, String answeredStatus)
    {
    }

    /** The ballot verifier's exit code and what it printed. */
    public record Verdict(int exitCode, String output)
    {
    }

    public static CheckResult check(final Ledger ledger, final JsonNode ballot, final JsonNode draw, final JsonNode race,
        final String resultsCsv, final String entryListCsv, final Verdict verifier)
    {
        final CheckResult check = new CheckResult();
        final long[] entryIds = ledger.entryIds().clone();
        Arrays.sort(entryIds);
        final long accepted = entryIds.length;
        long distinct = 0;
        for (int i = 0; i < entryIds.length; i++)
        {
            distinct += i == 0 || entryIds[i] != entryIds[i - 1] ? 1 : 0;
        }
        check.requireEqual("entries answered 201", ledger.entriesSent(), accepted)
            .requireEqual("different entry ids among the 201 answers", accepted, distinct)
            .require(ballot.path("closed").asBoolean(false), "the ballot is not closed after registrationClosesAt")
            .requireEqual("ballot: entries on the frozen list", accepted, ballot.path("entries").asLong(-1))
            .requireEqual("entry list lines", accepted, entryListCsv.isEmpty() ? 0 :
                entryListCsv.split("\n", -1).length - 1)
            .requireEqual("draw: entryListHash is the one committed before it", ballot.path("entryListHash").asText(),
                draw.path("entryListHash").asText())
            .requireEqual("draw: winners + waitlisted", accepted,
                draw.path("winners").asLong(-1) + draw.path("waitlisted").asLong(-1));

        final Map<String, Long> statusCounts = checkCategories(check, ledger, race, draw);
        final Map<Long, String> statusById = checkResults(check, entryIds, resultsCsv, statusCounts);
        check.requireEqual("ballot verifier exit code (0: every row matches the recomputed draw)", 0,
            verifier.exitCode());
        checkSample(check, ledger.sample(), statusById);
        final String[] verdictLines = verifier.output().strip().split("\n");
        return check.fact("entries", accepted)
            .fact("winners", draw.path("winners").asLong())
            .fact("waitlisted", draw.path("waitlisted").asLong())
            .fact("entryListHash", draw.path("entryListHash").asText())
            .fact("seed", draw.path("seed").asText())
            .fact("verifier", verdictLines[verdictLines.length - 1])
            .fact("entrantsSampled", ledger.sample().size());
    }

    /** Per category: places filled as far as entrants go, the rest waitlisted, nothing else. Returns the totals by status. */
    private static Map<String, Long> checkCategories(final CheckResult check, final Ledger ledger, final JsonNode race,
        final JsonNode draw)
    {
        final Map<String, Long> totals = new TreeMap<>();
        for (final JsonNode category : race.path("categories"))
        {
            final String code = category.path("code").asText();
            final long entrants = ledger.acceptedByCategory().getOrDefault(code, 0L);
            final long capacity = ledger.capacityByCategory().getOrDefault(code, -1L);
            check.requireEqual("race: " + code + " capacity", capacity, category.path("capacity").asLong(-1));
            final JsonNode counts = category.path("counts");
            counts.fields().forEachRemaining(count -> totals.merge(count.getKey(), count.getValue().asLong(), Long::sum));
            final long won = counts.path("WON").asLong(-1);
            check.requireEqual("race: " + code + " WON (places filled as far as entrants go)",
                Math.min(capacity, entrants), won)
                .requireEqual("race: " + code + " WAITLISTED", entrants - Math.min(capacity, entrants),
                    counts.path("WAITLISTED").asLong(-1));
        }
        for (final Map.Entry<String, Long> total : totals.entrySet())
        {
            if (!total.getKey().equals("WON") && !total.getKey().equals("WAITLISTED"))
            {
                check.requireEqual("race: entries " + total.getKey() + " right after the draw", 0, total.getValue());
            }
        }
        check.requireEqual("race: WON is the draw's winners", draw.path("winners").asLong(-1),
            totals.getOrDefault("WON", 0L))
            .requireEqual("race: WAITLISTED is the draw's waitlist", draw.path("waitlisted").asLong(-1),
                totals.getOrDefault("WAITLISTED", 0L));
        return totals;
    }

    /** One row per entry of the rush and no other, statuses counted as the race counts them. */
    private static Map<Long, String> checkResults(final CheckResult check, final long[] sortedEntryIds,
        final String csv, final Map<String, Long> raceCounts)
    {
        final String[] lines = csv.split("\n");
        check.requireEqual("results header", RESULTS_HEADER, lines[0]);
        final Map<Long, String> statusById = new HashMap<>();
        final Map<String, Long> counted = new TreeMap<>();
        for (int i = 1; i < lines.length; i++)
        {
            final String[] fields = lines[i].split(",", -1);
            if (fields.length != 9)
            {
                check.require(false, "results line " + (i + 1) + " is not nine fields: " + lines[i]);
                continue;
            }
            final long entryId = Long.parseLong(fields[0]);
            if (statusById.put(entryId, fields[6]) != null)
            {
                check.require(false, "results: entry " + entryId + " has two rows");
            }
            counted.merge(fields[6], 1L, Long::sum);
        }
        check.requireEqual("results rows", sortedEntryIds.length, statusById.size());
        int unknown = 0;
        for (final long entryId : sortedEntryIds)
        {
            unknown += statusById.containsKey(entryId) ? 0 : 1;
        }
        check.requireEqual("entries answered 201 without a results row", 0, unknown);
        for (final Map.Entry<String, Long> status : counted.entrySet())
        {
            check.requireEqual("results: " + status.getKey() + " rows against the race's count",
                raceCounts.getOrDefault(status.getKey(), 0L), status.getValue());
        }
        return statusById;
    }

    private static void checkSample(final CheckResult check, final List<SampledEntrant> sample,
        final Map<Long, String> statusById)
    {
        int wrong = 0;
        for (final SampledEntrant entrant : sample)
        {
            final String expected = statusById.get(entrant.entryId());
            if (entrant.answeredEntryId() == null || entrant.answeredEntryId() != entrant.entryId() ||
                !entrant.answeredStatus().equals(expected))
            {
                if (wrong < MAX_LISTED)
                {
                    check.require(false, "entrant of entry " + entrant.entryId() + " sees entry " +
                        entrant.answeredEntryId() + " " + entrant.answeredStatus() + "; the export says " + expected);
                }
                wrong++;
            }
        }
        check.require(wrong <= MAX_LISTED, (wrong - MAX_LISTED) + " more sampled entrants disagree");
    }
}
