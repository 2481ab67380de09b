package io.startline.persistence.journal;

import io.startline.persistence.JournalFiles;
import io.startline.persistence.PersistenceContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest
{
    @TempDir
    Path dataDir;

    private PersistenceContext context()
    {
        return new PersistenceContext().dataDir(dataDir).maxCommandBytes(1024).maxBatchBytes(4096);
    }

    /** A command body that says which sequence it belongs to, so a mix-up shows. */
    private static UnsafeBuffer command(final long sequence, final int length)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[length]);
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(i, (byte)(sequence * 31 + i));
        }
        return buffer;
    }

    private record Read(long sequence, long timestampMs, int flags, byte[] bytes)
    {
    }

    private static List<Read> readAll(final Journal journal, final long after)
    {
        final List<Read> read = new ArrayList<>();
        journal.reader().replay(after, (sequence, timestampMs, flags, buffer, offset, length) ->
            read.add(new Read(sequence, timestampMs, flags, copy(buffer, offset, length))));
        return read;
    }

    private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    private static void writeBatches(final JournalWriter writer, final long from, final long to, final int perBatch)
    {
        for (long s = from; s <= to; s++)
        {
            final int length = 8 + (int)(s % 200);
            writer.append(s, 1_000 + s, s % 10 == 0 ? JournalFormat.FLAG_SNAPSHOT_AFTER : 0, command(s, length), 0,
                length);
            if (s % perBatch == 0)
            {
                writer.flush();
            }
        }
        writer.flush();
    }

    @Test
    void commandsComeBackInOrderWithTheirSequenceTimeFlagsAndBytes()
    {
        try (Journal journal = new Journal(context()))
        {
            try (JournalWriter writer = journal.writer(0))
            {
                writeBatches(writer, 1, 500, 7);
            }
            final List<Read> read = readAll(journal, 0);
            assertThat(read).hasSize(500);
            for (int i = 0; i < read.size(); i++)
            {
                final long s = i + 1;
                assertThat(read.get(i).sequence()).isEqualTo(s);
                assertThat(read.get(i).timestampMs()).isEqualTo(1_000 + s);
                assertThat(read.get(i).flags()).isEqualTo(s % 10 == 0 ? JournalFormat.FLAG_SNAPSHOT_AFTER : 0);
                assertThat(read.get(i).bytes()).isEqualTo(copy(command(s, 8 + (int)(s % 200)), 0, 8 + (int)(s % 200)));
            }
            assertThat(journal.reader().lastSequence()).isEqualTo(500);
        }
    }

    @Test
    void aFullBatchIsWrittenBeforeTheNextCommandJoinsIt()
    {
        try (Journal journal = new Journal(context()))
        {
            try (JournalWriter writer = journal.writer(0))
            {
                writeBatches(writer, 1, 200, 1_000_000);
            }
        }
        final List<JournalFiles.Document> documents = JournalFiles.documents(dataDir.resolve("journal"));
        assertThat(documents.size()).as("200 commands of up to 231 bytes do not fit one 4 KiB batch").isGreaterThan(5);
        assertThat(documents).allSatisfy(d -> assertThat(d.length()).isLessThanOrEqualTo(4096));
        try (Journal journal = new Journal(context()))
        {
            assertThat(readAll(journal, 0)).extracting(Read::sequence).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 200).boxed().toList());
        }
    }

    @Test
    void replayAfterASequenceSkipsWhatASnapshotAlreadyHolds()
    {
        try (Journal journal = new Journal(context()))
        {
            try (JournalWriter writer = journal.writer(0))
            {
                writeBatches(writer, 1, 300, 9);
            }
            final List<Read> read = readAll(journal, 123);
            assertThat(read).extracting(Read::sequence).first().isEqualTo(124L);
            assertThat(read).hasSize(300 - 123);
        }
    }

    @Test
    void aReopenedJournalContinuesWhereItEnded()
    {
        try (Journal journal = new Journal(context()))
        {
            try (JournalWriter writer = journal.writer(0))
            {
                writeBatches(writer, 1, 50, 4);
            }
        }
        try (Journal journal = new Journal(context()))
        {
            try (JournalWriter writer = journal.writer(journal.reader().lastSequence()))
            {
                writeBatches(writer, 51, 80, 4);
            }
            assertThat(readAll(journal, 0)).hasSize(80);
        }
    }

    @Test
    void theWriterRefusesAGapInSequencesAndCommandsOverTheLimit()
    {
        try (Journal journal = new Journal(context()); JournalWriter writer = journal.writer(0))
        {
            assertThatThrownBy(() -> writer.append(2, 0, 0, command(2, 16), 0, 16))
                .hasMessageContaining("journal sequence 2 does not follow 0");
            assertThatThrownBy(() -> writer.append(1, 0, 0, command(1, 1025), 0, 1025))
                .hasMessageContaining("command length 1025 outside [8, 1024]");
        }
    }

    @Test
    void underTheBatchSyncPolicyEveryBatchIsForcedToDiskAndReadsBackTheSame()
    {
        try (Journal journal = new Journal(context().syncPolicy(SyncPolicy.BATCH)))
        {
            try (JournalWriter writer = journal.writer(0))
            {
                writeBatches(writer, 1, 100, 10);
            }
            assertThat(readAll(journal, 0)).hasSize(100);
        }
    }
}
