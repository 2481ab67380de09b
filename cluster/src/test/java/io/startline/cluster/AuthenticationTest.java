package io.startline.cluster;

import io.startline.cluster.client.EngineClusterClient;
import io.startline.engine.testkit.EngineDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only a gateway with the cluster secret gets a session: one with another secret is refused, keeps
 * no session, and says why; one with the secret is served.
 */
class AuthenticationTest
{
    @TempDir
    Path dir;

    @Test
    void aGatewayWithoutTheClusterSecretIsRefusedAndOneWithItIsServed() throws Exception
    {
        try (LocalCluster cluster = new LocalCluster(dir, 1, EngineDriver::smallContext).startAll();
            EngineClusterClient stranger = new EngineClusterClient(cluster.clientContext()
                .clusterSecret("not-the-cluster-secret-at-all".getBytes(StandardCharsets.US_ASCII)));
            EngineClusterClient gateway = new EngineClusterClient(cluster.clientContext()))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!gateway.isConnected() && System.nanoTime() < deadline)
            {
                Thread.sleep(20);
            }
            assertThat(gateway.isConnected()).as("the gateway with the secret").isTrue();
            while (stranger.connectError() != null && !stranger.connectError().contains("authentication") &&
                System.nanoTime() < deadline)
            {
                Thread.sleep(20);
            }
            assertThat(stranger.isConnected()).as("the gateway without it").isFalse();
            assertThat(stranger.connectError()).containsIgnoringCase("authentication");
        }
    }
}
