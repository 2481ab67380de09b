package io.startline.engine.race;

import io.startline.engine.codec.ResultCode;

/**
 * What the last race command did, for the adapter to encode: one instance, reused for every
 * command. A refusal fills the subject and field; a success fills the fields its result needs,
 * and the others keep whatever an earlier command left.
 */
final class RaceResult
{
    long rejectedSubjectId;
    String rejectedField = "";
    /** The entry the last successful entry command created or changed. */
    int entry = EntryTable.NONE;
    int group = EntryTable.NONE;
    int race = EntryTable.NONE;
    /** Entries a withdrawal promoted from the waitlist into the place it freed. */
    int promotedEntries;
    int drawWinners;
    int drawWaitlisted;
    int grantedPersons;
    int notSelected;
    /** Whether the payment was for an entry already confirmed (a replay, not a second payment). */
    boolean paymentReplayed;

    ResultCode reject(final ResultCode code, final long subjectId, final String field)
    {
        rejectedSubjectId = subjectId;
        rejectedField = field;
        return code;
    }
}
