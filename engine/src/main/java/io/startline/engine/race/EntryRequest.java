package io.startline.engine.race;

/**
 * A decoded {@code SubmitEntry} request, reused for every one: the adapter fills it from the
 * flyweight and says what it found malformed there (a name or phone that is not text, a group
 * code that does not parse); {@link Races#submitEntry} checks the rest.
 */
final class EntryRequest
{
    long raceId;
    long userId;
    long categoryCode0;
    long categoryCode1;
    /** Whether the entry names a group. */
    boolean groupGiven;
    /** False when the group code given is not well formed. */
    boolean groupCodeValid;
    /** The group code's value, when given and well formed. */
    long groupCode;
    long personKey0;
    long personKey1;
    byte gender;
    int birthEpochDay;
    int nameLength;
    boolean nameValid;
    int phoneLength;
    boolean phoneValid;
}
