package io.startline.engine.compat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.support.StateHasher;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.MixedWorkload;
import io.startline.engine.testkit.Snapshots;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A journal and a snapshot that one build wrote, with the state hashes and the digest of every
 * result it computed, for a later build to load and compare ({@code CompatibilityFixtureTest}).
 * <p>
 * One file: the {@link MixedWorkload} journal of {@link #STEPS} steps from seed {@link #SEED}
 * over all three domains, then the snapshot taken after the first {@link #SNAPSHOT_AT}
 * commands, then what the writing build computed. Every number is big-endian, as
 * {@link DataOutputStream} writes it. To write a fixture with the build checked out:
 * {@code java -cp <engine test classpath> io.startline.engine.compat.CompatibilityFixture FILE}.
 */
public final class CompatibilityFixture
{
    static final long SEED = 20261206L;
    static final int STEPS = 6_000;
    static final int SNAPSHOT_AT = 3_000;
    private static final int MAGIC = 0x53544c43;

    record Journaled(long sequence, long timestampMs, byte[] command)
    {
    }

    /** What the build that wrote the fixture computed. */
    record Computed(long snapshotStateHash, long finalStateHash, long resultsDigest)
    {
    }

    final List<Journaled> journal;
    final List<byte[]> snapshot;
    final Computed computed;

    CompatibilityFixture(final List<Journaled> journal, final List<byte[]> snapshot, final Computed computed)
    {
        this.journal = journal;
        this.snapshot = snapshot;
        this.computed = computed;
    }

    public static void main(final String[] args) throws IOException
    {
        try (OutputStream file = Files.newOutputStream(Path.of(args[0])))
        {
            write(file);
        }
    }

    static EngineContext context()
    {
        return MixedWorkload.context();
    }

    /** Runs the workload on this build and writes the journal, the snapshot and what this build computed. */
    static void write(final OutputStream stream) throws IOException
    {
        final MixedWorkload workload = new MixedWorkload(context(), SEED);
        workload.steps(STEPS);
        final List<Journaled> journal = new ArrayList<>();
        for (final EngineDriver.JournalEntry entry : workload.journal())
        {
            journal.add(new Journaled(entry.sequence(), entry.timestampMs(), entry.command()));
        }
        final Engine engine = new Engine(context());
        final StateHasher results = new StateHasher();
        replay(engine, journal, 0, SNAPSHOT_AT, results);
        final List<byte[]> snapshot = Snapshots.take(engine);
        final long snapshotStateHash = engine.stateHash();
        replay(engine, journal, SNAPSHOT_AT, journal.size(), results);
        final DataOutputStream out = new DataOutputStream(stream);
        out.writeInt(MAGIC);
        writeRecords(out, journal);
        out.writeInt(snapshot.size());
        for (final byte[] record : snapshot)
        {
            out.writeInt(record.length);
            out.write(record);
        }
        out.writeLong(snapshotStateHash);
        out.writeLong(engine.stateHash());
        out.writeLong(results.hash());
        out.flush();
    }

    private static void writeRecords(final DataOutputStream out, final List<Journaled> journal) throws IOException
    {
        out.writeInt(journal.size());
        for (final Journaled entry : journal)
        {
            out.writeLong(entry.sequence());
            out.writeLong(entry.timestampMs());
            out.writeInt(entry.command().length);
            out.write(entry.command());
        }
    }

    static CompatibilityFixture read(final InputStream stream) throws IOException
    {
        final DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != MAGIC)
        {
            throw new IOException("not a compatibility fixture");
        }
        final List<Journaled> journal = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--)
        {
            final long sequence = in.readLong();
            final long timestampMs = in.readLong();
            final byte[] command = new byte[in.readInt()];
            in.readFully(command);
            journal.add(new Journaled(sequence, timestampMs, command));
        }
        final List<byte[]> snapshot = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--)
        {
            final byte[] record = new byte[in.readInt()];
            in.readFully(record);
            snapshot.add(record);
        }
        return new CompatibilityFixture(journal, snapshot, new Computed(in.readLong(), in.readLong(), in.readLong()));
    }

    /** Applies the journal's commands {@code from} to {@code to} (exclusive) and adds every result's bytes to {@code results}. */
    static void replay(final Engine engine, final List<Journaled> journal, final int from, final int to,
        final StateHasher results)
    {
        final UnsafeBuffer result = new UnsafeBuffer(new byte[engine.maxResultLength()]);
        for (int i = from; i < to; i++)
        {
            final Journaled entry = journal.get(i);
            final int length = engine.apply(entry.sequence(), entry.timestampMs(), new UnsafeBuffer(entry.command()), 0,
                result, 0);
            final byte[] bytes = new byte[length];
            result.getBytes(0, bytes);
            results.add(bytes, length);
        }
    }
}
