package io.startline.bench.voucher;

import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RedeemVoucherEncoder;
import io.startline.engine.codec.VoucherRedeemedDecoder;
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

import java.util.concurrent.TimeUnit;

/**
 * The engine alone redeeming 100,000 claimed vouchers at a whitelisted store, each with its
 * own merchant transaction id: the idempotency lookup (a keyed hash of store and id, compared
 * byte for byte), eligibility, expiry, threshold, and the store's settlement figures.
 * The redeem commands are encoded before the measurement; only {@code Engine.apply} is timed.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+UseParallelGC",
    "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch", "-Dchronicle.analytics.disable=true",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@State(Scope.Thread)
public class VoucherRedeemBenchmark
{
    private static final int WARMUP_ITERATIONS = 10;
    private static final int MEASURED_ITERATIONS = 20;
    private static final int COMMAND_SLOT_BYTES = 128;

    private VoucherBenchEngine bench;
    private final UnsafeBuffer commands = new UnsafeBuffer(
        new byte[VoucherBenchEngine.DROP_QUANTITY * COMMAND_SLOT_BYTES]);
    private int nextUser;
    private long txnCounter;
    /** "POS-0042-" and up to 19 digits: built in place so the set-up allocates nothing per command. */
    private final byte[] txnId = new byte[32];
    private static final byte[] TXN_PREFIX = "POS-0042-".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Setup(Level.Trial)
    public void createEngine()
    {
        final int capacity = (WARMUP_ITERATIONS + MEASURED_ITERATIONS + 2) * VoucherBenchEngine.DROP_QUANTITY;
        bench = new VoucherBenchEngine(capacity, capacity);
    }

    @Setup(Level.Iteration)
    public void claimADropAndEncodeItsRedemptions()
    {
        final long[] ids = bench.newCampaignWithDrop();
        final long[] codes = bench.claimAll(ids[0], ids[1], nextUser);
        nextUser = (nextUser + VoucherBenchEngine.DROP_QUANTITY) % VoucherBenchEngine.USERS;

        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final RedeemVoucherEncoder redeem = new RedeemVoucherEncoder();
        for (int i = 0; i < codes.length; i++)
        {
            redeem.wrapAndApplyHeader(commands, i * COMMAND_SLOT_BYTES, header)
                .storeId(VoucherBenchEngine.STORE_ID)
                .voucherCode(codes[i])
                .orderAmountFen(VoucherBenchEngine.THRESHOLD_FEN + i % 10_000)
                .putMerchantTxnId(txnId, 0, nextTxnId());
        }
    }

    private int nextTxnId()
    {
        System.arraycopy(TXN_PREFIX, 0, txnId, 0, TXN_PREFIX.length);
        long value = ++txnCounter;
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10)
        {
            digits++;
        }
        final int length = TXN_PREFIX.length + digits;
        for (int i = length - 1; i >= TXN_PREFIX.length; i--)
        {
            txnId[i] = (byte)('0' + value % 10);
            value /= 10;
        }
        return length;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(VoucherBenchEngine.DROP_QUANTITY)
    @Warmup(iterations = WARMUP_ITERATIONS, batchSize = 1)
    @Measurement(iterations = MEASURED_ITERATIONS, batchSize = 1)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int redeem()
    {
        final VoucherBenchEngine bench = this.bench;
        int redeemed = 0;
        for (int i = 0; i < VoucherBenchEngine.DROP_QUANTITY; i++)
        {
            bench.engine.apply(++bench.sequence, bench.nowMs, commands, i * COMMAND_SLOT_BYTES, bench.result, 0);
            redeemed += bench.headerDecoder.wrap(bench.result, 0).templateId() == VoucherRedeemedDecoder.TEMPLATE_ID
                ? 1 : 0;
        }
        if (redeemed != VoucherBenchEngine.DROP_QUANTITY)
        {
            throw new IllegalStateException("only " + redeemed + " redeemed");
        }
        return redeemed;
    }
}
