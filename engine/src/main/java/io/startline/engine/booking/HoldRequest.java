package io.startline.engine.booking;

/**
 * A hold as the message asks for it, made once by the adapter and filled per command, and what
 * its checks work out on the way, for the hold's placement.
 * <p>
 * The resource code's two words are as the message carries them, not yet checked: a code that
 * names one of the venue's resources is well-formed, as they all were when the venue was made,
 * so the code's own form is checked only on the way to a refusal, where a malformed code is the
 * answer (INVALID_ARGUMENT) whatever else is wrong.
 */
final class HoldRequest
{
    long venueId;
    long userId;
    long resourceCode0;
    long resourceCode1;
    long startAt;
    int slotCount;

    // Worked out by the checks.
    Venue venue;
    int resource;
    int day;
    int firstSlot;
    /** {@code StateHasher.mix(userId)}: one hash of the user for the strike filter, the row's table and the user's list. */
    long userHash;
    int row;
    /** Whether the calendar row of the day holds that day already; a row that holds another has no slots of it yet. */
    boolean rowHoldsDay;
    int countRegion;
    int firstCell;
}
