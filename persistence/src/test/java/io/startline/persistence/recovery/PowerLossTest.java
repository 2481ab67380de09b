package io.startline.persistence.recovery;

import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.testkit.EngineDriver;
import io.startline.persistence.Journals;
import io.startline.persistence.PersistenceContext;
import io.startline.persistence.journal.Journal;
import io.startline.persistence.journal.JournalCorruptException;
import io.startline.persistence.journal.JournalWriter;
import io.startline.persistence.journal.SyncPolicy;
import io.startline.persistence.snapshot.SnapshotStore;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A power loss under sync NONE at random moments of a journal's life, with a snapshot at each
 * force as the node takes them. Whatever the kernel had forced to disk stays (the snapshots are
 * forced as written); of the journal's pages written since, any subset may have reached the disk,
 * in any order (none of them: the journal "as forced"; all of them: a killed process). Each case builds
 * such a disk from images of the data directory taken while journaling, and starts on it: the
 * node must start by itself, hold every command up to the last forced sequence, and hold exactly
 * the state of the commands it kept (the rest reported as lost and their journal cut away); a
 * second start finds the cut journal whole and journals on after it.
 * <p>
 * {@code -Dstartline.powerloss.cases=N} runs more; {@code -Dstartline.powerloss.seed} repeats a
 * failing run, whose seed and case every failure names.
 */
class PowerLossTest
{
    private static final int PAGE_BYTES = 4096;
    private static final int STEPS = 3_000;
    private static final int BATCH_JOURNAL_COMMANDS = 600;
    private static final int CASES = Integer.getInteger("startline.powerloss.cases", 100);
    private static final long SEED = Long.getLong("startline.powerloss.seed", 0x9015_2026_1206L);

    @TempDir
    static Path work;
    private static EngineContext engineContext;
    private static List<EngineDriver.JournalEntry> entries;
    /** Images of the data directory taken while journaling, in order; some right after a force. */
    private static final List<Image> images = new ArrayList<>();

    /** The data directory's files at one moment: each file's length and its pages that are not all zero. */
    private record Image(boolean forced, long forcedSequence, long journaledSequence,
        Map<String, Long> lengths, Map<String, TreeMap<Integer, byte[]>> pages)
    {
    }

    @BeforeAll
    static void journalWhileTakingImages()
    {
        final Journals.Recorded recorded = Journals.record("PowerLossTest", SEED, STEPS);
        engineContext = recorded.context();
        entries = recorded.entries();
        final SplittableRandom random = new SplittableRandom(SEED);
        final Path live = work.resolve("live");
        long forced = 0;
        final SnapshotStore snapshots = new SnapshotStore(context(live).snapshotDir());
        try (Journal journal = new Journal(context(live)); JournalWriter writer = journal.writer(0))
        {
            images.add(image(live, true, 0, 0));
            for (final EngineDriver.JournalEntry entry : entries)
            {
                writer.append(entry.sequence(), entry.timestampMs(), 0, new UnsafeBuffer(entry.command()), 0,
                    entry.command().length);
                if (random.nextInt(8) != 0)
                {
                    continue;
                }
                writer.flush();
                final int roll = random.nextInt(24);
                if (roll == 0)
                {
                    // As the node snapshots: the journal forced first, then the snapshot written (and
                    // forced itself), the two newest kept.
                    journal.force(entry.sequence());
                    forced = entry.sequence();
                    snapshots.write(Journals.replayed(engineContext, entries, (int)forced));
                    snapshots.retainNewest(2);
                    images.add(image(live, true, forced, entry.sequence()));
                }
                else if (roll <= 4)
                {
                    images.add(image(live, false, forced, entry.sequence()));
                }
            }
            writer.flush();
            images.add(image(live, false, forced, entries.size()));
        }
        System.out.println("PowerLossTest: " + entries.size() + " commands, " + images.size() + " images, " +
            images.stream().filter(Image::forced).count() + " of them right after a force");
    }

