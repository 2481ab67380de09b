package io.startline.engine.booking;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.Codes;
import io.startline.engine.support.Ids;
import io.startline.engine.support.StateHasher;

/**
 * Holds: placed on free slots, confirmed into bookings by the payment callback, released by their
 * owner, or expired at {@code expiresAt} (placed + {@code holdTimeoutMs}). Each venue's holds
 * queue in the order they were placed, which is also the order they expire in.
 */
final class Holds
{
    private final VenueTable venues;
    private final ReservationTable reservations;
    private final VenueCalendar calendar;
    private final NoShowStrikes noShows;
    private final UserLists userLists;
    private final BookingOutcome outcome;

    Holds(
        final VenueTable venues,
        final ReservationTable reservations,
        final VenueCalendar calendar,
        final NoShowStrikes noShows,
        final UserLists userLists,
        final BookingOutcome outcome)
    {
        this.venues = venues;
        this.reservations = reservations;
        this.calendar = calendar;
        this.noShows = noShows;
        this.userLists = userLists;
        this.outcome = outcome;
    }

    /** A hold of {@code request.slotCount} slots from {@code request.startAt}; see {@link HoldRequest}. */
    ResultCode place(final HoldRequest request, final long nowMs)
    {
        final ResultCode where = locate(request);
        if (where != ResultCode.OK)
        {
            return where;
        }
        final ResultCode rules = checkRules(request, nowMs);
        if (rules != ResultCode.OK)
        {
            return rules;
        }
        return record(request, nowMs);
    }

    /** Finds the venue, resource, day and first slot the hold asks for, checking the request's form. */
    private ResultCode locate(final HoldRequest request)
    {
        final long venueId = request.venueId;
        if (!Ids.isValidExternalId(request.userId))
        {
            return rejectHold(request, ResultCode.INVALID_ARGUMENT, request.userId, "userId");
        }
        final Venue venue = venues.byId(venueId);
        if (venue == null)
        {
            return rejectHold(request, ResultCode.VENUE_NOT_FOUND, venueId, "");
        }
        final int resource = venue.resourceIndex(request.resourceCode0, request.resourceCode1);
        if (resource < 0)
        {
            return rejectHold(request, ResultCode.RESOURCE_NOT_FOUND, venueId, "resourceCode");
        }
        final long startAt = request.startAt;
        if (startAt < 0 || startAt > Venues.TIME_MAX_MS)
        {
            return outcome.reject(ResultCode.INVALID_ARGUMENT, venueId, "startAt");
        }
        final int day = venue.localDay(startAt);
        final long fromOpening = startAt - venue.slotStartAt(day, 0);
        final long slot = fromOpening / venue.slotMs;
        if (fromOpening < 0 || slot >= venue.slotsPerDay || slot * venue.slotMs != fromOpening)
        {
            return outcome.reject(ResultCode.INVALID_ARGUMENT, venueId, "startAt");
        }
        final int firstSlot = (int)slot;
        if (request.slotCount < 1 || request.slotCount > venue.slotsPerDay - firstSlot)
        {
            return outcome.reject(ResultCode.INVALID_ARGUMENT, venueId, "slots");
        }
        request.venue = venue;
        request.resource = resource;
        request.day = day;
        request.firstSlot = firstSlot;
        return ResultCode.OK;
    }

    /** A hold's refusal, unless its resource code is malformed: that is the answer then. */
    private ResultCode rejectHold(
        final HoldRequest request, final ResultCode code, final long subjectId, final String field)
    {
        if (!Codes.isValid(request.resourceCode0, request.resourceCode1))
        {
            return outcome.reject(ResultCode.INVALID_ARGUMENT, request.venueId, "resourceCode");
        }
        return outcome.reject(code, subjectId, field);
    }

