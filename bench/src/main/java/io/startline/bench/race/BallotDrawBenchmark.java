package io.startline.bench.race;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The ballot of a race with {@value #ENTRIES} entries (three categories, a tenth in groups,
 * pools, weights): {@code draw} is the one DrawBallot command (units, a SHA-256 key per unit
 * and weight, the radix sort, pools, general pool, waitlists, statuses);
 * {@code closeRegistration} is the Tick that freezes the entry list and computes its SHA-256
 * commitment. Each invocation gets a freshly registered engine.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC",
    "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch", "-Dchronicle.analytics.disable=true",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
public class BallotDrawBenchmark
{
    static final int ENTRIES = 1_000_000;
    private static final byte[] SEED = "startline-2027-lottery-draw-seed".getBytes();

    @State(Scope.Thread)
    public static class Registered
    {
        RaceBenchEngine bench;

        @Setup(Level.Iteration)
        public void register()
        {
            bench = new RaceBenchEngine(ENTRIES, ENTRIES);
            bench.registerEveryone();
        }
    }

    @State(Scope.Thread)
    public static class Closed
    {
        RaceBenchEngine bench;

        @Setup(Level.Iteration)
        public void registerAndClose()
        {
            bench = new RaceBenchEngine(ENTRIES, ENTRIES);
            bench.registerEveryone();
            bench.closeRegistration();
        }
    }

    @Benchmark
    public int closeRegistration(final Registered race)
    {
        race.bench.closeRegistration();
        return (int)race.bench.sequence;
    }

    @Benchmark
    public int draw(final Closed race)
    {
        return race.bench.draw(SEED);
    }
}
