package io.startline.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.startline.gateway.console.CampaignSeries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's per-minute series of each campaign, which a console's charts read after a reload,
 * and the stock left of every open drop in /metrics, both sampled from the engine like any client.
 */
class CampaignSeriesTest
{
    private static final long SAMPLED_WITHIN_MS = 3 * CampaignSeries.SAMPLE_INTERVAL_MS;

    @TempDir
    Path dataDir;
    private TestNode node;
    private String admin;

    @BeforeEach
    void start()
    {
        node = new TestNode(dataDir);
        admin = node.token(Role.ADMIN, 1);
    }

    @AfterEach
    void stop()
    {
        node.close();
    }

    @Test
    void theSeriesHoldsTheCampaignsRunningTotalsAndTheMetricsTheStockLeftOfEachOpenDrop()
    {
        final long campaignId = Vouchers.createCampaign(node, admin);
        final long dropId = Vouchers.openDrop(node, admin, campaignId, 100);
        for (int user = 1; user <= 3; user++)
        {
            assertThat(Vouchers.claim(node, campaignId, dropId, user).status()).isEqualTo(201);
        }

        final JsonNode series = awaitSeries(campaignId, s -> s.get("points").size() == 1 &&
            s.get("points").get(0).get("claimed").asLong() == 3);
        assertThat(series.get("intervalMs").asLong()).isEqualTo(60_000);
        assertThat(series.get("pointsKept").asInt()).isEqualTo(24 * 60);
        assertThat(series.get("points").get(0).get("redeemed").asLong()).isZero();
        assertThat(node.get("/metrics", null).text()).contains("startline_drop_stock_left{campaign=\"" + campaignId +
            "\",drop=\"" + dropId + "\",tier=\"T50\"} 97.0");
    }

    @Test
    void aCampaignNotSampledHasNoPointsAndTheSeriesIsForAdminsOnly()
    {
        final TestNode.Response none = node.get("/api/campaigns/42/series", admin);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().get("points").size()).isZero();
        assertThat(node.get("/api/campaigns/42/series", node.token(Role.PARTICIPANT, 7)).status()).isEqualTo(403);
        assertThat(node.get("/api/campaigns/x/series", admin).status()).isEqualTo(404);
    }

    private JsonNode awaitSeries(final long campaignId, final Predicate<JsonNode> done)
    {
        final long deadline = System.currentTimeMillis() + SAMPLED_WITHIN_MS;
        JsonNode series;
        do
        {
            series = node.get("/api/campaigns/" + campaignId + "/series", admin).json();
            if (done.test(series))
            {
                return series;
            }
            pause();
        }
        while (System.currentTimeMillis() < deadline);
        throw new AssertionError("not sampled within " + SAMPLED_WITHIN_MS + " ms: " + series);
    }

    private static void pause()
    {
        try
        {
            Thread.sleep(100);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
