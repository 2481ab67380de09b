package io.startline.gateway.http.routes;

import io.startline.gateway.http.ApiException;
import io.startline.gateway.http.HttpApi;
import io.startline.gateway.http.Json;
import io.startline.gateway.http.Reply;
import io.startline.gateway.http.Role;
import io.startline.persistence.replication.Replication;

import java.util.Set;

/**
 * {@code POST /api/admin/promote}: makes this standby the primary of a new epoch. The
 * operator's act after the primary is lost; the old primary, hearing of the new epoch, stops
 * taking writes.
 */
public final class ReplicationRoutes
{
    private ReplicationRoutes()
    {
    }

    public static void register(final HttpApi api, final Replication replication)
    {
        api.route("POST", "/api/admin/promote", Set.of(Role.ADMIN), false, request ->
        {
            if (replication == null)
            {
                throw new ApiException(409, "NOT_STANDBY", "this node runs without replication: it is the primary", null);
            }
            final long epoch;
            try
            {
                epoch = replication.promote();
            }
            catch (final IllegalStateException ex)
            {
                throw new ApiException(409, "NOT_STANDBY", ex.getMessage(), null);
            }
            request.reply(Reply.json(200, Json.object().put("role", "primary").put("epoch", epoch)));
        });
    }
}