    /** The rules in API.md's order: past / not released, banned, limit reached, slot taken; then room. */
    /**
     * The hold's time and user may have it; then its slots and the table have room. Two methods
     * rather than one, so that each stays under the JIT's inlining size (one measured 329 bytes,
     * over the 325 of FreqInlineSize, and was called rather than inlined on every hold).
     */
    private ResultCode checkRules(final HoldRequest request, final long nowMs)
    {
        final ResultCode timeAndUser = checkTimeAndUser(request, nowMs);
        return timeAndUser != ResultCode.OK ? timeAndUser : checkRoom(request);
    }

    private ResultCode checkTimeAndUser(final HoldRequest request, final long nowMs)
    {
        final Venue venue = request.venue;
        if (nowMs >= request.startAt)
        {
            return outcome.reject(ResultCode.PAST, request.venueId, "");
        }
        if (nowMs < venue.releaseAt(request.day))
        {
            return outcome.reject(ResultCode.NOT_RELEASED, request.venueId, "");
        }
        request.userHash = StateHasher.mix(request.userId);
        if (noShows.isBanned(request.userHash, request.userId, venue.index, nowMs))
        {
            return outcome.reject(ResultCode.BANNED, request.venueId, "");
        }
        return ResultCode.OK;
    }

    private ResultCode checkRoom(final HoldRequest request)
    {
        final Venue venue = request.venue;
        final int day = request.day;
        final int row = venue.calendarRow(day);
        final boolean rowHoldsDay = venue.rowDay[row] == day;
        final int countRegion = venue.countTable(row);
        final int slotsThatDay = rowHoldsDay ?
            calendar.rowCounts.slots(countRegion, venue.countCells, request.userHash, request.userId) : 0;
        if (slotsThatDay + request.slotCount > venue.maxSlotsPerUserPerDay)
        {
            return outcome.reject(ResultCode.LIMIT_REACHED, request.venueId, "");
        }
        final int firstCell = venue.cell(row, request.resource, request.firstSlot);
        if (rowHoldsDay && !calendar.areFree(firstCell, request.slotCount))
        {
            return outcome.reject(ResultCode.SLOT_TAKEN, request.venueId, "");
        }
        if (reservations.isFull())
        {
            return outcome.reject(ResultCode.CAPACITY_REACHED, request.venueId, "");
        }
        request.row = row;
        request.rowHoldsDay = rowHoldsDay;
        request.countRegion = countRegion;
        request.firstCell = firstCell;
        return ResultCode.OK;
    }

    private ResultCode record(final HoldRequest request, final long nowMs)
    {
        final Venue venue = request.venue;
        if (!request.rowHoldsDay)
        {
            calendar.takeOverRow(venue, request.row, request.day);
        }
        final ReservationTable t = reservations;
        final int h = t.count++;
        t.venueIndex[h] = venue.index;
        t.resourceIndex[h] = request.resource;
        t.userId[h] = request.userId;
        t.epochDay[h] = request.day;
        t.firstSlot[h] = request.firstSlot;
        t.slots[h] = request.slotCount;
        t.status[h] = ReservationTable.HELD;
        t.expiresAt[h] = nowMs + venue.holdTimeoutMs;
        // A new row is all zeros (rows are never reused): no payment yet, not refundable; its
        // user's list is set when it is linked, before anything reads it.
        assert t.paymentRefHash[h] == 0 && !t.refundable[h] : "reservation row " + h + " reused";
        t.previousStrike[h] = ReservationTable.NONE;
        t.nextInHoldQueue[h] = ReservationTable.NONE;
        calendar.rowCounts.take(request.countRegion, venue.countCells, request.userHash, request.userId, request.slotCount);
        userLists.addPending(h, request.userHash);
        calendar.hold(request.firstCell, request.slotCount, h);
        appendToHoldQueue(venue, h);
        return outcome.reservation(h);
    }

    private void appendToHoldQueue(final Venue venue, final int h)
    {
        if (venue.holdQueueTail == ReservationTable.NONE)
        {
            venue.holdQueueHead = h;
        }
        else
        {
            reservations.nextInHoldQueue[venue.holdQueueTail] = h;
        }
        venue.holdQueueTail = h;
    }

