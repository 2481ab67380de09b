package io.startline.bench.race;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.EntrySubmittedDecoder;
import io.startline.engine.codec.SubmitEntryEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The engine alone taking race entries on one thread: each measured invocation is the
 * registration rush of a new race in the same engine, {@value #ENTRIES} accepted entries from
 * different people (the engine holds every earlier race's entries too, as a node would), each
 * one {@code Engine.apply} of a SubmitEntry (field checks, race and category lookup, window,
 * duplicate person and user lookups in 128-bit-keyed indexes, age on race day, the append).
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC",
    "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch", "-Dchronicle.analytics.disable=true",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
public class RaceRegistrationBenchmark
{
    static final int ENTRIES = 200_000;
    private static final int ITERATIONS = 5 + 15;

    @State(Scope.Thread)
    public static class Rush
    {
        RaceBenchEngine bench;
        SubmitEntryEncoder submit;
        long raceId = RaceBenchEngine.RACE_ID;

        private RaceBenchEngine[] engines;
        private int engineInUse = -1;

        /**
         * A node with the default entry limit (1,048,576) takes five rushes of 200,000, so every
         * five iterations run on a fresh engine whose person and user indexes are the size such
         * a node's are. The engines are all made here, so no iteration pays for one.
         */
        @Setup(Level.Trial)
        public void createEngines()
        {
            final int rushes = EngineContext.MAX_ENTRIES_DEFAULT / ENTRIES;
            engines = new RaceBenchEngine[(ITERATIONS + rushes - 1) / rushes];
            for (int i = 0; i < engines.length; i++)
            {
                engines[i] = new RaceBenchEngine(ENTRIES, EngineContext.MAX_ENTRIES_DEFAULT);
            }
        }

        @Setup(Level.Iteration)
        public void openANewRace()
        {
            if (bench == null || bench.entriesLeft() < ENTRIES)
            {
                bench = engines[++engineInUse];
            }
            bench.createRace(++raceId);
            submit = bench.submitEncoder(raceId);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public int registrations(final Rush rush)
    {
        int accepted = 0;
        for (int i = 0; i < ENTRIES; i++)
        {
            if (rush.bench.register(rush.submit, i) == EntrySubmittedDecoder.TEMPLATE_ID)
            {
                accepted++;
            }
        }
        if (accepted != ENTRIES)
        {
            throw new IllegalStateException("only " + accepted + " of " + ENTRIES + " entries accepted");
        }
        return accepted;
    }
}
