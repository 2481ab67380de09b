package io.startline.persistence;

import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.MixedWorkload;
import io.startline.persistence.journal.Journal;
import io.startline.persistence.journal.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a recorded command stream into a journal the way the journaller would, in batches
 * of random size, and rebuilds engines from the same stream for comparison.
 */
public final class Journals
{
    private Journals()
    {
    }

    public static void write(final Journal journal, final List<EngineDriver.JournalEntry> entries,
        final SplittableRandom random)
    {
        final long after = entries.isEmpty() ? 0 : entries.get(0).sequence() - 1;
        try (JournalWriter writer = journal.writer(after))
        {
            for (final EngineDriver.JournalEntry entry : entries)
            {
                writer.append(entry.sequence(), entry.timestampMs(), 0, new UnsafeBuffer(entry.command()), 0,
                    entry.command().length);
                if (random.nextInt(8) == 0)
                {
                    writer.flush();
                }
            }
        }
    }

    /** A seeded {@link MixedWorkload} run: its commands as journaled, and the live engine's state hash. */
    public record Recorded(EngineContext context, List<EngineDriver.JournalEntry> entries, long liveHash)
    {
    }

    /** Runs a {@link MixedWorkload} and prints its seed, for the test that uses it. */
    public static Recorded record(final String testName, final long seed, final int steps)
    {
        System.out.println(testName + " workload seed " + seed + ", " + steps + " steps");
        final EngineContext context = MixedWorkload.context();
        final MixedWorkload workload = new MixedWorkload(context, seed);
        workload.steps(steps);
        return new Recorded(context, List.copyOf(workload.journal()), workload.driver().engine().stateHash());
    }

    /** A new engine that has applied the first {@code count} entries. */
    public static Engine replayed(final EngineContext context, final List<EngineDriver.JournalEntry> entries,
        final int count)
    {
        final Engine engine = new Engine(context);
        final UnsafeBuffer result = new UnsafeBuffer(new byte[engine.maxResultLength()]);
        for (int i = 0; i < count; i++)
        {
            final EngineDriver.JournalEntry entry = entries.get(i);
            engine.apply(entry.sequence(), entry.timestampMs(), new UnsafeBuffer(entry.command()), 0, result, 0);
        }
        return engine;
    }
}