    /**
     * The payment callback: a live hold becomes a booking. Again with the same payment reference,
     * the same booking is the answer; with another, it is refused, so a second payment shows.
     */
    ResultCode confirm(final long holdId, final long paymentRefHash, final int paymentRefLength, final long nowMs)
    {
        final ReservationTable t = reservations;
        if (holdId < 1 || holdId > t.count)
        {
            return outcome.reject(ResultCode.HOLD_NOT_FOUND, holdId, "");
        }
        if (paymentRefLength < 1 || paymentRefLength > Venues.PAYMENT_REF_MAX_LENGTH)
        {
            return outcome.reject(ResultCode.INVALID_ARGUMENT, holdId, "paymentRef");
        }
        final int h = (int)(holdId - 1);
        final byte status = t.status[h];
        if (ReservationTable.isBooking(status))
        {
            if (t.paymentRefHash[h] != paymentRefHash)
            {
                return outcome.reject(ResultCode.ALREADY_CONFIRMED, holdId, "paymentRef");
            }
            return outcome.reservation(h, true);
        }
        if (status == ReservationTable.EXPIRED)
        {
            return outcome.reject(ResultCode.EXPIRED, holdId, "");
        }
        if (status == ReservationTable.RELEASED)
        {
            return outcome.reject(ResultCode.HOLD_RELEASED, holdId, "");
        }
        final Venue venue = venues.of(h);
        // Its no-show deadline may already have been processed: a booking made after it could
        // neither be checked in nor become a no-show.
        if (nowMs > venues.startAt(h) + venue.checkInLateMs)
        {
            return outcome.reject(ResultCode.PAST, holdId, "");
        }

        t.status[h] = ReservationTable.BOOKED;
        t.paymentRefHash[h] = paymentRefHash;
        // The cells' holder is this reservation already, since the hold.
        calendar.markStatus(venue, h, VenueCalendar.BOOKED);
        return outcome.reservation(h, false);
    }

    /** The owner lets a hold go; releasing it again answers the same. */
    ResultCode release(final long holdId, final long userId)
    {
        final ReservationTable t = reservations;
        if (holdId < 1 || holdId > t.count)
        {
            return outcome.reject(ResultCode.HOLD_NOT_FOUND, holdId, "");
        }
        final int h = (int)(holdId - 1);
        if (t.userId[h] != userId)
        {
            return outcome.reject(ResultCode.NOT_OWNER, holdId, "");
        }
        final byte status = t.status[h];
        if (status == ReservationTable.RELEASED)
        {
            return outcome.reservation(h, true);
        }
        if (status == ReservationTable.EXPIRED)
        {
            return outcome.reject(ResultCode.EXPIRED, holdId, "");
        }
        if (status != ReservationTable.HELD)
        {
            return outcome.reject(ResultCode.ALREADY_CONFIRMED, holdId, "");
        }
        calendar.freeSlots(venues.of(h), h, ReservationTable.RELEASED);
        return outcome.reservation(h, false);
    }

    /** Frees the slots of the venue's holds that expire at or before {@code nowMs} and are still held. */
    void expire(final Venue venue, final long nowMs)
    {
        final ReservationTable t = reservations;
        int h = venue.holdQueueHead;
        while (h != ReservationTable.NONE && t.expiresAt[h] <= nowMs)
        {
            if (t.status[h] == ReservationTable.HELD)
            {
                calendar.freeSlots(venue, h, ReservationTable.EXPIRED);
            }
            final int next = t.nextInHoldQueue[h];
            t.nextInHoldQueue[h] = ReservationTable.NONE;
            h = next;
        }
        venue.holdQueueHead = h;
        if (h == ReservationTable.NONE)
        {
            venue.holdQueueTail = ReservationTable.NONE;
        }
    }
}
