package io.startline.gateway.http;

import io.startline.engine.Engine;
import io.startline.engine.testkit.EngineDriver;
import io.startline.gateway.pipeline.Pipeline;
import io.startline.gateway.pipeline.PipelineContext;
import io.startline.persistence.PersistenceContext;
import io.startline.persistence.replication.AckMode;
import io.startline.persistence.replication.NodeRole;
import io.startline.persistence.replication.ReplicationContext;
import io.startline.persistence.replication.StandbyLostPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A primary and its standby in one JVM, each with its own embedded media driver, over UDP on
 * localhost: the standby journals and applies what the primary does; sync holds answers for
 * the standby; a lost standby refuses writes or falls back to async as configured; promotion
 * fences the old primary, which rejoins as a standby with the same state.
 */
class ReplicationTest
{
    @TempDir
    Path dir;

    @Test
    void theStandbyEndsWithThePrimarysStateAndRefusesWrites()
    {
        final Endpoints endpoints = Endpoints.free();
        final TestNode standby = new TestNode(dir.resolve("b"), endpoints.b(NodeRole.STANDBY, AckMode.SYNC,
            StandbyLostPolicy.REFUSE_WRITES));
        final TestNode primary = new TestNode(dir.resolve("a"), endpoints.a(NodeRole.PRIMARY, AckMode.SYNC,
            StandbyLostPolicy.REFUSE_WRITES));
        final String admin = primary.token(Role.ADMIN, 1);
        final long campaignId = Vouchers.createCampaign(primary, admin);
        final long dropId = Vouchers.openDrop(primary, admin, campaignId, 50);
        for (int user = 1; user <= 60; user++)
        {
            final TestNode.Response claim = Vouchers.claim(primary, campaignId, dropId, user);
            assertThat(claim.status()).as("claim %d: %s", user, claim.text()).isEqualTo(user <= 50 ? 201 : 409);
        }
        final TestNode.Response refused = standby.post("/api/campaigns/" + campaignId + "/drops", admin,
            "{\"tierCode\":\"T50\",\"quantity\":1,\"startsAt\":" + System.currentTimeMillis() + ",\"perUserLimit\":1}");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.errorCode()).isEqualTo("NOT_PRIMARY");
        assertThat(standby.get("/health", admin).json().get("role").asText()).isEqualTo("standby");
        assertThat(primary.get("/health", admin).json().get("replication").get("state").asText()).isEqualTo("LIVE");
        assertThat(standby.get("/api/campaigns/" + campaignId + "/stats", admin).json().get("claimed").asLong())
            .as("the standby answers queries from its own engine").isEqualTo(50);

