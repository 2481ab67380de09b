package io.startline.persistence.snapshot;

import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.testkit.EngineDriver;
import io.startline.persistence.JournalFiles;
import io.startline.persistence.Journals;
import io.startline.persistence.PersistenceContext;
import io.startline.persistence.journal.Journal;
import io.startline.persistence.journal.JournalWriter;
import io.startline.persistence.recovery.RecoveredEngine;
import io.startline.persistence.recovery.Recovery;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention: after each snapshot only the newest {@code snapshotsRetained} snapshots remain,
 * and the journal files whose every command the oldest of them holds are deleted, never the
 * newest file, never while only one snapshot exists, never with pruning off; and recovery
 * after pruning still reaches the live state, from the newest snapshot or, when that one is
 * corrupt, from the oldest retained one and the journal kept after it.
 * <p>
 * The journal rolls a file every second on a clock the test sets, so the workload's
 * commands fall into {@link #FILES} files whose boundaries the test knows.
 */
class RetentionTest
{
    private static final long SEED = 0x4E7E_2026_0301L;
    private static final int STEPS = 3_000;
    private static final int FILES = 6;
    private static List<EngineDriver.JournalEntry> entries;
    private static long liveHash;
    private static EngineContext engineContext;

    @TempDir
    Path dataDir;

    private final SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-03-01T09:00:00Z"));
    private final SplittableRandom random = new SplittableRandom(SEED);

    @BeforeAll
    static void runTheWorkload()
    {
        final Journals.Recorded recorded = Journals.record("RetentionTest", SEED, STEPS);
        engineContext = recorded.context();
        entries = recorded.entries();
        liveHash = recorded.liveHash();
    }

    private PersistenceContext context(final int snapshotsRetained, final boolean pruneJournal)
    {
        return new PersistenceContext()
            .dataDir(dataDir)
            .rollCycle(TestRollCycles.TEST_SECONDLY)
            .journalTimeProvider(clock)
            .snapshotsRetained(snapshotsRetained)
            .pruneJournal(pruneJournal);
    }

    /** The last sequence in journal file {@code file} (from 0): the files split the stream evenly. */
    private static int lastIn(final int file)
    {
        return entries.size() * (file + 1) / FILES;
    }

    private static int firstIn(final int file)
    {
        return file == 0 ? 1 : lastIn(file - 1) + 1;
    }

    private static int middleOf(final int file)
    {
        return (firstIn(file) + lastIn(file)) / 2;
    }

    @Test
    void onlyTheNewestRetainedSnapshotsRemain()
    {
        final PersistenceContext context = context(3, true);
        try (Journal journal = new Journal(context))
        {
            journalFiles(journal, 0, FILES);
            final Snapshotter snapshotter = new Snapshotter(context, new SnapshotStore(context.snapshotDir()), journal);
            final List<Long> taken = new ArrayList<>();
            for (final int at : new int[] {100, lastIn(1), middleOf(2), lastIn(3), middleOf(5)})
            {
                taken.add(snapshotter.take(Journals.replayed(engineContext, entries, at)).sequence());
                assertThat(snapshotSequences(context)).as("after the snapshot at " + at)
                    .containsExactlyElementsOf(newestFirst(taken, 3));
            }
        }
    }

    @Test
    void journalFilesWhoseEveryCommandIsInTheOldestRetainedSnapshotAreDeletedTheOthersKept()
    {
        final PersistenceContext context = context(2, true);
        try (Journal journal = new Journal(context))
        {
            journalFiles(journal, 0, FILES);
            assertThat(journalFirstSequences(journal)).containsExactlyElementsOf(firstsOfFiles(0, FILES));
            final Snapshotter snapshotter = new Snapshotter(context, new SnapshotStore(context.snapshotDir()), journal);

            snapshotter.take(Journals.replayed(engineContext, entries, lastIn(1) - 1));
            assertKept(context, journal, 0, "one snapshot: no fallback yet, so nothing is deleted");

            snapshotter.take(Journals.replayed(engineContext, entries, middleOf(3)));
            assertKept(context, journal, 1, "the oldest kept snapshot lacks file 1's last command");

            snapshotter.take(Journals.replayed(engineContext, entries, lastIn(3)));
            assertKept(context, journal, 3, "file 3 is only half in the oldest kept snapshot");

            snapshotter.take(Journals.replayed(engineContext, entries, middleOf(5)));
            assertKept(context, journal, 4, "file 3 ends exactly at the oldest kept snapshot");

            snapshotter.take(Journals.replayed(engineContext, entries, lastIn(5) - 1));
            assertKept(context, journal, 5, "only the newest file remains, the one being written");
        }
        try (Journal reopened = new Journal(context))
        {
            assertThat(journalFirstSequences(reopened)).containsExactly((long)firstIn(5));
        }
    }

    @Test
    void withOneSnapshotOnlyNoJournalFileIsDeleted()
    {
        final PersistenceContext context = context(2, true);
        try (Journal journal = new Journal(context))
        {
            journalFiles(journal, 0, FILES);
            new Snapshotter(context, new SnapshotStore(context.snapshotDir()), journal)
                .take(Journals.replayed(engineContext, entries, lastIn(4)));
            assertKept(context, journal, 0, "the only snapshot has no fallback");
        }
    }

    @Test
    void withPruningOffNothingInTheJournalIsDeletedButSnapshotsAreStillRetired()
    {
        final PersistenceContext context = context(2, false);
        try (Journal journal = new Journal(context))
        {
            journalFiles(journal, 0, FILES);
            final Snapshotter snapshotter = new Snapshotter(context, new SnapshotStore(context.snapshotDir()), journal);
            for (final int at : new int[] {lastIn(0), lastIn(2), lastIn(3), middleOf(5)})
            {
                snapshotter.take(Journals.replayed(engineContext, entries, at));
            }
            assertThat(snapshotSequences(context)).containsExactly((long)middleOf(5), (long)lastIn(3));
            assertKept(context, journal, 0, "pruning is off");
        }
    }

    @Test
    void afterPruningRecoveryGivesTheLiveStateHashFromTheNewestSnapshot()
    {
        final PersistenceContext context = context(2, true);
        final SnapshotStore.SnapshotFile[] taken = journalWithSnapshotsInBetween(context);
        assertThat(journalFileNames(context)).hasSize(FILES - 3);

        final RecoveredEngine recovered = recover(context);
        assertThat(recovered.snapshot()).isEqualTo(taken[2]);
        assertThat(recovered.replayedCommands()).isEqualTo(entries.size() - taken[2].sequence());
        assertThat(recovered.engine().stateHash()).isEqualTo(liveHash);
    }

    @Test
    void afterPruningACorruptNewestSnapshotFallsBackToTheOldestRetainedOneWhoseJournalWasKept() throws IOException
    {
        final PersistenceContext context = context(2, true);
        final SnapshotStore.SnapshotFile[] taken = journalWithSnapshotsInBetween(context);
        JournalFiles.flipByteInTheMiddle(taken[2].path());

        final RecoveredEngine recovered = recover(context);
        assertThat(recovered.snapshot()).isEqualTo(taken[1]);
        assertThat(recovered.replayedCommands()).isEqualTo(entries.size() - taken[1].sequence());
        assertThat(recovered.engine().stateHash()).isEqualTo(liveHash);
    }

    /**
     * The node's way: snapshots taken while the journal grows, each pruning behind it with the
     * writer open. Snapshots at the end of file 1, in the middle of file 3 and late in file 4;
     * with two retained, files 0 to 2 are deleted.
     *
     * @return the snapshots taken, oldest first.
     */
    private SnapshotStore.SnapshotFile[] journalWithSnapshotsInBetween(final PersistenceContext context)
    {
        final SnapshotStore.SnapshotFile[] taken = new SnapshotStore.SnapshotFile[3];
        try (Journal journal = new Journal(context))
        {
            final Snapshotter snapshotter = new Snapshotter(context, new SnapshotStore(context.snapshotDir()), journal);
            try (JournalWriter writer = journal.writer(0))
            {
                journalFiles(writer, 0, 2);
                taken[0] = snapshotter.take(Journals.replayed(engineContext, entries, lastIn(1)));
                journalFiles(writer, 2, 4);
                taken[1] = snapshotter.take(Journals.replayed(engineContext, entries, middleOf(3)));
                journalFiles(writer, 4, 5);
                taken[2] = snapshotter.take(Journals.replayed(engineContext, entries, lastIn(4) - 3));
                journalFiles(writer, 5, FILES);
            }
            assertThat(snapshotSequences(context)).containsExactly(taken[2].sequence(), taken[1].sequence());
            assertThat(journalFirstSequences(journal)).containsExactlyElementsOf(firstsOfFiles(3, FILES));
        }
        return taken;
    }

    private RecoveredEngine recover(final PersistenceContext context)
    {
        try (Journal journal = new Journal(context))
        {
            return Recovery.recover(context, journal, new SnapshotStore(context.snapshotDir()),
                () -> new Engine(engineContext));
        }
    }

    private void journalFiles(final Journal journal, final int fromFile, final int toFile)
    {
        try (JournalWriter writer = journal.writer(fromFile == 0 ? 0 : lastIn(fromFile - 1)))
        {
            journalFiles(writer, fromFile, toFile);
        }
    }

    /**
     * Journals files {@code fromFile} up to {@code toFile} in batches of random size, then moves
     * the clock on by one and a half seconds so the next file's commands start a new file.
     */
    private void journalFiles(final JournalWriter writer, final int fromFile, final int toFile)
    {
        for (int file = fromFile; file < toFile; file++)
        {
            for (int sequence = firstIn(file); sequence <= lastIn(file); sequence++)
            {
                final EngineDriver.JournalEntry entry = entries.get(sequence - 1);
                writer.append(entry.sequence(), entry.timestampMs(), 0, new UnsafeBuffer(entry.command()), 0,
                    entry.command().length);
                if (random.nextInt(8) == 0)
                {
                    writer.flush();
                }
            }
            writer.flush();
            clock.advanceMillis(1_500);
        }
    }

    /** Exactly files {@code firstKept} to the last are left, by the journal's account and on disk. */
    private void assertKept(final PersistenceContext context, final Journal journal, final int firstKept,
        final String why)
    {
        final List<Journal.JournalFile> files = journal.files();
        assertThat(files).as(why).extracting(Journal.JournalFile::firstSequence)
            .containsExactlyElementsOf(firstsOfFiles(firstKept, FILES));
        assertThat(journalFileNames(context)).as(why + " (on disk)")
            .containsExactlyElementsOf(files.stream().map(file -> file.file().getName()).toList());
    }

    private static List<Long> journalFirstSequences(final Journal journal)
    {
        return journal.files().stream().map(Journal.JournalFile::firstSequence).toList();
    }

    private static List<Long> firstsOfFiles(final int fromFile, final int toFile)
    {
        return IntStream.range(fromFile, toFile).mapToObj(file -> (long)firstIn(file)).toList();
    }

    private static List<String> journalFileNames(final PersistenceContext context)
    {
        try (Stream<Path> files = Files.list(context.journalDir()))
        {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".cq4")).sorted()
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<Long> snapshotSequences(final PersistenceContext context)
    {
        return new SnapshotStore(context.snapshotDir()).list().stream().map(SnapshotStore.SnapshotFile::sequence)
            .toList();
    }

    private static List<Long> newestFirst(final List<Long> sequences, final int keep)
    {
        final List<Long> sorted = new ArrayList<>(sequences);
        sorted.sort((a, b) -> Long.compare(b, a));
        return sorted.subList(0, Math.min(keep, sorted.size()));
    }

}
