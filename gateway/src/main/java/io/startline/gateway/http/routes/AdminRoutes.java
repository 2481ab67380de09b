package io.startline.gateway.http.routes;

import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.TakeSnapshotEncoder;
import io.startline.gateway.http.ApiRequest;
import io.startline.gateway.http.HttpApi;
import io.startline.gateway.http.Json;
import io.startline.gateway.http.Reply;
import io.startline.gateway.http.Role;

import java.util.Set;

/**
 * {@code POST /api/admin/snapshot}: a snapshot now, for an operator before a rush or a backup.
 * It travels as a {@code TakeSnapshot} command: the single node snapshots right after it in its
 * journal; in a cluster the leader asks Aeron Cluster for a snapshot, which every member takes at
 * one log position. 202: asked for, taken a moment later.
 */
public final class AdminRoutes
{
    private AdminRoutes()
    {
    }

    public static void register(final HttpApi api)
    {
        api.route("POST", "/api/admin/snapshot", Set.of(Role.ADMIN), false, AdminRoutes::snapshot);
    }

    private static void snapshot(final ApiRequest request)
    {
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH +
                new TakeSnapshotEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).encodedLength(),
            (result, templateId) -> Reply.json(202, Json.object().put("snapshot", "requested")));
    }
}
