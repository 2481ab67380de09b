package io.startline.gateway.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.startline.cluster.member.MemberList;
import io.startline.gateway.http.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A member's {@code /health} on its status port, as its peers and the operators' tools ask for it. */
public final class MemberHealth
{
    private MemberHealth()
    {
    }

    /** The member's {@code /health}, or null when it does not answer within the timeout. */
    public static JsonNode fetch(final HttpClient client, final MemberList.Member member, final Duration timeout)
    {
        try
        {
            final HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://" + member.endpoint(MemberList.STATUS_PORT_OFFSET) + "/health")).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
            return Json.MAPPER.readTree(response.body());
        }
        catch (final IOException ex)
        {
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
