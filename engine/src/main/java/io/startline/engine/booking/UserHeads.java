package io.startline.engine.booking;

import io.startline.engine.support.StateHasher;

/**
 * Per user, the newest reservation: the head of the user's list. Open addressing with linear
 * probing over (user id, reservation) pairs held side by side in one array, so a probe reads
 * one cache line, and a user's home pair can be read ahead of the probe ({@link #homeKey}).
 * Sized once for the reservation limit at most half full, so it never grows; entries are
 * never removed (a reservation stays in its user's list for good). User ids are at least 1, so
 * 0 marks an empty pair. Derived state: rebuilt from the reservations on snapshot load.
 */
final class UserHeads
{
    static final int NONE = ReservationTable.NONE;

    private final long[] pairs;
    private final int slotMask;

    UserHeads(final int maxUsers)
    {
        final int slots = Integer.highestOneBit(Math.max(1, maxUsers) * 2 - 1) << 1;
        pairs = new long[slots * 2];
        slotMask = slots - 1;
    }

    /**
     * The user id held at the user's home pair, whichever user it is: reading it is what puts
     * the pair in cache, so that many users' misses are in flight together before their puts.
     */
    long homeKey(final long userHash)
    {
        return pairs[home(userHash) << 1];
    }

    /**
     * Makes {@code reservation} the user's newest; returns the one it follows, or {@link #NONE}.
     *
     * @param userHash {@code StateHasher.mix(userId)}, worked out once per hold.
     */
    int put(final long userHash, final long userId, final int reservation)
    {
        int slot = home(userHash);
        long key = pairs[slot << 1];
        while (key != 0 && key != userId)
        {
            slot = (slot + 1) & slotMask;
            key = pairs[slot << 1];
        }
        final int previous = key == 0 ? NONE : (int)pairs[(slot << 1) + 1];
        pairs[slot << 1] = userId;
        pairs[(slot << 1) + 1] = reservation;
        return previous;
    }

    /** The user's newest reservation, or {@link #NONE}. */
    int get(final long userId)
    {
        for (int slot = home(StateHasher.mix(userId)); ; slot = (slot + 1) & slotMask)
        {
            final long key = pairs[slot << 1];
            if (key == 0)
            {
                return NONE;
            }
            if (key == userId)
            {
                return (int)pairs[(slot << 1) + 1];
            }
        }
    }

    /** Bits of the hash apart from the strike filter's (its high half). */
    private int home(final long userHash)
    {
        return (int)(userHash >>> 24) & slotMask;
    }
}
