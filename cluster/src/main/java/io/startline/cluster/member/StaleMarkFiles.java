package io.startline.cluster.member;

import io.aeron.archive.ArchiveMarkFile;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Aeron refuses to start a component whose mark file was touched in the last 10 s ("active mark
 * file detected"), which is right when it cannot tell a live owner from a dead one. A member holds
 * its data directory's lock while it runs, so once a new one holds it the old owner is dead, killed
 * or crashed: the mark files are marked inactive, and a member restarted by a supervisor a second
 * after a crash starts at once instead of failing for ten seconds. Nothing else in them changes.
 */
final class StaleMarkFiles
{
    private StaleMarkFiles()
    {
    }

    static void deactivate(final Path clusterDir, final Path archiveDir) throws IOException
    {
        if (Files.isDirectory(clusterDir))
        {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(clusterDir, "cluster-mark*.dat"))
            {
                for (final Path file : files)
                {
                    clearTimestamp(file, clusterTimestampOffset(file));
                }
            }
        }
        final Path archiveMark = archiveDir.resolve(ArchiveMarkFile.FILENAME);
        if (Files.exists(archiveMark))
        {
            clearTimestamp(archiveMark, archiveTimestampOffset(archiveMark));
        }
    }

    private static int clusterTimestampOffset(final Path file)
    {
        return headerOffset(file, io.aeron.cluster.codecs.mark.MessageHeaderDecoder.ENCODED_LENGTH,
            io.aeron.cluster.codecs.mark.MarkFileHeaderDecoder.SCHEMA_ID) +
            io.aeron.cluster.codecs.mark.MarkFileHeaderDecoder.activityTimestampEncodingOffset();
    }

    private static int archiveTimestampOffset(final Path file)
    {
        return headerOffset(file, io.aeron.archive.codecs.mark.MessageHeaderDecoder.ENCODED_LENGTH,
            io.aeron.archive.codecs.mark.MarkFileHeaderDecoder.SCHEMA_ID) +
            io.aeron.archive.codecs.mark.MarkFileHeaderDecoder.activityTimestampEncodingOffset();
    }

    /** Newer mark files start with an SBE message header (schema id at byte 4); older ones do not. */
    private static int headerOffset(final Path file, final int headerLength, final int schemaId)
    {
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file.toFile(), "mark file");
        try
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            return buffer.capacity() >= headerLength && (buffer.getShort(4) & 0xFFFF) == schemaId ? headerLength : 0;
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    private static void clearTimestamp(final Path file, final int offset)
    {
        final File markFile = file.toFile();
        if (markFile.length() < offset + Long.BYTES)
        {
            return;
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(markFile, "mark file");
        try
        {
            new UnsafeBuffer(mapped).putLongVolatile(offset, 0);
            mapped.force();
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }
}
