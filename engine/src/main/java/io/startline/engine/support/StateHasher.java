package io.startline.engine.support;

/**
 * Folds domain state into one 64-bit value so that a live engine, a replayed one and a
 * cluster's members can be compared cheaply. Sequences of values are folded in order; the contents of
 * hash maps, whose iteration order depends on their history, are folded with
 * {@link #unordered(long, long)} and added with {@link #addUnordered()} so that equal
 * contents give equal hashes however they were built.
 */
public final class StateHasher
{
    private long hash = 0x5374617274696e65L;
    private long unorderedSum;

    public StateHasher add(final long value)
    {
        hash = Long.rotateLeft(hash ^ mix(value), 29) * 0x9E3779B97F4A7C15L;
        return this;
    }

    public StateHasher add(final byte[] bytes, final int length)
    {
        add(length);
        for (int i = 0; i < length; i++)
        {
            add(bytes[i]);
        }
        return this;
    }

    public void unordered(final long key, final long value)
    {
        unorderedSum += mix(mix(key) + value);
    }

    public StateHasher addUnordered()
    {
        add(unorderedSum);
        unorderedSum = 0;
        return this;
    }

    public long hash()
    {
        return mix(hash);
    }

    /**
     * The MurmurHash3 64-bit finaliser: every input bit affects every output bit.
     */
    public static long mix(long value)
    {
        value ^= value >>> 33;
        value *= 0xff51afd7ed558ccdL;
        value ^= value >>> 33;
        value *= 0xc4ceb9fe1a85ec53L;
        value ^= value >>> 33;
        return value;
    }
}
