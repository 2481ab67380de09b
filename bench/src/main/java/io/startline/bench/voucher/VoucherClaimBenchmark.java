package io.startline.bench.voucher;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.ClaimVoucherEncoder;
import io.startline.engine.codec.RejectedDecoder;
import io.startline.engine.codec.VoucherClaimedDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The engine alone applying voucher claims to a flash drop of 100,000 vouchers from
 * 1,000,000 users, in its two phases:
 * <ul>
 *     <li>{@code sellingPhase}: each measured invocation claims a fresh drop from empty to sold
 *     out, 100,000 successful claims, each from a different user;</li>
 *     <li>{@code soldOutPhase}: the drop is gone and the rush goes on: every claim is refused
 *     (SOLD_OUT, or LIMIT_REACHED for the 10% who already hold one).</li>
 * </ul>
 * Each claim is one {@code Engine.apply}: sequence and time checks, deadline check, decode,
 * the rules, and the encoded result. The engine has the node's default voucher limit
 * (1,048,576), which sizes the tables a claim reads at random. The {@code ...Prefetched}
 * variants apply the same claims as the engine stage applies a backlog: each group of 16 is
 * first prefetched ({@code Engine.prefetch}), then applied.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+UseParallelGC",
    "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch", "-Dchronicle.analytics.disable=true",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class VoucherClaimBenchmark
{
    private static final int WARMUP_ITERATIONS = 10;
    private static final int MEASURED_ITERATIONS = 20;

    @State(Scope.Thread)
    public static class SellingPhase
    {
        VoucherBenchEngine bench;
        ClaimVoucherEncoder claim;
        long[] campaignAndDrop;
        int nextUser;

        private VoucherBenchEngine[] engines;
        private int engineInUse = -1;

        /**
         * A node with the default limits takes ten drops of 100,000, so every ten iterations run
         * on a fresh engine, and each engine's index of users holds what such a node's would,
         * none to 900,000. The engines are all made here, so no iteration pays for one.
         */
        @Setup(Level.Trial)
        public void createEngines()
        {
            final int drops = EngineContext.MAX_VOUCHERS_DEFAULT / VoucherBenchEngine.DROP_QUANTITY;
            engines = new VoucherBenchEngine[(WARMUP_ITERATIONS + MEASURED_ITERATIONS + drops - 1) / drops];
            for (int i = 0; i < engines.length; i++)
            {
                engines[i] = new VoucherBenchEngine(EngineContext.MAX_VOUCHERS_DEFAULT, 1024);
            }
        }

        @Setup(Level.Iteration)
        public void openANewDrop()
        {
            if (bench == null || bench.vouchersLeft() < VoucherBenchEngine.DROP_QUANTITY)
            {
                bench = engines[++engineInUse];
                nextUser = 0;
            }
            campaignAndDrop = bench.newCampaignWithDrop();
            claim = new ClaimVoucherEncoder().wrapAndApplyHeader(bench.command, 0, bench.headerEncoder)
                .campaignId(campaignAndDrop[0])
                .dropId(campaignAndDrop[1]);
        }
    }

    /**
     * The selling phase as the pipeline's engine stage applies it at a rush: the ring holds a
     * backlog, and each group of claims is prefetched ({@code Engine.prefetch}) before it is
     * applied, so their users' cache misses overlap. Groups of 16, as the engine stage
     * prefetches; {@code -p group=N} tries others.
     */
    @State(Scope.Thread)
    public static class PrefetchedSellingPhase
    {
        @Param({"16"})
        int group;

        final SellingPhase selling = new SellingPhase();
        UnsafeBuffer[] commands;
        ClaimVoucherEncoder[] claims;

        @Setup(Level.Trial)
        public void createEngines()
        {
            selling.createEngines();
        }

        @Setup(Level.Iteration)
        public void openANewDrop()
        {
            selling.openANewDrop();
            commands = new UnsafeBuffer[group];
            claims = claimsInto(commands, selling.bench, selling.campaignAndDrop);
        }
    }

    /** A claim encoder over each of the given ring-slot-like buffers, all for one drop; the buffers are made here. */
    static ClaimVoucherEncoder[] claimsInto(final UnsafeBuffer[] commands, final VoucherBenchEngine bench,
        final long[] campaignAndDrop)
    {
        final ClaimVoucherEncoder[] claims = new ClaimVoucherEncoder[commands.length];
        for (int i = 0; i < commands.length; i++)
        {
            commands[i] = new UnsafeBuffer(new byte[128]);
            claims[i] = new ClaimVoucherEncoder().wrapAndApplyHeader(commands[i], 0, bench.headerEncoder)
                .campaignId(campaignAndDrop[0])
                .dropId(campaignAndDrop[1]);
        }
        return claims;
    }

    @State(Scope.Thread)
    public static class SoldOutPhase
    {
        VoucherBenchEngine bench;
        ClaimVoucherEncoder claim;
        int nextUser;

        long[] campaignAndDrop;

        @Setup(Level.Trial)
        public void sellOut()
        {
            bench = new VoucherBenchEngine(EngineContext.MAX_VOUCHERS_DEFAULT, 1024);
            campaignAndDrop = bench.newCampaignWithDrop();
            bench.claimAll(campaignAndDrop[0], campaignAndDrop[1], 0);
            claim = new ClaimVoucherEncoder().wrapAndApplyHeader(bench.command, 0, bench.headerEncoder)
                .campaignId(campaignAndDrop[0])
                .dropId(campaignAndDrop[1]);
        }
    }

    /** The sold-out phase as the engine stage applies a backlog: groups of 16 claims, prefetched first. */
    @State(Scope.Thread)
    public static class PrefetchedSoldOutPhase
    {
        static final int GROUP = 16;

        final SoldOutPhase soldOut = new SoldOutPhase();
        final UnsafeBuffer[] commands = new UnsafeBuffer[GROUP];
        ClaimVoucherEncoder[] claims;

        @Setup(Level.Trial)
        public void sellOut()
        {
            soldOut.sellOut();
            claims = claimsInto(commands, soldOut.bench, soldOut.campaignAndDrop);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(VoucherBenchEngine.DROP_QUANTITY)
    @Warmup(iterations = WARMUP_ITERATIONS, batchSize = 1)
    @Measurement(iterations = MEASURED_ITERATIONS, batchSize = 1)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int sellingPhase(final SellingPhase state)
    {
        final VoucherBenchEngine bench = state.bench;
        final long[] users = bench.userOrder;
        int claimed = 0;
        for (int i = 0; i < VoucherBenchEngine.DROP_QUANTITY; i++)
        {
            state.claim.userId(users[state.nextUser]);
            state.nextUser = VoucherBenchEngine.nextUserIndex(state.nextUser);
            bench.apply();
            claimed += bench.headerDecoder.wrap(bench.result, 0).templateId() == VoucherClaimedDecoder.TEMPLATE_ID ? 1 : 0;
        }
        if (claimed != VoucherBenchEngine.DROP_QUANTITY)
        {
            throw new IllegalStateException("only " + claimed + " of the drop was claimed");
        }
        return claimed;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(VoucherBenchEngine.DROP_QUANTITY)
    @Warmup(iterations = WARMUP_ITERATIONS, batchSize = 1)
    @Measurement(iterations = MEASURED_ITERATIONS, batchSize = 1)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int sellingPhasePrefetched(final PrefetchedSellingPhase state)
    {
        final SellingPhase selling = state.selling;
        final VoucherBenchEngine bench = selling.bench;
        final long[] users = bench.userOrder;
        final int group = state.group;
        int claimed = 0;
        for (int first = 0; first < VoucherBenchEngine.DROP_QUANTITY; first += group)
        {
            final int count = Math.min(group, VoucherBenchEngine.DROP_QUANTITY - first);
            for (int i = 0; i < count; i++)
            {
                state.claims[i].userId(users[selling.nextUser]);
                selling.nextUser = VoucherBenchEngine.nextUserIndex(selling.nextUser);
                bench.engine.prefetch(state.commands[i], 0);
            }
            for (int i = 0; i < count; i++)
            {
                bench.apply(state.commands[i]);
                claimed += bench.headerDecoder.wrap(bench.result, 0).templateId() == VoucherClaimedDecoder.TEMPLATE_ID ? 1 : 0;
            }
        }
        if (claimed != VoucherBenchEngine.DROP_QUANTITY)
        {
            throw new IllegalStateException("only " + claimed + " of the drop was claimed");
        }
        return claimed;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @Warmup(iterations = 5, time = 1)
    @Measurement(iterations = 10, time = 1)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int soldOutPhase(final SoldOutPhase state)
    {
        final VoucherBenchEngine bench = state.bench;
        state.claim.userId(bench.userOrder[state.nextUser]);
        state.nextUser = VoucherBenchEngine.nextUserIndex(state.nextUser);
        bench.apply();
        return bench.headerDecoder.wrap(bench.result, 0).templateId() == RejectedDecoder.TEMPLATE_ID ? 1 : 0;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OperationsPerInvocation(PrefetchedSoldOutPhase.GROUP)
    @Warmup(iterations = 5, time = 1)
    @Measurement(iterations = 10, time = 1)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int soldOutPhasePrefetched(final PrefetchedSoldOutPhase state)
    {
        final SoldOutPhase soldOut = state.soldOut;
        final VoucherBenchEngine bench = soldOut.bench;
        for (int i = 0; i < PrefetchedSoldOutPhase.GROUP; i++)
        {
            state.claims[i].userId(bench.userOrder[soldOut.nextUser]);
            soldOut.nextUser = VoucherBenchEngine.nextUserIndex(soldOut.nextUser);
            bench.engine.prefetch(state.commands[i], 0);
        }
        int refused = 0;
        for (int i = 0; i < PrefetchedSoldOutPhase.GROUP; i++)
        {
            bench.apply(state.commands[i]);
            refused += bench.headerDecoder.wrap(bench.result, 0).templateId() == RejectedDecoder.TEMPLATE_ID ? 1 : 0;
        }
        return refused;
    }
}