    @Test
    void afterAPowerLossTheNodeStartsByItselfWithEverythingForcedAndExactlyTheStateOfWhatItKept()
    {
        final long startNs = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(SEED + 1);
        int cut = 0;
        int whole = 0;
        for (int c = 0; c < CASES; c++)
        {
            final int crash = 1 + random.nextInt(images.size() - 1);
            final Image atCrash = images.get(crash);
            final Image lastForced = lastForcedAtOrBefore(crash);
            final double reachedDisk = switch (random.nextInt(4))
            {
                case 0 -> 0;
                case 1 -> 1;
                default -> random.nextDouble();
            };
            final String label = "seed 0x" + Long.toHexString(SEED) + ", case " + c + ": power lost after sequence " +
                atCrash.journaledSequence() + ", forced up to " + lastForced.forcedSequence() + ", " +
                Math.round(reachedDisk * 100) + "% of the pages written since on disk";
            final Path dataDir = work.resolve("case-" + c);
            restore(lastForced, atCrash, reachedDisk, random, dataDir);

            final RecoveredEngine recovered = recover(dataDir);
            final long kept = recovered.engine().lastSequence();
            assertThat(kept).as(label).isBetween(lastForced.forcedSequence(), atCrash.journaledSequence());
            assertThat(recovered.engine().stateHash()).as(label)
                .isEqualTo(Journals.replayed(engineContext, entries, (int)kept).stateHash());
            if (recovered.journalCut() != null)
            {
                cut++;
                assertThat(recovered.journalCut()).as(label).contains("journal cut after sequence " + kept);
            }
            else
            {
                whole++;
            }
            try
            {
                journalOnAndRestart(dataDir, kept, label);
            }
            catch (final RuntimeException | AssertionError ex)
            {
                throw new AssertionError(label + ", journaling on after the recovery: " + ex, ex);
            }
            deleteRecursively(dataDir);
        }
        System.out.println("PowerLossTest: " + CASES + " power losses in " + (System.nanoTime() - startNs) / 1_000_000 +
            " ms: " + cut + " cut at damage, " + whole + " read whole (or with a torn last batch dropped)");
    }

