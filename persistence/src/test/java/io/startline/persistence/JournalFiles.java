package io.startline.persistence;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where each journal document lies on disk, and damages one on purpose, the way a
 * disk or a half-finished write would.
 */
public final class JournalFiles
{
    /** One document's payload: the file and the byte range it occupies. */
    public record Document(Path file, long position, int length, long index)
    {
    }

    private JournalFiles()
    {
    }

    /** Every document in the journal, in order. Call while no node has the journal open. */
    public static List<Document> documents(final Path journalDir)
    {
        final List<Document> documents = new ArrayList<>();
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(journalDir).readOnly(true).build();
            ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return documents;
                    }
                    documents.add(new Document(tailer.currentFile().toPath(), dc.wire().bytes().readPosition(),
                        (int)dc.wire().bytes().readRemaining(), dc.index()));
                }
            }
        }
    }

    /** Inverts the byte in the middle of a file, as a bad sector would. */
    public static void flipByteInTheMiddle(final Path path) throws IOException
    {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw"))
        {
            final long at = file.length() / 2;
            file.seek(at);
            final int old = file.read();
            file.seek(at);
            file.write(old ^ 0xFF);
        }
    }

    /** Overwrites {@code length} bytes of a document's payload from {@code offset} with a pattern. */
    public static void damage(final Document document, final int offset, final int length)
    {
        try (RandomAccessFile file = new RandomAccessFile(document.file().toFile(), "rw"))
        {
            for (int i = 0; i < length; i++)
            {
                file.seek(document.position() + offset + i);
                final int old = file.read();
                file.seek(document.position() + offset + i);
                file.write(old ^ 0x5A);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
