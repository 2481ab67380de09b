package io.startline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.startline.verifier.BallotVerifier;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;

/**
 * The marathon registration rush: the window opens and {@code entries} people enter within
 * the first minutes (seven in ten for the full marathon, the rest the half; a twentieth are
 * entitled to the LOCAL pool, a twentieth carry ballot weight 2), the window closes, the
 * organiser draws, and a sample of entrants looks at their own entry.
 * <p>
 * End check: counts on the race, the ballot and the results export agree with the rush's
 * answers, places are filled as far as entrants go, and the independent ballot verifier
 * (module {@code verifier}) accepts the draw from the exported race, entry list and results.
 */
public final class Marathon implements Scenario
{
    public static final String NAME = "marathon";
    public static final int ENTRIES_DEFAULT = 200_000;
    public static final long CLOSE_MARGIN_MS_DEFAULT = 5_000;

    /** 30,000 places for 200,000 entrants, as Beijing's ballot had it: two thirds full, one third half. */
    private static final double FULL_PLACES_SHARE = 0.10;
    private static final double HALF_PLACES_SHARE = 0.05;
    private static final int FULL_ENTRANTS_PER_TEN = 7;
    /** A fifth of the full marathon's places are reserved for local runners. */
    private static final double LOCAL_POOL_SHARE = 0.20;
    private static final int LOCAL_EVERY = 20;
    private static final int WEIGHTED_EVERY = 20;
    /** The node's 64 KiB body limit holds about 3,000 quoted ID numbers: well under it. */
    private static final int MAX_PERSONS_PER_GRANT = 2_500;
    private static final long FIRST_USER_ID = 30_000_000;
    /** Time to create the race and grant entitlements before the window opens. */
    private static final long OPEN_LEAD_MS = 3_000;
    private static final long CLOSE_POLL_MS = 200;
    private static final long CLOSE_WAIT_LIMIT_MS = 30_000;
    private static final int SEED_BYTES = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int entries;
    private final long closeMarginMs;
    private final int checkSample;

