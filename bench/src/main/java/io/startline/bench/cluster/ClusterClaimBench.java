package io.startline.bench.cluster;

import io.startline.cluster.client.ClusterClientContext;
import io.startline.cluster.client.EngineClusterClient;
import io.startline.cluster.member.MemberList;
import io.startline.engine.codec.CampaignCreatedDecoder;
import io.startline.engine.codec.ClaimVoucherEncoder;
import io.startline.engine.codec.CreateCampaignEncoder;
import io.startline.engine.codec.CreateDropEncoder;
import io.startline.engine.codec.DropCreatedDecoder;
import io.startline.engine.codec.IdempotentEncoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.VoucherClaimedDecoder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Claims straight through the cluster client, as a gateway sends them but without HTTP: a
 * constant offered rate (open model: each claim falls due at {@code start + i / rate} and its
 * latency runs from then), every claim a distinct user, wrapped with its own idempotency key
 * as a gateway wraps every write. Prints claims answered a second and the latency percentiles.
 */
@Command(name = "cluster-claim-bench", mixinStandardHelpOptions = true,
    description = "Claims through the cluster client at a constant offered rate against a running cluster.")
public final class ClusterClaimBench implements Runnable
{
    private static final long FACE_VALUE_FEN = 100;
    private static final long MAX_STOCK = 1_000_000;

    @Option(names = "--members", required = true, description = "the cluster's member list (as cluster-node takes)")
    private String members;

    @Option(names = "--cluster-secret-file", required = true, description = "the cluster secret")
    private Path clusterSecretFile;

    @Option(names = "--egress", defaultValue = "127.0.0.1:0", description = "where answers come back (default ${DEFAULT-VALUE})")
    private String egress;

    @Option(names = "--rate", defaultValue = "5000", description = "claims offered a second (default ${DEFAULT-VALUE})")
    private long rate;

    @Option(names = "--seconds", defaultValue = "20", description = "measured seconds (default ${DEFAULT-VALUE})")
    private long seconds;

    @Option(names = "--warmup-seconds", defaultValue = "10", description = "unmeasured seconds first (default ${DEFAULT-VALUE})")
    private long warmupSeconds;

