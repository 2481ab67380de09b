package io.startline.engine.booking;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.Codes;
import io.startline.engine.support.CodesAhead;
import io.startline.engine.support.KeyedPermutation;
import io.startline.engine.support.SipHash;
import io.startline.engine.support.StateHasher;
import io.startline.engine.support.SubKeys;
import org.agrona.DirectBuffer;

/**
 * The rules of venue booking and all of its state: venues, their slot calendars, holds and the
 * bookings they become, daily limits, check-ins, no-shows, strikes and bans. The state lives in
 * its parts ({@link VenueTable}, {@link VenueCalendar}, {@link ReservationTable},
 * {@link UserLists}, {@link NoShowStrikes}) and the commands in {@link Holds} and
 * {@link Bookings}; this class puts them together, keeps the next deadline, and hashes it all.
 * <p>
 * Every command method checks everything first and changes state only once it has decided to
 * succeed: a refused command leaves no trace. A refusal is returned as its {@link ResultCode},
 * with {@link #rejectedSubjectId()} and {@link #rejectedField()} saying what it was about.
 * When several rules fail at once the first in API.md's order is reported: not found, past /
 * not released, banned, limit reached, slot taken.
 * <p>
 * Deadlines fire in {@link #advanceTime}: a hold expires at {@code expiresAt} (placed +
 * {@code holdTimeoutMs}); a booking not checked in becomes a no-show once time passes
 * {@code startAt + checkInLateMs}.
 */
public final class Venues
{
    public static final long PRICE_MAX_FEN = 100_000_000L;
    /** The end of year 9999 UTC: times past it are input errors, and nothing overflows below it. */
    public static final long TIME_MAX_MS = 253_402_300_799_999L;
    public static final int EPOCH_DAY_MAX = 2_932_896;
    public static final int UTC_OFFSET_MAX_MINUTES = 14 * 60;
    public static final int SLOT_MINUTES_MIN = 5;
    public static final long HOLD_TIMEOUT_MIN_MS = 1_000L;
    public static final long CANCEL_CUTOFF_MAX_MS = 30 * Venue.DAY_MS;
    public static final int STRIKES_FOR_BAN_MAX = 10;
    public static final int BAN_DAYS_MAX = 3660;
    public static final int STRIKE_WINDOW_DAYS = 30;
    public static final int PAYMENT_REF_MAX_LENGTH = 64;

    static final int LINK_BURST = UserLists.LINK_BURST;

    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private final EngineContext context;
    final VenueTable venues;
    final VenueCalendar calendar;
    final ReservationTable reservations;
    final StrikeTable strikes;
    private final NoShowStrikes noShows;
    private final UserLists userLists;
    private final Holds holds;
    private final Bookings bookings;
    private final VenueSpecRules specRules;
    private final BookingOutcome outcome = new BookingOutcome();
    /**
     * Check-in codes by reservation index, made ahead on a venue's creation and on idle ticks,
     * up to the reservation limit: a confirmation at a rush reads its code.
     */
    private final CodesAhead checkInCodesAhead;
    private final long paymentRefKey0;
    private final long paymentRefKey1;
    private long nextDeadlineMs = NO_DEADLINE;

    public Venues(final EngineContext context)
    {
        this.context = context;
        reservations = new ReservationTable(context.maxReservations());
        venues = new VenueTable(context.maxVenues(), reservations);
        calendar = new VenueCalendar(context.maxCalendarSlots(),
            (long)context.maxVenues() * (context.maxReleaseDaysAhead() + 2), reservations);
        noShows = new NoShowStrikes(reservations, calendar);
        strikes = noShows.strikes;
        userLists = new UserLists(reservations);
        final SubKeys.Key checkInKey = context.subKeys().checkInCodes();
        final KeyedPermutation checkInCodes = new KeyedPermutation(checkInKey.k0(), checkInKey.k1());
        checkInCodesAhead = new CodesAhead(checkInCodes, context.maxReservations());
        final SubKeys.Key paymentRefKey = context.subKeys().paymentReferences();
        paymentRefKey0 = paymentRefKey.k0();
        paymentRefKey1 = paymentRefKey.k1();
        holds = new Holds(venues, reservations, calendar, noShows, userLists, outcome);
        bookings = new Bookings(venues, reservations, calendar, checkInCodes, outcome);
        specRules = new VenueSpecRules(context.maxReleaseDaysAhead(), outcome);
    }