    /**
     * @param entries       people entering in the rush
     * @param closeMarginMs how long after the last entry is due the window closes
     * @param checkSample   entrants who look at their own entry after the draw
     */
    public Marathon(final int entries, final long closeMarginMs, final int checkSample)
    {
        if (entries < 1 || entries > NationalIds.CAPACITY || closeMarginMs < 0 || checkSample < 0)
        {
            throw new IllegalArgumentException("a marathon needs 1 to " + NationalIds.CAPACITY + " entries, and a close " +
                "margin and sample of at least 0");
        }
        this.entries = entries;
        this.closeMarginMs = closeMarginMs;
        this.checkSample = checkSample;
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters()
    {
        final Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("entries", entries);
        parameters.put("fullPlaces", fullPlaces());
        parameters.put("halfPlaces", halfPlaces());
        parameters.put("localPoolPlaces", localPlaces());
        parameters.put("closeMarginMs", closeMarginMs);
        parameters.put("checkSample", checkSample);
        return parameters;
    }

    private long fullPlaces()
    {
        return Math.max(1, Math.round(entries * FULL_PLACES_SHARE));
    }

    private long halfPlaces()
    {
        return Math.max(1, Math.round(entries * HALF_PLACES_SHARE));
    }

    private long localPlaces()
    {
        return Math.max(1, Math.round(fullPlaces() * LOCAL_POOL_SHARE));
    }

    private static String categoryOf(final int person)
    {
        return person % 10 < FULL_ENTRANTS_PER_TEN ? "FULL" : "HALF";
    }

    @Override
    public ScenarioOutcome run(final ScenarioContext context, final OpenLoopRunner runner, final long offeredRatePerSecond,
        final RunFiles files)
    {
        final SplittableRandom random = new SplittableRandom(context.seed());
        final String[] entrantHeaders = context.callers().participants(FIRST_USER_ID, entries);
        final byte[][] entryBodies = new byte[entries][];
        IntStream.range(0, entries).parallel().forEach(person -> entryBodies[person] = entryBody(person));
        final int[] order = Sampling.permutation(entries, random);

        final String organiser = context.organiser();
        final long opensAt = System.currentTimeMillis() + OPEN_LEAD_MS;
        final long rushMs = (entries * 1000L + offeredRatePerSecond - 1) / offeredRatePerSecond;
        final long closesAt = opensAt + rushMs + closeMarginMs;
        final long raceId = createRace(context, organiser, opensAt, closesAt);
        grantEntitlements(context, organiser, raceId);
        context.out().printf("[%s] race %d: window %d to %d, %,d entries for %,d + %,d places%n", NAME, raceId, opensAt,
            closesAt, entries, fullPlaces(), halfPlaces());
        ScenarioContext.waitUntil(opensAt);

        final Entries rush = new Entries(raceId, order, entrantHeaders, entryBodies);
        final PhaseSummary entriesSummary = runner.run(NAME, rush, offeredRatePerSecond);

        ScenarioContext.waitUntil(closesAt);
        final JsonNode ballot = awaitClosed(context, organiser, raceId);
        final String seedHex = seed(random);
        final long drawStartNs = System.nanoTime();
        final JsonNode draw = context.api().post(organiser, "/api/races/" + raceId + "/draw", "{\"seed\":\"" + seedHex +
            "\"}", 200);
        final long drawMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drawStartNs);
        final JsonNode race = context.api().get(organiser, "/api/races/" + raceId);
        final String results = context.api().getText(organiser, "/api/races/" + raceId + "/results?format=csv");
        final String entryList = context.api().getText(organiser, "/api/races/" + raceId + "/entry-list?format=csv");
        final MarathonCheck.Verdict verdict = verify(files, race, seedHex, entryList, results,
            draw.path("entryListHash").asText());

        final int[] accepted = IntStream.range(0, entries).filter(person -> rush.entryIds.get(person) != 0).toArray();
        final OwnViews ownEntry = new OwnViews("own-entry", "/api/races/" + raceId + "/entries/me",
            Sampling.sample(accepted, checkSample, random), entrantHeaders);
        final PhaseSummary ownEntrySummary = runner.run(NAME, ownEntry, offeredRatePerSecond);

        final List<MarathonCheck.SampledEntrant> sample = new ArrayList<>();
        for (int i = 0; i < ownEntry.requests(); i++)
        {
            final JsonNode answer = ownEntry.answer(i);
            sample.add(new MarathonCheck.SampledEntrant(rush.entryIds.get(ownEntry.user(i)),
                answer == null ? null : answer.path("entryId").asLong(),
                answer == null ? null : answer.path("status").asText()));
        }
        final Map<String, Long> acceptedByCategory = new LinkedHashMap<>();
        final long[] entryIds = new long[accepted.length];
        for (int i = 0; i < accepted.length; i++)
        {
            acceptedByCategory.merge(categoryOf(accepted[i]), 1L, Long::sum);
            entryIds[i] = rush.entryIds.get(accepted[i]);
        }
        final CheckResult check = MarathonCheck.check(new MarathonCheck.Ledger(entries, entryIds, acceptedByCategory,
            Map.of("FULL", fullPlaces(), "HALF", halfPlaces()), sample), ballot, draw, race, results, entryList, verdict);
        check.fact("raceId", raceId).fact("drawMs", drawMs)
            .fact("entriesAnsweredOtherThanApplied", rush.notApplied.get());
        check.requireEqual("entries answered 201 with a status other than APPLIED", 0, rush.notApplied.get());
        return new ScenarioOutcome(List.of(entriesSummary, ownEntrySummary), check);
    }

    private long createRace(final ScenarioContext context, final String organiser, final long opensAt,
        final long closesAt)
    {
        final LocalDate raceDate = LocalDate.now(ZoneOffset.UTC).plusDays(120);
        return context.api().post(organiser, "/api/races", """
            {"name":"Load rehearsal marathon","raceDate":"%s","mode":"LOTTERY","registrationOpensAt":%d,
             "registrationClosesAt":%d,"paymentWindowMs":%d,"maxGroupSize":4,"categories":[
              {"code":"FULL","name":"Marathon","capacity":%d,"feeFen":20000,"minAge":18,"maxAge":80,"bibFrom":1,
               "pools":[{"code":"LOCAL","places":%d}]},
              {"code":"HALF","name":"Half marathon","capacity":%d,"feeFen":12000,"minAge":16,"maxAge":80,
               "bibFrom":1000001}]}
            """.formatted(raceDate, opensAt, closesAt, TimeUnit.DAYS.toMillis(3), fullPlaces(), localPlaces(),
            halfPlaces()), 201).path("raceId").asLong();
    }

    /** LOCAL for every twentieth person, weight 2 (past unlucky applicants) for the next, in grants that fit a body. */
    private void grantEntitlements(final ScenarioContext context, final String organiser, final long raceId)
    {
        grant(context, organiser, raceId, 0, LOCAL_EVERY, "\"pool\":\"LOCAL\"");
        grant(context, organiser, raceId, 1, WEIGHTED_EVERY, "\"weight\":2");
    }