        primary.close();
        standby.close();
        assertSameState(dir.resolve("a"), dir.resolve("b"));
    }

    @Test
    void aSyncPrimaryThatLosesItsStandbyHoldsTheWritesItTookAndRefusesNewOnesUntilTheStandbyIsBack() throws Exception
    {
        final Endpoints endpoints = Endpoints.free();
        final ReplicationContext standbyContext = endpoints.b(NodeRole.STANDBY, AckMode.SYNC,
            StandbyLostPolicy.REFUSE_WRITES);
        TestNode standby = new TestNode(dir.resolve("b"), standbyContext);
        final TestNode primary = new TestNode(dir.resolve("a"), endpoints.a(NodeRole.PRIMARY, AckMode.SYNC,
            StandbyLostPolicy.REFUSE_WRITES));
        final String admin = primary.token(Role.ADMIN, 1);
        final long campaignId = Vouchers.createCampaign(primary, admin);
        final long dropId = Vouchers.openDrop(primary, admin, campaignId, 10);

        standby.close();
        final CompletableFuture<TestNode.Response> held = CompletableFuture.supplyAsync(
            () -> Vouchers.claim(primary, campaignId, dropId, 1));
        await("the primary to refuse writes", () -> primary.get("/health", admin).json().get("replication")
            .get("writesRefused").asBoolean());
        assertThat(held).as("a write the standby never acknowledged is not answered").isNotDone();
        final TestNode.Response refused = Vouchers.claim(primary, campaignId, dropId, 2);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.errorCode()).isEqualTo("STANDBY_UNAVAILABLE");
        assertThat(refused.retryAfter()).isNotNull();
        assertThat(primary.get("/metrics", admin).text()).contains("startline_replication_writes_refused 1");

        standby = new TestNode(dir.resolve("b"), standbyContext);
        assertThat(held.get(30, TimeUnit.SECONDS).status()).as("answered once the standby has it").isEqualTo(201);
        assertThat(Vouchers.claim(primary, campaignId, dropId, 2).status()).isEqualTo(201);
        assertThat(primary.get("/health", admin).json().get("replication").get("writesRefused").asBoolean()).isFalse();

        primary.close();
        standby.close();
        assertSameState(dir.resolve("a"), dir.resolve("b"));
    }

    @Test
    void aSyncPrimaryConfiguredToFallBackAnswersWithoutItsStandbyAndSaysSo()
    {
        final Endpoints endpoints = Endpoints.free();
        final TestNode standby = new TestNode(dir.resolve("b"), endpoints.b(NodeRole.STANDBY, AckMode.SYNC,
            StandbyLostPolicy.FALL_BACK_TO_ASYNC));
        final TestNode primary = new TestNode(dir.resolve("a"), endpoints.a(NodeRole.PRIMARY, AckMode.SYNC,
            StandbyLostPolicy.FALL_BACK_TO_ASYNC));
        final String admin = primary.token(Role.ADMIN, 1);
        final long campaignId = Vouchers.createCampaign(primary, admin);
        final long dropId = Vouchers.openDrop(primary, admin, campaignId, 10);
        assertThat(primary.get("/health", admin).json().get("replication").get("fellBackToAsync").asBoolean()).isFalse();

        standby.close();
        assertThat(Vouchers.claim(primary, campaignId, dropId, 1).status()).isEqualTo(201);
        assertThat(primary.get("/health", admin).json().get("replication").get("fellBackToAsync").asBoolean()).isTrue();
        assertThat(primary.get("/metrics", admin).text()).contains("startline_replication_async_fallbacks_total 1.0");
        primary.close();
    }

    @Test
    void aStandbyStartedEmptyUnderLoadCatchesUpAndEndsWithThePrimarysState() throws Exception
    {
        final Endpoints endpoints = Endpoints.free();
        final TestNode primary = new TestNode(dir.resolve("a"), endpoints.a(NodeRole.PRIMARY, AckMode.SYNC,
            StandbyLostPolicy.FALL_BACK_TO_ASYNC));
        final String admin = primary.token(Role.ADMIN, 1);
        final long campaignId = Vouchers.createCampaign(primary, admin);
        final long dropId = Vouchers.openDrop(primary, admin, campaignId, 2_500);
        for (int user = 1; user <= 500; user++)
        {
            assertThat(Vouchers.claim(primary, campaignId, dropId, user).status()).isEqualTo(201);
        }
        final CompletableFuture<Integer> load = CompletableFuture.supplyAsync(() ->
        {
            int claimed = 0;
            for (int user = 501; user <= 2_500; user++)
            {
                claimed += Vouchers.claim(primary, campaignId, dropId, user).status() == 201 ? 1 : 0;
            }
            return claimed;
        });
        final TestNode standby = new TestNode(dir.resolve("b"), endpoints.b(NodeRole.STANDBY, AckMode.SYNC,
            StandbyLostPolicy.FALL_BACK_TO_ASYNC));
        assertThat(load.get(120, TimeUnit.SECONDS)).as("every claim under load answered").isEqualTo(2_000);
        await("the standby to catch up and the primary to be back in sync", () ->
        {
            final var replication = primary.get("/health", admin).json().get("replication");
            return "LIVE".equals(replication.get("state").asText()) && !replication.get("fellBackToAsync").asBoolean();
        });
        assertThat(standby.get("/api/campaigns/" + campaignId + "/stats", admin).json().get("claimed").asLong())
            .isEqualTo(2_500);
        primary.close();
        standby.close();
        assertSameState(dir.resolve("a"), dir.resolve("b"));
    }

    @Test
    void aPromotedStandbyFencesTheOldPrimaryWhichRejoinsAsAStandbyWithTheSameState()
    {
        final Endpoints endpoints = Endpoints.free();
        final TestNode standby = new TestNode(dir.resolve("b"), endpoints.b(NodeRole.STANDBY, AckMode.SYNC,
            StandbyLostPolicy.FALL_BACK_TO_ASYNC));
        TestNode oldPrimary = new TestNode(dir.resolve("a"), endpoints.a(NodeRole.PRIMARY, AckMode.SYNC,
            StandbyLostPolicy.FALL_BACK_TO_ASYNC));
        final String admin = oldPrimary.token(Role.ADMIN, 1);
        final long campaignId = Vouchers.createCampaign(oldPrimary, admin);
        final long dropId = Vouchers.openDrop(oldPrimary, admin, campaignId, 100);
        for (int user = 1; user <= 20; user++)
        {
            assertThat(Vouchers.claim(oldPrimary, campaignId, dropId, user).status()).isEqualTo(201);
        }
        final String claimPath = "/api/campaigns/" + campaignId + "/claims";
        final String claimBody = "{\"dropId\":" + dropId + "}";
        final String user30 = oldPrimary.token(Role.PARTICIPANT, 30);
        final TestNode.Response keyed = oldPrimary.post(claimPath, user30, claimBody, "Idempotency-Key", "k-30");
        assertThat(keyed.status()).isEqualTo(201);

        final TestNode.Response promoted = standby.post("/api/admin/promote", admin, null);
        assertThat(promoted.status()).as(promoted.text()).isEqualTo(200);
        assertThat(promoted.json().get("epoch").asLong()).isEqualTo(2);
        assertThat(standby.post("/api/admin/promote", admin, null).status()).as("only a standby").isEqualTo(409);
        final TestNode fenced = oldPrimary;
        await("the old primary to learn of epoch 2", () -> fenced.get("/metrics", admin).text()
            .contains("startline_replication_fenced 1"));
        final TestNode.Response refused = Vouchers.claim(oldPrimary, campaignId, dropId, 21);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.errorCode()).isEqualTo("NOT_PRIMARY");
        assertThat(Vouchers.claim(standby, campaignId, dropId, 21).status()).as("the new primary takes it")
            .isEqualTo(201);
        assertThat(Vouchers.claim(standby, campaignId, dropId, 5).status()).as("claims made before stay")
            .isEqualTo(409);
        final TestNode.Response retried = standby.post(claimPath, user30, claimBody, "Idempotency-Key", "k-30");
        assertThat(retried.text()).as("a keyed claim retried on the new primary gets its first answer")
            .isEqualTo(keyed.text());

        oldPrimary.close();
        oldPrimary = new TestNode(dir.resolve("a"), endpoints.a(NodeRole.STANDBY, AckMode.SYNC,
            StandbyLostPolicy.FALL_BACK_TO_ASYNC));
        final TestNode rejoined = oldPrimary;
        assertThat(rejoined.get("/health", admin).json().get("epoch").asLong()).isEqualTo(2);
        await("the new primary to have its standby back in sync", () ->
        {
            final var replication = standby.get("/health", admin).json().get("replication");
            return "LIVE".equals(replication.get("state").asText()) && !replication.get("fellBackToAsync").asBoolean();
        });
        assertThat(Vouchers.claim(standby, campaignId, dropId, 22).status()).isEqualTo(201);
        standby.close();
        rejoined.close();
        assertSameState(dir.resolve("b"), dir.resolve("a"));
    }

    static void assertSameState(final Path a, final Path b)
    {
        final Engine first = recover(a);
        final Engine second = recover(b);
        assertThat(second.lastSequence()).isEqualTo(first.lastSequence());
        assertThat(second.stateHash()).isEqualTo(first.stateHash());
    }

    static Engine recover(final Path dataDir)
    {
        try (Pipeline pipeline = Pipeline.start(new PipelineContext().tickIntervalMs(0),
            new PersistenceContext().dataDir(dataDir), EngineDriver.smallContext()))
        {
            return pipeline.engineAfterClose();
        }
    }

    static void await(final String what, final BooleanSupplier condition)
    {
        await(what, 30, condition);
    }

    static void await(final String what, final long timeoutSeconds, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            try
            {
                Thread.sleep(20);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
    }

    /** Two free UDP ports on localhost, one per node. */
    record Endpoints(int portA, int portB)
    {
        static Endpoints free()
        {
            return new Endpoints(freeUdpPort(), freeUdpPort());
        }

        private static int freeUdpPort()
        {
            try (DatagramSocket socket = new DatagramSocket(0))
            {
                return socket.getLocalPort();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        ReplicationContext a(final NodeRole role, final AckMode ack, final StandbyLostPolicy policy)
        {
            return context(role, ack, policy, portA, portB);
        }

        ReplicationContext b(final NodeRole role, final AckMode ack, final StandbyLostPolicy policy)
        {
            return context(role, ack, policy, portB, portA);
        }

        private static ReplicationContext context(final NodeRole role, final AckMode ack,
            final StandbyLostPolicy policy, final int listen, final int peer)
        {
            return new ReplicationContext().role(role).ackMode(ack).standbyLostPolicy(policy)
                .listenChannel(ReplicationContext.udpChannel("localhost:" + listen))
                .peerChannel(ReplicationContext.udpChannel("localhost:" + peer))
                .syncTimeoutMs(1_000).handshakeTimeoutMs(2_000);
        }
    }
}
