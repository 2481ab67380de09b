package io.startline.gateway.http;

import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.TickEncoder;
import io.startline.gateway.pipeline.PipelineContext;
import io.startline.gateway.pipeline.Uninterrupted;
import io.startline.gateway.link.ResultListener;
import io.startline.gateway.link.SubmitStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A saturated node over real HTTP: when the ring is full, or the backlog would be answered later
 * than the latency target, a write is answered 503 SATURATED with Retry-After at once, and
 * nothing of it is accepted: not journaled, not applied, and its Idempotency-Key is free for the
 * retry.
 */
class SaturationTest
{
    private static final int RING_SIZE = 64;

    @TempDir
    Path dataDir;

    @Test
    void aFullRingAnswers503SaturatedWithRetryAfterAndTakesNothing() throws InterruptedException
    {
        try (TestNode node = new TestNode(dataDir, new PipelineContext().ringSize(RING_SIZE).saturationWaitMs(5)))
        {
            final String admin = node.token(Role.ADMIN, 1);
            final String alice = node.token(Role.PARTICIPANT, 1001);
            final long campaignId = Vouchers.createCampaign(node, admin);
            final long dropId = Vouchers.openDrop(node, admin, campaignId, 10);

            final long journaledBefore = node.journaled();
            final CountDownLatch release = new CountDownLatch(1);
            final int filled = fillTheRingBehindAHeldAnswer(node, release);
            try
            {
                final TestNode.Response refused = claimInTheRush(node, alice, campaignId, dropId);
                assertRefusedSaturated(refused);
                assertThat(refused.contentType()).startsWith("application/json");
                assertThat(node.get("/health", null).status()).as("health is not behind the ring").isEqualTo(200);
            }
            finally
            {
                release.countDown();
            }
            awaitTheBacklogAnswered(node);

            assertThat(node.get("/api/vouchers/me", alice).json().get("vouchers")).as("no claim was taken").isEmpty();
            assertThat(node.journaled()).as("only the ticks that filled the ring were journaled")
                .isEqualTo(journaledBefore + filled);
            final TestNode.Response retry = claimInTheRush(node, alice, campaignId, dropId);
            assertThat(retry.status()).as("the key was left free: " + retry).isEqualTo(201);
        }
    }

    @Test
    void aBacklogPastTheLatencyTargetAnswers503SaturatedAndIsCountedInMetrics() throws InterruptedException
    {
        try (TestNode node = new TestNode(dataDir, new PipelineContext().latencyTargetMs(10)))
        {
            final String admin = node.token(Role.ADMIN, 1);
            final String alice = node.token(Role.PARTICIPANT, 1001);
            final long campaignId = Vouchers.createCampaign(node, admin);
            final long dropId = Vouchers.openDrop(node, admin, campaignId, 10);
            teachThatACommandTakesAMillisecond(node);

            final long journaledBefore = node.journaled();
            final CountDownLatch release = new CountDownLatch(1);
            final int held = holdTheResponderAndQueueUntilRefused(node, release);
            final long refusedBefore = node.node.pipeline().refusedOverLatencyTarget();
            try
            {
                final TestNode.Response refused = claimInTheRush(node, alice, campaignId, dropId);
                assertRefusedSaturated(refused);
                assertThat(node.node.pipeline().refusedOverLatencyTarget()).isEqualTo(refusedBefore + 1);
                assertThat(node.get("/metrics", null).text())
                    .contains("startline_admission_refused_total " + node.node.pipeline().refusedOverLatencyTarget() + ".0");
            }
            finally
            {
                release.countDown();
            }
            awaitTheBacklogAnswered(node);
            assertThat(held).as("a few ticks, not the ring's 16,384").isLessThan(64);
            assertThat(node.get("/api/vouchers/me", alice).json().get("vouchers")).as("no claim was taken").isEmpty();
            final TestNode.Response retry = claimInTheRush(node, alice, campaignId, dropId);
            assertThat(retry.status()).as("the key was left free: " + retry).isEqualTo(201);
            assertThat(node.journaled()).isEqualTo(journaledBefore + held + 1);
        }
    }

