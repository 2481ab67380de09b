package io.startline.persistence.recovery;

import io.startline.engine.testkit.ChildJvm;
import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.testkit.EngineDriver;
import io.startline.persistence.JournalFiles;
import io.startline.persistence.Journals;
import io.startline.persistence.PersistenceContext;
import io.startline.persistence.journal.Journal;
import io.startline.persistence.journal.JournalWriter;
import io.startline.persistence.snapshot.SnapshotStore;
import io.startline.persistence.snapshot.Snapshotter;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The torn tail a real crash leaves: a node process halted (no shutdown hooks, nothing
 * closed) in the middle of writing a Chronicle document, run as a child JVM by
 * {@link HaltMidWrite}. Recovery comes back at the last whole batch with the state of an
 * engine that applied exactly those commands, quickly, and the node journals on from there.
 * <p>
 * What Chronicle Queue 2026.4 does with the unfinished document: it never writes a
 * NOT_COMPLETE header to the file; {@code writingDocument()} reserves a zero header and the
 * length is swapped in on close, with the queue's write lock (in {@code metadata.cq4t}, holding
 * the writer's pid) keeping other writers out meanwhile. So a reader sees the journal end
 * before the unfinished document (no torn document, no tail-dropped marker), the next queue
 * to open releases the dead pid's lock at once, and the next document overwrites the
 * leftover bytes. Nothing waits for Chronicle's {@code timeoutMS}. (When the dead writer's pid
 * is reused by a live process, the restarted node itself in a fresh container say, Chronicle
 * would wait 15 s and refuse to write; the journal's data-directory lock handles that case,
 * shown by {@code DataDirectoryLockTest}.)
 * <p>
 * The journal's own torn-tail rule (a damaged last document is dropped and marked) is for
 * documents Chronicle did finish whose bytes are bad, as after a power loss; two tests show a
 * crash after such a marker is handled again the same way. A writer that dies in the first
 * document of a new file leaves a file with no whole document in it, which journal pruning
 * must not take for the file after it.
 */
class HaltedWriterTest
{
    private static final long SEED = 0x7042_2026_0613L;
    private static final int STEPS = 3_000;
    /** Far below the 15 s (1.5 x timeoutMS) Chronicle would wait for a write lock it believes held. */
    private static final long QUICK_MS = 5_000;
    private static List<EngineDriver.JournalEntry> entries;
    private static long liveHash;
    private static EngineContext engineContext;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void runTheWorkload()
    {
        final Journals.Recorded recorded = Journals.record("HaltedWriterTest", SEED, STEPS);
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
        return recover(context());
    }

    private RecoveredEngine recover(final PersistenceContext context)
    {
        try (Journal journal = new Journal(context))
        {
            return Recovery.recover(context, journal, new SnapshotStore(context.snapshotDir()),
                () -> new Engine(engineContext));
        }
    }

    private long stateHashAfter(final int count)
    {
        return Journals.replayed(engineContext, entries, count).stateHash();
    }