    private void grant(final ScenarioContext context, final String organiser, final long raceId, final int first,
        final int every, final String what)
    {
        final List<String> persons = new ArrayList<>();
        for (int person = first; person < entries; person += every)
        {
            persons.add("\"" + NationalIds.of(person) + "\"");
            if (persons.size() == MAX_PERSONS_PER_GRANT || person + every >= entries)
            {
                context.api().post(organiser, "/api/races/" + raceId + "/entitlements", "{\"personIds\":[" +
                    String.join(",", persons) + "]," + what + "}", 200);
                persons.clear();
            }
        }
    }

    private static byte[] entryBody(final int person)
    {
        return ("{\"categoryCode\":\"" + categoryOf(person) + "\",\"personId\":\"" + NationalIds.of(person) +
            "\",\"name\":\"Runner " + person + "\",\"gender\":\"" + NationalIds.gender(person) + "\",\"birthDate\":\"" +
            NationalIds.birthDate(person) + "\",\"phone\":\"139" + String.format("%08d", person) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    }

    /** Registration closes on the node's first tick past {@code registrationClosesAt}. */
    private static JsonNode awaitClosed(final ScenarioContext context, final String organiser, final long raceId)
    {
        final long deadline = System.currentTimeMillis() + CLOSE_WAIT_LIMIT_MS;
        while (true)
        {
            final JsonNode ballot = context.api().get(organiser, "/api/races/" + raceId + "/ballot");
            if (ballot.path("closed").asBoolean(false) || System.currentTimeMillis() > deadline)
            {
                return ballot;
            }
            ScenarioContext.waitUntil(System.currentTimeMillis() + CLOSE_POLL_MS);
        }
    }

    /** The seed an organiser would take from a public source; here from the run's seed, so a run repeats. */
    private static String seed(final SplittableRandom random)
    {
        final byte[] seed = new byte[SEED_BYTES];
        for (int i = 0; i < SEED_BYTES; i++)
        {
            seed[i] = (byte)random.nextInt(256);
        }
        return HexFormat.of().formatHex(seed);
    }

    /** Exports the race, entry list and results as an auditor would publish them, and runs the verifier on them. */
    private static MarathonCheck.Verdict verify(final RunFiles files, final JsonNode race, final String seedHex,
        final String entryList, final String results, final String entryListHash)
    {
        final ObjectNode verifierRace = JSON.createObjectNode().put("raceId", race.path("raceId").asLong())
            .put("seed", seedHex);
        final ObjectNode categories = verifierRace.putObject("categories");
        for (final JsonNode category : race.path("categories"))
        {
            final ObjectNode entry = categories.putObject(category.path("code").asText())
                .put("capacity", category.path("capacity").asLong());
            entry.set("pools", category.path("pools"));
        }
        final Path raceFile;
        try
        {
            raceFile = files.write("-race.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(verifierRace));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final Path entriesFile = files.write("-entry-list.csv", entryList);
        final Path resultsFile = files.write("-results.csv", results);
        final StringWriter output = new StringWriter();
        final PrintWriter writer = new PrintWriter(output);
        final int exitCode = new CommandLine(new BallotVerifier()).setOut(writer).setErr(writer).execute(
            "--race", raceFile.toString(), "--entries", entriesFile.toString(), "--results", resultsFile.toString(),
            "--entry-list-hash", entryListHash);
        writer.flush();
        return new MarathonCheck.Verdict(exitCode, output.toString());
    }

    /** The entries of the rush, in a random order of people. */
    private static final class Entries implements Phase
    {
        private final String path;
        private final int[] order;
        private final String[] entrantHeaders;
        private final byte[][] bodies;
        final AtomicLongArray entryIds;
        final AtomicLong notApplied = new AtomicLong();

        Entries(final long raceId, final int[] order, final String[] entrantHeaders, final byte[][] bodies)
        {
            path = "/api/races/" + raceId + "/entries";
            this.order = order;
            this.entrantHeaders = entrantHeaders;
            this.bodies = bodies;
            entryIds = new AtomicLongArray(entrantHeaders.length);
        }

        @Override
        public String name()
        {
            return "entries";
        }

        @Override
        public int requests()
        {
            return order.length;
        }

        @Override
        public Set<String> expectedOutcomes()
        {
            return Set.of("201");
        }

        @Override
        public PlannedRequest request(final int index)
        {
            return PlannedRequest.post(path, entrantHeaders[order[index]], bodies[order[index]]);
        }

        @Override
        public void onAnswer(final int index, final int status, final byte[] body)
        {
            final JsonNode entry = Answers.json(body);
            final long entryId = entry.path("entryId").asLong(0);
            if (entryId <= 0)
            {
                throw new IllegalStateException("an entry answered 201 without an entryId");
            }
            if (!"APPLIED".equals(entry.path("status").asText()))
            {
                notApplied.incrementAndGet();
            }
            entryIds.set(order[index], entryId);
        }
    }
}
