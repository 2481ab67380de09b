package io.startline.engine.booking;

/**
 * The venues by index (id − 1), and what a reservation's venue says about it: when it starts
 * and what it costs.
 */
final class VenueTable
{
    private final Venue[] venues;
    private final ReservationTable reservations;
    private int count;

    VenueTable(final int maxVenues, final ReservationTable reservations)
    {
        venues = new Venue[maxVenues];
        this.reservations = reservations;
    }

    /** @return the venue with id {@code venueId}, or null when there is none. */
    Venue byId(final long venueId)
    {
        if (venueId < 1 || venueId > count)
        {
            return null;
        }
        return venues[(int)(venueId - 1)];
    }

    Venue at(final int index)
    {
        return venues[index];
    }

    /** The venue of reservation {@code h}. */
    Venue of(final int h)
    {
        return venues[reservations.venueIndex[h]];
    }

    int count()
    {
        return count;
    }

    boolean isFull()
    {
        return count == venues.length;
    }

    void add(final Venue venue)
    {
        assert venue.index == count : "venue " + venue.index + " added as venue " + count;
        venues[count++] = venue;
    }

    long startAt(final int h)
    {
        return of(h).slotStartAt(reservations.epochDay[h], reservations.firstSlot[h]);
    }

    long amountFen(final int h)
    {
        return of(h).priceFen * reservations.slots[h];
    }
}