    @Test
    void aWriterHaltedInsideAChronicleDocumentRecoversQuicklyToItsLastWholeBatchAndJournalsOn() throws Exception
    {
        final int k = entries.size() / 2;
        haltMidWrite(0, k);

        final long recoverStartNs = System.nanoTime();
        final RecoveredEngine recovered = recover();
        final long recoverMs = (System.nanoTime() - recoverStartNs) / 1_000_000;
        assertThat(recovered.engine().lastSequence()).isEqualTo(k);
        assertThat(recovered.engine().stateHash()).isEqualTo(stateHashAfter(k));
        assertThat(recovered.droppedTornTail())
            .as("Chronicle hides a document whose writer died: the journal simply ends before it")
            .isFalse();

        // The first document after the crash is a one-command batch, shorter than the bytes the
        // halted writer left behind, so it overwrites them only in part.
        final long appendStartNs = System.nanoTime();
        try (Journal journal = new Journal(context()))
        {
            try (JournalWriter writer = journal.writer(k))
            {
                final EngineDriver.JournalEntry entry = entries.get(k);
                writer.append(entry.sequence(), entry.timestampMs(), 0, new UnsafeBuffer(entry.command()), 0,
                    entry.command().length);
            }
            final long appendMs = (System.nanoTime() - appendStartNs) / 1_000_000;
            System.out.println("after the halt: recovery took " + recoverMs + " ms, the first append " + appendMs +
                " ms");
            assertThat(recoverMs).as("recovery after the halt, ms").isLessThan(QUICK_MS);
            assertThat(appendMs).as("the first append after the halt, ms").isLessThan(QUICK_MS);
            Journals.write(journal, entries.subList(k + 1, entries.size()), new SplittableRandom(SEED));
        }

        final RecoveredEngine again = recover();
        assertThat(again.droppedTornTail()).isFalse();
        assertThat(again.engine().lastSequence()).isEqualTo(entries.size());
        assertThat(again.engine().stateHash()).isEqualTo(liveHash);
    }

    @Test
    void aWriterHaltedAfterATailDroppedMarkerRecoversTheSameWay() throws Exception
    {
        // The first crash tore a document Chronicle had finished: recovery drops it and marks it.
        final int firstCrash = entries.size() / 3;
        final int kept = tearTheLastDocumentAndRecover(0, firstCrash);

        // The node journals on after the marker, then dies inside a write.
        final int secondCrash = entries.size() * 2 / 3;
        haltMidWrite(kept, secondCrash);
        final RecoveredEngine recovered = recover();
        assertThat(recovered.droppedTornTail()).as("the marker settled the first tear").isFalse();
        assertThat(recovered.engine().lastSequence()).isEqualTo(secondCrash);
        assertThat(recovered.engine().stateHash()).isEqualTo(stateHashAfter(secondCrash));

        try (Journal journal = new Journal(context()))
        {
            Journals.write(journal, entries.subList(secondCrash, entries.size()), new SplittableRandom(SEED));
        }
        assertThat(recover().engine().stateHash()).isEqualTo(liveHash);
    }

    @Test
    void aSecondTornDocumentAfterATailDroppedMarkerIsDroppedAndMarkedAgain()
    {
        final int kept = tearTheLastDocumentAndRecover(0, entries.size() / 3);
        final int keptAgain = tearTheLastDocumentAndRecover(kept, entries.size() * 2 / 3);
        assertThat(keptAgain).isGreaterThan(kept);

        try (Journal journal = new Journal(context()))
        {
            Journals.write(journal, entries.subList(keptAgain, entries.size()), new SplittableRandom(SEED));
        }
        final RecoveredEngine recovered = recover();
        assertThat(recovered.droppedTornTail()).as("both tears are marked").isFalse();
        assertThat(recovered.engine().stateHash()).isEqualTo(liveHash);
    }

    @Test
    void aFileLeftEmptyByAWriterHaltedInItsFirstDocumentIsNotMistakenForTheNextFileWhenPruning() throws Exception
    {
        // Files roll every second: 09:00:00 gets commands 1..k, then the writer dies inside the
        // first document of 09:00:01, which holds no whole document. The node restarts at 09:00:03.
        final long startMs = Instant.parse("2026-03-01T09:00:00Z").toEpochMilli();
        final int k = entries.size() / 3;
        haltMidWrite(0, k, startMs);
        final SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(startMs + 3_000));
        final PersistenceContext context = context().rollCycle(TestRollCycles.TEST_SECONDLY)
            .journalTimeProvider(clock).snapshotsRetained(2).pruneJournal(true);
        assertThat(recover(context).engine().lastSequence()).isEqualTo(k);

