package io.startline.gateway.pipeline;

import io.startline.engine.testkit.ChildJvm;
import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.CampaignCreatedDecoder;
import io.startline.engine.codec.CampaignStatsDecoder;
import io.startline.engine.codec.ClaimVoucherEncoder;
import io.startline.engine.codec.CreateCampaignEncoder;
import io.startline.engine.codec.CreateDropEncoder;
import io.startline.engine.codec.DropCreatedDecoder;
import io.startline.engine.codec.GetCampaignStatsEncoder;
import io.startline.engine.codec.GetUserVouchersEncoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RedeemVoucherEncoder;
import io.startline.engine.codec.UserVouchersDecoder;
import io.startline.engine.codec.VoucherClaimedDecoder;
import io.startline.engine.codec.VoucherRedeemedDecoder;
import io.startline.engine.codec.VoucherStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node runs in a child JVM; a client fires voucher claims and redemptions at it and
 * records every answer it gets; the node is killed with SIGKILL at a random moment and
 * restarted on the same data directory. Every acknowledged effect must be there, nothing
 * oversold, nothing doubled. Several rounds, several moments; the seed is printed.
 */
class CrashRecoveryTest
{
    private static final int ROUNDS = 5;
    private static final int STOCK = 6_000;
    private static final long STORE = 77;
    private static final long FACE_FEN = 5_000;
    private static final long THRESHOLD_FEN = 20_000;

    @TempDir
    Path dataDir;

    private final Map<Long, Long> ackedClaims = new ConcurrentHashMap<>();
    private final Map<Long, Long> ackedRedemptions = new ConcurrentHashMap<>();
    private final AtomicLong acknowledged = new AtomicLong();

    @Test
    void everyAcknowledgedEffectSurvivesSigkillAndNothingIsOversoldOrDoubled() throws Exception
    {
        final long seed = Long.getLong("startline.seed", System.nanoTime());
        System.out.println("CrashRecoveryTest seed " + seed + " (rerun with -Dstartline.seed=" + seed + ")");
        final SplittableRandom random = new SplittableRandom(seed);

        long campaignId;
        long dropId;
        try (Node node = Node.start(dataDir))
        {
            final long now = System.currentTimeMillis();
            campaignId = node.call(b -> createCampaign(b, now)).campaignId;
            dropId = node.call(b -> createDrop(b, campaignId, now)).dropId;
        }
        assertThat(campaignId).isPositive();

        for (int round = 0; round < ROUNDS; round++)
        {
            final long killAfterMs = 150 + random.nextInt(900);
            final long acknowledgedBefore = acknowledged.get();
            try (Node node = Node.start(dataDir))
            {
                verify(node, campaignId);
                final long userBase = 1 + round * 2_000L;
                final Thread client = new Thread(() -> fire(node, random.split(), campaignId, dropId, userBase));
                client.setDaemon(true);
                client.start();
                Thread.sleep(killAfterMs);
                node.kill();
                client.join(30_000);
            }
            System.out.printf("round %d: killed after %d ms; %d answers, %d claims won and %d redemptions " +
                "acknowledged so far%n", round, killAfterMs, acknowledged.get(), ackedClaims.size(), ackedRedemptions.size());
            assertThat(acknowledged.get()).as("the round got answers before the kill").isGreaterThan(acknowledgedBefore);
        }
        try (Node node = Node.start(dataDir))
        {
            verify(node, campaignId);
        }
    }

    /** Claims from fresh and repeated users, and redemptions of vouchers already won, until the node dies. */
    private void fire(final Node node, final SplittableRandom random, final long campaignId, final long dropId,
        final long userBase)
    {
        final List<Long> mine = new ArrayList<>();
        try
        {
            while (true)
            {
                if (!mine.isEmpty() && random.nextInt(3) == 0)
                {
                    final long code = mine.get(random.nextInt(mine.size()));
                    final String txn = "t" + code + "-" + random.nextInt(2);
                    node.send(b -> redeem(b, code, txn), answer -> onRedeemed(answer, code));
                }
                else
                {
                    final long user = userBase + random.nextInt(1_500);
                    node.send(b -> claim(b, user, campaignId, dropId), answer ->
                    {
                        final Long code = onClaimed(answer, user);
                        if (code != null)
                        {
                            synchronized (mine)
                            {
                                mine.add(code);
                            }
                        }
                    });
                }
                if (random.nextInt(50) == 0)
                {
                    Thread.sleep(1);
                }
            }
        }
        catch (final IOException | InterruptedException ex)
        {
            // The node was killed: this round is over.
        }
    }

