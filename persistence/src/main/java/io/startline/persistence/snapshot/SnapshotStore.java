package io.startline.persistence.snapshot;

import io.startline.engine.Engine;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.SnapshotEndDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Snapshot files: the engine's snapshot records framed, checksummed, and named by the
 * sequence they hold. A file is written under a temporary name, forced to disk and renamed,
 * so a crash leaves either the whole new snapshot or none of it.
 * <pre>
 *   header   8 magic "STLSNAP1", i32 schemaId, i32 schemaVersion, i64 lastSequence, i64 nowMs
 *   records  [i32 length, bytes] for every record, SnapshotBegin first and SnapshotEnd last
 *   trailer  i64 recordCount, i64 stateHash, i32 crc32c of header and records, 8 magic "STLSEND1"
 * </pre>
 */
public final class SnapshotStore
{
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    private static final long MAGIC = 0x31504153_4E534C54L;
    private static final long END_MAGIC = 0x31444E45_534C5453L;
    private static final int HEADER_LENGTH = 32;
    private static final int TRAILER_LENGTH = 28;
    private static final Pattern NAME = Pattern.compile("snapshot-(\\d{20})\\.snap");
    private static final int IO_BUFFER_BYTES = 1 << 20;

    private final Path directory;

    public SnapshotStore(final Path directory)
    {
        this.directory = directory;
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the snapshot directory " + directory, ex);
        }
    }

    /** One snapshot file and the sequence its name says it holds. */
    public record SnapshotFile(Path path, long sequence)
    {
    }

    /**
     * Writes the engine's whole state. Runs on the engine thread, which is what keeps the
     * state still while it is read.
     */
    public SnapshotFile write(final Engine engine)
    {
        final long sequence = engine.lastSequence();
        final Path target = directory.resolve(String.format("snapshot-%020d.snap", sequence));
        final Path temporary = directory.resolve(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
        {
            final Writer writer = new Writer(channel);
            writer.putLong(MAGIC).putInt(MessageHeaderEncoder.SCHEMA_ID).putInt(MessageHeaderEncoder.SCHEMA_VERSION)
                .putLong(sequence).putLong(engine.nowMs());
            final long records = engine.snapshot(writer::record);
            final int crc = (int)writer.crcOfWritten();
            writer.putLong(records).putLong(writer.stateHash).putInt(crc).putLong(END_MAGIC);
            writer.drain();
            channel.force(true);
        }
        catch (final IOException ex)
        {
            deleteQuietly(temporary, ex);
            throw new UncheckedIOException("cannot write snapshot " + temporary, ex);
        }
        try
        {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
        }
        catch (final AtomicMoveNotSupportedException ex)
        {
            throw new IllegalStateException("the snapshot directory must allow atomic renames: " + directory, ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot publish snapshot " + target, ex);
        }
        return new SnapshotFile(target, sequence);
    }

    /**
     * Every snapshot file, newest first. Leftover temporary files from a crash mid-write are
     * not snapshots and are removed.
     */
    public List<SnapshotFile> list()
    {
        final List<SnapshotFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory))
        {
            for (final Path path : (Iterable<Path>)entries::iterator)
            {
                final String name = path.getFileName().toString();
                final Matcher matcher = NAME.matcher(name);
                if (matcher.matches())
                {
                    files.add(new SnapshotFile(path, Long.parseLong(matcher.group(1))));
                }
                else if (name.endsWith(".snap.tmp"))
                {
                    Files.deleteIfExists(path);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list snapshots in " + directory, ex);
        }
        files.sort(Comparator.comparingLong(SnapshotFile::sequence).reversed());
        return files;
    }

    /**
     * Loads a snapshot into a new engine. The file's checksum, framing and sequence and the
     * engine's own state-hash check must all pass.
     *
     * @throws SnapshotCorruptException when any of them fails; the engine is then unusable.
     */
    public void load(final SnapshotFile file, final Engine engine)
    {
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size < HEADER_LENGTH + TRAILER_LENGTH)
            {
                throw new SnapshotCorruptException(file.path() + ": " + size + " bytes, too short to be a snapshot");
            }
            final Reader reader = new Reader(channel, size - TRAILER_LENGTH);
            if (reader.getLong() != MAGIC)
            {
                throw new SnapshotCorruptException(file.path() + ": not a Startline snapshot");
            }
            final int schemaId = reader.getInt();
            final int schemaVersion = reader.getInt();
            if (schemaId != MessageHeaderEncoder.SCHEMA_ID || schemaVersion > MessageHeaderEncoder.SCHEMA_VERSION)
            {
                throw new SnapshotCorruptException(file.path() + ": schema " + schemaId + " v" + schemaVersion +
                    ", this build reads schema " + MessageHeaderEncoder.SCHEMA_ID + " up to v" +
                    MessageHeaderEncoder.SCHEMA_VERSION);
            }
            final long sequence = reader.getLong();
            if (sequence != file.sequence())
            {
                throw new SnapshotCorruptException(file.path() + ": holds sequence " + sequence + ", its name says " +
                    file.sequence());
            }
            reader.getLong();
            long records = 0;
            while (reader.remainingBeforeTrailer() > 0)
            {
                final int length = reader.getInt();
                if (length < MessageHeaderDecoder.ENCODED_LENGTH || length > reader.remainingBeforeTrailer())
                {
                    throw new SnapshotCorruptException(file.path() + ": record " + records + " has an impossible length " +
                        length);
                }
                engine.loadSnapshotRecord(reader.record(length), 0);
                records++;
            }
            final long crcOfBody = reader.crcOfRead();
            final ByteBuffer trailer = ByteBuffer.allocate(TRAILER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(trailer, size - TRAILER_LENGTH);
            trailer.flip();
            final long recordCount = trailer.getLong();
            trailer.getLong();
            final int crc = trailer.getInt();
            final long endMagic = trailer.getLong();
            if (endMagic != END_MAGIC || crc != (int)crcOfBody)
            {
                throw new SnapshotCorruptException(file.path() + ": checksum mismatch (a partial or damaged file)");
            }
            if (recordCount != records)
            {
                throw new SnapshotCorruptException(file.path() + ": trailer counts " + recordCount + " records, " +
                    records + " read");
            }
            if (engine.lastSequence() != sequence)
            {
                throw new SnapshotCorruptException(file.path() + ": the records end at sequence " +
                    engine.lastSequence());
            }
        }
        catch (final SnapshotCorruptException ex)
        {
            throw ex;
        }
        catch (final IOException ex)
        {
            throw new SnapshotCorruptException(file.path() + ": unreadable: " + ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            throw new SnapshotCorruptException(file.path() + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Deletes all but the newest {@code keep} snapshots.
     *
     * @return the oldest snapshot kept, which recovery may have to fall back to.
     */
    public SnapshotFile retainNewest(final int keep)
    {
        final List<SnapshotFile> files = list();
        for (int i = keep; i < files.size(); i++)
        {
            try
            {
                Files.deleteIfExists(files.get(i).path());
                LOG.info("snapshots: deleted {}, older than the {} retained", files.get(i).path(), keep);
            }
            catch (final IOException ex)
            {
                LOG.warn("snapshots: cannot delete {}: {}", files.get(i).path(), ex.toString());
            }
        }
        return files.isEmpty() ? null : files.get(Math.min(keep, files.size()) - 1);
    }

    public Path directory()
    {
        return directory;
    }

    private void forceDirectory() throws IOException
    {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ))
        {
            dir.force(true);
        }
    }

    /** Frames and checksums records into a staging buffer, draining it to the file when full. */
    private static final class Writer
    {
        private final FileChannel channel;
        private final ByteBuffer staging = ByteBuffer.allocateDirect(IO_BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32C crc = new CRC32C();
        private final SnapshotEndDecoder endDecoder = new SnapshotEndDecoder();
        private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
        private long stateHash;
        private int checksummedUpTo;

        Writer(final FileChannel channel)
        {
            this.channel = channel;
        }

        Writer putLong(final long value)
        {
            room(Long.BYTES);
            staging.putLong(value);
            return this;
        }

        Writer putInt(final int value)
        {
            room(Integer.BYTES);
            staging.putInt(value);
            return this;
        }

        void record(final DirectBuffer buffer, final int offset, final int length)
        {
            headerDecoder.wrap(buffer, offset);
            if (headerDecoder.templateId() == SnapshotEndDecoder.TEMPLATE_ID)
            {
                stateHash = endDecoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH,
                    headerDecoder.blockLength(), headerDecoder.version()).stateHash();
            }
            putInt(length);
            int done = 0;
            while (done < length)
            {
                room(1);
                final int chunk = Math.min(length - done, staging.remaining());
                buffer.getBytes(offset + done, staging, staging.position(), chunk);
                staging.position(staging.position() + chunk);
                done += chunk;
            }
        }

        long crcOfWritten()
        {
            checksumStaged();
            return crc.getValue();
        }

        void drain()
        {
            staging.flip();
            try
            {
                while (staging.hasRemaining())
                {
                    channel.write(staging);
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            staging.clear();
        }

        private void checksumStaged()
        {
            final ByteBuffer view = staging.duplicate();
            view.limit(staging.position()).position(checksummedUpTo);
            crc.update(view);
            checksummedUpTo = staging.position();
        }

        private void room(final int bytes)
        {
            if (staging.remaining() < bytes)
            {
                checksumStaged();
                drain();
                checksummedUpTo = 0;
            }
        }
    }

    /** Reads the file through a buffer, checksumming everything before the trailer. */
    private static final class Reader
    {
        private final FileChannel channel;
        private final long trailerPosition;
        private final ByteBuffer staging = ByteBuffer.allocateDirect(IO_BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32C crc = new CRC32C();
        private final UnsafeBuffer recordView = new UnsafeBuffer(new byte[0]);
        private byte[] recordBytes = new byte[4096];
        private long consumed;
        private long filePosition;

        Reader(final FileChannel channel, final long trailerPosition)
        {
            this.channel = channel;
            this.trailerPosition = trailerPosition;
            staging.limit(0);
        }

        long remainingBeforeTrailer()
        {
            return trailerPosition - consumed;
        }

        long getLong() throws IOException
        {
            fill(Long.BYTES);
            consumed += Long.BYTES;
            return staging.getLong();
        }

        int getInt() throws IOException
        {
            fill(Integer.BYTES);
            consumed += Integer.BYTES;
            return staging.getInt();
        }

        DirectBuffer record(final int length) throws IOException
        {
            if (recordBytes.length < length)
            {
                recordBytes = new byte[Math.max(length, recordBytes.length * 2)];
            }
            int done = 0;
            while (done < length)
            {
                fill(1);
                final int chunk = Math.min(length - done, staging.remaining());
                staging.get(recordBytes, done, chunk);
                done += chunk;
            }
            consumed += length;
            recordView.wrap(recordBytes, 0, length);
            return recordView;
        }

        long crcOfRead()
        {
            return crc.getValue();
        }

        private void fill(final int bytes) throws IOException
        {
            if (staging.remaining() >= bytes)
            {
                return;
            }
            staging.compact();
            final int start = staging.position();
            staging.limit(start + (int)Math.min(staging.remaining(), trailerPosition - filePosition));
            while (staging.hasRemaining())
            {
                final int read = channel.read(staging, filePosition);
                if (read < 0)
                {
                    throw new SnapshotCorruptException("snapshot ends early");
                }
                filePosition += read;
            }
            final ByteBuffer fresh = staging.duplicate();
            fresh.position(start).limit(staging.position());
            crc.update(fresh);
            staging.flip();
            if (staging.remaining() < bytes)
            {
                throw new SnapshotCorruptException("snapshot ends inside a record");
            }
        }
    }

    /** A half-written snapshot is removed at once: on a full disk its space is what the next one needs. */
    private static void deleteQuietly(final Path temporary, final IOException cause)
    {
        try
        {
            Files.deleteIfExists(temporary);
        }
        catch (final IOException ex)
        {
            cause.addSuppressed(ex);
        }
    }
}
