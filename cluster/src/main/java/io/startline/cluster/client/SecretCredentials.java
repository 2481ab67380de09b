package io.startline.cluster.client;

import io.aeron.security.CredentialsSupplier;

/** The cluster secret, presented when the gateway opens its session. */
final class SecretCredentials implements CredentialsSupplier
{
    private final byte[] secret;

    SecretCredentials(final byte[] secret)
    {
        this.secret = secret.clone();
    }

    @Override
    public byte[] encodedCredentials()
    {
        return secret.clone();
    }

    @Override
    public byte[] onChallenge(final byte[] encodedChallenge)
    {
        return secret.clone();
    }
}
