package io.startline.bench.load;

/**
 * The time arithmetic of a venue released "at 08:00" at a moment the run chooses. A venue's
 * release time is a minute of its local day, so the run picks the next whole minute as the
 * release instant and gives the venue the UTC offset that makes that minute 08:00 local time:
 * the slots of the local day {@code releaseDaysAhead} ahead become bookable exactly then.
 */
public final class ReleaseClock
{
    public static final int RELEASE_MINUTE_OF_DAY = 8 * 60;
    private static final long MINUTE_MS = 60_000L;
    private static final int MINUTES_A_DAY = 1440;
    /** The node accepts offsets from −14:00 to +14:00. */
    private static final int MAX_OFFSET_MINUTES = 14 * 60;

    private final long releaseAtMs;
    private final int utcOffsetMinutes;
    private final long releasedEpochDay;

    /**
     * @param releaseAtMs      the release instant: a whole UTC minute
     * @param releaseDaysAhead how many days before a local day its slots are released
     */
    public ReleaseClock(final long releaseAtMs, final int releaseDaysAhead)
    {
        if (releaseAtMs % MINUTE_MS != 0)
        {
            throw new IllegalArgumentException("a release is at a whole minute: " + releaseAtMs);
        }
        this.releaseAtMs = releaseAtMs;
        final long utcMinute = releaseAtMs / MINUTE_MS;
        int offset = (int)Math.floorMod(RELEASE_MINUTE_OF_DAY - utcMinute, (long)MINUTES_A_DAY);
        if (offset > MAX_OFFSET_MINUTES)
        {
            offset -= MINUTES_A_DAY;
        }
        utcOffsetMinutes = offset;
        releasedEpochDay = Math.floorDiv(utcMinute + utcOffsetMinutes, MINUTES_A_DAY) + releaseDaysAhead;
    }

    /** The first whole minute at least {@code leadMs} after {@code nowMs}. */
    public static long nextWholeMinute(final long nowMs, final long leadMs)
    {
        return Math.floorDiv(nowMs + leadMs + MINUTE_MS - 1, MINUTE_MS) * MINUTE_MS;
    }

    public long releaseAtMs()
    {
        return releaseAtMs;
    }

    /** The venue's offset: the release instant is 08:00 there. */
    public int utcOffsetMinutes()
    {
        return utcOffsetMinutes;
    }

    /** The local day whose slots the release opens. */
    public long releasedEpochDay()
    {
        return releasedEpochDay;
    }

    /** The instant a slot of the released day starts, from its local minute of the day. */
    public long slotStartMs(final int localMinuteOfDay)
    {
        return ((releasedEpochDay * MINUTES_A_DAY) + localMinuteOfDay - utcOffsetMinutes) * MINUTE_MS;
    }
}
