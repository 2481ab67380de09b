package io.startline.engine.booking;

import org.agrona.collections.Long2LongHashMap;

/**
 * No-show strikes and bans per (user, venue). A record is created by the pair's first no-show,
 * so there are never more records than reservations. Strikes are a chain through the
 * reservations ({@link ReservationTable#previousStrike}), newest first; a ban consumes them.
 */
final class StrikeTable
{
    static final int MISSING = -1;

    private final Long2LongHashMap recordByKey;
    final int[] venueIndex;
    final long[] userId;
    final int[] latestNoShow;
    final long[] bannedUntil;
    int count;

    StrikeTable(final int capacity)
    {
        // Sized for the limit at load factor 1/2, so it never grows while the engine runs.
        recordByKey = new Long2LongHashMap(capacity * 2, 0.5f, MISSING);
        venueIndex = new int[capacity];
        userId = new long[capacity];
        latestNoShow = new int[capacity];
        bannedUntil = new long[capacity];
    }

    int find(final long user, final int venue)
    {
        return (int)recordByKey.get(key(user, venue));
    }

    int add(final long user, final int venue)
    {
        final int s = count++;
        venueIndex[s] = venue;
        userId[s] = user;
        latestNoShow[s] = ReservationTable.NONE;
        bannedUntil[s] = Long.MIN_VALUE;
        recordByKey.put(key(user, venue), s);
        return s;
    }

    /** After a snapshot load filled the records: the index is derived, not stored. */
    void restoreIndex()
    {
        for (int s = 0; s < count; s++)
        {
            recordByKey.put(key(userId[s], venueIndex[s]), s);
        }
    }

    /** User ids are below 2^53 and venue indexes below 2^11 (see EngineContext), so the pair fits. */
    private static long key(final long user, final int venue)
    {
        return (user << 11) | venue;
    }
}
