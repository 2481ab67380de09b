package io.startline.persistence.journal;

import io.startline.persistence.PersistenceContext;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.TableStoreWriteLock;
import net.openhft.chronicle.threads.Pauser;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The command journal: a Chronicle Queue of batch documents (see {@link JournalFormat}) in
 * the data directory. Hands out the one {@link JournalWriter} and any number of readers.
 */
public final class Journal implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    /** Held while a node has the data directory open. */
    public static final String LOCK_FILE_NAME = "node.lock";
    /**
     * How long Chronicle waits for a header it finds incomplete (a file's, a document's) to be
     * finished by another writer. This node holds the data directory alone, so such a header is a
     * dead writer's or what a power loss left: waiting longer (Chronicle's default is 10 s per
     * header) only delays the start.
     */
    static final long INCOMPLETE_HEADER_WAIT_MS = 500;

    static
    {
        // The engine never calls home: Chronicle's usage analytics stay off even when the
        // launcher forgot the flag.
        System.setProperty("chronicle.analytics.disable", "true");
    }

    private final PersistenceContext context;
    private final FileChannel lockFile;
    private final FileLock dataDirLock;
    private final ForcedMark forcedMark;
    /** Replaced only by {@link #truncateFrom}, during recovery, before any writer or tailer exists. */
    private SingleChronicleQueue queue;

    /**
     * Opens the journal and takes the data directory for this process alone.
     *
     * @throws IllegalStateException when another node (in this or another process) has the directory.
     */
    public Journal(final PersistenceContext context)
    {
        this.context = context.validate();
        try
        {
            Files.createDirectories(context.journalDir());
            lockFile = FileChannel.open(context.dataDir().resolve(LOCK_FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot create the journal directory " + context.journalDir(), ex);
        }
        dataDirLock = tryLock(lockFile, context);
        forcedMark = new ForcedMark(context.dataDir());
        queue = openQueue(context.journalDir());
        releaseWriteLockOfADeadNode();
    }

    private SingleChronicleQueue openQueue(final Path directory)
    {
        return SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(context.rollCycle())
            .timeProvider(context.journalTimeProvider())
            .timeoutMS(INCOMPLETE_HEADER_WAIT_MS)
            // The appender's sync() msyncs only under SYNC; under NONE it does nothing, which is
            // what the page-cache policy promises.
            .syncMode(context.syncPolicy() == SyncPolicy.BATCH ? SyncMode.SYNC : SyncMode.NONE)
            .build();
    }

    private static FileLock tryLock(final FileChannel lockFile, final PersistenceContext context)
    {
        FileLock lock;
        try
        {
            lock = lockFile.tryLock();
        }
        catch (final OverlappingFileLockException ex)
        {
            lock = null;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot lock the data directory " + context.dataDir(), ex);
        }
        if (lock == null)
        {
            closeQuietly(lockFile);
            throw new IllegalStateException("another node is using the data directory " + context.dataDir() +
                ": two writers would interleave one journal");
        }
        return lock;
    }

    /**
     * Holding the data directory's lock means no other node is alive on it, so a Chronicle
     * write lock still set is a dead node's. Chronicle frees such a lock by itself only when
     * the recorded process id is not running; a restart that gets the same id (process 1 in a
     * container, every time) would otherwise wait out Chronicle's timeout and fail.
     */
    private void releaseWriteLockOfADeadNode()
    {
        try (TableStoreWriteLock writeLock = new TableStoreWriteLock(queue.metaStore(), Pauser::balanced, 0L))
        {
            if (writeLock.locked())
            {
                LOG.warn("journal: releasing the write lock a stopped node left in {} (process {})", directory(),
                    writeLock.lockedBy());
                writeLock.forceUnlock();
            }
        }
    }

    /**
     * The writer, for the one thread that journals; it continues after {@code lastSequence}.
     */
    public JournalWriter writer(final long lastSequence)
    {
        return new JournalWriter(queue.createAppender(), context.syncPolicy(), context.maxBatchBytes(),
            context.maxCommandBytes(), lastSequence, context.writeFault());
    }

    public JournalReader reader()
    {
        return new JournalReader(queue, context.maxBatchBytes(), context.syncPolicy(), forcedMark.read());
    }

    /** A tailer that follows the journal as it grows; for the thread that makes it. */
    public JournalTailer tailer()
    {
        return new JournalTailer(queue.createTailer(), context.maxBatchBytes());
    }

    /**
     * Each journal file with the first sequence it holds, oldest first; files holding no batch
     * (for example only a tail-dropped marker) report the sequence due next.
     */
    public List<JournalFile> files()
    {
        final List<JournalFile> files = new ArrayList<>();
        if (queue.firstCycle() == Integer.MAX_VALUE)
        {
            return files;
        }
        try (ExcerptTailer tailer = queue.createTailer())
        {
            for (final Long cycle : queue.listCyclesBetween(queue.firstCycle(), queue.lastCycle()))
            {
                if (!tailer.moveToCycle(cycle.intValue()))
                {
                    continue;
                }
                // Taken before reading: a file with no whole document in it (its writer died in
                // its first one) reads on into the next file, whose first sequence is then the
                // one due next, but whose file is not this one.
                final File file = tailer.currentFile();
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (dc.isPresent() && dc.wire().bytes().readRemaining() >= JournalFormat.HEADER_LENGTH)
                    {
                        final long first = dc.wire().bytes().readLong(dc.wire().bytes().readPosition() +
                            JournalFormat.FIRST_SEQUENCE_OFFSET);
                        files.add(new JournalFile(cycle.intValue(), file, first));
                    }
                }
            }
        }
        return files;
    }

    /**
     * Deletes the journal files whose every command is at or before {@code sequence}: the
     * oldest snapshot recovery may fall back to already holds them. The newest file is never
     * deleted, because the writer is appending to it.
     *
     * @return the files deleted.
     */
    public List<File> deleteFilesBefore(final long sequence)
    {
        final List<JournalFile> files = files();
        final List<File> deleted = new ArrayList<>();
        for (int i = 0; i + 1 < files.size(); i++)
        {
            final long lastInFile = files.get(i + 1).firstSequence() - 1;
            if (lastInFile > sequence)
            {
                break;
            }
            final File file = files.get(i).file();
            if (file != null && file.delete())
            {
                deleted.add(file);
                LOG.info("journal: deleted {} (sequences up to {}, all in a retained snapshot)", file, lastInFile);
            }
        }
        if (!deleted.isEmpty())
        {
            queue.refreshDirectoryListing();
        }
        return deleted;
    }

    public File directory()
    {
        return queue.file();
    }

    /**
     * Forces every journal file to disk (fsync), whatever the sync policy, and records that the
     * journal is on disk up to {@code journaledSequence} ({@link ForcedMark}): pages written
     * through Chronicle's mapping are in the page cache, and an fsync of the file writes them back
     * too. A snapshot calls this first, so that no snapshot is ever on disk ahead of the journal
     * it continues (under sync NONE a power loss could otherwise keep the snapshot and lose the
     * journal before it), and so does a node that stops.
     */
    public void force(final long journaledSequence)
    {
        forceFiles(queue.file());
        forcedMark.write(journaledSequence);
    }

    private static void forceFiles(final File directory)
    {
        for (final File file : queueFiles(directory))
        {
            try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.WRITE))
            {
                channel.force(true);
            }
            catch (final NoSuchFileException prunedMeanwhile)
            {
                // deleted by pruning between the listing and the open: nothing of it to force
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot force the journal file " + file + " to disk", ex);
            }
        }
    }

    /**
     * Cuts the journal before {@code firstDroppedIndex}, for a recovery that found power-loss
     * damage there: the whole batches before it are copied into a new journal, which takes the
     * old one's place; the old one is kept beside it, renamed, for the operator. Copying rather
     * than cutting the files leaves no stale Chronicle index pointing past the cut.
     *
     * @return where the damaged journal was moved.
     */
    public Path truncateFrom(final long firstDroppedIndex)
    {
        final Path directory = context.journalDir();
        final Path rebuilt = directory.resolveSibling(directory.getFileName() + ".rebuilt");
        final Path aside = directory.resolveSibling(directory.getFileName() + ".damaged-" + System.currentTimeMillis());
        try
        {
            deleteRecursively(rebuilt);
            final long copied;
            try (SingleChronicleQueue target = openQueue(rebuilt))
            {
                copied = copyWholeBatches(target, firstDroppedIndex);
            }
            forceFiles(rebuilt.toFile());
            queue.close();
            Files.move(directory, aside, StandardCopyOption.ATOMIC_MOVE);
            Files.move(rebuilt, directory, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel parent = FileChannel.open(directory.getParent(), StandardOpenOption.READ))
            {
                parent.force(true);
            }
            LOG.warn("journal: rebuilt from the {} batches before index 0x{}; the damaged journal is kept in {}",
                copied, Long.toHexString(firstDroppedIndex), aside);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot cut the journal in " + directory, ex);
        }
        finally
        {
            if (queue.isClosed())
            {
                queue = openQueue(directory);
            }
        }
        return aside;
    }

    private long copyWholeBatches(final SingleChronicleQueue target, final long firstDroppedIndex)
    {
        final BatchDocument document = new BatchDocument();
        byte[] bytes = new byte[context.maxBatchBytes()];
        long copied = 0;
        try (ExcerptTailer tailer = queue.createTailer(); ExcerptAppender appender = target.createAppender())
        {
            while (true)
            {
                try (DocumentContext in = tailer.readingDocument())
                {
                    if (!in.isPresent() || in.index() >= firstDroppedIndex)
                    {
                        break;
                    }
                    final int length = (int)Math.min(in.wire().bytes().readRemaining(), bytes.length);
                    in.wire().bytes().read(bytes, 0, length);
                    document.wrap(bytes, length);
                    // Torn documents an earlier recovery dropped, and their markers, stay behind.
                    if (!document.isBatch() || document.problem(0) != null)
                    {
                        continue;
                    }
                    try (DocumentContext out = appender.writingDocument())
                    {
                        out.wire().bytes().write(bytes, 0, length);
                    }
                    copied++;
                }
            }
        }
        return copied;
    }

    /** The directory's queue files; listing it says why it failed (no descriptor left, say), where File's does not. */
    private static List<File> queueFiles(final File directory)
    {
        try (Stream<Path> paths = Files.list(directory.toPath()))
        {
            return paths.filter(path -> path.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
                .map(Path::toFile).toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list the journal directory " + directory, ex);
        }
    }

    private static void deleteRecursively(final Path directory) throws IOException
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }

    @Override
    public void close()
    {
        queue.close();
        try
        {
            dataDirLock.release();
        }
        catch (final IOException ex)
        {
            LOG.warn("journal: cannot release the data directory lock: {}", ex.toString());
        }
        closeQuietly(lockFile);
    }

    private static void closeQuietly(final FileChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            LOG.warn("journal: cannot close {}: {}", channel, ex.toString());
        }
    }

    /** One journal file and the first sequence in it. */
    public record JournalFile(int cycle, File file, long firstSequence)
    {
    }
}
