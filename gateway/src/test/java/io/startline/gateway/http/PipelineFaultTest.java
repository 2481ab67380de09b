package io.startline.gateway.http;

import io.startline.gateway.pipeline.PipelineContext;
import io.startline.persistence.PersistenceContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a stage of the pipeline meets a broken invariant the node stops taking commands for
 * good. Every caller then in flight, in either stage layout, is answered at once (a write's
 * outcome unknown, with the key to learn it), later callers are told the node failed and needs a
 * restart, not that it is shutting down, and after the restart each key gets its write's one
 * outcome.
 */
class PipelineFaultTest
{
    private static final int CLAIMS = 32;

    @TempDir
    Path dataDir;

    private volatile boolean broken;

    @ParameterizedTest
    @EnumSource(PipelineContext.StageLayout.class)
    void everyCallerInFlightAtTheFaultIsAnsweredAndEachKeyGetsItsOutcomeAfterTheRestart(
        final PipelineContext.StageLayout layout) throws Exception
    {
        final long campaignId;
        final long dropId;
        try (TestNode node = new TestNode(new PipelineContext().stageLayout(layout), persistence()))
        {
            final String admin = node.token(Role.ADMIN, 1);
            campaignId = Vouchers.createCampaign(node, admin);
            dropId = Vouchers.openDrop(node, admin, campaignId, CLAIMS);

            broken = true;
            final List<CompletableFuture<TestNode.Response>> inFlight = new ArrayList<>();
            for (int claim = 0; claim < CLAIMS; claim++)
            {
                final int userId = 1001 + claim;
                inFlight.add(CompletableFuture.supplyAsync(() -> claim(node, campaignId, dropId, userId)));
            }
            int unknown = 0;
            for (int claim = 0; claim < CLAIMS; claim++)
            {
                final TestNode.Response answer = inFlight.get(claim).get(30, TimeUnit.SECONDS);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
                assertThat(answer.errorCode()).as(answer.toString()).isIn("OUTCOME_UNKNOWN", "NODE_FAILED");
                if (answer.errorCode().equals("OUTCOME_UNKNOWN"))
                {
                    unknown++;
                    assertThat(answer.text()).contains("stopped after a fault").contains(key(1001 + claim));
                }
            }
            assertThat(unknown).as("the claim that met the fault was in flight").isPositive();

            final TestNode.Response later = claim(node, campaignId, dropId, 1);
            assertThat(later.errorCode()).as(later.toString()).isEqualTo("NODE_FAILED");
            assertThat(later.text()).contains("restarts it").doesNotContain("shutting down");
            final TestNode.Response health = node.get("/health", null);
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("fault").asText()).contains("a broken invariant");
        }
        broken = false;
        try (TestNode restarted = new TestNode(new PipelineContext().stageLayout(layout), persistence()))
        {
            for (int claim = 0; claim < CLAIMS; claim++)
            {
                final TestNode.Response retried = claim(restarted, campaignId, dropId, 1001 + claim);
                assertThat(retried.status()).as("no write reached the journal: " + retried).isEqualTo(201);
            }
        }
    }

    private static TestNode.Response claim(final TestNode node, final long campaignId, final long dropId,
        final int userId)
    {
        return node.post("/api/campaigns/" + campaignId + "/claims", node.token(Role.PARTICIPANT, userId),
            "{\"dropId\":" + dropId + "}", "Idempotency-Key", key(userId));
    }

    private static String key(final int userId)
    {
        return "claim-of-" + userId;
    }

    private PersistenceContext persistence()
    {
        return new PersistenceContext().dataDir(dataDir).writeFault(write ->
        {
            if (broken)
            {
                throw new IllegalStateException("a broken invariant, not a full disk");
            }
        });
    }
}