    /**
     * Under sync BATCH every batch is forced before it is acknowledged, and a power loss can only
     * tear the one being written. The disk is each acknowledged batch plus any share of the next
     * one's pages: nothing acknowledged may be missing. Where the torn batch's header reached the
     * disk whole and its bytes did not, start-up stops naming it (a forced batch damaged since
     * looks the same); every other case starts by itself.
     */
    @Test
    void underBatchAPowerLossLosesNothingAcknowledged() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(SEED + 2);
        final List<Image> acknowledged = journalUnderBatch(random);
        int started = 0;
        int stopped = 0;
        final Map<String, Integer> stops = new TreeMap<>();
        for (int c = 0; c < CASES; c++)
        {
            final int at = random.nextInt(acknowledged.size() - 1);
            final Image lastAcknowledged = acknowledged.get(at);
            final Image inFlight = acknowledged.get(at + 1);
            final double reachedDisk = random.nextInt(3) == 0 ? 1 : random.nextDouble();
            final String label = "seed 0x" + Long.toHexString(SEED) + ", batch case " + c + ": acknowledged up to " +
                lastAcknowledged.journaledSequence() + ", " + Math.round(reachedDisk * 100) +
                "% of the next batch's pages on disk";
            final Path dataDir = work.resolve("batch-case-" + c);
            restore(lastAcknowledged, inFlight, reachedDisk, random, dataDir);
            try
            {
                final RecoveredEngine recovered = recover(dataDir, SyncPolicy.BATCH);
                final long kept = recovered.engine().lastSequence();
                assertThat(kept).as(label).isBetween(lastAcknowledged.journaledSequence(), inFlight.journaledSequence());
                assertThat(recovered.engine().stateHash()).as(label)
                    .isEqualTo(Journals.replayed(engineContext, entries, (int)kept).stateHash());
                started++;
            }
            catch (final JournalCorruptException torn)
            {
                stopped++;
                stops.merge(torn.getMessage().replaceAll("/[^ ]*|[0-9]+", "#"), 1, Integer::sum);
            }
            deleteRecursively(dataDir);
        }
        System.out.println("PowerLossTest: " + CASES + " power losses under BATCH: " + started + " started by " +
            "themselves with every acknowledged command, " + stopped + " stopped naming the damage " + stops);
        assertThat(started).isGreaterThan(stopped);
    }

    /** A journal under BATCH of the workload's first commands, with an image after every acknowledged batch. */
    private static List<Image> journalUnderBatch(final SplittableRandom random)
    {
        final Path live = work.resolve("live-batch");
        final List<Image> acknowledged = new ArrayList<>();
        final int commands = Math.min(entries.size(), BATCH_JOURNAL_COMMANDS);
        try (Journal journal = new Journal(context(live, SyncPolicy.BATCH)); JournalWriter writer = journal.writer(0))
        {
            acknowledged.add(image(live, true, 0, 0));
            for (int i = 0; i < commands; i++)
            {
                final EngineDriver.JournalEntry entry = entries.get(i);
                writer.append(entry.sequence(), entry.timestampMs(), 0, new UnsafeBuffer(entry.command()), 0,
                    entry.command().length);
                if (random.nextInt(6) == 0 || i == commands - 1)
                {
                    writer.flush();
                    acknowledged.add(image(live, true, entry.sequence(), entry.sequence()));
                }
            }
        }
        return acknowledged;
    }

    /** The node takes the next commands after what it kept, and a restart finds them all. */
    private static void journalOnAndRestart(final Path dataDir, final long kept, final String label)
    {
        final int more = (int)Math.min(10, entries.size() - kept);
        try (Journal journal = new Journal(context(dataDir)))
        {
            Journals.write(journal, entries.subList((int)kept, (int)kept + more), new SplittableRandom(kept));
        }
        final RecoveredEngine restarted = recover(dataDir);
        assertThat(restarted.journalCut()).as(label + ", restarted").isNull();
        assertThat(restarted.engine().lastSequence()).as(label + ", restarted").isEqualTo(kept + more);
        assertThat(restarted.engine().stateHash()).as(label + ", restarted")
            .isEqualTo(Journals.replayed(engineContext, entries, (int)kept + more).stateHash());
    }

    private static Image lastForcedAtOrBefore(final int crash)
    {
        for (int i = crash; i >= 0; i--)
        {
            if (images.get(i).forced())
            {
                return images.get(i);
            }
        }
        throw new AssertionError("the first image is forced");
    }

    private static PersistenceContext context(final Path dataDir)
    {
        return context(dataDir, SyncPolicy.NONE);
    }

    private static PersistenceContext context(final Path dataDir, final SyncPolicy syncPolicy)
    {
        return new PersistenceContext().dataDir(dataDir).syncPolicy(syncPolicy);
    }

    private static RecoveredEngine recover(final Path dataDir)
    {
        return recover(dataDir, SyncPolicy.NONE);
    }

    private static RecoveredEngine recover(final Path dataDir, final SyncPolicy syncPolicy)
    {
        final PersistenceContext context = context(dataDir, syncPolicy);
        try (Journal journal = new Journal(context))
        {
            return Recovery.recover(context, journal, new SnapshotStore(context.snapshotDir()),
                () -> new Engine(engineContext));
        }
    }

    /**
     * Writes the disk a power loss left: the forced image, and of each page that differs at the
     * crash, the crash's version with probability {@code reachedDisk}.
     */
    private static void restore(final Image forced, final Image crash, final double reachedDisk,
        final SplittableRandom random, final Path dataDir)
    {
        final TreeSet<String> files = new TreeSet<>(forced.lengths().keySet());
        files.addAll(crash.lengths().keySet());
        for (final String name : files)
        {
            final TreeMap<Integer, byte[]> before = forced.pages().getOrDefault(name, new TreeMap<>());
            final TreeMap<Integer, byte[]> after = crash.pages().getOrDefault(name, new TreeMap<>());
            final long length = Math.max(forced.lengths().getOrDefault(name, 0L), crash.lengths().getOrDefault(name, 0L));
            final TreeSet<Integer> pageNumbers = new TreeSet<>(before.keySet());
            pageNumbers.addAll(after.keySet());
            final Path file = dataDir.resolve(name);
            try
            {
                Files.createDirectories(file.getParent());
                try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw"))
                {
                    out.setLength(length);
                    for (final int page : pageNumbers)
                    {
                        final byte[] old = before.get(page);
                        final byte[] fresh = after.get(page);
                        final boolean changed = !Arrays.equals(old, fresh);
                        final byte[] chosen = changed && random.nextDouble() < reachedDisk ? fresh : old;
                        if (chosen != null)
                        {
                            out.seek((long)page * PAGE_BYTES);
                            out.write(chosen, 0, (int)Math.min(PAGE_BYTES, length - (long)page * PAGE_BYTES));
                        }
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private static Image image(final Path dataDir, final boolean forced, final long forcedSequence,
        final long journaledSequence)
    {
        final Map<String, Long> lengths = new HashMap<>();
        final Map<String, TreeMap<Integer, byte[]>> pages = new HashMap<>();
        try (Stream<Path> paths = Files.walk(dataDir))
        {
            for (final Path file : paths.filter(Files::isRegularFile).toList())
            {
                final String name = dataDir.relativize(file).toString();
                lengths.put(name, Files.size(file));
                pages.put(name, nonZeroPages(file));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return new Image(forced, forcedSequence, journaledSequence, lengths, pages);
    }

    private static TreeMap<Integer, byte[]> nonZeroPages(final Path file) throws IOException
    {
        final TreeMap<Integer, byte[]> pages = new TreeMap<>();
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r"))
        {
            final byte[] page = new byte[PAGE_BYTES];
            for (int number = 0; (long)number * PAGE_BYTES < in.length(); number++)
            {
                Arrays.fill(page, (byte)0);
                in.seek((long)number * PAGE_BYTES);
                in.read(page);
                if (!isZero(page))
                {
                    pages.put(number, page.clone());
                }
            }
        }
        return pages;
    }

    private static boolean isZero(final byte[] page)
    {
        for (final byte b : page)
        {
            if (b != 0)
            {
                return false;
            }
        }
        return true;
    }

    private static void deleteRecursively(final Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
