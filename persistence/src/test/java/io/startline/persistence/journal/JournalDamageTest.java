package io.startline.persistence.journal;

import io.startline.persistence.JournalFiles;
import io.startline.persistence.PersistenceContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Damage at random places of one journal, made once: a document header zeroed, left "not
 * complete" or given a wrong length, a payload's bytes changed, the last batch damaged. Every
 * case is detected (start-up stops naming the place) or, for a damaged last batch under sync
 * NONE, past what was forced to disk, dropped as a torn write; the undamaged journal reads back
 * whole between cases. (Damage past the forced mark before the last batch: {@code PowerLossTest}.) Each case
 * damages the journal in place and puts the bytes back after.
 * <p>
 * {@code -Dstartline.damage.cases=10000} runs a profile's worth; {@code -Dstartline.damage.seed}
 * repeats a failing run, whose seed every failure names.
 */
class JournalDamageTest
{
    private static final int COMMANDS = 50_000;
    private static final int PER_BATCH = 10;
    private static final int CASES = Integer.getInteger("startline.damage.cases", 100);
    private static final long SEED = Long.getLong("startline.damage.seed", 0x5EED_2026_1205L);
    private static final int NOT_COMPLETE = 0x80000000;

    @TempDir
    static Path dataDir;
    private static List<JournalFiles.Document> documents;

    private enum Damage
    {
        HEADER_ZEROED, HEADER_NOT_COMPLETE, HEADER_LENGTH_BIT, PAYLOAD, LAST_BATCH_UNDER_BATCH, LAST_BATCH_UNDER_NONE
    }

    @BeforeAll
    static void journalOnce()
    {
        try (Journal journal = new Journal(context(SyncPolicy.NONE)); JournalWriter writer = journal.writer(0))
        {
            for (long s = 1; s <= COMMANDS; s++)
            {
                final int length = 8 + (int)(s % 200);
                writer.append(s, 1_000 + s, 0, new UnsafeBuffer(new byte[length]), 0, length);
                if (s % PER_BATCH == 0)
                {
                    writer.flush();
                }
            }
            writer.flush();
            // On disk up to the batch before the last, as a snapshot there would have left it:
            // damage up to there is damage, a bad last batch what a crash under NONE can leave.
            journal.force(COMMANDS - PER_BATCH);
        }
        documents = JournalFiles.documents(context(SyncPolicy.NONE).journalDir());
        assertThat(documents).hasSize(COMMANDS / PER_BATCH);
    }

    private static PersistenceContext context(final SyncPolicy syncPolicy)
    {
        return new PersistenceContext().dataDir(dataDir).syncPolicy(syncPolicy).maxCommandBytes(1024)
            .maxBatchBytes(4096);
    }

    @Test
    void everyDamagedJournalIsDetectedOrItsTornLastBatchDroppedAndTheUndamagedOneReadsWhole()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final Damage[] kinds = Damage.values();
        for (int c = 0; c < CASES; c++)
        {
            final Damage kind = kinds[random.nextInt(kinds.length)];
            final boolean last = kind == Damage.LAST_BATCH_UNDER_BATCH || kind == Damage.LAST_BATCH_UNDER_NONE;
            final int at = last ? documents.size() - 1 : 1 + random.nextInt(documents.size() - 2);
            final String label = "seed 0x" + Long.toHexString(SEED) + ", case " + c + ": " + kind + " at document " + at;
            final JournalFiles.Document document = documents.get(at);
            final long position = kind.name().startsWith("HEADER") ? document.position() - 4 :
                document.position() + random.nextInt(document.length() - 3);
            final byte[] original = read(document.file(), position, 4);
            try
            {
                write(document.file(), position, damaged(kind, original, random));
                checkDetected(kind, at, label);
            }
            finally
            {
                write(document.file(), position, original);
            }
        }
        assertThat(replayAll(SyncPolicy.BATCH).lastSequence()).as("the journal, undamaged again").isEqualTo(COMMANDS);
    }

    private static void checkDetected(final Damage kind, final int at, final String label)
    {
        if (kind == Damage.LAST_BATCH_UNDER_NONE)
        {
            final ReplayOutcome outcome = replayAll(SyncPolicy.NONE);
            assertThat(outcome.droppedTornTail()).as(label).isTrue();
            assertThat(outcome.lastSequence()).as(label).isEqualTo((long)at * PER_BATCH);
            return;
        }
        final SyncPolicy policy = kind == Damage.LAST_BATCH_UNDER_BATCH ? SyncPolicy.BATCH : SyncPolicy.NONE;
        assertThatThrownBy(() -> replayAll(policy)).as(label).isInstanceOf(JournalCorruptException.class)
            .hasMessageContaining(documents.get(at).file().getFileName().toString());
    }

    private static byte[] damaged(final Damage kind, final byte[] original, final SplittableRandom random)
    {
        final int header = (original[0] & 0xFF) | (original[1] & 0xFF) << 8 | (original[2] & 0xFF) << 16 |
            (original[3] & 0xFF) << 24;
        final int value = switch (kind)
        {
            case HEADER_ZEROED -> 0;
            case HEADER_NOT_COMPLETE -> header | NOT_COMPLETE;
            case HEADER_LENGTH_BIT -> header ^ 1 << (2 + random.nextInt(10));
            default -> header ^ (1 + random.nextInt(Integer.MAX_VALUE));
        };
        return new byte[]{(byte)value, (byte)(value >>> 8), (byte)(value >>> 16), (byte)(value >>> 24)};
    }

    private static ReplayOutcome replayAll(final SyncPolicy policy)
    {
        try (Journal journal = new Journal(context(policy)))
        {
            return journal.reader().replay(0, (sequence, timestampMs, flags, buffer, offset, length) ->
            {
            });
        }
    }

    private static byte[] read(final Path file, final long position, final int length)
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r"))
        {
            final byte[] bytes = new byte[length];
            raf.seek(position);
            raf.readFully(bytes);
            return bytes;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void write(final Path file, final long position, final byte[] bytes)
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position);
            raf.write(bytes);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
