package io.startline.bench.booking;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.ConfirmHoldEncoder;
import io.startline.engine.codec.HoldPlacedDecoder;
import io.startline.engine.codec.PlaceHoldEncoder;
import org.agrona.concurrent.UnsafeBuffer;
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

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The engine alone at a release hour, on one thread: each measured invocation is
 * {@value #HOLDS} holds of one slot each, on slots picked in random order across
 * {@value #VENUES_PER_ITERATION} new venues of 20 courts (the week just released), by users in
 * random order; then the payment callback confirming each of them. One op is one
 * {@code Engine.apply} of a PlaceHold or a ConfirmHold, counted alike; {@code holds} and
 * {@code confirms} time each phase alone. The engine keeps every
 * earlier iteration's venues and bookings, as a node would, up to the node's default
 * reservation limit; then the next iteration starts on a fresh engine. The venues' creation
 * made the engine's check-in codes ahead (65,536 a venue, all of them by the sixteenth), as it
 * does on a node in the hours before a release: the confirms read them.
 * <p>
 * The commands are encoded in the iteration's set-up, each in a slot of its own, as the node's
 * engine stage finds them in the ring: the timing is the engine's, not the encoding's. A
 * command written just before it is read would also make the engine's first read of it wait
 * for the stores still in flight, which no node sees (another thread wrote its ring slots).
 * Each result is checked: a hold must get the id the set-up gave its confirm.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+UseParallelGC",
    "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch", "-Dchronicle.analytics.disable=true",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
public class VenueHoldBenchmark
{
    static final int HOLDS = 100_000;
    static final int DAYS = VenueBenchEngine.RELEASE_DAYS_AHEAD;
    static final int SLOTS_PER_VENUE = VenueBenchEngine.RESOURCES * VenueBenchEngine.SLOTS_PER_DAY * DAYS;
    static final int VENUES_PER_ITERATION = (HOLDS + SLOTS_PER_VENUE - 1) / SLOTS_PER_VENUE;
    /**
     * A node with the default reservation limit (1,048,576) takes ten iterations of 100,000
     * holds: after that a fresh engine, so the user tables are the size such a node has.
     */
    private static final int ITERATIONS = 5 + 15;
    private static final int ITERATIONS_PER_ENGINE = EngineContext.MAX_RESERVATIONS_DEFAULT / HOLDS;
    /** Commands per millisecond of engine time: the clock moves as it would at about a million a second. */
    private static final int COMMANDS_PER_MS = 1024;
    /** Room for either command, header included; a cache line, as a ring slot's start is. */
    static final int COMMAND_SLOT_BYTES = 64;

    @State(Scope.Thread)
    public static class Release
    {
        VenueBenchEngine bench;
        /** The holds' slots and then the confirms', {@value #COMMAND_SLOT_BYTES} bytes each. */
        final UnsafeBuffer commands = new UnsafeBuffer(new byte[2 * HOLDS * COMMAND_SLOT_BYTES]);
        /** The id each hold gets: the reservations on the engine before it, plus one. */
        long firstHoldId;
        final byte[][] resourceCodes = new byte[VenueBenchEngine.RESOURCES][];
        final long[] slotVenue = new long[VENUES_PER_ITERATION * SLOTS_PER_VENUE];
        final int[] slotResource = new int[slotVenue.length];
        final long[] slotStartAt = new long[slotVenue.length];
        final long[] order = new long[slotVenue.length];
        /** Each hold's venue, court and start, in the order they are sent, so the loop reads them in order. */
        final long[] holdVenue = new long[HOLDS];
        final int[] holdResource = new int[HOLDS];
        final long[] holdStartAt = new long[HOLDS];
        final byte[] paymentRef = "PAY-0000000000".getBytes(StandardCharsets.US_ASCII);
        int nextUser;
        int iterationsOnEngine;
        private VenueBenchEngine[] engines;
        private int engineInUse = -1;

        /** The engines are all made here, so no iteration pays for one. */
        @Setup(Level.Trial)
        public void createEngines()
        {
            engines = new VenueBenchEngine[(ITERATIONS + ITERATIONS_PER_ENGINE - 1) / ITERATIONS_PER_ENGINE];
            for (int i = 0; i < engines.length; i++)
            {
                engines[i] = new VenueBenchEngine(ITERATIONS_PER_ENGINE * VENUES_PER_ITERATION,
                    EngineContext.MAX_RESERVATIONS_DEFAULT);
            }
            for (int r = 0; r < resourceCodes.length; r++)
            {
                resourceCodes[r] = new byte[16];
                final byte[] code = VenueBenchEngine.RESOURCE_CODES[r].getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(code, 0, resourceCodes[r], 0, code.length);
            }
        }

        @Setup(Level.Iteration)
        public void releaseNewVenues()
        {
            if (bench == null || iterationsOnEngine == ITERATIONS_PER_ENGINE)
            {
                bench = engines[++engineInUse];
                iterationsOnEngine = 0;
            }
            firstHoldId = (long)iterationsOnEngine * HOLDS + 1;
            iterationsOnEngine++;
            int s = 0;
            for (int v = 0; v < VENUES_PER_ITERATION; v++)
            {
                final long venueId = bench.createVenue();
                for (int day = 1; day <= DAYS; day++)
                {
                    for (int r = 0; r < VenueBenchEngine.RESOURCES; r++)
                    {
                        for (int slot = 0; slot < VenueBenchEngine.SLOTS_PER_DAY; slot++, s++)
                        {
                            slotVenue[s] = venueId;
                            slotResource[s] = r;
                            slotStartAt[s] = VenueBenchEngine.slotStartAt(day, slot);
                        }
                    }
                }
            }
            for (int i = 0; i < order.length; i++)
            {
                order[i] = i;
            }
            bench.shuffle(order);
            for (int i = 0; i < HOLDS; i++)
            {
                final int slot = (int)order[i];
                holdVenue[i] = slotVenue[slot];
                holdResource[i] = slotResource[slot];
                holdStartAt[i] = slotStartAt[slot];
            }
            encodeCommands();
        }

        private void encodeCommands()
        {
            final PlaceHoldEncoder hold = new PlaceHoldEncoder();
            final ConfirmHoldEncoder confirm = new ConfirmHoldEncoder();
            for (int i = 0; i < HOLDS; i++)
            {
                hold.wrapAndApplyHeader(commands, holdOffset(i), bench.headerEncoder)
                    .venueId(holdVenue[i])
                    .userId(bench.userOrder[nextUser++ % VenueBenchEngine.USERS])
                    .putResourceCode(resourceCodes[holdResource[i]], 0)
                    .startAt(holdStartAt[i])
                    .slots(1);
                writeDigits(firstHoldId + i, paymentRef);
                confirm.wrapAndApplyHeader(commands, confirmOffset(i), bench.headerEncoder)
                    .holdId(firstHoldId + i)
                    .putPaymentRef(paymentRef, 0, paymentRef.length);
            }
        }
    }

    /** A release whose holds were placed in the iteration's set-up, for timing the confirms alone. */
    @State(Scope.Thread)
    public static class Placed
    {
        final Release release = new Release();

        @Setup(Level.Trial)
        public void createEngines()
        {
            release.createEngines();
        }

        @Setup(Level.Iteration)
        public void placeHoldsOnNewVenues()
        {
            release.releaseNewVenues();
            placeHolds(release);
        }
    }

    @Benchmark
    @OperationsPerInvocation(2 * HOLDS)
    public int holdsThenConfirms(final Release release)
    {
        placeHolds(release);
        return confirmHolds(release);
    }

    /** The holds alone: where a hold's time goes, apart from the confirm's. */
    @Benchmark
    @OperationsPerInvocation(HOLDS)
    public int holds(final Release release)
    {
        return placeHolds(release);
    }

    /** The confirms alone, of holds placed in the set-up. */
    @Benchmark
    @OperationsPerInvocation(HOLDS)
    public int confirms(final Placed placed)
    {
        return confirmHolds(placed.release);
    }

    private static int placeHolds(final Release release)
    {
        final VenueBenchEngine bench = release.bench;
        final UnsafeBuffer commands = release.commands;
        for (int i = 0; i < HOLDS; i++)
        {
            tickClock(bench);
            if (bench.apply(commands, holdOffset(i)) != HoldPlacedDecoder.TEMPLATE_ID)
            {
                throw new IllegalStateException("hold " + i + " refused: " + bench.refusal());
            }
            if (bench.holdIdOfResult() != release.firstHoldId + i)
            {
                throw new IllegalStateException("hold " + i + " got id " + bench.holdIdOfResult() +
                    ", its confirm is for " + (release.firstHoldId + i));
            }
        }
        return HOLDS;
    }

    private static int confirmHolds(final Release release)
    {
        final VenueBenchEngine bench = release.bench;
        final UnsafeBuffer commands = release.commands;
        int confirmed = 0;
        for (int i = 0; i < HOLDS; i++)
        {
            tickClock(bench);
            if (VenueBenchEngine.isConfirmed(bench.apply(commands, confirmOffset(i))))
            {
                confirmed++;
            }
        }
        if (confirmed != HOLDS)
        {
            throw new IllegalStateException("only " + confirmed + " of " + HOLDS + " holds confirmed");
        }
        return confirmed;
    }

    private static int holdOffset(final int i)
    {
        return i * COMMAND_SLOT_BYTES;
    }

    private static int confirmOffset(final int i)
    {
        return (HOLDS + i) * COMMAND_SLOT_BYTES;
    }

    private static void tickClock(final VenueBenchEngine bench)
    {
        if ((bench.sequence & (COMMANDS_PER_MS - 1)) == 0)
        {
            bench.nowMs++;
        }
    }

    /** The payment reference "PAY-" and ten digits of the hold id, written in place. */
    private static void writeDigits(final long value, final byte[] ref)
    {
        long rest = value;
        for (int i = ref.length - 1; i >= 4; i--)
        {
            ref[i] = (byte)('0' + rest % 10);
            rest /= 10;
        }
    }
}
