package io.startline.engine.race;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.RaceDriver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BALLOT.md's conformance vectors, reproduced row for row by the engine: the vector's race is
 * registered through ordinary commands (groups, entries, entitlements), registration closes,
 * the committed entry-list hash is checked against one computed from the vector file alone,
 * and the draw with the published seed must give every expected status, pool, rank and
 * waitlist position.
 */
class BallotVectorTest
{
    private static final long T0 = 1_800_000_000_000L;

    static List<String> vectors()
    {
        return BallotVectors.names();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void theEngineReproducesEveryExpectedRow(final String name) throws Exception
    {
        final BallotVectors.Vector vector = BallotVectors.load(name);
        final RaceDriver races = new RaceDriver(new EngineDriver(EngineDriver.smallContext(), T0));
        final List<Long> ids = BallotVectors.register(vector, races, T0);
        assertThat(ids).as("engine entry ids are the vector's")
            .containsExactlyElementsOf(vector.entries().stream().map(BallotVectors.VectorEntry::entryId).toList());

        final String committed = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(BallotVectors.canonicalEntryList(vector).getBytes(StandardCharsets.US_ASCII)));
        final RaceDriver.BallotView ballot = races.ballot(vector.raceId());
        assertThat(ballot.closed()).isTrue();
        assertThat(ballot.entries()).isEqualTo(vector.entries().size());
        assertThat(ballot.entryListHash()).as("entryListHash commits to the vector's entry list").isEqualTo(committed);

        final RaceDriver.Drawn drawn = races.draw(vector.raceId(), vector.seedHex());
        assertThat(drawn.code()).isEqualTo(ResultCode.OK);
        assertThat(drawn.entryListHash()).isEqualTo(committed);

        final Map<Long, RaceDriver.ResultRow> rows = races.results(vector.raceId()).stream()
            .collect(Collectors.toMap(RaceDriver.ResultRow::entryId, Function.identity()));
        assertThat(rows).hasSameSizeAs(vector.expected());
        int mismatches = 0;
        for (final BallotVectors.Expected expected : vector.expected().values())
        {
            final RaceDriver.ResultRow row = rows.get(expected.entryId());
            final BallotVectors.Expected actual = new BallotVectors.Expected(row.entryId(), row.status().name(),
                row.pool(), row.drawRank(), row.waitlistPosition());
            if (!actual.equals(expected) && mismatches++ < 10)
            {
                System.out.println("entry " + expected.entryId() + ": expected " + expected + " got " + actual);
            }
        }
        assertThat(mismatches).as("rows differing from " + name + ".expected.csv").isZero();
        assertThat(drawn.winners() + drawn.waitlisted()).isEqualTo(vector.entries().size());
    }
}
