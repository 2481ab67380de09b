package io.startline.engine.booking;

import io.startline.engine.support.StateHasher;

import java.util.Arrays;

/**
 * One bit per user hash, set for a user with a strike record at some venue: a hold reads the
 * strike table, a miss in a table of tens of MiB, only for a user whose bit is set. Every hold
 * reads this filter, so it is kept as small as its records allow: it starts at
 * {@value #MIN_BITS} bits (8 KiB, which stays in cache) and doubles, set again from the records,
 * whenever they would set more than one bit in {@value #BITS_PER_RECORD}; at most one bit in 32
 * is then set, and about one hold in 32 by a user without strikes reads the table. It grows to
 * at most {@value #MAX_BITS} bits (4 MiB), allocated up front, so growing allocates nothing.
 * Derived state: rebuilt from the strike records on snapshot load.
 */
final class StrikeFilter
{
    static final int MIN_BITS = 1 << 16;
    static final int BITS_PER_RECORD = 32;
    static final int MAX_BITS = 1 << 25;

    private final long[] words;
    private int bitMask;

    /** For up to {@code maxRecords} strike records (one per user and venue at most). */
    StrikeFilter(final int maxRecords)
    {
        words = new long[bitsFor(maxRecords) / 64];
        bitMask = MIN_BITS - 1;
    }

    /** The filter's size for {@code records} records: a power of two, {@value #BITS_PER_RECORD} bits a record or more, within the bounds. */
    static int bitsFor(final int records)
    {
        final long wanted = Math.max(MIN_BITS, (long)records * BITS_PER_RECORD);
        return (int)Math.min(MAX_BITS, Long.highestOneBit(wanted - 1) << 1);
    }

    int bits()
    {
        return bitMask + 1;
    }

    /**
     * @param userHash {@code StateHasher.mix(userId)}, which a hold works out once for every table it reads.
     */
    boolean mayHave(final long userHash)
    {
        final int bit = bit(userHash);
        return (words[bit >>> 6] & (1L << bit)) != 0;
    }

    /** A new strike record: sets its user's bit, first growing the filter if the records now call for it. */
    void onRecordAdded(final StrikeTable strikes, final long userId)
    {
        if (bitsFor(strikes.count) > bits())
        {
            rebuild(strikes);
        }
        else
        {
            set(userId);
        }
    }

    /** Sized for the records and set from them, as after a snapshot load. */
    void rebuild(final StrikeTable strikes)
    {
        final int bits = bitsFor(strikes.count);
        Arrays.fill(words, 0, bits / 64, 0L);
        bitMask = bits - 1;
        for (int s = 0; s < strikes.count; s++)
        {
            set(strikes.userId[s]);
        }
    }

    private void set(final long userId)
    {
        final int bit = bit(StateHasher.mix(userId));
        words[bit >>> 6] |= 1L << bit;
    }

    /** The low bits of the hash's high half. */
    private int bit(final long userHash)
    {
        return (int)(userHash >>> 32) & bitMask;
    }
}
