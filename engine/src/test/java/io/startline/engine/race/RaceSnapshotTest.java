package io.startline.engine.race;

import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.codec.EntryRecordsDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.RaceDriver;
import io.startline.engine.testkit.RandomizedRun;
import io.startline.engine.testkit.Snapshots;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Snapshots of the race domain: taken during registration (groups, entitlements, a first-come
 * race with places and a waitlist) and after the draw (payment deadlines, waitlists being
 * promoted), each loaded into a new engine that must hash the same and then answer the rest of
 * the journal byte for byte like a full replay.
 */
class RaceSnapshotTest
{
    private static final int MAX_ENTRIES = 60_000;

    private static EngineContext context()
    {
        return EngineDriver.smallContext().maxEntries(MAX_ENTRIES).maxGroups(1 << 14).maxEntitlements(1 << 16);
    }

    @Test
    void snapshotsDuringRegistrationAndAfterTheDrawRestoreTheSameBehaviour()
    {
        final RandomizedRun run = RandomizedRun.of("race snapshot", 1);
        final SplittableRandom random = run.random();
        final EngineDriver live = new EngineDriver(context(), RaceWorkload.T0, true);
        final RaceWorkload workload = new RaceWorkload(new RaceDriver(live), MAX_ENTRIES, 40_000);
        final int registrationSteps = 40_000;
        final long stepMs = 2 * RaceWorkload.REGISTRATION_MS / registrationSteps;

        for (int i = 0; i < registrationSteps / 2; i++)
        {
            workload.registrationStep(random, stepMs);
        }
        final List<byte[]> duringRegistration = Snapshots.take(live.engine());
        final int firstTakenAt = live.journal().size();
        for (int i = registrationSteps / 2; i < registrationSteps; i++)
        {
            workload.registrationStep(random, stepMs);
        }
        workload.closeAndDraw(random);
        for (int i = 0; i < 5_000; i++)
        {
            workload.afterDrawStep(random, RaceWorkload.PAYMENT_WINDOW_MS / 1_000);
        }
        final List<byte[]> afterDraw = Snapshots.take(live.engine());
        final int secondTakenAt = live.journal().size();
        for (int i = 0; i < 5_000; i++)
        {
            workload.afterDrawStep(random, RaceWorkload.PAYMENT_WINDOW_MS / 1_000);
        }
        workload.closeWaitlists();
        assertThat(workload.entriesAccepted()).as("the snapshots hold real state").isGreaterThan(10_000);

        replayAndCompare(live, duringRegistration, firstTakenAt);
        replayAndCompare(live, afterDraw, secondTakenAt);
    }

    @Test
    void aDamagedEntryRecordIsRefused()
    {
        final EngineDriver live = new EngineDriver(context(), RaceWorkload.T0);
        final RaceWorkload workload = new RaceWorkload(new RaceDriver(live), MAX_ENTRIES, 5_000);
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 3_000; i++)
        {
            workload.registrationStep(random, 60_000);
        }
        final List<byte[]> snapshot = Snapshots.take(live.engine());
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final byte[] entries = snapshot.stream()
            .filter(r -> header.wrap(new UnsafeBuffer(r), 0).templateId() == EntryRecordsDecoder.TEMPLATE_ID)
            .findFirst().orElseThrow();
        entries[entries.length / 2] ^= 0x04;

        assertThatThrownBy(() -> Snapshots.load(context(), snapshot)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("hash");
    }

    private static void replayAndCompare(final EngineDriver live, final List<byte[]> snapshot, final int takenAt)
    {
        final Engine restored = Snapshots.load(context(), snapshot);
        final Engine replayed = new Engine(context());
        final UnsafeBuffer restoredResult = new UnsafeBuffer(new byte[restored.maxResultLength()]);
        final UnsafeBuffer replayedResult = new UnsafeBuffer(new byte[replayed.maxResultLength()]);
        for (int i = 0; i < live.journal().size(); i++)
        {
            final EngineDriver.JournalEntry entry = live.journal().get(i);
            final UnsafeBuffer command = new UnsafeBuffer(entry.command());
            final int b = replayed.apply(entry.sequence(), entry.timestampMs(), command, 0, replayedResult, 0);
            if (i == takenAt)
            {
                assertThat(restored.stateHash()).as("restored state at command %d", i)
                    .isEqualTo(hashBefore(live, i));
            }
            if (i >= takenAt)
            {
                final int a = restored.apply(entry.sequence(), entry.timestampMs(), command, 0, restoredResult, 0);
                assertThat(Snapshots.bytes(restoredResult, 0, a)).as("result of command %d", entry.sequence())
                    .isEqualTo(Snapshots.bytes(replayedResult, 0, b));
            }
        }
        assertThat(restored.stateHash()).isEqualTo(live.engine().stateHash()).isEqualTo(replayed.stateHash());
        assertThat(Snapshots.take(restored)).as("a snapshot of the restored engine, byte for byte")
            .usingElementComparator(Arrays::compare).containsExactlyElementsOf(Snapshots.take(live.engine()));
    }

    /** The live engine's state before journal entry {@code index}, by replaying up to it. */
    private static long hashBefore(final EngineDriver live, final int index)
    {
        final Engine engine = new Engine(context());
        final UnsafeBuffer result = new UnsafeBuffer(new byte[engine.maxResultLength()]);
        for (int i = 0; i < index; i++)
        {
            final EngineDriver.JournalEntry entry = live.journal().get(i);
            engine.apply(entry.sequence(), entry.timestampMs(), new UnsafeBuffer(entry.command()), 0, result, 0);
        }
        return engine.stateHash();
    }
}
