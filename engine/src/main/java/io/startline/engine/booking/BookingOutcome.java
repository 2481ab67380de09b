package io.startline.engine.booking;

import io.startline.engine.codec.ResultCode;

/**
 * What the last venue command came to, made once and filled by every command so that nothing
 * allocates per command: on success the venue or reservation it made or touched, on a refusal
 * the subject and field it was about. The adapter reads it right after the command.
 */
final class BookingOutcome
{
    int venue;
    int reservation;
    /** Whether a confirmation, release or cancellation only repeated an earlier one. */
    boolean replayed;
    long rejectedSubjectId;
    String rejectedField = "";

    ResultCode reject(final ResultCode code, final long subjectId, final String field)
    {
        rejectedSubjectId = subjectId;
        rejectedField = field;
        return code;
    }

    ResultCode venueCreated(final int index)
    {
        venue = index;
        return ResultCode.OK;
    }

    ResultCode reservation(final int h)
    {
        reservation = h;
        return ResultCode.OK;
    }

    ResultCode reservation(final int h, final boolean replayed)
    {
        reservation = h;
        this.replayed = replayed;
        return ResultCode.OK;
    }
}
