package io.startline.bench.booking;

import io.startline.engine.codec.AvailabilityDecoder;
import io.startline.engine.codec.GetAvailabilityEncoder;
import io.startline.engine.codec.HoldPlacedDecoder;
import io.startline.engine.codec.PlaceHoldEncoder;
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
 * The availability grid of one 20-court venue-day (14 hourly slots a court), half of its slots
 * held by different users: one op is one {@code Engine.query} of GetAvailability, which writes
 * the whole grid as SBE (280 slot statuses). The day asked for alternates between the week's
 * released days, so the grid is not one cache-hot row.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC",
    "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch", "-Dchronicle.analytics.disable=true",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 15, time = 1)
public class VenueAvailabilityBenchmark
{
    @State(Scope.Thread)
    public static class Grid
    {
        VenueBenchEngine bench;
        GetAvailabilityEncoder query;
        int[] days;
        int next;

        @Setup(Level.Trial)
        public void fillHalfTheWeek()
        {
            bench = new VenueBenchEngine(1, 1 << 16);
            final long venueId = bench.createVenue();
            final PlaceHoldEncoder hold = bench.holdEncoder();
            int user = 0;
            for (int day = 1; day <= VenueBenchEngine.RELEASE_DAYS_AHEAD; day++)
            {
                for (int r = 0; r < VenueBenchEngine.RESOURCES; r++)
                {
                    for (int slot = (r + day) % 2; slot < VenueBenchEngine.SLOTS_PER_DAY; slot += 2)
                    {
                        hold.venueId(venueId).userId(bench.userOrder[user++])
                            .resourceCode(VenueBenchEngine.RESOURCE_CODES[r])
                            .startAt(VenueBenchEngine.slotStartAt(day, slot));
                        if (bench.apply() != HoldPlacedDecoder.TEMPLATE_ID)
                        {
                            throw new IllegalStateException("set-up hold refused");
                        }
                    }
                }
            }
            final long localEpochDay = Math.floorDiv(VenueBenchEngine.START_MS + 8 * 3_600_000L, VenueBenchEngine.DAY_MS);
            days = new int[VenueBenchEngine.RELEASE_DAYS_AHEAD];
            for (int d = 0; d < days.length; d++)
            {
                days[d] = (int)(localEpochDay + 1 + d);
            }
            query = new GetAvailabilityEncoder().wrapAndApplyHeader(bench.command, 0, bench.headerEncoder)
                .venueId(venueId);
        }
    }

    @Benchmark
    public int availability(final Grid grid)
    {
        grid.query.dateEpochDay(grid.days[grid.next++ % grid.days.length]);
        grid.bench.engine.query(grid.bench.command, 0, grid.bench.result, 0);
        return grid.bench.headerDecoder.wrap(grid.bench.result, 0).templateId() == AvailabilityDecoder.TEMPLATE_ID ?
            1 : 0;
    }
}
