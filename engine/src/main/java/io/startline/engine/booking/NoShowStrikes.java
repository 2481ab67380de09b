package io.startline.engine.booking;

/**
 * No-shows and what they lead to: a booking not checked in by its late check-in deadline is a
 * no-show, a strike against its user at its venue, and enough strikes ban the user there.
 */
final class NoShowStrikes
{
    private static final long STRIKE_WINDOW_MS = Venues.STRIKE_WINDOW_DAYS * Venue.DAY_MS;

    final StrikeTable strikes;
    /** Which users may have a strike record: a hold reads {@link #strikes} only for them. */
    private final StrikeFilter strikeFilter;
    private final ReservationTable reservations;
    private final int[] cellHolder;

    NoShowStrikes(final ReservationTable reservations, final VenueCalendar calendar)
    {
        strikes = new StrikeTable(reservations.capacity);
        strikeFilter = new StrikeFilter(reservations.capacity);
        this.reservations = reservations;
        cellHolder = calendar.cellHolder;
    }

    /** @param userHash {@code StateHasher.mix(userId)}, which the strike filter reads first */
    boolean isBanned(final long userHash, final long userId, final int venueIndex, final long nowMs)
    {
        if (!strikeFilter.mayHave(userHash))
        {
            return false;
        }
        final int s = strikes.find(userId, venueIndex);
        return s != StrikeTable.MISSING && nowMs < strikes.bannedUntil[s];
    }

    /**
     * Walks the venue's slot starts in time order up to {@code nowMs − checkInLateMs}. A day whose
     * calendar row was never taken has no bookings, so the cursor jumps over it.
     */
    void recordNoShows(final Venue venue, final long nowMs)
    {
        while (true)
        {
            final int day = venue.noShowDay;
            final int row = venue.calendarRow(day);
            if (venue.rowDay[row] != day)
            {
                final long lastDeadline = venue.slotStartAt(day, venue.slotsPerDay - 1) + venue.checkInLateMs;
                if (nowMs > lastDeadline)
                {
                    venue.noShowDay = day + 1;
                    venue.noShowSlot = 0;
                    continue;
                }
                // Slots still to come on a day nobody has booked: wait at the first not yet due.
                final long dueFor = nowMs - venue.checkInLateMs - venue.slotStartAt(day, 0);
                final int firstNotDue = dueFor <= 0 ? 0 : (int)((dueFor + venue.slotMs - 1) / venue.slotMs);
                venue.noShowSlot = Math.max(venue.noShowSlot, firstNotDue);
                return;
            }
            if (nowMs <= venue.noShowDeadline())
            {
                return;
            }
            final int slot = venue.noShowSlot;
            for (int resource = 0; resource < venue.resourceCount; resource++)
            {
                final int holder = cellHolder[venue.cell(row, resource, slot)] - 1;
                if (holder >= 0 && reservations.firstSlot[holder] == slot &&
                    reservations.status[holder] == ReservationTable.BOOKED)
                {
                    recordNoShow(venue, holder);
                }
            }
            if (slot + 1 == venue.slotsPerDay)
            {
                venue.noShowDay = day + 1;
                venue.noShowSlot = 0;
            }
            else
            {
                venue.noShowSlot = slot + 1;
            }
        }
    }

    /**
     * A strike: {@code noShowStrikesForBan} of them with slot starts within
     * {@value Venues#STRIKE_WINDOW_DAYS} days ban the user at this venue for {@code banDays} from
     * the moment of the last no-show, and are used up by the ban.
     */
    private void recordNoShow(final Venue venue, final int b)
    {
        final ReservationTable t = reservations;
        t.status[b] = ReservationTable.NO_SHOW;
        final long userId = t.userId[b];
        int s = strikes.find(userId, venue.index);
        if (s == StrikeTable.MISSING)
        {
            s = strikes.add(userId, venue.index);
            strikeFilter.onRecordAdded(strikes, userId);
        }
        t.previousStrike[b] = strikes.latestNoShow[s];
        strikes.latestNoShow[s] = b;
        if (venue.noShowStrikesForBan == 0)
        {
            return;
        }
        // A user's strikes at a venue are all bookings of that venue.
        final long startAt = startAt(venue, b);
        int inWindow = 0;
        for (int x = b; x != ReservationTable.NONE && startAt(venue, x) > startAt - STRIKE_WINDOW_MS &&
            inWindow < venue.noShowStrikesForBan; x = t.previousStrike[x])
        {
            inWindow++;
        }
        if (inWindow == venue.noShowStrikesForBan)
        {
            strikes.bannedUntil[s] = startAt + venue.checkInLateMs + venue.banDays * Venue.DAY_MS;
            strikes.latestNoShow[s] = ReservationTable.NONE;
        }
    }

    private long startAt(final Venue venue, final int b)
    {
        return venue.slotStartAt(reservations.epochDay[b], reservations.firstSlot[b]);
    }

    /** Rebuilds the strike index and its filter from the strike records a snapshot restored. */
    void restoreIndex()
    {
        strikes.restoreIndex();
        strikeFilter.rebuild(strikes);
    }
}
