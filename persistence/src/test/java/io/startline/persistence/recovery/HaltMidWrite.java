package io.startline.persistence.recovery;

import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.MixedWorkload;
import io.startline.persistence.PersistenceContext;
import io.startline.persistence.journal.Journal;
import io.startline.persistence.journal.JournalFormat;
import io.startline.persistence.journal.JournalWriter;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A node that dies in the middle of a journal write, run in its own JVM by
 * {@link HaltedWriterTest}: it journals the entries of a {@link MixedWorkload} after
 * {@code from} up to {@code to} in batches, then starts one more Chronicle document, writes
 * most of a batch into it and halts without closing anything: what a process killed inside
 * {@code writingDocument()} leaves, the document's header never completed.
 * <p>
 * Arguments: dataDir seed steps from to [clockStartMs]. With clockStartMs the journal rolls a
 * file every second on a clock set to it, and the clock moves on a second and a half before
 * the unfinished document, which is then the first in its file. Prints "halting after {to}"
 * on stdout just before it halts with {@link #HALT_STATUS}.
 */
public final class HaltMidWrite
{
    /** The status the child halts with, so a child that failed some other way shows. */
    public static final int HALT_STATUS = 77;
    private static final int RECORDS_IN_THE_UNFINISHED_BATCH = 8;

    private HaltMidWrite()
    {
    }

    public static void main(final String[] args)
    {
        final Path dataDir = Path.of(args[0]);
        final long seed = Long.parseLong(args[1]);
        final int steps = Integer.parseInt(args[2]);
        final int from = Integer.parseInt(args[3]);
        final int to = Integer.parseInt(args[4]);

        final MixedWorkload workload = new MixedWorkload(MixedWorkload.context(), seed);
        workload.steps(steps);
        final List<EngineDriver.JournalEntry> entries = workload.journal();

        final SetTimeProvider clock = args.length > 5 ?
            new SetTimeProvider(Instant.ofEpochMilli(Long.parseLong(args[5]))) : null;
        final PersistenceContext context = new PersistenceContext().dataDir(dataDir);
        if (clock != null)
        {
            context.rollCycle(TestRollCycles.TEST_SECONDLY).journalTimeProvider(clock);
        }
        final Journal journal = new Journal(context);
        final JournalWriter writer = journal.writer(from);
        for (int i = from; i < to; i++)
        {
            final EngineDriver.JournalEntry entry = entries.get(i);
            writer.append(entry.sequence(), entry.timestampMs(), 0, new UnsafeBuffer(entry.command()), 0,
                entry.command().length);
            if (i % 7 == 0)
            {
                writer.flush();
            }
        }
        writer.flush();
        if (clock != null)
        {
            clock.advanceMillis(1_500);
        }

        // The same journal files through a second queue instance: the journal's own appender is
        // private to its writer, and Chronicle shares one on-disk state between instances.
        final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(context.journalDir())
            .rollCycle(context.rollCycle())
            .timeProvider(context.journalTimeProvider())
            .build();
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext document = appender.writingDocument();
        final Bytes<?> bytes = document.wire().bytes();
        final byte[] unfinished = mostOfABatch(entries, to);
        bytes.write(unfinished, 0, unfinished.length);
        System.out.println("halting after " + to + " with " + unfinished.length + " bytes of an unfinished document");
        System.out.flush();
        Runtime.getRuntime().halt(HALT_STATUS);
    }

    /** The batch the node would have written next, cut off before its last record ends and its checksum. */
    private static byte[] mostOfABatch(final List<EngineDriver.JournalEntry> entries, final int after)
    {
        final int count = Math.min(RECORDS_IN_THE_UNFINISHED_BATCH, entries.size() - after);
        final UnsafeBuffer batch = new UnsafeBuffer(new byte[64 * 1024]);
        batch.putByte(JournalFormat.KIND_OFFSET, JournalFormat.KIND_BATCH);
        batch.putByte(JournalFormat.FORMAT_VERSION_OFFSET, JournalFormat.FORMAT_VERSION);
        batch.putShort(JournalFormat.SCHEMA_VERSION_OFFSET, (short)MessageHeaderEncoder.SCHEMA_VERSION,
            ByteOrder.LITTLE_ENDIAN);
        batch.putInt(JournalFormat.RECORD_COUNT_OFFSET, count, ByteOrder.LITTLE_ENDIAN);
        batch.putLong(JournalFormat.FIRST_SEQUENCE_OFFSET, after + 1, ByteOrder.LITTLE_ENDIAN);
        int at = JournalFormat.HEADER_LENGTH;
        for (int i = 0; i < count; i++)
        {
            final EngineDriver.JournalEntry entry = entries.get(after + i);
            batch.putLong(at + JournalFormat.RECORD_SEQUENCE_OFFSET, entry.sequence(), ByteOrder.LITTLE_ENDIAN);
            batch.putLong(at + JournalFormat.RECORD_TIMESTAMP_OFFSET, entry.timestampMs(), ByteOrder.LITTLE_ENDIAN);
            batch.putInt(at + JournalFormat.RECORD_LENGTH_OFFSET, entry.command().length, ByteOrder.LITTLE_ENDIAN);
            batch.putBytes(at + JournalFormat.RECORD_HEADER_LENGTH, entry.command());
            at += JournalFormat.RECORD_HEADER_LENGTH + entry.command().length;
        }
        final byte[] unfinished = new byte[at - 5];
        batch.getBytes(0, unfinished);
        return unfinished;
    }
}
