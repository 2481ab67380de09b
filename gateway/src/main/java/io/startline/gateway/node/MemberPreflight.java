package io.startline.gateway.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.startline.cluster.member.MemberList;

import java.net.http.HttpClient;
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
            final JsonNode health = MemberHealth.fetch(client, peer, TIMEOUT);
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
}
