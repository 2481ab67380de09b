package io.startline.persistence.recovery;

import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.testkit.EngineDriver;
import io.startline.persistence.JournalFiles;
import io.startline.persistence.Journals;
import io.startline.persistence.PersistenceContext;
import io.startline.persistence.journal.Journal;
import io.startline.persistence.journal.JournalCorruptException;
import io.startline.persistence.snapshot.SnapshotStore;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Replay equivalence: after a random workload over vouchers, races and venues, a node
 * recovered from its data directory has exactly the live engine's state hash, whichever way
 * it gets there, and damage is handled the way the journal's rules say.
 */
class RecoveryTest
{
    private static final long SEED = 0x5EED_2026_1122L;
    private static final int STEPS = 12_000;
    private static List<EngineDriver.JournalEntry> entries;
    private static long liveHash;
    private static EngineContext engineContext;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void runTheWorkload()
    {
        final Journals.Recorded recorded = Journals.record("RecoveryTest", SEED, STEPS);
        engineContext = recorded.context();
        entries = recorded.entries();
        liveHash = recorded.liveHash();
    }

    private PersistenceContext context()
    {
        return new PersistenceContext().dataDir(dataDir);
    }

    private RecoveredEngine recover()
    {
        try (Journal journal = new Journal(context()))
        {
            return Recovery.recover(context(), journal, new SnapshotStore(context().snapshotDir()),
                () -> new Engine(engineContext));
        }
    }

    private void journalEverything()
    {
        try (Journal journal = new Journal(context()))
        {
            Journals.write(journal, entries, new SplittableRandom(SEED));
        }
    }

    private SnapshotStore.SnapshotFile snapshotAt(final int count)
    {
        return new SnapshotStore(context().snapshotDir()).write(Journals.replayed(engineContext, entries, count));
    }

    @Test
    void theWholeJournalAloneGivesTheLiveStateHash()
    {
        journalEverything();
        final RecoveredEngine recovered = recover();
        assertThat(recovered.snapshot()).isNull();
        assertThat(recovered.replayedCommands()).isEqualTo(entries.size());
        assertThat(recovered.engine().stateHash()).isEqualTo(liveHash);
    }

    @Test
    void aSnapshotAndTheJournalAfterItGiveTheLiveStateHash()
    {
        journalEverything();
        final SnapshotStore.SnapshotFile snapshot = snapshotAt(entries.size() * 2 / 3);
        final RecoveredEngine recovered = recover();
        assertThat(recovered.snapshot()).isEqualTo(snapshot);
        assertThat(recovered.replayedCommands()).isEqualTo(entries.size() - snapshot.sequence());
        assertThat(recovered.engine().stateHash()).isEqualTo(liveHash);
    }

    @Test
    void aCorruptNewestSnapshotFallsBackToTheOlderOneAndStillGivesTheLiveStateHash() throws IOException
    {
        journalEverything();
        final SnapshotStore.SnapshotFile older = snapshotAt(entries.size() / 3);
        final SnapshotStore.SnapshotFile newest = snapshotAt(entries.size() * 2 / 3);
        JournalFiles.flipByteInTheMiddle(newest.path());

        final RecoveredEngine recovered = recover();
        assertThat(recovered.snapshot()).isEqualTo(older);
        assertThat(recovered.engine().stateHash()).isEqualTo(liveHash);
    }

    @Test
    void whenEverySnapshotIsCorruptTheWholeJournalStillGivesTheLiveStateHash() throws IOException
    {
        journalEverything();
        JournalFiles.flipByteInTheMiddle(snapshotAt(entries.size() / 2).path());
        final RecoveredEngine recovered = recover();
        assertThat(recovered.snapshot()).isNull();
        assertThat(recovered.engine().stateHash()).isEqualTo(liveHash);
    }

    @Test
    void aTruncatedSnapshotIsRefusedAndTheOlderOneUsed() throws IOException
    {
        journalEverything();
        final SnapshotStore.SnapshotFile older = snapshotAt(100);
        final SnapshotStore.SnapshotFile newest = snapshotAt(entries.size() - 10);
        try (RandomAccessFile file = new RandomAccessFile(newest.path().toFile(), "rw"))
        {
            file.setLength(file.length() / 2);
        }
        assertThat(recover().snapshot()).isEqualTo(older);
    }

    @Test
    void aTornLastDocumentIsDroppedMarkedAndTheJournalGoesOnFromBeforeIt()
    {
        journalEverything();
        final List<JournalFiles.Document> documents = JournalFiles.documents(context().journalDir());
        final JournalFiles.Document last = documents.get(documents.size() - 1);
        JournalFiles.damage(last, last.length() - 12, 8);
        final int lostCommands = commandsIn(last);

        final RecoveredEngine recovered = recover();
        assertThat(recovered.droppedTornTail()).isTrue();
        final int kept = entries.size() - lostCommands;
        assertThat(recovered.engine().lastSequence()).isEqualTo(kept);
        assertThat(recovered.engine().stateHash()).isEqualTo(Journals.replayed(engineContext, entries, kept).stateHash());

        // The node carries on: the lost commands are taken again and journaled after the marker.
        try (Journal journal = new Journal(context()))
        {
            Journals.write(journal, entries.subList(kept, entries.size()), new SplittableRandom(1));
        }
        final RecoveredEngine again = recover();
        assertThat(again.droppedTornTail()).as("the marker says the old tear was dealt with").isFalse();
        assertThat(again.engine().stateHash()).isEqualTo(liveHash);
    }