    // ----------------------------------------------------------------- commands

    public ResultCode createVenue(final VenueSpec spec, final long nowMs)
    {
        final ResultCode invalid = specRules.validate(spec);
        if (invalid != ResultCode.OK)
        {
            return invalid;
        }
        if (venues.isFull() || !calendar.hasRoomFor(spec))
        {
            return outcome.reject(ResultCode.CAPACITY_REACHED, 0, "");
        }
        final Venue venue = calendar.newVenue(venues.count(), spec);
        venue.noShowDay = venue.localDay(nowMs);
        venue.noShowSlot = 0;
        venues.add(venue);
        nextDeadlineMs = Math.min(nextDeadlineMs, venue.noShowDeadline() + 1);
        computeCheckInCodesAhead();
        return outcome.venueCreated(venue.index);
    }

    /** A hold as {@code request} asks for it; see {@link HoldRequest} for how its resource code is read. */
    ResultCode placeHold(final HoldRequest request, final long nowMs)
    {
        final ResultCode code = holds.place(request, nowMs);
        if (code == ResultCode.OK)
        {
            nextDeadlineMs = Math.min(nextDeadlineMs, reservations.expiresAt[outcome.reservation]);
        }
        return code;
    }

    /** See {@link Holds#confirm}. */
    public ResultCode confirmHold(
        final long holdId, final long paymentRefHash, final int paymentRefLength, final long nowMs)
    {
        return holds.confirm(holdId, paymentRefHash, paymentRefLength, nowMs);
    }

    /** See {@link Holds#release}. */
    public ResultCode releaseHold(final long holdId, final long userId)
    {
        return holds.release(holdId, userId);
    }

    /** See {@link Bookings#cancel}. */
    public ResultCode cancelBooking(final long bookingId, final long userId, final long nowMs)
    {
        return bookings.cancel(bookingId, userId, nowMs);
    }

    /** See {@link Bookings#checkIn}. */
    public ResultCode checkIn(final long venueId, final long checkInCode, final long nowMs)
    {
        return bookings.checkIn(venueId, checkInCode, nowMs);
    }

    // ----------------------------------------------------------------- time

    /**
     * Fires every deadline at or before {@code nowMs}: expired holds free their slots, and
     * bookings past their late check-in become no-shows, which may ban their user.
     */
    public void advanceTime(final long nowMs)
    {
        if (nowMs < nextDeadlineMs)
        {
            return;
        }
        long next = NO_DEADLINE;
        for (int v = 0; v < venues.count(); v++)
        {
            final Venue venue = venues.at(v);
            holds.expire(venue, nowMs);
            noShows.recordNoShows(venue, nowMs);
            if (venue.holdQueueHead != ReservationTable.NONE)
            {
                next = Math.min(next, reservations.expiresAt[venue.holdQueueHead]);
            }
            next = Math.min(next, venue.noShowDeadline() + 1);
        }
        nextDeadlineMs = next;
    }

    // ----------------------------------------------------------------- helpers

    /** Links the holds not yet in their users' lists; whatever reads the lists runs it first. */
    void linkPending()
    {
        userLists.linkPending();
    }

    long startAt(final int h)
    {
        return venues.startAt(h);
    }

    long amountFen(final int h)
    {
        return venues.amountFen(h);
    }

    long checkInCode(final int b)
    {
        return checkInCodesAhead.code(b);
    }

    /** Makes more check-in codes ahead, while there are venues to book. */
    public void computeCheckInCodesAhead()
    {
        if (venues.count() > 0)
        {
            checkInCodesAhead.computeAhead(Long.MAX_VALUE);
        }
    }

    int checkInCodesComputed()
    {
        return checkInCodesAhead.computed();
    }

    long paymentRefHash(final DirectBuffer buffer, final int offset, final int length)
    {
        // Never 0, which marks a hold not yet paid.
        return SipHash.hash(paymentRefKey0, paymentRefKey1, buffer, offset, length) | 1L;
    }

    Venue venue(final long venueId)
    {
        return venues.byId(venueId);
    }

    Venue venueAt(final int index)
    {
        return venues.at(index);
    }

    int venueCount()
    {
        return venues.count();
    }

    int newestReservationOf(final long userId)
    {
        return userLists.newestOf(userId);
    }

    long nextDeadlineMs()
    {
        return nextDeadlineMs;
    }

