package io.startline.persistence.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The last sequence up to which the journal is known to be on disk: written, with a checksum,
 * each time the journal is forced (before every snapshot, and when the node stops). Under sync
 * NONE it tells damage a power loss can leave (past the mark: pages the kernel had not yet
 * written back) from damage that destroyed what was on disk (at or before it).
 * <p>
 * Written under a temporary name, forced and renamed, so a crash leaves the old mark or the new
 * one, never half of one. A missing or damaged mark reads as 0: no more is claimed to be on
 * disk than a snapshot proves.
 */
public final class ForcedMark
{
    private static final Logger LOG = LoggerFactory.getLogger(ForcedMark.class);
    static final String FILE_NAME = "journal-forced.mark";
    private static final long MAGIC = 0x314B52414D465353L;
    private static final int LENGTH = 20;

    private final Path file;

    ForcedMark(final Path dataDir)
    {
        file = dataDir.resolve(FILE_NAME);
    }

    /** The sequence last recorded, or 0 when none is (or the file is damaged, which is logged). */
    public long read()
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final NoSuchFileException ex)
        {
            return 0;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        if (bytes.length != LENGTH || buffer.getLong(0, ByteOrder.LITTLE_ENDIAN) != MAGIC ||
            buffer.getInt(16, ByteOrder.LITTLE_ENDIAN) != checksum(bytes))
        {
            LOG.warn("journal: {} is damaged; taking only what a snapshot proves as forced to disk", file);
            return 0;
        }
        return buffer.getLong(8, ByteOrder.LITTLE_ENDIAN);
    }

    /** Records that the journal is on disk up to {@code sequence}; call only after forcing it. */
    void write(final long sequence)
    {
        final ByteBuffer bytes = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(MAGIC).putLong(sequence).putInt(checksum(bytes.array()));
        final Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        try
        {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
            {
                channel.write(bytes.flip());
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ))
            {
                directory.force(true);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot record the journal's forced sequence in " + file, ex);
        }
    }

    private static int checksum(final byte[] bytes)
    {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 16);
        return (int)crc.getValue();
    }
}
