package io.startline.engine.booking;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.Codes;

/**
 * The checks of a new venue's spec, in API.md's order: the first field that fails is the one
 * reported.
 */
final class VenueSpecRules
{
    private final int maxReleaseDaysAhead;
    private final BookingOutcome outcome;

    VenueSpecRules(final int maxReleaseDaysAhead, final BookingOutcome outcome)
    {
        this.maxReleaseDaysAhead = maxReleaseDaysAhead;
        this.outcome = outcome;
    }

    ResultCode validate(final VenueSpec spec)
    {
        final ResultCode calendar = validateCalendar(spec);
        if (calendar != ResultCode.OK)
        {
            return calendar;
        }
        return validateBookingRules(spec);
    }

    /** Where the venue is and what it offers: its time zone, resources, opening hours, slots and price. */
    private ResultCode validateCalendar(final VenueSpec spec)
    {
        if (spec.utcOffsetMinutes < -Venues.UTC_OFFSET_MAX_MINUTES || spec.utcOffsetMinutes > Venues.UTC_OFFSET_MAX_MINUTES)
        {
            return reject("utcOffsetMinutes");
        }
        if (spec.resourceCount < 1)
        {
            return reject("resources");
        }
        for (int r = 0; r < spec.resourceCount; r++)
        {
            // The adapter checks them too; a hold relies on every court's code being well-formed.
            if (!Codes.isValid(spec.resourceCode0[r], spec.resourceCode1[r]))
            {
                return reject("resources.code");
            }
            for (int other = 0; other < r; other++)
            {
                if (spec.resourceCode0[other] == spec.resourceCode0[r] && spec.resourceCode1[other] == spec.resourceCode1[r])
                {
                    return reject("resources.code");
                }
            }
        }
        if (spec.opensMinuteOfDay < 0 || spec.opensMinuteOfDay >= 1440)
        {
            return reject("opensMinuteOfDay");
        }
        if (spec.closesMinuteOfDay <= spec.opensMinuteOfDay || spec.closesMinuteOfDay > 1440)
        {
            return reject("closesMinuteOfDay");
        }
        if (spec.slotMinutes < Venues.SLOT_MINUTES_MIN || (spec.closesMinuteOfDay - spec.opensMinuteOfDay) % spec.slotMinutes != 0)
        {
            return reject("slotMinutes");
        }
        if (spec.priceFen < 0 || spec.priceFen > Venues.PRICE_MAX_FEN)
        {
            return reject("priceFen");
        }
        return ResultCode.OK;
    }

    /** When slots are released, and the rules of holds, cancellations, check-ins and bans. */
    private ResultCode validateBookingRules(final VenueSpec spec)
    {
        if (spec.releaseDaysAhead < 0 || spec.releaseDaysAhead > maxReleaseDaysAhead)
        {
            return reject("releaseDaysAhead");
        }
        if (spec.releaseMinuteOfDay < 0 || spec.releaseMinuteOfDay >= 1440)
        {
            return reject("releaseMinuteOfDay");
        }
        if (spec.maxSlotsPerUserPerDay < 1 || spec.maxSlotsPerUserPerDay > spec.slotsPerDay())
        {
            return reject("maxSlotsPerUserPerDay");
        }
        // A hold and a late check-in last at most a day: the calendar ring keeps only yesterday.
        if (spec.holdTimeoutMs < Venues.HOLD_TIMEOUT_MIN_MS || spec.holdTimeoutMs > Venue.DAY_MS)
        {
            return reject("holdTimeoutMs");
        }
        if (spec.cancelCutoffMs < 0 || spec.cancelCutoffMs > Venues.CANCEL_CUTOFF_MAX_MS)
        {
            return reject("cancelCutoffMs");
        }
        if (spec.checkInEarlyMs < 0 || spec.checkInEarlyMs > Venue.DAY_MS)
        {
            return reject("checkInEarlyMs");
        }
        if (spec.checkInLateMs < 0 || spec.checkInLateMs > Venue.DAY_MS)
        {
            return reject("checkInLateMs");
        }
        if (spec.noShowStrikesForBan < 0 || spec.noShowStrikesForBan > Venues.STRIKES_FOR_BAN_MAX)
        {
            return reject("noShowStrikesForBan");
        }
        if (spec.banDays < 1 || spec.banDays > Venues.BAN_DAYS_MAX)
        {
            return reject("banDays");
        }
        return ResultCode.OK;
    }

    private ResultCode reject(final String field)
    {
        return outcome.reject(ResultCode.INVALID_ARGUMENT, 0, field);
    }
}
