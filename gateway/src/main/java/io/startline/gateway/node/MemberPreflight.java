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

/**
 * Before a member starts: every other member that already runs must have been given the same
 * member list. Aeron Cluster takes each member's list as it is, and members that disagree on an
 * address never form a quorum and say nothing of why; asking the running ones first turns that
 * into one line at start-up. A member not reachable yet is not asked: the first to start cannot
 * check, the later ones do.
 */
final class MemberPreflight
{
    private static final Duration TIMEOUT = Duration.ofMillis(1_000);

    private MemberPreflight()
    {
    }

    /** @throws IllegalArgumentException naming the first running member whose list differs. */
    static void checkPeersAgree(final MemberList members, final int selfId)
    {
        final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        for (final MemberList.Member peer : members.members())
        {
            if (peer.id() == selfId)
            {
                continue;
            }
            final JsonNode health = health(client, peer);
            if (health == null)
            {
                continue;
            }
            final String theirs = health.path("membersFingerprint").asText("");
            if (!theirs.isEmpty() && !theirs.equals(members.fingerprint()))
            {
                throw new IllegalArgumentException("--members disagrees with member " + peer.id() + "'s at " +
                    peer.endpoint(MemberList.STATUS_PORT_OFFSET) + ": it runs with " + health.path("members").asText() +
                    ", this member was given " + members + "; give every member the same list");
            }
        }
    }

    private static JsonNode health(final HttpClient client, final MemberList.Member peer)
    {
        try
        {
            final HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://" + peer.endpoint(MemberList.STATUS_PORT_OFFSET) + "/health")).timeout(TIMEOUT).build(),
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
