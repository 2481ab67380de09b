package io.startline.gateway.http.routes;

import io.startline.gateway.http.HttpApi;

/**
 * Every route of the API, the same on a single node and on a cluster gateway: one place to add a
 * domain's routes.
 */
public final class Routes
{
    private Routes()
    {
    }

    /**
     * @param personKeySecret keys the hash that national ID numbers become before anything reaches the engine.
     */
    public static HttpApi registerAll(final HttpApi api, final byte[] personKeySecret)
    {
        VoucherRoutes.register(api);
        CampaignSeriesRoutes.register(api);
        RaceRoutes.register(api, personKeySecret);
        VenueRoutes.register(api);
        AdminRoutes.register(api);
        return api;
    }
}
