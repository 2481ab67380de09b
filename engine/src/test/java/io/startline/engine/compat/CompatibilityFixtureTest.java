package io.startline.engine.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import io.startline.engine.Engine;
import io.startline.engine.support.StateHasher;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * What an earlier build wrote still loads and gives the same answers: its journal replays to the
 * same results, byte for byte, and the same state hash, and its snapshot loads with the hash it
 * promised and carries on to the same end. The fixture was written by commit 2ff3181, before the
 * engine took its {@code Domain} contract and its big classes were split.
 */
class CompatibilityFixtureTest
{
    private static final String WRITTEN_BY_2FF3181 = "/compat/mixed-2ff3181.fixture";

    private final CompatibilityFixture fixture = read(WRITTEN_BY_2FF3181);

    @Test
    void theEarlierJournalReplaysToTheSameResultsAndState()
    {
        final Engine engine = new Engine(CompatibilityFixture.context());
        final StateHasher results = new StateHasher();

        CompatibilityFixture.replay(engine, fixture.journal, 0, fixture.journal.size(), results);

        assertThat(results.hash()).as("every result, byte for byte").isEqualTo(fixture.computed.resultsDigest());
        assertThat(engine.stateHash()).isEqualTo(fixture.computed.finalStateHash());
    }

    @Test
    void theEarlierSnapshotLoadsWithItsHashAndCarriesOnToTheSameEnd()
    {
        final Engine engine = new Engine(CompatibilityFixture.context());
        for (final byte[] record : fixture.snapshot)
        {
            engine.loadSnapshotRecord(new UnsafeBuffer(record), 0);
        }
        assertThat(engine.stateHash()).isEqualTo(fixture.computed.snapshotStateHash());
        assertThat(engine.lastSequence()).isEqualTo(CompatibilityFixture.SNAPSHOT_AT);

        CompatibilityFixture.replay(engine, fixture.journal, CompatibilityFixture.SNAPSHOT_AT, fixture.journal.size(),
            new StateHasher());

        assertThat(engine.stateHash()).isEqualTo(fixture.computed.finalStateHash());
    }

    private static CompatibilityFixture read(final String resource)
    {
        try (InputStream stream = CompatibilityFixtureTest.class.getResourceAsStream(resource))
        {
            assertThat(stream).as(resource).isNotNull();
            return CompatibilityFixture.read(stream);
        }
        catch (final IOException ex)
        {
            throw new AssertionError("cannot read " + resource, ex);
        }
    }
}
