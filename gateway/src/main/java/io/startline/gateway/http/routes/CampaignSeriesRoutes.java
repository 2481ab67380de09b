package io.startline.gateway.http.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.startline.gateway.console.CampaignSeries;
import io.startline.gateway.http.HttpApi;
import io.startline.gateway.http.Json;
import io.startline.gateway.http.Reply;
import io.startline.gateway.http.Role;

import java.util.Set;

/**
 * The campaigns' figures over time, from the gateway's {@link CampaignSeries}: a console's charts
 * read them after a reload, and /metrics reads the stock left of every open drop.
 */
final class CampaignSeriesRoutes
{
    private CampaignSeriesRoutes()
    {
    }

    static void register(final HttpApi api)
    {
        final CampaignSeries series = new CampaignSeries(api.link()).start();
        api.closeWith(series);
        GaugeWithCallback.builder().name("startline_drop_stock_left")
            .help("Vouchers still claimable in each open drop, as of the newest sample (every " +
                CampaignSeries.SAMPLE_INTERVAL_MS / 1000 + " s)")
            .labelNames("campaign", "drop", "tier")
            .callback(cb -> series.openDrops().forEach(drop -> cb.call(drop.stockLeft(),
                Long.toString(drop.campaignId()), Long.toString(drop.dropId()), drop.tierCode())))
            .register(api.registry());
        api.route("GET", "/api/campaigns/{campaignId}/series", Set.of(Role.ADMIN), false, request ->
        {
            final long campaignId = request.pathId("campaignId", "CAMPAIGN_NOT_FOUND");
            final ObjectNode reply = Json.object()
                .put("campaignId", campaignId)
                .put("intervalMs", series.pointIntervalMs())
                .put("pointsKept", CampaignSeries.POINTS_KEPT);
            final ArrayNode points = reply.putArray("points");
            for (final var point : series.points(campaignId))
            {
                points.addObject()
                    .put("atMs", point.atMs())
                    .put("claimed", point.claimed())
                    .put("redeemed", point.redeemed())
                    .put("refunded", point.refunded())
                    .put("subsidyPaidFen", point.subsidyPaidFen())
                    .put("consumerSpendFen", point.consumerSpendFen());
            }
            request.reply(Reply.json(200, reply));
        });
    }
}
