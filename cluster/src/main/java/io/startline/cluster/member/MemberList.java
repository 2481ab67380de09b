package io.startline.cluster.member;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * The cluster's members as every member and gateway is configured with them:
 * {@code 0=10.0.0.1:9000,1=10.0.0.2:9000,2=10.0.0.3:9000}, a member id and a base port each.
 * Every port a member uses is the base plus a fixed offset, so one line describes the whole
 * cluster and cannot say two different things about one member.
 */
public final class MemberList
{
    /** {@code /health} and {@code /metrics} over HTTP (TCP). */
    public static final int STATUS_PORT_OFFSET = 0;
    /** Where gateways' cluster sessions send their requests (UDP). */
    public static final int INGRESS_PORT_OFFSET = 1;
    /** Raft's own traffic: votes, appends, heartbeats (UDP). */
    public static final int CONSENSUS_PORT_OFFSET = 2;
    /** The log the leader sends its followers (UDP). */
    public static final int LOG_PORT_OFFSET = 3;
    /** A follower catching up on the log it missed (UDP). */
    public static final int CATCHUP_PORT_OFFSET = 4;
    /** The member's archive, for log and snapshot replication between members (UDP). */
    public static final int ARCHIVE_PORT_OFFSET = 5;
    /** The ports a member takes from its base on. */
    public static final int PORTS_PER_MEMBER = 6;
    public static final int MAX_MEMBERS = 7;

    /** One member: its id, the host others reach it at, and its base port. */
    public record Member(int id, String host, int basePort)
    {
        public String endpoint(final int portOffset)
        {
            return host + ":" + (basePort + portOffset);
        }
    }

    private final List<Member> members;

    private MemberList(final List<Member> members)
    {
        this.members = List.copyOf(members);
    }

    /**
     * @throws IllegalArgumentException with a one-line reason for each mistake: a missing {@code =} or
     *                                  port, an id twice, ids not 0 to n − 1, a port out of range, two
     *                                  members on one host whose ports overlap.
     */
    public static MemberList parse(final String text)
    {
        if (text == null || text.isBlank())
        {
            throw new IllegalArgumentException("--members is required: id=host:port for each member, e.g. " +
                "0=10.0.0.1:9000,1=10.0.0.2:9000,2=10.0.0.3:9000");
        }
        final TreeMap<Integer, Member> byId = new TreeMap<>();
        for (final String part : text.split(","))
        {
            final Member member = parseMember(part.trim());
            if (byId.put(member.id(), member) != null)
            {
                throw new IllegalArgumentException("--members names member " + member.id() + " twice");
            }
        }
        if (byId.size() > MAX_MEMBERS)
        {
            throw new IllegalArgumentException("--members has " + byId.size() + " members; at most " + MAX_MEMBERS);
        }
        if (byId.lastKey() != byId.size() - 1)
        {
            throw new IllegalArgumentException("--members ids must be 0 to " + (byId.size() - 1) + ": " + byId.keySet());
        }
        final List<Member> members = new ArrayList<>(byId.values());
        checkNoOverlap(members);
        return new MemberList(members);
    }

    private static Member parseMember(final String part)
    {
        final int equals = part.indexOf('=');
        final int colon = part.lastIndexOf(':');
        if (equals <= 0 || colon <= equals + 1 || colon == part.length() - 1)
        {
            throw new IllegalArgumentException("--members: '" + part + "' is not id=host:port");
        }
        final int id;
        final int port;
        try
        {
            id = Integer.parseInt(part.substring(0, equals));
            port = Integer.parseInt(part.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--members: '" + part + "' is not id=host:port");
        }
        if (id < 0)
        {
            throw new IllegalArgumentException("--members: member id " + id + " is negative");
        }
        if (port < 1 || port + PORTS_PER_MEMBER - 1 > 65_535)
        {
            throw new IllegalArgumentException("--members: member " + id + "'s base port " + port + " must be in [1, " +
                (65_536 - PORTS_PER_MEMBER) + "]: it takes the " + PORTS_PER_MEMBER + " ports from it on");
        }
        return new Member(id, part.substring(equals + 1, colon), port);
    }

    private static void checkNoOverlap(final List<Member> members)
    {
        for (final Member a : members)
        {
            for (final Member b : members)
            {
                if (a.id() < b.id() && a.host().equalsIgnoreCase(b.host()) &&
                    Math.abs(a.basePort() - b.basePort()) < PORTS_PER_MEMBER)
                {
                    throw new IllegalArgumentException("--members: members " + a.id() + " and " + b.id() + " share " +
                        a.host() + " and their ports overlap: base ports must be " + PORTS_PER_MEMBER + " apart");
                }
            }
        }
    }

    public List<Member> members()
    {
        return members;
    }

    public int size()
    {
        return members.size();
    }

    /** @throws IllegalArgumentException when {@code id} is not one of the members. */
    public Member member(final int id)
    {
        if (id < 0 || id >= members.size())
        {
            throw new IllegalArgumentException("--member-id " + id + " is not in --members (ids 0 to " +
                (members.size() - 1) + ")");
        }
        return members.get(id);
    }

    /** Aeron Cluster's form: {@code id,ingress,consensus,log,catchup,archive|…}. */
    public String clusterMembers()
    {
        final StringBuilder text = new StringBuilder();
        for (final Member member : members)
        {
            text.append(member.id())
                .append(',').append(member.endpoint(INGRESS_PORT_OFFSET))
                .append(',').append(member.endpoint(CONSENSUS_PORT_OFFSET))
                .append(',').append(member.endpoint(LOG_PORT_OFFSET))
                .append(',').append(member.endpoint(CATCHUP_PORT_OFFSET))
                .append(',').append(member.endpoint(ARCHIVE_PORT_OFFSET))
                .append('|');
        }
        return text.toString();
    }

    /** The cluster client's form: {@code 0=host:port,1=host:port,…}. */
    public String ingressEndpoints()
    {
        final StringBuilder text = new StringBuilder();
        for (final Member member : members)
        {
            if (text.length() > 0)
            {
                text.append(',');
            }
            text.append(member.id()).append('=').append(member.endpoint(INGRESS_PORT_OFFSET));
        }
        return text.toString();
    }

    /** The list as written in canonical form, ids in order. */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        for (final Member member : members)
        {
            if (text.length() > 0)
            {
                text.append(',');
            }
            text.append(member.id()).append('=').append(member.host().toLowerCase()).append(':').append(member.basePort());
        }
        return text.toString();
    }

    /** The first 16 hex digits of SHA-256 over the canonical form: members with the same list agree on it. */
    public String fingerprint()
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }
}
