package io.startline.gateway.http;

import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.TakeSnapshotEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code Idempotency-Key} outlives the node that first saw it: the key and the first answer
 * are engine state, journaled with the command and kept in snapshots, so a client that retries
 * after a restart (its first answer lost with the node, say) gets that first answer and the
 * retry changes nothing.
 */
class DurableIdempotencyTest
{
    @TempDir
    Path dataDir;

    private static final String KEY = "claim-after-crash-1";

    private record Claimed(long campaignId, long dropId, TestNode.Response first)
    {
    }

    private static Claimed claimWithKey(final TestNode node)
    {
        final String admin = node.token(Role.ADMIN, 1);
        final long campaignId = Vouchers.createCampaign(node, admin);
        final long dropId = Vouchers.openDrop(node, admin, campaignId, 10);
        final TestNode.Response first = node.post("/api/campaigns/" + campaignId + "/claims",
            node.token(Role.PARTICIPANT, 1001), "{\"dropId\":" + dropId + "}", "Idempotency-Key", KEY);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        return new Claimed(campaignId, dropId, first);
    }

    private static void retriesGetTheFirstAnswer(final TestNode node, final Claimed claimed)
    {
        final String alice = node.token(Role.PARTICIPANT, 1001);
        final long journaled = node.journaled();
        final TestNode.Response retry = node.post("/api/campaigns/" + claimed.campaignId() + "/claims", alice,
            "{\"dropId\":" + claimed.dropId() + "}", "Idempotency-Key", KEY);

        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.text()).as("the first answer, the same voucher").isEqualTo(claimed.first().text());
        assertThat(node.get("/api/vouchers/me", alice).json().get("vouchers")).as("and still one voucher").hasSize(1);
        assertThat(node.journaled()).as("the new node did not know the key: the engine answered it")
            .isEqualTo(journaled + 1);

        final TestNode.Response otherBody = node.post("/api/campaigns/" + claimed.campaignId() + "/claims", alice,
            "{\"dropId\":" + (claimed.dropId() + 1) + "}", "Idempotency-Key", KEY);
        assertThat(otherBody.status()).as(otherBody.toString()).isEqualTo(409);
        assertThat(otherBody.errorCode()).isEqualTo("IDEMPOTENCY_MISMATCH");
        assertThat(node.get("/api/vouchers/me", alice).json().get("vouchers")).hasSize(1);
    }

    @Test
    void aRetryAfterARestartGetsTheFirstAnswerReplayedFromTheJournal()
    {
        final Claimed claimed;
        try (TestNode node = new TestNode(dataDir))
        {
            claimed = claimWithKey(node);
        }
        try (TestNode node = new TestNode(dataDir))
        {
            assertThat(node.node.pipeline().recovered().snapshot()).as("recovered from the journal alone").isNull();
            retriesGetTheFirstAnswer(node, claimed);
        }
    }

    @Test
    void aRetryAfterARestartFromASnapshotGetsTheFirstAnswer() throws InterruptedException
    {
        final Claimed claimed;
        try (TestNode node = new TestNode(dataDir))
        {
            claimed = claimWithKey(node);
            final UnsafeBuffer takeSnapshot = new UnsafeBuffer(new byte[64]);
            final int length = MessageHeaderEncoder.ENCODED_LENGTH +
                new TakeSnapshotEncoder().wrapAndApplyHeader(takeSnapshot, 0, new MessageHeaderEncoder()).encodedLength();
            final CountDownLatch taken = new CountDownLatch(1);
            node.node.pipeline().submit(takeSnapshot, 0, length, (sequence, timestampMs, result, offset, resultLength) ->
                taken.countDown());
            assertThat(taken.await(30, TimeUnit.SECONDS)).isTrue();
        }
        try (TestNode node = new TestNode(dataDir))
        {
            assertThat(node.node.pipeline().recovered().snapshot()).as("recovered from the snapshot").isNotNull();
            assertThat(node.node.pipeline().recovered().replayedCommands()).as("with nothing after it").isZero();
            retriesGetTheFirstAnswer(node, claimed);
        }
    }
}
