package io.startline.gateway.http;

import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.TickEncoder;
import io.startline.gateway.pipeline.PipelineContext;
import io.startline.gateway.link.SubmitStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A saturated node over real HTTP: when the ring is full, a write is answered 503 SATURATED
 * with Retry-After within the bounded wait, and nothing of it is accepted: not journaled, not
 * applied, and its Idempotency-Key is free for the retry.
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
                final TestNode.Response refused = node.post("/api/campaigns/" + campaignId + "/claims", alice,
                    "{\"dropId\":" + dropId + "}", "Idempotency-Key", "claim-in-the-rush");
                assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
                assertThat(refused.errorCode()).isEqualTo("SATURATED");
                assertThat(refused.retryAfter()).as("Retry-After").isNotNull();
                assertThat(refused.contentType()).startsWith("application/json");
                assertThat(node.get("/health", null).status()).as("health is not behind the ring").isEqualTo(200);
            }
            finally
            {
                release.countDown();
            }

            assertThat(node.get("/api/vouchers/me", alice).json().get("vouchers")).as("no claim was taken").isEmpty();
            assertThat(node.journaled()).as("only the ticks that filled the ring were journaled")
                .isEqualTo(journaledBefore + filled);
            final TestNode.Response retry = node.post("/api/campaigns/" + campaignId + "/claims", alice,
                "{\"dropId\":" + dropId + "}", "Idempotency-Key", "claim-in-the-rush");
            assertThat(retry.status()).as("the key was left free: " + retry).isEqualTo(201);
        }
    }

    /**
     * Ticks into the ring until it is full: the first one's answer blocks the responder until
     * {@code release}, so nothing behind it is freed.
     *
     * @return how many were accepted.
     */
    private static int fillTheRingBehindAHeldAnswer(final TestNode node, final CountDownLatch release)
    {
        final UnsafeBuffer tick = new UnsafeBuffer(new byte[64]);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH +
            new TickEncoder().wrapAndApplyHeader(tick, 0, new MessageHeaderEncoder()).encodedLength();
        assertThat(node.node.pipeline().submit(tick, 0, length, (sequence, timestampMs, result, offset, resultLength) ->
        {
            try
            {
                release.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        })).isEqualTo(SubmitStatus.ACCEPTED);
        int accepted = 1;
        while (node.node.pipeline().submit(tick, 0, length, null) == SubmitStatus.ACCEPTED)
        {
            accepted++;
        }
        assertThat(accepted).as("the ring's size").isEqualTo(RING_SIZE);
        return accepted;
    }
}