    private long campaignId;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new ClusterClaimBench()).execute(args));
    }

    @Override
    public void run()
    {
        final ClusterClientContext context;
        try
        {
            context = new ClusterClientContext().members(MemberList.parse(members)).egressEndpoint(egress)
                .clusterSecret(Files.readString(clusterSecretFile).trim().getBytes(StandardCharsets.UTF_8))
                .requestTimeoutMs(30_000).queueCapacity(1 << 18);
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalArgumentException("cannot read " + clusterSecretFile, ex);
        }
        try (EngineClusterClient client = new EngineClusterClient(context))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!client.isConnected() && System.nanoTime() < deadline)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            // One claim a user; past the engine's voucher limit the rest are refused SOLD_OUT, and still timed.
            final long stock = Math.min(rate * (warmupSeconds + seconds), MAX_STOCK);
            final long dropId = createDrop(client, stock);
            final long firstUser = ThreadLocalRandom.current().nextLong(1L << 40);
            run(client, dropId, firstUser, rate * warmupSeconds, null);
            final Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
            answered.set(0);
            claimed.set(0);
            final long startNs = System.nanoTime();
            run(client, dropId, firstUser + rate * warmupSeconds, rate * seconds, recorder);
            final long elapsedNs = System.nanoTime() - startNs;
            final Histogram histogram = recorder.getIntervalHistogram();
            System.out.printf("cluster claims: offered %,d/s for %d s; answered %,d (%,.0f/s), claimed %,d, unanswered %d; " +
                    "latency ms p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f%n",
                rate, seconds, answered.get(), answered.get() * 1e9 / elapsedNs, claimed.get(), unanswered.get(),
                ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(90)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getValueAtPercentile(99.9)),
                ms(histogram.getMaxValue()));
        }
    }

    private void run(final EngineClusterClient client, final long dropId, final long firstUser, final long count,
        final Recorder recorder)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final long periodNs = TimeUnit.SECONDS.toNanos(1) / rate;
        final long startNs = System.nanoTime();
        final AtomicLong outstanding = new AtomicLong();
        for (long i = 0; i < count; i++)
        {
            final long dueNs = startNs + i * periodNs;
            long earlyNs;
            while ((earlyNs = dueNs - System.nanoTime()) > 0)
            {
                LockSupport.parkNanos(earlyNs);
            }
            final int length = claim(buffer, firstUser + i, campaignId, dropId);
            outstanding.incrementAndGet();
            final EngineClusterClient.Submitted submitted = client.submit(buffer, 0, length,
                new EngineClusterClient.ReplyHandler()
                {
                    @Override
                    public void onReply(final long sequence, final long timestampMs, final long term, final int memberId,
                        final DirectBuffer result, final int offset, final int resultLength)
                    {
                        if (recorder != null)
                        {
                            recorder.recordValue(Math.max(1, System.nanoTime() - dueNs));
                        }
                        answered.incrementAndGet();
                        if (templateId(result, offset) == VoucherClaimedDecoder.TEMPLATE_ID)
                        {
                            claimed.incrementAndGet();
                        }
                        outstanding.decrementAndGet();
                    }

                    @Override
                    public void onUnanswered(final boolean sent)
                    {
                        unanswered.incrementAndGet();
                        outstanding.decrementAndGet();
                    }
                });
            if (submitted != EngineClusterClient.Submitted.ACCEPTED)
            {
                outstanding.decrementAndGet();
                unanswered.incrementAndGet();
            }
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (outstanding.get() > 0 && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static int claim(final UnsafeBuffer buffer, final long user, final long campaignId, final long dropId)
    {
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final int prefix = MessageHeaderEncoder.ENCODED_LENGTH + new IdempotentEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .keyHigh(ThreadLocalRandom.current().nextLong())
            .keyLow(ThreadLocalRandom.current().nextLong())
            .requestDigest(user)
            .encodedLength();
        return prefix + MessageHeaderEncoder.ENCODED_LENGTH + new ClaimVoucherEncoder()
            .wrapAndApplyHeader(buffer, prefix, header)
            .userId(user)
            .campaignId(campaignId)
            .dropId(dropId)
            .encodedLength();
    }

    private long createDrop(final EngineClusterClient client, final long stock)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final long now = System.currentTimeMillis();
        final CreateCampaignEncoder campaign = new CreateCampaignEncoder().wrapAndApplyHeader(buffer, 0, header)
            .budgetFen(stock * FACE_VALUE_FEN)
            .validUntil(now + TimeUnit.DAYS.toMillis(30))
            .validDaysAfterClaim(30)
            .perUserLimit(1);
        campaign.tiersCount(1).next().code("T1").faceValueFen(FACE_VALUE_FEN).thresholdFen(FACE_VALUE_FEN);
        campaign.storesCount(1).next().storeId(1);
        campaign.name("cluster bench");
        final long campaignId = send(client, keyed(buffer, MessageHeaderEncoder.ENCODED_LENGTH + campaign.encodedLength()),
            CampaignCreatedDecoder.TEMPLATE_ID);
        final CreateDropEncoder drop = new CreateDropEncoder().wrapAndApplyHeader(buffer, 0, header)
            .campaignId(campaignId)
            .tierCode("T1")
            .quantity((int)Math.min(Integer.MAX_VALUE, stock))
            .perUserLimit(1)
            .startsAt(now)
            .endsAt(CreateDropEncoder.endsAtNullValue());
        final long dropId = send(client, keyed(buffer, MessageHeaderEncoder.ENCODED_LENGTH + drop.encodedLength()),
            DropCreatedDecoder.TEMPLATE_ID);
        this.campaignId = campaignId;
        return dropId;
    }

    /** Sends one set-up command and returns the id its result carries first. */
    private static long send(final EngineClusterClient client, final byte[] command, final int expectedTemplateId)
    {
        final CompletableFuture<Long> id = new CompletableFuture<>();
        client.submit(new UnsafeBuffer(command), 0, command.length, new EngineClusterClient.ReplyHandler()
        {
            @Override
            public void onReply(final long sequence, final long timestampMs, final long term, final int memberId,
                final DirectBuffer result, final int offset, final int length)
            {
                if (templateId(result, offset) != expectedTemplateId)
                {
                    id.completeExceptionally(new IllegalStateException("set-up refused: template " +
                        templateId(result, offset)));
                    return;
                }
                id.complete(result.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH));
            }

            @Override
            public void onUnanswered(final boolean sent)
            {
                id.completeExceptionally(new IllegalStateException("set-up unanswered"));
            }
        });
        return id.join();
    }

    private static byte[] keyed(final UnsafeBuffer command, final int length)
    {
        final UnsafeBuffer keyed = new UnsafeBuffer(new byte[length + 64]);
        final int prefix = MessageHeaderEncoder.ENCODED_LENGTH + new IdempotentEncoder()
            .wrapAndApplyHeader(keyed, 0, new MessageHeaderEncoder())
            .keyHigh(ThreadLocalRandom.current().nextLong())
            .keyLow(ThreadLocalRandom.current().nextLong())
            .requestDigest(0)
            .encodedLength();
        keyed.putBytes(prefix, command, 0, length);
        final byte[] bytes = new byte[prefix + length];
        keyed.getBytes(0, bytes);
        return bytes;
    }

    private static int templateId(final DirectBuffer result, final int offset)
    {
        return io.startline.engine.domain.TemplateIds.templateId(result, offset);
    }

    private static double ms(final long nanos)
    {
        return nanos / 1e6;
    }
}
