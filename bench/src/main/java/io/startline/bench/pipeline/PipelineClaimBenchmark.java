package io.startline.bench.pipeline;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.CampaignCreatedDecoder;
import io.startline.engine.codec.ClaimVoucherEncoder;
import io.startline.engine.codec.CreateCampaignEncoder;
import io.startline.engine.codec.CreateDropEncoder;
import io.startline.engine.codec.DropCreatedDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.VoucherClaimedDecoder;
import io.startline.gateway.pipeline.Pipeline;
import io.startline.gateway.pipeline.PipelineContext;
import io.startline.gateway.link.ResultListener;
import io.startline.gateway.link.SubmitStatus;
import io.startline.persistence.PersistenceContext;
import io.startline.persistence.journal.SyncPolicy;
import org.agrona.DirectBuffer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The durable pipeline under JMH, producers to responder: the JMH thread submits voucher claims
 * from distinct users to a real node in-process (ring, sequencer, journaller on a real Chronicle
 * Queue beside the engine, responder), and an operation counts only once the responder has
 * answered it, which it does only after the claim is journaled.
 * <ul>
 *     <li>{@code claimsAcknowledged}: a fresh drop of 100,000 claimed from empty to sold out, as
 *     fast as the ring takes them; the time runs to the last acknowledgement;</li>
 *     <li>{@code claimRoundTrip}: one claim at a time, submitted and waited for: the pipeline's
 *     latency with nothing queued, four thread hand-offs included.</li>
 * </ul>
 * With {@code -prof gc} the allocation per operation counts every thread, the four stage
 * threads included. The node lives for the whole trial (its start-up is not measured); each
 * iteration of {@code claimsAcknowledged} opens a new drop. Ticks are off, so no idle Tick
 * commands mix with the claims.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC",
    "-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED"})
public class PipelineClaimBenchmark
{
    static final int DROP_QUANTITY = 100_000;
    private static final int USERS = 1_000_000;
    /** Room for 40 drops: more iterations than any setting here runs; beyond, claims are refused, and it says so. */
    private static final int MAX_VOUCHERS = 40 * DROP_QUANTITY;
    private static final long FACE_VALUE_FEN = 100;
    private static final long ACK_WAIT_NS = 20_000;

    /** A running node on a temporary data directory, and a shuffled million users to claim from. */
    @State(Scope.Thread)
    public static class Node implements ResultListener
    {
        @Param({"NONE", "BATCH"})
        SyncPolicy sync;