    private Long onClaimed(final Answer answer, final long user)
    {
        countAcknowledged(answer);
        if (answer.sequence > 0 && answer.templateId() == VoucherClaimedDecoder.TEMPLATE_ID)
        {
            final long code = new VoucherClaimedDecoder().wrap(answer.buffer(), MessageHeaderDecoder.ENCODED_LENGTH,
                VoucherClaimedDecoder.BLOCK_LENGTH, VoucherClaimedDecoder.SCHEMA_VERSION).voucherCode();
            final Long earlier = ackedClaims.putIfAbsent(user, code);
            assertThat(earlier).as("user %d acknowledged twice", user).isNull();
            return code;
        }
        return null;
    }

    private void countAcknowledged(final Answer answer)
    {
        if (answer.sequence > 0)
        {
            acknowledged.incrementAndGet();
        }
    }

    private void onRedeemed(final Answer answer, final long code)
    {
        countAcknowledged(answer);
        if (answer.sequence > 0 && answer.templateId() == VoucherRedeemedDecoder.TEMPLATE_ID)
        {
            final VoucherRedeemedDecoder d = new VoucherRedeemedDecoder().wrap(answer.buffer(),
                MessageHeaderDecoder.ENCODED_LENGTH, VoucherRedeemedDecoder.BLOCK_LENGTH,
                VoucherRedeemedDecoder.SCHEMA_VERSION);
            final Long earlier = ackedRedemptions.putIfAbsent(code, d.redemptionId());
            if (earlier != null)
            {
                assertThat(d.replayed()).as("a second redemption of %d is only a replay", code)
                    .isEqualTo(BooleanType.TRUE);
                assertThat(d.redemptionId()).isEqualTo(earlier);
            }
        }
    }

    private void verify(final Node node, final long campaignId) throws Exception
    {
        for (final Map.Entry<Long, Long> claim : ackedClaims.entrySet())
        {
            final Answer answer = node.call(b -> userVouchers(b, claim.getKey()));
            final UserVouchersDecoder decoder = new UserVouchersDecoder().wrap(answer.buffer(),
                MessageHeaderDecoder.ENCODED_LENGTH, UserVouchersDecoder.BLOCK_LENGTH, UserVouchersDecoder.SCHEMA_VERSION);
            final List<Long> codes = new ArrayList<>();
            final Map<Long, VoucherStatus> statuses = new HashMap<>();
            for (final UserVouchersDecoder.VouchersDecoder v : decoder.vouchers())
            {
                codes.add(v.voucherCode());
                statuses.put(v.voucherCode(), v.status());
            }
            assertThat(codes).as("user %d's acknowledged voucher, and no second one", claim.getKey())
                .containsExactly(claim.getValue());
            if (ackedRedemptions.containsKey(claim.getValue()))
            {
                assertThat(statuses.get(claim.getValue())).as("acknowledged redemption of %d", claim.getValue())
                    .isEqualTo(VoucherStatus.REDEEMED);
            }
        }
        final Answer stats = node.call(b -> campaignStats(b, campaignId));
        final CampaignStatsDecoder decoder = new CampaignStatsDecoder().wrap(stats.buffer(),
            MessageHeaderDecoder.ENCODED_LENGTH, CampaignStatsDecoder.BLOCK_LENGTH, CampaignStatsDecoder.SCHEMA_VERSION);
        long claimed = 0;
        long redeemed = 0;
        for (final CampaignStatsDecoder.DropsDecoder drop : decoder.drops())
        {
            claimed += drop.claimed();
            redeemed += drop.redeemed();
        }
        assertThat(claimed).as("never oversold").isLessThanOrEqualTo(STOCK);
        System.out.printf("verified after restart: %d vouchers claimed of %d, %d redeemed%n", claimed, STOCK, redeemed);
        assertThat(claimed).as("every acknowledged claim counted").isGreaterThanOrEqualTo(ackedClaims.size());
        assertThat(redeemed).as("every acknowledged redemption counted, once")
            .isGreaterThanOrEqualTo(ackedRedemptions.size()).isLessThanOrEqualTo(claimed);
        assertThat(decoder.budgetLeftFen()).as("budget never exceeded").isGreaterThanOrEqualTo(0);
    }

    private static int createCampaign(final UnsafeBuffer b, final long now)
    {
        final CreateCampaignEncoder e = new CreateCampaignEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .budgetFen(STOCK * FACE_FEN).validUntil(now + TimeUnit.DAYS.toMillis(30)).validDaysAfterClaim(7)
            .perUserLimit(1);
        e.tiersCount(1).next().code("T50").faceValueFen(FACE_FEN).thresholdFen(THRESHOLD_FEN);
        e.storesCount(1).next().storeId(STORE);
        e.name("crash test");
        return e.encodedLength();
    }