        final int m = entries.size() * 2 / 3;
        final SnapshotStore store = new SnapshotStore(context.snapshotDir());
        try (Journal journal = new Journal(context))
        {
            Journals.write(journal, entries.subList(k, m), new SplittableRandom(SEED));
            clock.advanceMillis(1_500);
            Journals.write(journal, entries.subList(m, entries.size()), new SplittableRandom(SEED));
            assertThat(journalFileNames(context))
                .containsExactly("20260301-090000T.cq4", "20260301-090001T.cq4", "20260301-090003T.cq4",
                    "20260301-090004T.cq4");
            assertThat(journal.files()).extracting(file -> file.file().getName())
                .as("each cycle with its own file").containsExactlyElementsOf(journalFileNames(context));
            assertThat(journal.files()).extracting(Journal.JournalFile::firstSequence)
                .as("the empty file reports the sequence due next").containsExactly(1L, k + 1L, k + 1L, m + 1L);

            final Snapshotter snapshotter = new Snapshotter(context, store, journal);
            snapshotter.take(Journals.replayed(engineContext, entries, (k + m) / 2));
            final SnapshotStore.SnapshotFile newest =
                snapshotter.take(Journals.replayed(engineContext, entries, entries.size() - 10));
            assertThat(journalFileNames(context)).as("the oldest kept snapshot holds all of 1..k and more")
                .containsExactly("20260301-090003T.cq4", "20260301-090004T.cq4");
            JournalFiles.flipByteInTheMiddle(newest.path());
        }

        final RecoveredEngine recovered = recover(context);
        assertThat(recovered.snapshot().sequence()).as("the fallback snapshot").isEqualTo((k + m) / 2);
        assertThat(recovered.engine().stateHash()).isEqualTo(liveHash);
    }

    /**
     * Journals the entries after {@code from} up to {@code to}, damages the last document (a
     * power loss that kept its header but not all its bytes) and recovers.
     *
     * @return the sequence recovery reached: the commands of the torn document are gone.
     */
    private int tearTheLastDocumentAndRecover(final int from, final int to)
    {
        try (Journal journal = new Journal(context()))
        {
            Journals.write(journal, entries.subList(from, to), new SplittableRandom(SEED + from));
        }
        final List<JournalFiles.Document> documents = JournalFiles.documents(context().journalDir());
        final JournalFiles.Document last = documents.get(documents.size() - 1);
        JournalFiles.damage(last, last.length() - 12, 8);

        final RecoveredEngine recovered = recover();
        assertThat(recovered.droppedTornTail()).isTrue();
        final int kept = (int)recovered.engine().lastSequence();
        assertThat(kept).isGreaterThanOrEqualTo(from).isLessThan(to);
        assertThat(recovered.engine().stateHash()).isEqualTo(stateHashAfter(kept));
        return kept;
    }

    private void haltMidWrite(final int from, final int to) throws Exception
    {
        haltMidWrite(from, to, -1);
    }

    /**
     * Runs {@link HaltMidWrite} in a child JVM on the data directory and waits for it to die.
     *
     * @param clockStartMs when not negative, the journal rolls every second on a clock starting there.
     */
    private void haltMidWrite(final int from, final int to, final long clockStartMs) throws Exception
    {
        final List<String> arguments = new ArrayList<>(List.of(dataDir.toString(), Long.toString(SEED),
            Integer.toString(STEPS), Integer.toString(from), Integer.toString(to)));
        if (clockStartMs >= 0)
        {
            arguments.add(Long.toString(clockStartMs));
        }
        final Process process = ChildJvm.command(List.of("-Xmx256m"), HaltMidWrite.class, arguments)
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = out.readLine()) != null)
            {
                output.add(line);
                System.out.println("child: " + line);
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(HaltMidWrite.HALT_STATUS);
        assertThat(output).anySatisfy(line -> assertThat(line).startsWith("halting after " + to));
    }

    private List<String> journalFileNames(final PersistenceContext context) throws IOException
    {
        try (Stream<Path> files = Files.list(context.journalDir()))
        {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".cq4")).sorted()
                .toList();
        }
    }

}