    // ----------------------------------------------------------------- snapshot load

    VenueSpec specForLoad()
    {
        return new VenueSpec(context);
    }

    Venue restoreVenue(final VenueSpec spec)
    {
        final int number = venues.count() + 1;
        if (venues.isFull() || spec.resourceCount > context.maxResourcesPerVenue() ||
            spec.releaseDaysAhead > context.maxReleaseDaysAhead() || !calendar.hasRoomFor(spec))
        {
            throw new IllegalStateException("snapshot venue " + number + " does not fit this engine's limits");
        }
        for (int r = 0; r < spec.resourceCount; r++)
        {
            if (!Codes.isValid(spec.resourceCode0[r], spec.resourceCode1[r]))
            {
                throw new IllegalStateException("snapshot venue " + number + " has a malformed resource code");
            }
        }
        final Venue venue = calendar.newVenue(venues.count(), spec);
        venues.add(venue);
        return venue;
    }

    /**
     * Rebuilds what a snapshot does not store from the reservations it does: the users' newest
     * reservations, the slot counts and calendar cells of the days the calendar rows hold, the
     * strike index and its filter.
     */
    void restoreDerivedState(final long restoredNextDeadlineMs)
    {
        for (int h = 0; h < reservations.count; h++)
        {
            userLists.restore(h);
            calendar.restore(venues.of(h), h);
        }
        noShows.restoreIndex();
        nextDeadlineMs = restoredNextDeadlineMs;
    }

    // ----------------------------------------------------------------- the last command's outcome

    /** What the last command came to: the adapter reads it right after the command. */
    BookingOutcome outcome()
    {
        return outcome;
    }

    // ----------------------------------------------------------------- state hash

    public void hashInto(final StateHasher hasher)
    {
        linkPending();
        hasher.add(venues.count()).add(calendar.cellsUsed()).add(nextDeadlineMs);
        for (int v = 0; v < venues.count(); v++)
        {
            final Venue venue = venues.at(v);
            hasher.add(venue.utcOffsetMinutes).add(venue.opensMinuteOfDay).add(venue.closesMinuteOfDay)
                .add(venue.slotMinutes).add(venue.priceFen).add(venue.releaseDaysAhead).add(venue.releaseMinuteOfDay)
                .add(venue.maxSlotsPerUserPerDay).add(venue.holdTimeoutMs).add(venue.cancelCutoffMs)
                .add(venue.checkInEarlyMs).add(venue.checkInLateMs).add(venue.noShowStrikesForBan).add(venue.banDays)
                .add(venue.firstCell).add(venue.holdQueueHead).add(venue.holdQueueTail)
                .add(venue.noShowDay).add(venue.noShowSlot)
                .add(venue.name, venue.name.length);
            for (int r = 0; r < venue.resourceCount; r++)
            {
                hasher.add(venue.resourceCode0[r]).add(venue.resourceCode1[r]);
            }
            for (int row = 0; row < venue.calendarDays; row++)
            {
                hasher.add(venue.rowDay[row]);
            }
        }
        for (int cell = 0; cell < calendar.cellsUsed(); cell++)
        {
            hasher.add(calendar.cellStatus[cell]).add(calendar.cellHolder[cell]);
        }
        final ReservationTable t = reservations;
        hasher.add(t.count);
        for (int h = 0; h < t.count; h++)
        {
            hasher.add(t.venueIndex[h]).add(t.resourceIndex[h]).add(t.userId[h]).add(t.epochDay[h])
                .add(t.firstSlot[h]).add(t.slots[h]).add(t.status[h]).add(t.expiresAt[h]).add(t.paymentRefHash[h])
                .add(t.refundable[h] ? 1 : 0).add(t.previousOfUser[h]).add(t.nextInHoldQueue[h])
                .add(t.previousStrike[h]);
        }
        for (int v = 0; v < venues.count(); v++)
        {
            final Venue venue = venues.at(v);
            for (int row = 0; row < venue.calendarDays; row++)
            {
                hasher.add(calendar.rowCounts.hash(venue.countTable(row), venue.countCells));
            }
        }
        hasher.add(strikes.count);
        for (int s = 0; s < strikes.count; s++)
        {
            hasher.add(strikes.venueIndex[s]).add(strikes.userId[s]).add(strikes.latestNoShow[s])
                .add(strikes.bannedUntil[s]);
        }
    }
}
