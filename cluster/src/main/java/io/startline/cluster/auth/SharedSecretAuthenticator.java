package io.startline.cluster.auth;

import io.aeron.security.Authenticator;
import io.aeron.security.SessionProxy;
import org.agrona.collections.LongHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may open a session with the cluster: a gateway that presents the cluster secret. The
 * comparison takes the same time whatever the bytes; a session that fails is rejected and
 * logged. Runs on the consensus module's thread, as Aeron calls it.
 * <p>
 * The secret travels in the connect request as it is: the members' network is to be private
 * (see the README), and this check keeps out what reaches the ingress port by mistake or from
 * outside, not an attacker who can read that network.
 */
public final class SharedSecretAuthenticator implements Authenticator
{
    private static final Logger LOG = LoggerFactory.getLogger(SharedSecretAuthenticator.class);
    public static final byte[] GATEWAY_PRINCIPAL = "gateway".getBytes(StandardCharsets.US_ASCII);
    /** Shortest secret taken: 128 bits of entropy when made by {@code startline keygen}. */
    public static final int MIN_SECRET_BYTES = 16;

    private final byte[] secret;
    /** Sessions whose connect request carried the secret, until they are told. */
    private final LongHashSet accepted = new LongHashSet();
    private static final long LOG_INTERVAL_MS = 10_000;
    private long refused;
    private long lastLogMs = Long.MIN_VALUE;

    public SharedSecretAuthenticator(final byte[] secret)
    {
        if (secret == null || secret.length < MIN_SECRET_BYTES)
        {
            throw new IllegalArgumentException("the cluster secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.secret = secret.clone();
    }

    @Override
    public void onConnectRequest(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        if (encodedCredentials != null && MessageDigest.isEqual(secret, encodedCredentials))
        {
            accepted.add(sessionId);
        }
        else
        {
            accepted.remove(sessionId);
        }
    }

    @Override
    public void onChallengeResponse(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        onConnectRequest(sessionId, encodedCredentials, nowMs);
    }

    @Override
    public void onConnectedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        decide(sessionProxy, nowMs);
    }

    @Override
    public void onChallengedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        decide(sessionProxy, nowMs);
    }

    /** Refusals are logged once every ten seconds at most, with the count: a stranger retrying cannot flood the log. */
    private void decide(final SessionProxy sessionProxy, final long nowMs)
    {
        final long sessionId = sessionProxy.sessionId();
        if (accepted.contains(sessionId))
        {
            if (sessionProxy.authenticate(GATEWAY_PRINCIPAL))
            {
                accepted.remove(sessionId);
            }
            return;
        }
        sessionProxy.reject();
        refused++;
        if (nowMs - lastLogMs >= LOG_INTERVAL_MS)
        {
            lastLogMs = nowMs;
            LOG.warn("cluster: refused session {}: its credentials are not the cluster secret ({} refused so far)",
                sessionId, refused);
        }
    }
}
