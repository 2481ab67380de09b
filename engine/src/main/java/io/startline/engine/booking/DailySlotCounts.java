package io.startline.engine.booking;

import io.startline.engine.support.FingerprintIndex;
import io.startline.engine.support.StateHasher;

/**
 * Held + booked slots per (user, venue, local day), for {@code maxSlotsPerUserPerDay}. A counter
 * is created by the first hold of its key and kept (at zero, if need be) from then on, so there
 * are never more counters than reservations.
 */
final class DailySlotCounts
{
    static final int MISSING = FingerprintIndex.MISSING;

    private final FingerprintIndex index;
    final long[] userId;
    final long[] venueDay;
    final int[] slots;
    int count;

    DailySlotCounts(final int capacity)
    {
        index = new FingerprintIndex(capacity);
        userId = new long[capacity];
        venueDay = new long[capacity];
        slots = new int[capacity];
    }

    int find(final long user, final int venueIndex, final int day)
    {
        final long key = venueDay(venueIndex, day);
        for (int c = index.find(hash(user, key)); c != MISSING; c = index.findNext())
        {
            if (userId[c] == user && venueDay[c] == key)
            {
                return c;
            }
        }
        return MISSING;
    }

    /** Adds the counter of a key {@link #find} has just reported missing. */
    int add(final long user, final int venueIndex, final int day)
    {
        final int c = count++;
        userId[c] = user;
        venueDay[c] = venueDay(venueIndex, day);
        slots[c] = 0;
        index.insert(hash(user, venueDay[c]), c);
        return c;
    }

    private static long venueDay(final int venueIndex, final int day)
    {
        return ((long)venueIndex << 32) | (day & 0xFFFF_FFFFL);
    }

    private static long hash(final long user, final long venueDay)
    {
        return StateHasher.mix(user * 0x9E3779B97F4A7C15L + venueDay);
    }
}