    private static int createDrop(final UnsafeBuffer b, final long campaignId, final long now)
    {
        return new CreateDropEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).campaignId(campaignId)
            .tierCode("T50").quantity(STOCK).perUserLimit(1).startsAt(now).endsAt(CreateDropEncoder.endsAtNullValue())
            .encodedLength();
    }

    private static int claim(final UnsafeBuffer b, final long user, final long campaignId, final long dropId)
    {
        return new ClaimVoucherEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).userId(user)
            .campaignId(campaignId).dropId(dropId).encodedLength();
    }

    private static int redeem(final UnsafeBuffer b, final long code, final String txn)
    {
        return new RedeemVoucherEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).storeId(STORE)
            .voucherCode(code).orderAmountFen(THRESHOLD_FEN + 100).merchantTxnId(txn).encodedLength();
    }

    private static int userVouchers(final UnsafeBuffer b, final long user)
    {
        return new GetUserVouchersEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).userId(user)
            .encodedLength();
    }

    private static int campaignStats(final UnsafeBuffer b, final long campaignId)
    {
        return new GetCampaignStatsEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).campaignId(campaignId)
            .encodedLength();
    }

    /** One answer from the node. */
    record Answer(long sequence, byte[] bytes, long campaignId, long dropId)
    {
        UnsafeBuffer buffer()
        {
            return new UnsafeBuffer(bytes);
        }

        int templateId()
        {
            return bytes.length < MessageHeaderDecoder.ENCODED_LENGTH ? -1 :
                new MessageHeaderDecoder().wrap(buffer(), 0).templateId();
        }
    }

    /** The child JVM and the two ends of its pipe. */
    private static final class Node implements AutoCloseable
    {
        private final Process process;
        private final DataOutputStream requests;
        private final Map<Long, java.util.function.Consumer<Answer>> waiting = new ConcurrentHashMap<>();
        private final AtomicLong nextId = new AtomicLong(1);
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final UnsafeBuffer encoding = new UnsafeBuffer(new byte[4096]);

        private Node(final Process process)
        {
            this.process = process;
            requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
            final Thread reader = new Thread(this::readAnswers, "crash-test-answers");
            reader.setDaemon(true);
            reader.start();
        }

        static Node start(final Path dataDir) throws Exception
        {
            final Process process = ChildJvm.command(List.of("-Xmx512m"), CrashNode.class, List.of(dataDir.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
            final Node node = new Node(process);
            node.ready.get(60, TimeUnit.SECONDS);
            return node;
        }

        Answer call(final Function<UnsafeBuffer, Integer> encode) throws Exception
        {
            final CompletableFuture<Answer> answer = new CompletableFuture<>();
            send(encode, answer::complete);
            return answer.get(30, TimeUnit.SECONDS);
        }

        void send(final Function<UnsafeBuffer, Integer> encode, final java.util.function.Consumer<Answer> onAnswer)
            throws IOException
        {
            synchronized (requests)
            {
                final int length = MessageHeaderEncoder.ENCODED_LENGTH + encode.apply(encoding);
                final long id = nextId.getAndIncrement();
                waiting.put(id, onAnswer);
                requests.writeLong(id);
                requests.writeInt(length);
                requests.write(encoding.byteArray(), 0, length);
                requests.flush();
            }
        }

        void kill() throws InterruptedException
        {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        private void readAnswers()
        {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16)))
            {
                while (true)
                {
                    final long id = in.readLong();
                    final long sequence = in.readLong();
                    final byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    if (id == CrashNode.READY_ID)
                    {
                        ready.complete(null);
                        continue;
                    }
                    final java.util.function.Consumer<Answer> onAnswer = waiting.remove(id);
                    if (onAnswer != null)
                    {
                        final Answer answer = new Answer(sequence, bytes, 0, 0);
                        onAnswer.accept(withIds(answer));
                    }
                }
            }
            catch (final IOException ex)
            {
                ready.completeExceptionally(ex);
            }
        }

        private static Answer withIds(final Answer answer)
        {
            final int template = answer.templateId();
            if (template == CampaignCreatedDecoder.TEMPLATE_ID)
            {
                return new Answer(answer.sequence(), answer.bytes(), new CampaignCreatedDecoder().wrap(answer.buffer(),
                    MessageHeaderDecoder.ENCODED_LENGTH, CampaignCreatedDecoder.BLOCK_LENGTH,
                    CampaignCreatedDecoder.SCHEMA_VERSION).campaignId(), 0);
            }
            if (template == DropCreatedDecoder.TEMPLATE_ID)
            {
                return new Answer(answer.sequence(), answer.bytes(), 0, new DropCreatedDecoder().wrap(answer.buffer(),
                    MessageHeaderDecoder.ENCODED_LENGTH, DropCreatedDecoder.BLOCK_LENGTH,
                    DropCreatedDecoder.SCHEMA_VERSION).dropId());
            }
            return answer;
        }

        @Override
        public void close() throws Exception
        {
            if (process.isAlive())
            {
                requests.close();
                if (!process.waitFor(60, TimeUnit.SECONDS))
                {
                    process.destroyForcibly();
                }
            }
        }
    }
}
