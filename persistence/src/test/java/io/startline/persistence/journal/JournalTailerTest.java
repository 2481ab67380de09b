package io.startline.persistence.journal;

import io.startline.persistence.PersistenceContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What a primary streams to a standby catching up: whole batches after a sequence, as the journal grows. */
class JournalTailerTest
{
    @TempDir
    Path dataDir;

    @Test
    void followsTheJournalFromAnySequenceKeepsTheBatchInHandAndRewindsForEarlierOnes()
    {
        try (Journal journal = new Journal(new PersistenceContext().dataDir(dataDir));
            JournalWriter writer = journal.writer(0))
        {
            final UnsafeBuffer command = new UnsafeBuffer(new byte[16]);
            for (long sequence = 1; sequence <= 6; sequence++)
            {
                writer.append(sequence, 1_000 + sequence, 0, command, 0, command.capacity());
                if (sequence % 3 == 0)
                {
                    writer.flush();
                }
            }
            final JournalTailer tailer = journal.tailer();
            assertThat(batch(tailer.nextAfter(0))).isEqualTo("1..3");
            assertThat(batch(tailer.nextAfter(4))).as("the batch holding 5").isEqualTo("4..6");
            assertThat(batch(tailer.nextAfter(5))).as("still in hand, sent in parts").isEqualTo("4..6");
            assertThat(tailer.nextAfter(6)).as("nothing written after 6 yet").isNull();

            for (long sequence = 7; sequence <= 8; sequence++)
            {
                writer.append(sequence, 1_000 + sequence, 0, command, 0, command.capacity());
            }
            writer.flush();
            assertThat(batch(tailer.nextAfter(6))).as("the journal grew").isEqualTo("7..8");
            assertThat(batch(tailer.nextAfter(1))).as("a standby asking again from further back").isEqualTo("1..3");
            tailer.close();
        }
    }

    private static String batch(final BatchDocument document)
    {
        return document == null ? null : document.firstSequence() + ".." + document.lastSequence();
    }
}
