package io.startline.engine.race;

import java.util.Arrays;

import io.startline.engine.codec.ResultCode;

/**
 * The organiser's safe edits of a race: its name at any time; its race date, registration window
 * and payment window only before registration opens. From the opening on, people may have entered
 * (their ages were judged on the race date, the window was announced, the ballot's list is being
 * made), so the dates stand: {@code NOT_EDITABLE}, and the organiser creates a new race. The
 * categories, pools, mode and group size are never edited. An edit is checked as a new race is,
 * against the same limits, and is all or nothing.
 */
final class RaceEdits
{
    /** One edit as the command carries it; a field left at its {@code UNCHANGED} value keeps the race's. */
    static final class Request
    {
        static final long UNCHANGED = Long.MIN_VALUE;
        static final int UNCHANGED_DAY = Integer.MIN_VALUE;

        long raceId;
        final byte[] name = new byte[RaceSpec.NAME_MAX_BYTES];
        /** 0: the name is unchanged. */
        int nameLength;
        int raceDateEpochDay = UNCHANGED_DAY;
        long registrationOpensAt = UNCHANGED;
        long registrationClosesAt = UNCHANGED;
        long paymentWindowMs = UNCHANGED;

        boolean changesDates()
        {
            return raceDateEpochDay != UNCHANGED_DAY || registrationOpensAt != UNCHANGED ||
                registrationClosesAt != UNCHANGED || paymentWindowMs != UNCHANGED;
        }
    }

    private final RaceTable races;
    private final PaymentDeadlines deadlines;
    private final RaceResult result;

    RaceEdits(final RaceTable races, final PaymentDeadlines deadlines, final RaceResult result)
    {
        this.races = races;
        this.deadlines = deadlines;
        this.result = result;
    }

    ResultCode edit(final Request request, final long nowMs)
    {
        final long id = request.raceId;
        final int r = races.indexOf(id);
        if (r == EntryTable.NONE)
        {
            return result.reject(ResultCode.RACE_NOT_FOUND, id, "");
        }
        if (request.changesDates() && (races.closed[r] || nowMs >= races.opensAt[r]))
        {
            return result.reject(ResultCode.NOT_EDITABLE, id, "");
        }
        final int raceDay = request.raceDateEpochDay == Request.UNCHANGED_DAY ? races.raceDateEpochDay[r] :
            request.raceDateEpochDay;
        final long opensAt = orElse(request.registrationOpensAt, races.opensAt[r]);
        final long closesAt = orElse(request.registrationClosesAt, races.closesAt[r]);
        final long paymentWindowMs = orElse(request.paymentWindowMs, races.paymentWindowMs[r]);
        final String invalid = invalidField(raceDay, opensAt, closesAt, paymentWindowMs);
        if (invalid != null)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, id, invalid);
        }
        if (request.nameLength > 0)
        {
            races.raceName[r] = Arrays.copyOf(request.name, request.nameLength);
        }
        races.raceDateEpochDay[r] = raceDay;
        races.opensAt[r] = opensAt;
        races.closesAt[r] = closesAt;
        races.paymentWindowMs[r] = paymentWindowMs;
        deadlines.schedule();
        result.race = r;
        return ResultCode.OK;
    }

    /** The creation's checks of these fields ({@link RaceCreation}), in its order. */
    private static String invalidField(final int raceDay, final long opensAt, final long closesAt,
        final long paymentWindowMs)
    {
        if (raceDay < 0 || raceDay > RaceCreation.EPOCH_DAY_MAX)
        {
            return "raceDate";
        }
        if (opensAt < 0)
        {
            return "registrationOpensAt";
        }
        if (closesAt <= opensAt)
        {
            return "registrationClosesAt";
        }
        if (paymentWindowMs < 1 || paymentWindowMs > Races.PAYMENT_WINDOW_MAX_MS)
        {
            return "paymentWindowMs";
        }
        return null;
    }

    private static long orElse(final long value, final long current)
    {
        return value == Request.UNCHANGED ? current : value;
    }
}
