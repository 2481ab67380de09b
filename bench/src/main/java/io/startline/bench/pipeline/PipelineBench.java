package io.startline.bench.pipeline;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.CampaignCreatedDecoder;
import io.startline.engine.codec.ClaimVoucherEncoder;
import io.startline.engine.codec.CreateCampaignEncoder;
import io.startline.engine.codec.CreateDropEncoder;
import io.startline.engine.codec.DropCreatedDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.TakeSnapshotEncoder;
import io.startline.engine.codec.VoucherClaimedDecoder;
import io.startline.gateway.pipeline.Pipeline;
import io.startline.gateway.pipeline.PipelineContext;
import io.startline.gateway.link.ResultListener;
import io.startline.gateway.link.SubmitStatus;
import io.startline.persistence.PersistenceContext;
import io.startline.persistence.journal.SyncPolicy;
import io.startline.persistence.recovery.RecoveredEngine;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The in-process pipeline, producers to responder, on a real journal: voucher claims from
 * distinct users at a drop, the peak-second command. Three measurements, each on a fresh
 * node and data directory, in one run so they can be compared:
 * <ul>
 *   <li>throughput: one producer offers claims as fast as the ring takes them;</li>
 *   <li>latency at constant offered rates: claims are due at fixed intervals and each one's
 *       latency runs from when it was due (not when it was sent) to its acknowledgement, so
 *       a stalled producer cannot hide a stall (no coordinated omission);</li>
 *   <li>replay: the throughput run's journal recovered by a restarted node.</li>
 * </ul>
 */
@Command(name = "pipeline-bench", mixinStandardHelpOptions = true,
    description = "Measures the durable pipeline: throughput, latency at constant rates, replay speed.")
public final class PipelineBench implements Runnable
{
    private static final long FACE_VALUE_FEN = 100;
    private static final int MAX_VOUCHERS = 1 << 22;

    @Option(names = "--sync", description = "Journal sync policy: NONE or BATCH (default ${DEFAULT-VALUE})")
    private SyncPolicy sync = SyncPolicy.NONE;

    @Option(names = "--stages", description = "Stage layout: STAGED (a thread a stage) or FUSED (one thread for " +
        "all of them) (default ${DEFAULT-VALUE})")
    private PipelineContext.StageLayout stages = PipelineContext.STAGE_LAYOUT_DEFAULT;

    /** How the constant-rate producer waits for each claim's due time. */
    enum ProducerWait
    {
        /** Parked: leaves the cores to the pipeline, but wakes late by the timer slack (~50 µs). */
        PARK,
        /** Spinning on its own core: sends on time, so the latency is the pipeline's. */
        SPIN,
        /**
         * Spinning, but yielding the core on every turn: on time while nothing else wants the
         * core, and out of the way at once of any thread that does.
         */
        YIELD
    }

    @Option(names = "--producer", description = "How the constant-rate producer waits for each due time: PARK, " +
        "SPIN (a core of its own) or YIELD (spinning with Thread.yield) (default ${DEFAULT-VALUE})")
    private ProducerWait producerWait = ProducerWait.PARK;

    @Option(names = "--wait", description = "Ring wait strategy (default: the layout's, BLOCKING fused, SLEEPING staged)")
    private PipelineContext.WaitStrategyKind wait;

    @Option(names = "--throughput-commands", description = "Claims offered in the throughput run (default ${DEFAULT-VALUE})")
    private int throughputCommands = 2_000_000;

    @Option(names = "--rates", split = ",", description = "Constant offered rates, per second (default ${DEFAULT-VALUE})")
    private int[] rates = {100_000, 500_000};

    @Option(names = "--rate-seconds", description = "Length of each constant-rate run (default ${DEFAULT-VALUE})")
    private int rateSeconds = 5;

    @Option(names = "--warmup-commands", description = "Claims sent before any measurement, per node (default ${DEFAULT-VALUE})")
    private int warmupCommands = 200_000;