    private void forceJournalUpTo(final long sequence)
    {
        try (Journal journal = new Journal(context()))
        {
            journal.force(sequence);
        }
    }

    @Test
    void damageInTheMiddleOfWhatWasForcedToDiskStopsStartUpNamingTheFileAndPosition()
    {
        journalEverything();
        forceJournalUpTo(entries.size());
        final List<JournalFiles.Document> documents = JournalFiles.documents(context().journalDir());
        final JournalFiles.Document middle = documents.get(documents.size() / 2);
        JournalFiles.damage(middle, middle.length() / 2, 1);

        assertThatThrownBy(this::recover)
            .isInstanceOf(JournalCorruptException.class)
            .hasMessageContaining(middle.file().toString())
            .hasMessageContaining("byte " + middle.position())
            .hasMessageContaining("checksum mismatch")
            .hasMessageContaining("not a torn last write");
    }

    @Test
    void damagePastWhatWasForcedToDiskIsAPowerLossUnderNoneTheJournalIsCutThereAndTheLossReported()
    {
        journalEverything();
        forceJournalUpTo(entries.size() / 4);
        final List<JournalFiles.Document> documents = JournalFiles.documents(context().journalDir());
        final JournalFiles.Document middle = documents.get(documents.size() / 2);
        JournalFiles.damage(middle, middle.length() / 2, 1);
        int before = 0;
        for (final JournalFiles.Document document : documents.subList(0, documents.size() / 2))
        {
            before += commandsIn(document);
        }

        final RecoveredEngine recovered = recover();
        assertThat(recovered.engine().lastSequence()).as("every whole batch before the damage").isEqualTo(before);
        assertThat(recovered.engine().stateHash()).isEqualTo(Journals.replayed(engineContext, entries, before).stateHash());
        assertThat(recovered.journalCut()).contains("journal cut after sequence " + before)
            .contains("sequences " + (before + 1) + " to " + entries.size()).contains("kept in");

        // The cut journal is whole: the lost commands are taken again and all is as live.
        try (Journal journal = new Journal(context()))
        {
            Journals.write(journal, entries.subList(before, entries.size()), new SplittableRandom(2));
        }
        final RecoveredEngine again = recover();
        assertThat(again.journalCut()).isNull();
        assertThat(again.engine().stateHash()).isEqualTo(liveHash);
    }

    @Test
    void underBatchDamagePastTheLastForceStillStopsStartUp()
    {
        journalEverything();
        final List<JournalFiles.Document> documents = JournalFiles.documents(context().journalDir());
        final JournalFiles.Document middle = documents.get(documents.size() / 2);
        JournalFiles.damage(middle, middle.length() / 2, 1);
        final PersistenceContext batch = context().syncPolicy(io.startline.persistence.journal.SyncPolicy.BATCH);
        try (Journal journal = new Journal(batch))
        {
            assertThatThrownBy(() -> Recovery.recover(batch, journal, new SnapshotStore(batch.snapshotDir()),
                () -> new Engine(engineContext))).isInstanceOf(JournalCorruptException.class);
        }
    }

    @Test
    void damageBeforeTheSnapshotDoesNotMatterBecauseTheSnapshotHoldsIt()
    {
        journalEverything();
        final List<JournalFiles.Document> documents = JournalFiles.documents(context().journalDir());
        JournalFiles.damage(documents.get(1), 20, 4);
        snapshotAt(entries.size() - 5);
        assertThat(recover().engine().stateHash()).isEqualTo(liveHash);
    }

    @Test
    void aJournalThatStartsAfterEveryUsableSnapshotIsRefusedWithTheReason() throws IOException
    {
        try (Journal journal = new Journal(context()))
        {
            Journals.write(journal, entries.subList(500, entries.size()), new SplittableRandom(2));
        }
        assertThatThrownBy(this::recover)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("the journal continues at sequence 501 but the state is at 0");

        JournalFiles.flipByteInTheMiddle(snapshotAt(500).path());
        assertThatThrownBy(this::recover).hasMessageContaining("no usable snapshot covers the commands in between");
    }

    @Test
    void aSnapshotAheadOfTheJournalIsRefusedRatherThanLeaveAGap()
    {
        try (Journal journal = new Journal(context()))
        {
            Journals.write(journal, entries.subList(0, 100), new SplittableRandom(3));
        }
        snapshotAt(200);
        assertThatThrownBy(this::recover).hasMessageContaining("ends at sequence 100, behind the snapshot at 200");
    }

    private static int commandsIn(final JournalFiles.Document document)
    {
        try (RandomAccessFile file = new RandomAccessFile(document.file().toFile(), "r"))
        {
            file.seek(document.position() + 4);
            final byte[] count = new byte[4];
            file.readFully(count);
            return new UnsafeBuffer(count).getInt(0, java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

}
