package io.startline.engine.support;

import java.util.Arrays;

/**
 * An insert-only open-addressing index from a key of (int tag, long a, long b) to an int value,
 * sized once for a fixed number of keys: person keys (128-bit keyed hashes) per race, or user ids
 * per race. Nothing is ever removed, so linear probing needs no tombstones.
 * <p>
 * Full 128-bit keys are compared, not a 64-bit digest of them, so two people never share a slot
 * however unlucky the hash.
 */
public final class Key128Index
{
    public static final int MISSING = -1;

    private final int mask;
    private final int maxKeys;
    private final int[] tags;
    private final long[] as;
    private final long[] bs;
    private final int[] values;
    private int size;

    /**
     * @param maxKeys the most keys it will hold; the table is at least twice that, a power of two.
     */
    public Key128Index(final int maxKeys)
    {
        final int slots = Integer.highestOneBit(Math.max(2, maxKeys) * 2 - 1) << 1;
        this.maxKeys = maxKeys;
        mask = slots - 1;
        tags = new int[slots];
        as = new long[slots];
        bs = new long[slots];
        values = new int[slots];
        Arrays.fill(values, MISSING);
    }

    public int get(final int tag, final long a, final long b)
    {
        for (int slot = slotOf(tag, a, b); ; slot = (slot + 1) & mask)
        {
            final int value = values[slot];
            if (value == MISSING || (tags[slot] == tag && as[slot] == a && bs[slot] == b))
            {
                return value;
            }
        }
    }

    /**
     * Adds or replaces a key's value.
     *
     * @throws IllegalStateException when more than the configured number of keys would be held:
     *                               callers check {@link #isFull()} first, so this is a bug.
     */
    public void put(final int tag, final long a, final long b, final int value)
    {
        if (value == MISSING)
        {
            throw new IllegalArgumentException("value " + MISSING + " marks an empty slot");
        }
        for (int slot = slotOf(tag, a, b); ; slot = (slot + 1) & mask)
        {
            if (values[slot] == MISSING)
            {
                if (size == maxKeys)
                {
                    throw new IllegalStateException("index full at " + maxKeys + " keys");
                }
                tags[slot] = tag;
                as[slot] = a;
                bs[slot] = b;
                values[slot] = value;
                size++;
                return;
            }
            if (tags[slot] == tag && as[slot] == a && bs[slot] == b)
            {
                values[slot] = value;
                return;
            }
        }
    }

    public boolean isFull()
    {
        return size == maxKeys;
    }

    public int size()
    {
        return size;
    }

    private int slotOf(final int tag, final long a, final long b)
    {
        return (int)StateHasher.mix(a * 31 + StateHasher.mix(b ^ tag)) & mask;
    }
}
