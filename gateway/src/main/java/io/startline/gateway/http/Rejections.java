package io.startline.gateway.http;

import io.startline.engine.codec.ResultCode;

/**
 * The engine's refusals as API.md's errors: unknown things are 404, acting on another's
 * resource or for another store or venue is 403, a bad value is 400, and every other
 * business rule that said no is 409 with its code.
 */
public final class Rejections
{
    private Rejections()
    {
    }

    public static ApiException toException(final ResultCode code, final long subjectId, final String field)
    {
        final String fieldOrNull = field == null || field.isEmpty() ? null : field;
        return new ApiException(status(code), code.name(), message(code, subjectId, fieldOrNull), fieldOrNull);
    }

    static int status(final ResultCode code)
    {
        return switch (code)
        {
            case CAMPAIGN_NOT_FOUND, DROP_NOT_FOUND, VOUCHER_NOT_FOUND, REDEMPTION_NOT_FOUND, RACE_NOT_FOUND,
                ENTRY_NOT_FOUND, CATEGORY_NOT_FOUND, GROUP_NOT_FOUND, POOL_NOT_FOUND, VENUE_NOT_FOUND,
                RESOURCE_NOT_FOUND, HOLD_NOT_FOUND, BOOKING_NOT_FOUND -> 404;
            case NOT_OWNER, WRONG_VENUE, WRONG_STORE -> 403;
            case INVALID_ARGUMENT, UNKNOWN_COMMAND -> 400;
            default -> 409;
        };
    }

    private static String message(final ResultCode code, final long subjectId, final String field)
    {
        final String subject = subjectId == 0 ? "" : " " + subjectId;
        return switch (code)
        {
            case INVALID_ARGUMENT -> field == null ? "a value is out of range" : field + " is out of range";
            case SOLD_OUT -> "drop" + subject + " has no vouchers left";
            case NOT_OPEN -> "not open yet";
            case CLOSED -> "already closed";
            case LIMIT_REACHED -> "the per-user limit is reached";
            case CAPACITY_REACHED -> "the node's configured limit is reached" + (field == null ? "" : ": " + field);
            case BUDGET_EXCEEDED -> "the drop's face value exceeds the budget left";
            case IDEMPOTENCY_MISMATCH -> "this Idempotency-Key was first used with another body";
            case NOT_EDITABLE -> (subject.isEmpty() ? "it" : "id" + subject) + " has already opened: its window and " +
                "dates stand and a drop can no longer be cancelled; create a new one instead";
            case DROP_CANCELLED -> "drop" + subject + " was cancelled before it opened";
            default -> code.name().toLowerCase().replace('_', ' ') + subject;
        };
    }
}