    @Option(names = "--dir", description = "Where the data directories go (default ${DEFAULT-VALUE}); a real disk, not tmpfs")
    private Path dir = Path.of("bench/target/pipeline-data");

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new PipelineBench()).execute(args));
    }

    @Override
    public void run()
    {
        System.out.printf("pipeline bench: sync %s, stages %s, wait %s, producer %s, %d cores, java %s%n",
            sync, stages, withWait(new PipelineContext().stageLayout(stages)).waitStrategy(), producerWait,
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        final Path throughputDir = freshDir("throughput");
        throughput(throughputDir);
        for (final int rate : rates)
        {
            constantRate(freshDir("rate-" + rate), rate);
        }
        replay(throughputDir);
    }

    private void throughput(final Path dataDir)
    {
        try (Node node = new Node(dataDir, 0))
        {
            node.offer(warmupCommands, 0);
            final long allocatedBefore = stageThreadsAllocatedBytes();
            final long startNs = System.nanoTime();
            node.offer(throughputCommands, 0);
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            final double bytesPerCommand = (stageThreadsAllocatedBytes() - allocatedBefore) / (double)throughputCommands;
            System.out.printf("throughput: %,d claims in %.2f s = %,.0f commands/s acknowledged (%,d won a voucher); " +
                "the pipeline's threads allocated %.3f B/command%n",
                throughputCommands, seconds, throughputCommands / seconds, node.won.get(), bytesPerCommand);
        }
    }

    private void constantRate(final Path dataDir, final int rate)
    {
        try (Node node = new Node(dataDir, 0))
        {
            node.offer(warmupCommands, 0);
            // A second at the rate, not recorded: the paced paths (the producer's wait, the
            // stages' idle waits) are compiled before anything counts.
            node.offer(rate, rate);
            node.histogram.reset();
            node.saturated.set(0);
            final int commands = rate * rateSeconds;
            node.offer(commands, rate);
            final Histogram h = node.histogram;
            System.out.printf("rate %,d/s for %d s: %,d acknowledged; latency from due time p50 %.1f µs, p90 %.1f µs, " +
                "p99 %.1f µs, p99.9 %.1f µs, p99.99 %.1f µs, max %.1f µs; %,d refused as saturated%n",
                rate, rateSeconds, h.getTotalCount(), us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(90)),
                us(h.getValueAtPercentile(99)), us(h.getValueAtPercentile(99.9)), us(h.getValueAtPercentile(99.99)),
                us(h.getMaxValue()), node.saturated.get());
        }
    }

    private void replay(final Path dataDir)
    {
        try (Node node = new Node(dataDir, 0))
        {
            final RecoveredEngine recovered = node.pipeline.recovered();
            System.out.printf("replay: %,d journaled commands recovered in %,d ms = %,.0f commands/s (whole start-up, " +
                "journal read and engine apply)%n", recovered.replayedCommands(), recovered.elapsedMs(),
                recovered.replayedCommands() * 1000.0 / Math.max(1, recovered.elapsedMs()));
            final long startNs = System.nanoTime();
            SetUpCalls.call(node.pipeline, node.command, MessageHeaderEncoder.ENCODED_LENGTH +
                new TakeSnapshotEncoder().wrapAndApplyHeader(node.command, 0, node.header).encodedLength());
            System.out.printf("snapshot: TakeSnapshot answered in %,d ms (the engine writes the whole state, %,d " +
                "vouchers, while it takes no commands)%n", (System.nanoTime() - startNs) / 1_000_000, node.wonSoFar());
        }
        try (Node node = new Node(dataDir, 0))
        {
            final RecoveredEngine recovered = node.pipeline.recovered();
            System.out.printf("restart from that snapshot: %,d ms (snapshot load and state-hash check, %,d commands " +
                "replayed after it)%n", recovered.elapsedMs(), recovered.replayedCommands());
        }
    }

    /** Bytes allocated so far by the sequencer, journaller, engine and responder threads. */
    private static long stageThreadsAllocatedBytes()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        long bytes = 0;
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().startsWith("startline-"))
            {
                bytes += threads.getThreadAllocatedBytes(thread.getId());
            }
        }
        return bytes;
    }

    private PipelineContext withWait(final PipelineContext context)
    {
        return wait == null ? context : context.waitStrategy(wait);
    }

    private static double us(final long ns)
    {
        return ns / 1000.0;
    }

    private Path freshDir(final String name)
    {
        final Path path = dir.resolve(name);
        try
        {
            if (Files.exists(path))
            {
                try (Stream<Path> walk = Files.walk(path))
                {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(path);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        return path;
    }

    /** A node with one campaign and one drop big enough for every claim of the run. */
    private final class Node implements AutoCloseable, ResultListener
    {
        final Pipeline pipeline;
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final AtomicLong won = new AtomicLong();
        final AtomicLong saturated = new AtomicLong();
        final UnsafeBuffer command = new UnsafeBuffer(new byte[256]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final ClaimVoucherEncoder claim = new ClaimVoucherEncoder();
        final MessageHeaderDecoder resultHeader = new MessageHeaderDecoder();
        long campaignId;
        long dropId;
        long nextUser = 1;
        long[] dueNs = new long[0];
        long firstSequence;
        volatile CountDownLatch done;

        Node(final Path dataDir, final long snapshotInterval)
        {
            pipeline = startPipeline(dataDir, snapshotInterval);
            if (pipeline.recovered().engine().lastSequence() == 0)
            {
                createDrop();
            }
        }

        private Pipeline startPipeline(final Path dataDir, final long snapshotInterval)
        {
            // Measures the pipeline's capacity with the ring kept full: no latency target refuses the backlog.
            return Pipeline.start(
                withWait(new PipelineContext().stageLayout(stages)).snapshotIntervalCommands(snapshotInterval).tickIntervalMs(0)
                    .latencyTargetMs(0),
                new PersistenceContext().dataDir(dataDir).syncPolicy(sync),
                new EngineContext().maxVouchers(MAX_VOUCHERS).maxRedemptions(1024).maxVenues(1).maxCalendarSlots(1024)
                    .maxReservations(1024).maxEntries(1024).maxGroups(1024).maxEntitlements(1024)
                    .codeKey(0x1234_5678_9abc_def0L, 0x0fed_cba9_8765_4321L));
        }

        private void createDrop()
        {
            final long now = System.currentTimeMillis();
            final CreateCampaignEncoder c = new CreateCampaignEncoder().wrapAndApplyHeader(command, 0, header)
                .budgetFen((long)MAX_VOUCHERS * FACE_VALUE_FEN).validUntil(now + TimeUnit.DAYS.toMillis(30))
                .validDaysAfterClaim(7).perUserLimit(1);
            c.tiersCount(1).next().code("T1").faceValueFen(FACE_VALUE_FEN).thresholdFen(FACE_VALUE_FEN * 4);
            c.storesCount(1).next().storeId(101);
            c.name("bench");
            campaignId = new CampaignCreatedDecoder().wrap(SetUpCalls.call(pipeline, command,
                MessageHeaderEncoder.ENCODED_LENGTH + c.encodedLength()), MessageHeaderDecoder.ENCODED_LENGTH,
                CampaignCreatedDecoder.BLOCK_LENGTH,
                CampaignCreatedDecoder.SCHEMA_VERSION).campaignId();
            final CreateDropEncoder d = new CreateDropEncoder().wrapAndApplyHeader(command, 0, header)
                .campaignId(campaignId).tierCode("T1").quantity(MAX_VOUCHERS).perUserLimit(1).startsAt(now)
                .endsAt(CreateDropEncoder.endsAtNullValue());
            dropId = new DropCreatedDecoder().wrap(SetUpCalls.call(pipeline, command,
                MessageHeaderEncoder.ENCODED_LENGTH + d.encodedLength()), MessageHeaderDecoder.ENCODED_LENGTH,
                DropCreatedDecoder.BLOCK_LENGTH, DropCreatedDecoder.SCHEMA_VERSION).dropId();
        }

        /** Returns at {@code dueNs}, waiting as {@code --producer} says. */
        private void waitUntil(final long dueNs)
        {
            switch (producerWait)
            {
                case SPIN ->
                {
                    while (System.nanoTime() < dueNs)
                    {
                        Thread.onSpinWait();
                    }
                }
                case YIELD ->
                {
                    while (System.nanoTime() < dueNs)
                    {
                        Thread.yield();
                    }
                }
                case PARK ->
                {
                    // Parked by default: on two cores a spinning load generator takes a core a
                    // staged pipeline needs. A wake-up comes late by the timer slack (~50 µs)
                    // and then sends everything due, as an IO thread would.
                    long early;
                    while ((early = dueNs - System.nanoTime()) > 0)
                    {
                        LockSupport.parkNanos(early);
                    }
                }
            }
        }

        /** Vouchers claimed in this node's engine, recovered ones included. */
        long wonSoFar()
        {
            return pipeline.appliedSequence() - 2;
        }

        /**
         * Offers {@code count} claims from new users, as fast as accepted ({@code rate} 0) or
         * each at its due time, and waits for every acknowledgement.
         */
        void offer(final int count, final int rate)
        {
            dueNs = new long[count];
            done = new CountDownLatch(count);
            firstSequence = -1;
            final long intervalNs = rate == 0 ? 0 : 1_000_000_000L / rate;
            final long startNs = System.nanoTime();
            for (int i = 0; i < count; i++)
            {
                final long due = startNs + i * intervalNs;
                if (rate != 0)
                {
                    waitUntil(due);
                }
                dueNs[i] = rate == 0 ? System.nanoTime() : due;
                final long user = ((nextUser++ * 0x9E3779B1L) & 0xFFFF_FFFFL) + 1;
                final int length = MessageHeaderEncoder.ENCODED_LENGTH + claim.wrapAndApplyHeader(command, 0, header)
                    .userId(user).campaignId(campaignId).dropId(dropId).encodedLength();
                SubmitStatus status;
                while ((status = pipeline.submit(command, 0, length, this)) == SubmitStatus.SATURATED)
                {
                    saturated.incrementAndGet();
                    Thread.yield();
                }
                if (status != SubmitStatus.ACCEPTED)
                {
                    throw new IllegalStateException("claim " + status);
                }
            }
            try
            {
                if (!done.await(5, TimeUnit.MINUTES))
                {
                    throw new IllegalStateException("acknowledgements missing: " + done.getCount());
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }

        @Override
        public void onResult(final long sequence, final long timestampMs, final DirectBuffer result, final int offset,
            final int length)
        {
            final long nowNs = System.nanoTime();
            if (firstSequence < 0)
            {
                firstSequence = sequence;
            }
            final int index = (int)(sequence - firstSequence);
            histogram.recordValue(Math.max(0, nowNs - dueNs[index]));
            resultHeader.wrap(result, offset);
            if (resultHeader.templateId() == VoucherClaimedDecoder.TEMPLATE_ID)
            {
                won.incrementAndGet();
            }
            done.countDown();
        }

        @Override
        public void close()
        {
            pipeline.close();
        }
    }
}