    /** The same claim each time, under the same key: refused in the rush, taken on the retry. */
    private static TestNode.Response claimInTheRush(final TestNode node, final String participant, final long campaignId,
        final long dropId)
    {
        return node.post("/api/campaigns/" + campaignId + "/claims", participant, "{\"dropId\":" + dropId + "}",
            "Idempotency-Key", "claim-in-the-rush");
    }

    private static void assertRefusedSaturated(final TestNode.Response refused)
    {
        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.errorCode()).isEqualTo("SATURATED");
        assertThat(refused.retryAfter()).as("Retry-After").isNotNull();
    }

    /**
     * Ticks answered a millisecond each, queued behind a held one as far as the node takes them,
     * until the node's estimate of a command's cost is at least half a millisecond.
     */
    private static void teachThatACommandTakesAMillisecond(final TestNode node) throws InterruptedException
    {
        for (int round = 0; node.node.pipeline().serviceNsPerCommand() < TimeUnit.MICROSECONDS.toNanos(500); round++)
        {
            assertThat(round).as("rounds to learn a command's cost").isLessThan(20);
            final CountDownLatch release = new CountDownLatch(1);
            final AtomicInteger answered = new AtomicInteger();
            submitTick(node, (sequence, timestampMs, result, offset, resultLength) -> Uninterrupted.await(release));
            int accepted = 0;
            while (accepted < 300 && submitTick(node, (sequence, timestampMs, result, offset, resultLength) ->
            {
                Uninterrupted.sleepMs(1);
                answered.incrementAndGet();
            }) == SubmitStatus.ACCEPTED)
            {
                accepted++;
            }
            release.countDown();
            while (answered.get() < accepted)
            {
                Thread.sleep(1);
            }
        }
    }

    /**
     * Reads go through admission too, so one sent while the released backlog is still being
     * answered could itself be refused.
     */
    private static void awaitTheBacklogAnswered(final TestNode node) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (node.node.pipeline().ringOccupancy() > 0)
        {
            assertThat(System.nanoTime()).as("the released backlog answered within 10 s").isLessThan(deadlineNs);
            Thread.sleep(1);
        }
    }

    /** @return how many ticks were accepted, the held one included, before the first refusal. */
    private static int holdTheResponderAndQueueUntilRefused(final TestNode node, final CountDownLatch release)
    {
        assertThat(submitTick(node, (sequence, timestampMs, result, offset, resultLength) -> Uninterrupted.await(release)))
            .isEqualTo(SubmitStatus.ACCEPTED);
        int accepted = 1;
        SubmitStatus status;
        while ((status = submitTick(node, null)) == SubmitStatus.ACCEPTED)
        {
            accepted++;
        }
        assertThat(status).isEqualTo(SubmitStatus.OVER_LATENCY_TARGET);
        return accepted;
    }

    private static SubmitStatus submitTick(final TestNode node, final ResultListener listener)
    {
        final UnsafeBuffer tick = new UnsafeBuffer(new byte[64]);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH +
            new TickEncoder().wrapAndApplyHeader(tick, 0, new MessageHeaderEncoder()).encodedLength();
        return node.node.pipeline().submit(tick, 0, length, listener);
    }

    /**
     * Ticks into the ring until it is full: the first one's answer blocks the responder until
     * {@code release}, so nothing behind it is freed.
     *
     * @return how many were accepted.
     */
    private static int fillTheRingBehindAHeldAnswer(final TestNode node, final CountDownLatch release)
    {
        assertThat(submitTick(node, (sequence, timestampMs, result, offset, resultLength) -> Uninterrupted.await(release)))
            .isEqualTo(SubmitStatus.ACCEPTED);
        int accepted = 1;
        while (submitTick(node, null) == SubmitStatus.ACCEPTED)
        {
            accepted++;
        }
        assertThat(accepted).as("the ring's size").isEqualTo(RING_SIZE);
        return accepted;
    }
}
