package io.startline.engine.booking;

/**
 * What one slot of the availability grid shows, one byte a slot on the wire (the Availability
 * result's {@code slotStatuses}). Names as API.md spells them.
 */
public final class SlotStatus
{
    public static final byte FREE = 0;
    public static final byte HELD = 1;
    public static final byte BOOKED = 2;
    public static final byte NOT_RELEASED = 3;
    public static final byte PAST = 4;
    /** In the organiser's day grid only: the booking was admitted at the gate. */
    public static final byte CHECKED_IN = 5;
    /** In the organiser's day grid only: the booking's holder never came. */
    public static final byte NO_SHOW = 6;

    private static final String[] NAMES = {"FREE", "HELD", "BOOKED", "NOT_RELEASED", "PAST", "CHECKED_IN", "NO_SHOW"};

    private SlotStatus()
    {
    }

    public static String name(final byte status)
    {
        return NAMES[status];
    }
}
