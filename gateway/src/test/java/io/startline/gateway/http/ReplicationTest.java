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
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
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
