package io.startline.bench.voucher;

import io.startline.engine.codec.ClaimVoucherEncoder;
import io.startline.engine.codec.RejectedDecoder;
import io.startline.engine.codec.VoucherClaimedDecoder;
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
 * The engine alone applying voucher claims to a flash drop of 100,000 vouchers from
 * 1,000,000 users, in its two phases:
 * <ul>
 *     <li>{@code sellingPhase}: each measured invocation claims a fresh drop from empty to sold
 *     out, 100,000 successful claims, each from a different user;</li>
 *     <li>{@code soldOutPhase}: the drop is gone and the rush goes on: every claim is refused
 *     (SOLD_OUT, or LIMIT_REACHED for the 10% who already hold one).</li>
 * </ul>
 * Each claim is one {@code Engine.apply}: sequence and time checks, deadline check, decode,
 * the rules, and the encoded result.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+UseParallelGC", "-Dchronicle.analytics.disable=true",
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
        int nextUser;

        @Setup(Level.Trial)
        public void createEngine()
        {
            bench = new VoucherBenchEngine(
                (WARMUP_ITERATIONS + MEASURED_ITERATIONS + 2) * VoucherBenchEngine.DROP_QUANTITY, 1024);
        }

        @Setup(Level.Iteration)
        public void openANewDrop()
        {
            final long[] ids = bench.newCampaignWithDrop();
            claim = new ClaimVoucherEncoder().wrapAndApplyHeader(bench.command, 0, bench.headerEncoder)
                .campaignId(ids[0])
                .dropId(ids[1]);
        }
    }

    @State(Scope.Thread)
    public static class SoldOutPhase
    {
        VoucherBenchEngine bench;
        ClaimVoucherEncoder claim;
        int nextUser;

        @Setup(Level.Trial)
        public void sellOut()
        {
            bench = new VoucherBenchEngine(2 * VoucherBenchEngine.DROP_QUANTITY, 1024);
            final long[] ids = bench.newCampaignWithDrop();
            bench.claimAll(ids[0], ids[1], 0);
            claim = new ClaimVoucherEncoder().wrapAndApplyHeader(bench.command, 0, bench.headerEncoder)
                .campaignId(ids[0])
                .dropId(ids[1]);
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
            state.nextUser = state.nextUser + 1 == VoucherBenchEngine.USERS ? 0 : state.nextUser + 1;
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
    @BenchmarkMode(Mode.Throughput)
    @Warmup(iterations = 5, time = 1)
    @Measurement(iterations = 10, time = 1)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int soldOutPhase(final SoldOutPhase state)
    {
        final VoucherBenchEngine bench = state.bench;
        state.claim.userId(bench.userOrder[state.nextUser]);
        state.nextUser = state.nextUser + 1 == VoucherBenchEngine.USERS ? 0 : state.nextUser + 1;
        bench.apply();
        return bench.headerDecoder.wrap(bench.result, 0).templateId() == RejectedDecoder.TEMPLATE_ID ? 1 : 0;
    }
}
