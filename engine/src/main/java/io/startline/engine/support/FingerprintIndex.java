package io.startline.engine.support;

/**
 * An insert-only hash index from a 64-bit key hash to an int value, eight bytes a slot: a
 * 32-bit fingerprint of the hash and the value. The full key lives with the value (an entry's
 * person key, say), so the caller confirms each candidate there:
 * <pre>
 * for (int v = index.find(hash); v != FingerprintIndex.MISSING; v = index.findNext())
 * {
 *     if (keyOf(v) equals key) return v;
 * }
 * </pre>
 * Most lookups are misses (a new person, a new user) and never leave the table: at eight bytes
 * a slot, the index of a million entries is 16 MiB and can stay in the last-level cache, where
 * a table holding the whole key would not. A fingerprint collision costs one extra check, about
 * one lookup in four billion.
 */
public final class FingerprintIndex
{
    public static final int MISSING = -1;

    private final long[] slots;
    private final int mask;
    private final int maxKeys;
    private int size;
    private int cursor;
    private int fingerprint;

    /**
     * @param maxKeys the most keys it will hold; the table is at least twice that, a power of two.
     */
    public FingerprintIndex(final int maxKeys)
    {
        final int slotCount = Integer.highestOneBit(Math.max(2, maxKeys) * 2 - 1) << 1;
        this.maxKeys = maxKeys;
        mask = slotCount - 1;
        slots = new long[slotCount];
    }

    /**
     * @return the first value whose key hash has the same fingerprint, or {@link #MISSING}.
     */
    public int find(final long hash)
    {
        cursor = (int)hash & mask;
        fingerprint = (int)(hash >>> 32);
        return scan();
    }

    /**
     * @return the next candidate after the one {@link #find} or {@code findNext} returned.
     */
    public int findNext()
    {
        cursor = (cursor + 1) & mask;
        return scan();
    }

    /**
     * Reads the slot a lookup of {@code hash} starts at and changes nothing, not even the
     * cursor. Touching the slots of several keys one after another puts their cache misses in
     * flight together, so the lookups that follow find them in cache.
     *
     * @return the slot's contents, for the caller to keep so the read is not optimised away.
     */
    public long touch(final long hash)
    {
        return slots[(int)hash & mask];
    }

    /**
     * Adds a key the caller has just found absent.
     *
     * @throws IllegalStateException past the configured number of keys: callers check capacity first.
     */
    public void insert(final long hash, final int value)
    {
        if (size == maxKeys)
        {
            throw new IllegalStateException("index full at " + maxKeys + " keys");
        }
        if (value < 0 || value == Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("values are 0 to " + (Integer.MAX_VALUE - 1) + ": " + value);
        }
        int slot = (int)hash & mask;
        while (slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }
        slots[slot] = (hash & 0xFFFF_FFFF_0000_0000L) | (value + 1L);
        size++;
    }

    /**
     * Gives the candidate that the last {@link #find} or {@link #findNext} returned a new value,
     * for an index whose values move on (a user's newest voucher, say). Nothing else may use
     * the index between that lookup and this call.
     */
    public void replace(final int value)
    {
        if (value < 0 || value == Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("values are 0 to " + (Integer.MAX_VALUE - 1) + ": " + value);
        }
        slots[cursor] = (slots[cursor] & 0xFFFF_FFFF_0000_0000L) | (value + 1L);
    }

    public int size()
    {
        return size;
    }

    /** Every value held, in slot order (which depends on the order of insertion). */
    public void forEachValue(final java.util.function.IntConsumer consumer)
    {
        for (final long slot : slots)
        {
            if (slot != 0)
            {
                consumer.accept((int)slot - 1);
            }
        }
    }

    private int scan()
    {
        while (true)
        {
            final long slot = slots[cursor];
            if (slot == 0)
            {
                return MISSING;
            }
            if ((int)(slot >>> 32) == fingerprint)
            {
                return (int)slot - 1;
            }
            cursor = (cursor + 1) & mask;
        }
    }
}
