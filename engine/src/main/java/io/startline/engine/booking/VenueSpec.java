package io.startline.engine.booking;

import io.startline.engine.EngineContext;

/**
 * A venue as the organiser asks for it, filled in place by the command adapter and checked by
 * {@link Venues#createVenue}. Reused for every creation: nothing allocates per command.
 */
public final class VenueSpec
{
    public static final int NAME_MAX_BYTES = 200;

    public int utcOffsetMinutes;
    public int opensMinuteOfDay;
    public int closesMinuteOfDay;
    public int slotMinutes;
    public long priceFen;
    public int releaseDaysAhead;
    public int releaseMinuteOfDay;
    public int maxSlotsPerUserPerDay;
    public long holdTimeoutMs;
    public long cancelCutoffMs;
    public long checkInEarlyMs;
    public long checkInLateMs;
    public int noShowStrikesForBan;
    public int banDays;
    public int resourceCount;
    public final long[] resourceCode0;
    public final long[] resourceCode1;
    public final byte[] name = new byte[NAME_MAX_BYTES];
    public int nameLength;

    public VenueSpec(final EngineContext context)
    {
        resourceCode0 = new long[context.maxResourcesPerVenue()];
        resourceCode1 = new long[context.maxResourcesPerVenue()];
    }

    public int slotsPerDay()
    {
        return (closesMinuteOfDay - opensMinuteOfDay) / slotMinutes;
    }

    /**
     * Calendar rows a venue keeps: every bookable day (today and the next {@code releaseDaysAhead})
     * and yesterday, whose late check-ins and no-shows may still be running after midnight.
     */
    public int calendarDays()
    {
        return releaseDaysAhead + 2;
    }
}
