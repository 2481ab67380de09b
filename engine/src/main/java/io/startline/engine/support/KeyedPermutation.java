package io.startline.engine.support;

/**
 * A keyed pseudo-random permutation of 64-bit values: a balanced four-round Feistel network
 * whose round function is {@link SipHash} under the secret key (Luby–Rackoff: four rounds of a
 * pseudo-random function give a strong pseudo-random permutation).
 * <p>
 * Used for codes handed to the public (voucher codes): without the key, the code of one id
 * says nothing about the code of the next, so codes cannot be guessed from one another; and
 * because it is a permutation, codes are unique by construction and the id is recovered from
 * the code by {@link #decode} without any lookup table.
 */
public final class KeyedPermutation
{
    private static final int ROUNDS = 4;

    private final long k0;
    private final long k1;

    public KeyedPermutation(final long k0, final long k1)
    {
        this.k0 = k0;
        this.k1 = k1;
    }

    public long encode(final long value)
    {
        int left = (int)(value >>> 32);
        int right = (int)value;
        for (int round = 0; round < ROUNDS; round++)
        {
            final int next = left ^ roundFunction(round, right);
            left = right;
            right = next;
        }
        return ((long)left << 32) | (right & 0xFFFF_FFFFL);
    }

    public long decode(final long code)
    {
        int left = (int)(code >>> 32);
        int right = (int)code;
        for (int round = ROUNDS - 1; round >= 0; round--)
        {
            final int previous = right ^ roundFunction(round, left);
            right = left;
            left = previous;
        }
        return ((long)left << 32) | (right & 0xFFFF_FFFFL);
    }

    private int roundFunction(final int round, final int half)
    {
        return (int)SipHash.hash(k0, k1, ((long)round << 32) | (half & 0xFFFF_FFFFL));
    }
}
