package io.startline.verifier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a results file, in either published form, with the recomputed draw.
 * <ul>
 * <li>The vector form ({@link #VECTOR_HEADER}) is the draw itself: every field must be what the draw gave.</li>
 * <li>The export form ({@link #EXPORT_HEADER}) may be taken any time after the draw, so statuses have
 * moved on: drawRank and waitlistPosition must still be the draw's, and pool and status must be a state
 * the draw's outcome can lead to. Rows for entries withdrawn before registration closed are not in the
 * entry list; they must say so (WITHDRAWN, no drawRank) and are reported as not drawn.</li>
 * </ul>
 */
final class ResultsCheck
{
    static final String VECTOR_HEADER = "entryId,status,pool,drawRank,waitlistPosition";
    static final String EXPORT_HEADER = "entryId,categoryCode,groupCode,pool,weight,drawRank,status,waitlistPosition,bib";
    /** The export's pool for a unit promoted from the waitlist after the draw. */
    static final String WAITLIST = "WAITLIST";

    private static final String WITHDRAWN = "WITHDRAWN";
    /** Where a winner can be later: paid, lapsed (did not pay in time) or withdrawn. */
    private static final Set<String> AFTER_WINNING = Set.of("WON", "CONFIRMED", "LAPSED", WITHDRAWN);
    /** Where a waitlisted unit can be later without promotion: still waiting, waitlist closed, or withdrawn. */
    private static final Set<String> AFTER_WAITING = Set.of("WAITLISTED", "NOT_SELECTED", WITHDRAWN);
    private static final String WINNER_STATUSES = "WON|CONFIRMED|LAPSED|WITHDRAWN";
    private static final String WAITING_STATUSES = "WAITLISTED|NOT_SELECTED|WITHDRAWN";

    /**
     * @param mismatches one line per row that differs, is missing, or is extra.
     * @param notDrawn   one line per export row for an entry withdrawn before the draw.
     * @param rows       the rows judged: one per drawn entry, plus every extra row.
     */
    record Report(List<String> mismatches, List<String> notDrawn, int rows)
    {
    }

    /** The fields of a row that differ from what was expected, both sides in the same order. */
    private static final class Difference
    {
        private final List<String> expected = new ArrayList<>();
        private final List<String> got = new ArrayList<>();

        void check(final String name, final String expectedValue, final String gotValue)
        {
            if (!expectedValue.equals(gotValue))
            {
                add(name + "=" + show(expectedValue), name + "=" + show(gotValue));
            }
        }

        void add(final String expectedText, final String gotText)
        {
            expected.add(expectedText);
            got.add(gotText);
        }

        boolean any()
        {
            return !expected.isEmpty();
        }

        String describe(final long entryId)
        {
            return mismatch(entryId, String.join(" ", expected), String.join(" ", got));
        }
    }

    private ResultsCheck()
    {
    }

    static Report check(
        final Path file,
        final Map<Long, Draw.Entry> entries,
        final Map<Long, Draw.Outcome> outcomes) throws InputException
    {
        final List<String> lines = Csv.lines(Csv.utf8(file, Csv.read(file)));
        if (lines.isEmpty())
        {
            throw new InputException(file, "is empty: expected the header " + VECTOR_HEADER + " or " + EXPORT_HEADER);
        }
        final boolean export;
        if (lines.get(0).equals(VECTOR_HEADER))
        {
            export = false;
        }
        else if (lines.get(0).equals(EXPORT_HEADER))
        {
            export = true;
        }
        else
        {
            throw new InputException(file, 1, "unrecognised header '" + lines.get(0) + "': expected " +
                VECTOR_HEADER + " (vector) or " + EXPORT_HEADER + " (results export)");
        }

        final List<String> mismatches = new ArrayList<>();
        final List<String> notDrawn = new ArrayList<>();
        final Map<Long, Integer> lineOfEntry = new HashMap<>();
        int extraRows = 0;
        for (int i = 1; i < lines.size(); i++)
        {
            final int line = i + 1;
            final String[] fields = Csv.fields(file, line, lines.get(i), lines.get(0));
            final long entryId = Csv.id(file, line, "entryId", fields[0]);
            final Integer firstLine = lineOfEntry.putIfAbsent(entryId, line);
            final Draw.Outcome outcome = outcomes.get(entryId);
            if (firstLine != null)
            {
                extraRows++;
                mismatches.add(mismatch(entryId, "one row",
                    "another on line " + line + " (first on line " + firstLine + ")"));
            }
            else if (outcome == null && export && WITHDRAWN.equals(fields[6]) && fields[5].isEmpty())
            {
                notDrawn.add("NOT DRAWN entryId=" + entryId +
                    ": WITHDRAWN before registration closed, not in the entry list");
            }
            else if (outcome == null)
            {
                extraRows++;
                mismatches.add(export ?
                    mismatch(entryId, "status=WITHDRAWN drawRank=\"\" (not in the entry list, so never drawn)",
                        "status=" + show(fields[6]) + " drawRank=" + show(fields[5])) :
                    mismatch(entryId, "no row (not in the entry list)", "a row on line " + line));
            }
            else
            {
                final Difference difference = export ?
                    compareExport(entries.get(entryId), outcome, fields) :
                    compareVector(outcome, fields);
                if (difference.any())
                {
                    mismatches.add(difference.describe(entryId));
                }
            }
        }
        for (final Map.Entry<Long, Draw.Outcome> drawn : outcomes.entrySet())
        {
            if (!lineOfEntry.containsKey(drawn.getKey()))
            {
                mismatches.add(mismatch(drawn.getKey(), describe(drawn.getValue()), "no row"));
            }
        }
        return new Report(List.copyOf(mismatches), List.copyOf(notDrawn), outcomes.size() + extraRows);
    }

    private static Difference compareVector(final Draw.Outcome outcome, final String[] fields)
    {
        final Difference difference = new Difference();
        difference.check("status", outcome.status().name(), fields[1]);
        difference.check("pool", pool(outcome), fields[2]);
        difference.check("drawRank", Integer.toString(outcome.drawRank()), fields[3]);
        difference.check("waitlistPosition", waitlistPosition(outcome), fields[4]);
        return difference;
    }

    private static Difference compareExport(final Draw.Entry entry, final Draw.Outcome outcome, final String[] fields)
    {
        final String pool = fields[3];
        final String status = fields[6];
        final Difference difference = new Difference();
        difference.check("categoryCode", entry.category(), fields[1]);
        difference.check("weight", Integer.toString(entry.weight()), fields[4]);
        difference.check("drawRank", Integer.toString(outcome.drawRank()), fields[5]);
        difference.check("waitlistPosition", waitlistPosition(outcome), fields[7]);
        final boolean reachable = outcome.status() == Draw.Status.WON ?
            outcome.pool().equals(pool) && AFTER_WINNING.contains(status) :
            (pool.isEmpty() && AFTER_WAITING.contains(status)) || (WAITLIST.equals(pool) && AFTER_WINNING.contains(status));
        if (!reachable)
        {
            difference.add(
                outcome.status() == Draw.Status.WON ?
                    "pool=" + outcome.pool() + " status=" + WINNER_STATUSES + " (WON at the draw)" :
                    "(pool=\"\" status=" + WAITING_STATUSES + " or pool=" + WAITLIST + " status=" + WINNER_STATUSES +
                        ") (WAITLISTED at the draw)",
                "pool=" + show(pool) + " status=" + show(status));
        }
        return difference;
    }

    private static String describe(final Draw.Outcome outcome)
    {
        return "status=" + outcome.status() + " pool=" + show(pool(outcome)) +
            " drawRank=" + outcome.drawRank() + " waitlistPosition=" + show(waitlistPosition(outcome));
    }

    private static String pool(final Draw.Outcome outcome)
    {
        return outcome.pool() == null ? "" : outcome.pool();
    }

    private static String waitlistPosition(final Draw.Outcome outcome)
    {
        return outcome.waitlistPosition() == 0 ? "" : Integer.toString(outcome.waitlistPosition());
    }

    /** An empty field is shown as "" so that it cannot be mistaken for a missing one. */
    private static String show(final String value)
    {
        return value.isEmpty() ? "\"\"" : value;
    }

    private static String mismatch(final long entryId, final String expected, final String got)
    {
        return "MISMATCH entryId=" + entryId + ": expected " + expected + " got " + got;
    }
}