        Path dataDir;
        Pipeline pipeline;
        final UnsafeBuffer command = new UnsafeBuffer(new byte[512]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final MessageHeaderDecoder resultHeader = new MessageHeaderDecoder();
        final ClaimVoucherEncoder claim = new ClaimVoucherEncoder();
        final long[] users = new long[USERS];
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong won = new AtomicLong();
        long campaignId;
        int claimLength;
        int nextUser;

        @Setup(Level.Trial)
        public void startNode() throws IOException
        {
            dataDir = Files.createTempDirectory("startline-pipeline-bench");
            // Measures the pipeline's capacity with the ring kept full: no latency target refuses the backlog.
            pipeline = Pipeline.start(new PipelineContext().snapshotIntervalCommands(0).tickIntervalMs(0)
                    .latencyTargetMs(0),
                new PersistenceContext().dataDir(dataDir).syncPolicy(sync),
                new EngineContext().maxVouchers(MAX_VOUCHERS).maxRedemptions(1024).maxVenues(1).maxCalendarSlots(1024)
                    .maxReservations(1024).maxEntries(1024).maxGroups(1024).maxEntitlements(1024)
                    .codeKey(0x1234_5678_9abc_def0L, 0x0fed_cba9_8765_4321L));
            final long now = System.currentTimeMillis();
            final CreateCampaignEncoder campaign = new CreateCampaignEncoder().wrapAndApplyHeader(command, 0, header)
                .budgetFen(MAX_VOUCHERS * FACE_VALUE_FEN).validUntil(now + TimeUnit.DAYS.toMillis(30))
                .validDaysAfterClaim(7).perUserLimit(1_000);
            campaign.tiersCount(1).next().code("T1").faceValueFen(FACE_VALUE_FEN).thresholdFen(4 * FACE_VALUE_FEN);
            campaign.storesCount(1).next().storeId(101);
            campaign.name("pipeline bench");
            campaignId = new CampaignCreatedDecoder().wrap(SetUpCalls.call(pipeline, command,
                MessageHeaderEncoder.ENCODED_LENGTH + campaign.encodedLength()), MessageHeaderDecoder.ENCODED_LENGTH,
                CampaignCreatedDecoder.BLOCK_LENGTH, CampaignCreatedDecoder.SCHEMA_VERSION).campaignId();
            for (int i = 0; i < USERS; i++)
            {
                users[i] = i + 1;
            }
            final SplittableRandom random = new SplittableRandom(20261122);
            for (int i = USERS - 1; i > 0; i--)
            {
                final int j = random.nextInt(i + 1);
                final long user = users[i];
                users[i] = users[j];
                users[j] = user;
            }
        }

        /** A new drop of {@link #DROP_QUANTITY}, one voucher per user. */
        @Setup(Level.Iteration)
        public void openANewDrop()
        {
            final CreateDropEncoder drop = new CreateDropEncoder().wrapAndApplyHeader(command, 0, header)
                .campaignId(campaignId).tierCode("T1").quantity(DROP_QUANTITY).perUserLimit(1)
                .startsAt(System.currentTimeMillis()).endsAt(CreateDropEncoder.endsAtNullValue());
            final long dropId = new DropCreatedDecoder().wrap(SetUpCalls.call(pipeline, command,
                MessageHeaderEncoder.ENCODED_LENGTH + drop.encodedLength()), MessageHeaderDecoder.ENCODED_LENGTH,
                DropCreatedDecoder.BLOCK_LENGTH, DropCreatedDecoder.SCHEMA_VERSION).dropId();
            claim.wrapAndApplyHeader(command, 0, header).campaignId(campaignId).dropId(dropId);
            claimLength = MessageHeaderEncoder.ENCODED_LENGTH + claim.encodedLength();
            acknowledged.set(0);
            won.set(0);
        }

        @TearDown(Level.Trial)
        public void stopNode() throws IOException
        {
            pipeline.close();
            try (Stream<Path> files = Files.walk(dataDir))
            {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }

        /** Submits the next user's claim, retrying while the ring is full (the bounded wait is the ring's back-pressure). */
        void submitNextClaim()
        {
            claim.userId(users[nextUser]);
            nextUser = nextUser + 1 == USERS ? 0 : nextUser + 1;
            SubmitStatus status;
            while ((status = pipeline.submit(command, 0, claimLength, this)) == SubmitStatus.SATURATED)
            {
                Thread.yield();
            }
            if (status != SubmitStatus.ACCEPTED)
            {
                throw new IllegalStateException("claim " + status);
            }
        }

        void awaitAcknowledged(final long count)
        {
            while (acknowledged.get() < count)
            {
                // Parked, not spinning: the stage threads need the cores.
                LockSupport.parkNanos(ACK_WAIT_NS);
            }
        }

        @Override
        public void onResult(final long sequence, final long timestampMs, final DirectBuffer result, final int offset,
            final int length)
        {
            if (resultHeader.wrap(result, offset).templateId() == VoucherClaimedDecoder.TEMPLATE_ID)
            {
                won.incrementAndGet();
            }
            acknowledged.incrementAndGet();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(DROP_QUANTITY)
    @Warmup(iterations = 5, batchSize = 1)
    @Measurement(iterations = 10, batchSize = 1)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long claimsAcknowledged(final Node node)
    {
        for (int i = 0; i < DROP_QUANTITY; i++)
        {
            node.submitNextClaim();
        }
        node.awaitAcknowledged(DROP_QUANTITY);
        if (node.won.get() != DROP_QUANTITY)
        {
            throw new IllegalStateException("only " + node.won.get() + " of the drop was claimed (the engine's " +
                MAX_VOUCHERS + " vouchers used up by more iterations than the benchmark allows for?)");
        }
        return node.won.get();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long claimRoundTrip(final Node node)
    {
        final long before = node.acknowledged.get();
        node.submitNextClaim();
        node.awaitAcknowledged(before + 1);
        return node.won.get();
    }
}
