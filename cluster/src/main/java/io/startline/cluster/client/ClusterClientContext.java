package io.startline.cluster.client;

import io.startline.cluster.auth.SharedSecretAuthenticator;
import io.startline.cluster.member.MemberList;

import java.nio.file.Path;

/**
 * How a gateway reaches the cluster: the members, where their answers come back to, the
 * cluster secret, and how long a request may wait for an answer.
 */
public final class ClusterClientContext
{
    public static final String EGRESS_ENDPOINT_DEFAULT = "localhost:0";
    public static final long REQUEST_TIMEOUT_MS_DEFAULT = 5_000;
    public static final int QUEUE_CAPACITY_DEFAULT = 16_384;
    public static final int TERM_LENGTH_DEFAULT = 4 << 20;
    public static final long CONNECT_TIMEOUT_MS_DEFAULT = 3_000;

    private MemberList members;
    private String egressEndpoint = EGRESS_ENDPOINT_DEFAULT;
    private byte[] clusterSecret;
    private Path aeronDir;
    private long requestTimeoutMs = REQUEST_TIMEOUT_MS_DEFAULT;
    private long connectTimeoutMs = CONNECT_TIMEOUT_MS_DEFAULT;
    private int queueCapacity = QUEUE_CAPACITY_DEFAULT;
    private int termLength = TERM_LENGTH_DEFAULT;

    public ClusterClientContext validate()
    {
        check(members != null, "--members is required");
        check(clusterSecret != null && clusterSecret.length >= SharedSecretAuthenticator.MIN_SECRET_BYTES,
            "a cluster secret of at least " + SharedSecretAuthenticator.MIN_SECRET_BYTES +
            " bytes is required (--cluster-secret-file or STARTLINE_CLUSTER_SECRET)");
        check(egressEndpoint != null && egressEndpoint.lastIndexOf(':') > 0,
            "--egress must be host:port (port 0 for any): " + egressEndpoint);
        check(requestTimeoutMs >= 100 && requestTimeoutMs <= 600_000,
            "--request-timeout-ms must be in [100, 600000]: " + requestTimeoutMs);
        check(connectTimeoutMs >= 100 && connectTimeoutMs <= 600_000,
            "--connect-timeout-ms must be in [100, 600000]: " + connectTimeoutMs);
        check(queueCapacity >= 64 && queueCapacity <= 1 << 24 && Integer.bitCount(queueCapacity) == 1,
            "the request queue's capacity must be a power of two in [64, 16 Mi]: " + queueCapacity);
        check(termLength >= 1 << 20 && termLength <= 1 << 30 && Integer.bitCount(termLength) == 1,
            "--term-length must be a power of two in [1 MiB, 1 GiB]: " + termLength);
        return this;
    }

    private static void check(final boolean ok, final String message)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(message);
        }
    }

    public MemberList members()
    {
        return members;
    }

    public ClusterClientContext members(final MemberList value)
    {
        members = value;
        return this;
    }

    public String egressEndpoint()
    {
        return egressEndpoint;
    }

    /** Where members send this gateway's answers: {@code host:port}, reachable from every member; port 0 for any. */
    public ClusterClientContext egressEndpoint(final String value)
    {
        egressEndpoint = value;
        return this;
    }

    public byte[] clusterSecret()
    {
        return clusterSecret;
    }

    public ClusterClientContext clusterSecret(final byte[] value)
    {
        clusterSecret = value == null ? null : value.clone();
        return this;
    }

    /** An external media driver's directory; null for one embedded in the process. */
    public Path aeronDir()
    {
        return aeronDir;
    }

    public ClusterClientContext aeronDir(final Path value)
    {
        aeronDir = value;
        return this;
    }

    public long requestTimeoutMs()
    {
        return requestTimeoutMs;
    }

    /** How long a request waits for the cluster's answer, re-sent across leader changes, before it is given up. */
    public ClusterClientContext requestTimeoutMs(final long value)
    {
        requestTimeoutMs = value;
        return this;
    }

    public long connectTimeoutMs()
    {
        return connectTimeoutMs;
    }

    public ClusterClientContext connectTimeoutMs(final long value)
    {
        connectTimeoutMs = value;
        return this;
    }

    public int queueCapacity()
    {
        return queueCapacity;
    }

    public ClusterClientContext queueCapacity(final int value)
    {
        queueCapacity = value;
        return this;
    }

    public int termLength()
    {
        return termLength;
    }

    /** Of this gateway's ingress and egress channels: the largest message is an eighth of it. */
    public ClusterClientContext termLength(final int value)
    {
        termLength = value;
        return this;
    }
}
