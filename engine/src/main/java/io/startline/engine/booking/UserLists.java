package io.startline.engine.booking;

import io.startline.engine.support.StateHasher;

/**
 * Each user's list of reservations, newest first: its head in {@link UserHeads}, its links in
 * {@link ReservationTable#previousOfUser}. A hold joins its user's list later, in a burst.
 */
final class UserLists
{
    static final int LINK_BURST = 256;

    private final ReservationTable reservations;
    /** Per user: the newest reservation, the head of the user's list. Kept up to date by {@link #linkPending}. */
    private final UserHeads newestByUser;
    /**
     * Holds placed since their users' lists were last extended, in order. A hold costs its
     * user's list a cache miss in {@link #newestByUser}; linking {@value #LINK_BURST} of them at a
     * time, their users' entries read first in a loop that waits on none of them, puts those
     * misses in flight together, off the hold's path. Whatever reads a user's list, a snapshot
     * or the state hash links them first.
     */
    private final int[] pendingLinks = new int[LINK_BURST];
    /** Each pending hold's {@code StateHasher.mix(userId)}, worked out when it was placed. */
    private final long[] pendingLinkHashes = new long[LINK_BURST];
    private int pendingLinkCount;
    /** What {@link #linkPending} read ahead, kept so that the reads are not compiled away. */
    private long linkReadAhead;

    UserLists(final ReservationTable reservations)
    {
        this.reservations = reservations;
        newestByUser = new UserHeads(reservations.capacity);
    }

    /** Hold {@code h}, whose user hashes to {@code userHash}, joins its user's list with the next burst. */
    void addPending(final int h, final long userHash)
    {
        pendingLinks[pendingLinkCount] = h;
        pendingLinkHashes[pendingLinkCount] = userHash;
        if (++pendingLinkCount == LINK_BURST)
        {
            linkPending();
        }
    }

    /**
     * Puts the holds placed since the last call at the head of their users' lists, in the order
     * they were placed: the list reads the same whenever this runs.
     */
    void linkPending()
    {
        final ReservationTable t = reservations;
        long readAhead = 0;
        for (int i = 0; i < pendingLinkCount; i++)
        {
            readAhead += newestByUser.homeKey(pendingLinkHashes[i]);
        }
        linkReadAhead += readAhead;
        for (int i = 0; i < pendingLinkCount; i++)
        {
            final int h = pendingLinks[i];
            t.previousOfUser[h] = newestByUser.put(pendingLinkHashes[i], t.userId[h], h);
        }
        pendingLinkCount = 0;
    }

    int newestOf(final long userId)
    {
        linkPending();
        return newestByUser.get(userId);
    }

    /** Reservation {@code h}, read from a snapshot with its list link, becomes its user's newest. */
    void restore(final int h)
    {
        newestByUser.put(StateHasher.mix(reservations.userId[h]), reservations.userId[h], h);
    }
}
