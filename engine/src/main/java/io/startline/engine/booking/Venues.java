package io.startline.engine.booking;

import java.util.Arrays;
import io.startline.engine.EngineContext;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.Codes;
import io.startline.engine.support.CodesAhead;
import io.startline.engine.support.Ids;
import io.startline.engine.support.KeyedPermutation;
import io.startline.engine.support.SipHash;
import io.startline.engine.support.StateHasher;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The rules of venue booking and all of its state: venues, their slot calendars, holds and the
 * bookings they become, daily limits, check-ins, no-shows, strikes and bans.
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

    static final byte FREE = SlotStatus.FREE;
    static final byte HELD = SlotStatus.HELD;
    static final byte BOOKED = SlotStatus.BOOKED;

    static final int LINK_BURST = 256;

    private static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final long STRIKE_WINDOW_MS = STRIKE_WINDOW_DAYS * Venue.DAY_MS;
    /** "check-in", so that check-in codes are unrelated to voucher codes made with the same key. */
    private static final long CHECK_IN_KEY_LABEL = 0x636865636b2d696eL;

    private final EngineContext context;
    private final Venue[] venues;
    private int venueCount;

    /** Every venue's calendar cells: what each slot shows, and which reservation (index + 1) has it. */
    final byte[] cellStatus;
    final int[] cellHolder;
    /** {@link #cellStatus} as a buffer, so a grid row is copied into a result in one go. */
    final DirectBuffer cellStatusView;
    private int cellsUsed;

    final ReservationTable reservations;
    final RowSlotCounts rowCounts;
    final StrikeTable strikes;
    /** Which users may have a strike record: a hold reads {@link #strikes} only for them. */
    private final StrikeFilter strikeFilter;
    /** Per user: the newest reservation, the head of the user's list. Kept up to date by {@link #linkPending}. */
    private final UserHeads newestByUser;
    /**
     * Holds placed since their users' lists were last extended, in order. A hold costs its
     * user's list a cache miss in {@link #newestByUser}; linking {@value #LINK_BURST} of them at a
     * time, their users' entries read first in a loop that waits on none of them, puts those
     * misses in flight together, off the hold's path. Whatever reads a user's list, a snapshot
     * or the state hash links them first.
     */
    private final int[] pendingLinks = new int[LINK_BURST];
    /** Each pending hold's {@code StateHasher.mix(userId)}, worked out when it was placed. */
    private final long[] pendingLinkHashes = new long[LINK_BURST];
    private int pendingLinkCount;
    /** What {@link #linkPending} read ahead, kept so that the reads are not compiled away. */
    private long linkReadAhead;
    private final KeyedPermutation checkInCodes;
    /**
     * Check-in codes by reservation index, made ahead on a venue's creation and on idle ticks,
     * up to the reservation limit: a confirmation at a rush reads its code.
     */
    private final CodesAhead checkInCodesAhead;
    private final long paymentRefKey0;
    private final long paymentRefKey1;
    private long nextDeadlineMs = NO_DEADLINE;

    private long rejectedSubjectId;
    private String rejectedField = "";
    private int lastVenue;
    private int lastReservation;
    private boolean lastReplayed;

    public Venues(final EngineContext context)
    {
        this.context = context;
        venues = new Venue[context.maxVenues()];
        cellStatus = new byte[context.maxCalendarSlots()];
        cellHolder = new int[context.maxCalendarSlots()];
        cellStatusView = new UnsafeBuffer(cellStatus);
        reservations = new ReservationTable(context.maxReservations());
        rowCounts = new RowSlotCounts(context.maxCalendarSlots(),
            (long)context.maxVenues() * (context.maxReleaseDaysAhead() + 2));
        strikes = new StrikeTable(context.maxReservations());
        newestByUser = new UserHeads(context.maxReservations());
        strikeFilter = new StrikeFilter(context.maxReservations());
        final long checkInKey0 = SipHash.hash(context.codeKey0(), context.codeKey1(), CHECK_IN_KEY_LABEL);
        final long checkInKey1 = SipHash.hash(context.codeKey0(), context.codeKey1(), ~CHECK_IN_KEY_LABEL);
        checkInCodes = new KeyedPermutation(checkInKey0, checkInKey1);
        checkInCodesAhead = new CodesAhead(checkInCodes, context.maxReservations());
        paymentRefKey0 = checkInKey1;
        paymentRefKey1 = checkInKey0;
    }

    // ----------------------------------------------------------------- commands

    public ResultCode createVenue(final VenueSpec spec, final long nowMs)
    {
        final ResultCode invalid = validate(spec);
        if (invalid != ResultCode.OK)
        {
            return invalid;
        }
        final long cells = (long)spec.calendarDays() * spec.resourceCount * spec.slotsPerDay();
        if (venueCount == venues.length || cells > cellStatus.length - cellsUsed ||
            !rowCounts.hasRoomFor(Venue.countEntries(spec)))
        {
            return reject(ResultCode.CAPACITY_REACHED, 0, "");
        }
        final int index = venueCount++;
        final Venue venue = new Venue(index, spec, cellsUsed, rowCounts.allocate((int)Venue.countEntries(spec)));
        cellsUsed += (int)cells;
        venue.noShowDay = venue.localDay(nowMs);
        venue.noShowSlot = 0;
        venues[index] = venue;
        nextDeadlineMs = Math.min(nextDeadlineMs, venue.noShowDeadline() + 1);
        lastVenue = index;
        computeCheckInCodesAhead();
        return ResultCode.OK;
    }

    /**
     * A hold of {@code slotCount} slots from {@code startAt} on the resource with code words
     * {@code resourceCode0} and {@code resourceCode1}, as the message carries them, not yet
     * checked: a code that names one of the venue's resources is well-formed, as they all were
     * when the venue was made, so the code's own form is checked only on the way to a refusal,
     * where a malformed code is the answer (INVALID_ARGUMENT) whatever else is wrong.
     */
    public ResultCode placeHold(
        final long venueId,
        final long userId,
        final long resourceCode0,
        final long resourceCode1,
        final long startAt,
        final int slotCount,
        final long nowMs)
    {
        if (!Ids.isValidExternalId(userId))
        {
            return rejectHold(resourceCode0, resourceCode1, venueId, ResultCode.INVALID_ARGUMENT, userId, "userId");
        }
        final Venue venue = venue(venueId);
        if (venue == null)
        {
            return rejectHold(resourceCode0, resourceCode1, venueId, ResultCode.VENUE_NOT_FOUND, venueId, "");
        }
        final int resource = venue.resourceIndex(resourceCode0, resourceCode1);
        if (resource < 0)
        {
            return rejectHold(resourceCode0, resourceCode1, venueId, ResultCode.RESOURCE_NOT_FOUND, venueId, "resourceCode");
        }
        if (startAt < 0 || startAt > TIME_MAX_MS)
        {
            return reject(ResultCode.INVALID_ARGUMENT, venueId, "startAt");
        }
        final int day = venue.localDay(startAt);
        final long fromOpening = startAt - venue.slotStartAt(day, 0);
        final long slot = fromOpening / venue.slotMs;
        if (fromOpening < 0 || slot >= venue.slotsPerDay || slot * venue.slotMs != fromOpening)
        {
            return reject(ResultCode.INVALID_ARGUMENT, venueId, "startAt");
        }
        final int firstSlot = (int)slot;
        if (slotCount < 1 || slotCount > venue.slotsPerDay - firstSlot)
        {
            return reject(ResultCode.INVALID_ARGUMENT, venueId, "slots");
        }
        if (nowMs >= startAt)
        {
            return reject(ResultCode.PAST, venueId, "");
        }
        if (nowMs < venue.releaseAt(day))
        {
            return reject(ResultCode.NOT_RELEASED, venueId, "");
        }
        // One hash of the user for the strike filter, the row's table and the user's list.
        final long userHash = StateHasher.mix(userId);
        if (strikeFilter.mayHave(userHash) && isBanned(userId, venue.index, nowMs))
        {
            return reject(ResultCode.BANNED, venueId, "");
        }
        final int row = venue.calendarRow(day);
        final boolean rowHoldsDay = venue.rowDay[row] == day;
        final int countRegion = venue.countTable(row);
        // A row that holds another day has no slots of this one yet.
        final int slotsThatDay = rowHoldsDay ? rowCounts.slots(countRegion, venue.countCells, userHash, userId) : 0;
        if (slotsThatDay + slotCount > venue.maxSlotsPerUserPerDay)
        {
            return reject(ResultCode.LIMIT_REACHED, venueId, "");
        }
        final int firstCell = venue.cell(row, resource, firstSlot);
        if (rowHoldsDay)
        {
            for (int cell = firstCell; cell < firstCell + slotCount; cell++)
            {
                if (cellStatus[cell] != FREE)
                {
                    return reject(ResultCode.SLOT_TAKEN, venueId, "");
                }
            }
        }
        if (reservations.isFull())
        {
            return reject(ResultCode.CAPACITY_REACHED, venueId, "");
        }

        if (!rowHoldsDay)
        {
            takeOverRow(venue, row, day);
        }
        final ReservationTable t = reservations;
        final int h = t.count++;
        t.venueIndex[h] = venue.index;
        t.resourceIndex[h] = resource;
        t.userId[h] = userId;
        t.epochDay[h] = day;
        t.firstSlot[h] = firstSlot;
        t.slots[h] = slotCount;
        t.status[h] = ReservationTable.HELD;
        t.expiresAt[h] = nowMs + venue.holdTimeoutMs;
        // A new row is all zeros (rows are never reused): no payment yet, not refundable; its
        // user's list is set when it is linked, before anything reads it.
        assert t.paymentRefHash[h] == 0 && !t.refundable[h] : "reservation row " + h + " reused";
        t.previousStrike[h] = ReservationTable.NONE;
        t.nextInHoldQueue[h] = ReservationTable.NONE;
        rowCounts.take(countRegion, venue.countCells, userHash, userId, slotCount);
        pendingLinks[pendingLinkCount] = h;
        pendingLinkHashes[pendingLinkCount] = userHash;
        if (++pendingLinkCount == LINK_BURST)
        {
            linkPending();
        }
        for (int cell = firstCell; cell < firstCell + slotCount; cell++)
        {
            cellStatus[cell] = HELD;
            cellHolder[cell] = h + 1;
        }
        appendToHoldQueue(venue, h);
        nextDeadlineMs = Math.min(nextDeadlineMs, t.expiresAt[h]);
        lastReservation = h;
        return ResultCode.OK;
    }

    /** A hold's refusal, unless its resource code is malformed: that is the answer then. */
    private ResultCode rejectHold(final long resourceCode0, final long resourceCode1, final long venueId,
        final ResultCode code, final long subjectId, final String field)
    {
        if (!Codes.isValid(resourceCode0, resourceCode1))
        {
            return reject(ResultCode.INVALID_ARGUMENT, venueId, "resourceCode");
        }
        return reject(code, subjectId, field);
    }

    /**
     * The payment callback: a live hold becomes a booking. Again with the same payment reference,
     * the same booking is the answer; with another, it is refused, so a second payment shows.
     */
    public ResultCode confirmHold(
        final long holdId, final long paymentRefHash, final int paymentRefLength, final long nowMs)
    {
        final ReservationTable t = reservations;
        if (holdId < 1 || holdId > t.count)
        {
            return reject(ResultCode.HOLD_NOT_FOUND, holdId, "");
        }
        if (paymentRefLength < 1 || paymentRefLength > PAYMENT_REF_MAX_LENGTH)
        {
            return reject(ResultCode.INVALID_ARGUMENT, holdId, "paymentRef");
        }
        final int h = (int)(holdId - 1);
        final byte status = t.status[h];
        if (ReservationTable.isBooking(status))
        {
            if (t.paymentRefHash[h] != paymentRefHash)
            {
                return reject(ResultCode.ALREADY_CONFIRMED, holdId, "paymentRef");
            }
            lastReservation = h;
            lastReplayed = true;
            return ResultCode.OK;
        }
        if (status == ReservationTable.EXPIRED)
        {
            return reject(ResultCode.EXPIRED, holdId, "");
        }
        if (status == ReservationTable.RELEASED)
        {
            return reject(ResultCode.HOLD_RELEASED, holdId, "");
        }
        final Venue venue = venues[t.venueIndex[h]];
        // Its no-show deadline may already have been processed: a booking made after it could
        // neither be checked in nor become a no-show.
        if (nowMs > startAt(h) + venue.checkInLateMs)
        {
            return reject(ResultCode.PAST, holdId, "");
        }

        t.status[h] = ReservationTable.BOOKED;
        t.paymentRefHash[h] = paymentRefHash;
        // The cells' holder is this reservation already, since the hold.
        markStatus(venue, h, BOOKED);
        lastReservation = h;
        lastReplayed = false;
        return ResultCode.OK;
    }

    /** The owner lets a hold go; releasing it again answers the same. */
    public ResultCode releaseHold(final long holdId, final long userId)
    {
        final ReservationTable t = reservations;
        if (holdId < 1 || holdId > t.count)
        {
            return reject(ResultCode.HOLD_NOT_FOUND, holdId, "");
        }
        final int h = (int)(holdId - 1);
        if (t.userId[h] != userId)
        {
            return reject(ResultCode.NOT_OWNER, holdId, "");
        }
        final byte status = t.status[h];
        if (status == ReservationTable.RELEASED)
        {
            lastReservation = h;
            lastReplayed = true;
            return ResultCode.OK;
        }
        if (status == ReservationTable.EXPIRED)
        {
            return reject(ResultCode.EXPIRED, holdId, "");
        }
        if (status != ReservationTable.HELD)
        {
            return reject(ResultCode.ALREADY_CONFIRMED, holdId, "");
        }
        freeSlots(h, ReservationTable.RELEASED);
        lastReservation = h;
        lastReplayed = false;
        return ResultCode.OK;
    }

    /**
     * The owner cancels a booking before its slot starts: refundable at or before
     * {@code startAt − cancelCutoffMs}, not after; either way the slots are free again.
     * Cancelling again answers the same.
     */
    public ResultCode cancelBooking(final long bookingId, final long userId, final long nowMs)
    {
        final ReservationTable t = reservations;
        if (bookingId < 1 || bookingId > t.count || !ReservationTable.isBooking(t.status[(int)(bookingId - 1)]))
        {
            return reject(ResultCode.BOOKING_NOT_FOUND, bookingId, "");
        }
        final int b = (int)(bookingId - 1);
        if (t.userId[b] != userId)
        {
            return reject(ResultCode.NOT_OWNER, bookingId, "");
        }
        final byte status = t.status[b];
        if (status == ReservationTable.CANCELLED)
        {
            lastReservation = b;
            lastReplayed = true;
            return ResultCode.OK;
        }
        if (status == ReservationTable.CHECKED_IN)
        {
            return reject(ResultCode.ALREADY_CHECKED_IN, bookingId, "");
        }
        final long startAt = startAt(b);
        if (status == ReservationTable.NO_SHOW || nowMs >= startAt)
        {
            return reject(ResultCode.PAST, bookingId, "");
        }
        t.refundable[b] = nowMs <= startAt - venues[t.venueIndex[b]].cancelCutoffMs;
        freeSlots(b, ReservationTable.CANCELLED);
        lastReservation = b;
        lastReplayed = false;
        return ResultCode.OK;
    }

    /**
     * A gate of the booking's venue admits it, once, from {@code startAt − checkInEarlyMs} to
     * {@code startAt + checkInLateMs} inclusive.
     */
    public ResultCode checkIn(final long venueId, final long checkInCode, final long nowMs)
    {
        final Venue venue = venue(venueId);
        if (venue == null)
        {
            return reject(ResultCode.VENUE_NOT_FOUND, venueId, "");
        }
        final ReservationTable t = reservations;
        final long bookingId = checkInCodes.decode(checkInCode);
        if (bookingId < 1 || bookingId > t.count || !ReservationTable.isBooking(t.status[(int)(bookingId - 1)]))
        {
            return reject(ResultCode.BOOKING_NOT_FOUND, venueId, "checkInCode");
        }
        final int b = (int)(bookingId - 1);
        if (t.venueIndex[b] != venue.index)
        {
            return reject(ResultCode.WRONG_VENUE, venueId, "");
        }
        final byte status = t.status[b];
        if (status == ReservationTable.CANCELLED)
        {
            return reject(ResultCode.BOOKING_CANCELLED, bookingId, "");
        }
        if (status == ReservationTable.CHECKED_IN)
        {
            return reject(ResultCode.ALREADY_CHECKED_IN, bookingId, "");
        }
        final long startAt = startAt(b);
        if (status == ReservationTable.NO_SHOW || nowMs < startAt - venue.checkInEarlyMs ||
            nowMs > startAt + venue.checkInLateMs)
        {
            return reject(ResultCode.NOT_IN_WINDOW, bookingId, "");
        }
        t.status[b] = ReservationTable.CHECKED_IN;
        lastReservation = b;
        return ResultCode.OK;
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
        for (int v = 0; v < venueCount; v++)
        {
            final Venue venue = venues[v];
            expireHolds(venue, nowMs);
            recordNoShows(venue, nowMs);
            if (venue.holdQueueHead != ReservationTable.NONE)
            {
                next = Math.min(next, reservations.expiresAt[venue.holdQueueHead]);
            }
            next = Math.min(next, venue.noShowDeadline() + 1);
        }
        nextDeadlineMs = next;
    }

    private void expireHolds(final Venue venue, final long nowMs)
    {
        final ReservationTable t = reservations;
        int h = venue.holdQueueHead;
        while (h != ReservationTable.NONE && t.expiresAt[h] <= nowMs)
        {
            if (t.status[h] == ReservationTable.HELD)
            {
                freeSlots(h, ReservationTable.EXPIRED);
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

    /**
     * Walks the venue's slot starts in time order up to {@code nowMs − checkInLateMs}. A day whose
     * calendar row was never taken has no bookings, so the cursor jumps over it.
     */
    private void recordNoShows(final Venue venue, final long nowMs)
    {
        while (true)
        {
            final int day = venue.noShowDay;
            final int row = venue.calendarRow(day);
            if (venue.rowDay[row] != day)
            {
                final long lastDeadline = venue.slotStartAt(day, venue.slotsPerDay - 1) + venue.checkInLateMs;
                if (nowMs > lastDeadline)
                {
                    venue.noShowDay = day + 1;
                    venue.noShowSlot = 0;
                    continue;
                }
                // Slots still to come on a day nobody has booked: wait at the first not yet due.
                final long dueFor = nowMs - venue.checkInLateMs - venue.slotStartAt(day, 0);
                final int firstNotDue = dueFor <= 0 ? 0 : (int)((dueFor + venue.slotMs - 1) / venue.slotMs);
                venue.noShowSlot = Math.max(venue.noShowSlot, firstNotDue);
                return;
            }
            if (nowMs <= venue.noShowDeadline())
            {
                return;
            }
            final int slot = venue.noShowSlot;
            for (int resource = 0; resource < venue.resourceCount; resource++)
            {
                final int holder = cellHolder[venue.cell(row, resource, slot)] - 1;
                if (holder >= 0 && reservations.firstSlot[holder] == slot &&
                    reservations.status[holder] == ReservationTable.BOOKED)
                {
                    recordNoShow(venue, holder);
                }
            }
            if (slot + 1 == venue.slotsPerDay)
            {
                venue.noShowDay = day + 1;
                venue.noShowSlot = 0;
            }
            else
            {
                venue.noShowSlot = slot + 1;
            }
        }
    }

    /**
     * A strike: {@code noShowStrikesForBan} of them with slot starts within
     * {@value #STRIKE_WINDOW_DAYS} days ban the user at this venue for {@code banDays} from the
     * moment of the last no-show, and are used up by the ban.
     */
    private void recordNoShow(final Venue venue, final int b)
    {
        final ReservationTable t = reservations;
        t.status[b] = ReservationTable.NO_SHOW;
        final long userId = t.userId[b];
        int s = strikes.find(userId, venue.index);
        if (s == StrikeTable.MISSING)
        {
            s = strikes.add(userId, venue.index);
            strikeFilter.onRecordAdded(strikes, userId);
        }
        t.previousStrike[b] = strikes.latestNoShow[s];
        strikes.latestNoShow[s] = b;
        if (venue.noShowStrikesForBan == 0)
        {
            return;
        }
        final long startAt = startAt(b);
        int inWindow = 0;
        for (int x = b; x != ReservationTable.NONE && startAt(x) > startAt - STRIKE_WINDOW_MS &&
            inWindow < venue.noShowStrikesForBan; x = t.previousStrike[x])
        {
            inWindow++;
        }
        if (inWindow == venue.noShowStrikesForBan)
        {
            strikes.bannedUntil[s] = startAt + venue.checkInLateMs + venue.banDays * Venue.DAY_MS;
            strikes.latestNoShow[s] = ReservationTable.NONE;
        }
    }

    // ----------------------------------------------------------------- queries

    /**
     * Writes the grid of one resource on local day {@code day} into {@code statuses}: PAST for
     * slots that have started, NOT_RELEASED before the day's release, else what the calendar holds.
     */
    void slotStatuses(
        final Venue venue, final int resource, final int day, final long nowMs, final byte[] statuses)
    {
        final int slots = venue.slotsPerDay;
        final int calendarCell = calendarCellOf(venue, day, nowMs);
        if (nowMs < venue.releaseAt(day))
        {
            Arrays.fill(statuses, 0, slots, SlotStatus.NOT_RELEASED);
        }
        else if (calendarCell >= 0)
        {
            System.arraycopy(cellStatus, calendarCell + resource * slots, statuses, 0, slots);
        }
        else
        {
            Arrays.fill(statuses, 0, slots, FREE);
        }
        final int started = startedSlots(venue, day, nowMs);
        Arrays.fill(statuses, 0, started, SlotStatus.PAST);
    }

    /**
     * @return the first calendar cell of local day {@code day} (its first resource's first slot)
     * when the day is released and the calendar holds it, else -1: the grid is then all
     * NOT_RELEASED or all FREE, whatever the cells hold.
     */
    int calendarCellOf(final Venue venue, final int day, final long nowMs)
    {
        final int row = venue.calendarRow(day);
        return nowMs >= venue.releaseAt(day) && venue.rowDay[row] == day ? venue.cell(row, 0, 0) : -1;
    }

    /** How many of the day's slots have started at {@code nowMs}. */
    int startedSlots(final Venue venue, final int day, final long nowMs)
    {
        final long sinceFirst = nowMs - venue.slotStartAt(day, 0);
        if (sinceFirst < 0)
        {
            return 0;
        }
        return (int)Math.min(venue.slotsPerDay, sinceFirst / venue.slotMs + 1);
    }

    // ----------------------------------------------------------------- helpers

    private ResultCode validate(final VenueSpec spec)
    {
        if (spec.utcOffsetMinutes < -UTC_OFFSET_MAX_MINUTES || spec.utcOffsetMinutes > UTC_OFFSET_MAX_MINUTES)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "utcOffsetMinutes");
        }
        if (spec.resourceCount < 1)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "resources");
        }
        for (int r = 0; r < spec.resourceCount; r++)
        {
            // The adapter checks them too; a hold relies on every court's code being well-formed.
            if (!Codes.isValid(spec.resourceCode0[r], spec.resourceCode1[r]))
            {
                return reject(ResultCode.INVALID_ARGUMENT, 0, "resources.code");
            }
            for (int other = 0; other < r; other++)
            {
                if (spec.resourceCode0[other] == spec.resourceCode0[r] && spec.resourceCode1[other] == spec.resourceCode1[r])
                {
                    return reject(ResultCode.INVALID_ARGUMENT, 0, "resources.code");
                }
            }
        }
        if (spec.opensMinuteOfDay < 0 || spec.opensMinuteOfDay >= 1440)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "opensMinuteOfDay");
        }
        if (spec.closesMinuteOfDay <= spec.opensMinuteOfDay || spec.closesMinuteOfDay > 1440)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "closesMinuteOfDay");
        }
        if (spec.slotMinutes < SLOT_MINUTES_MIN || (spec.closesMinuteOfDay - spec.opensMinuteOfDay) % spec.slotMinutes != 0)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "slotMinutes");
        }
        if (spec.priceFen < 0 || spec.priceFen > PRICE_MAX_FEN)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "priceFen");
        }
        if (spec.releaseDaysAhead < 0 || spec.releaseDaysAhead > context.maxReleaseDaysAhead())
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "releaseDaysAhead");
        }
        if (spec.releaseMinuteOfDay < 0 || spec.releaseMinuteOfDay >= 1440)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "releaseMinuteOfDay");
        }
        if (spec.maxSlotsPerUserPerDay < 1 || spec.maxSlotsPerUserPerDay > spec.slotsPerDay())
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "maxSlotsPerUserPerDay");
        }
        // A hold and a late check-in last at most a day: the calendar ring keeps only yesterday.
        if (spec.holdTimeoutMs < HOLD_TIMEOUT_MIN_MS || spec.holdTimeoutMs > Venue.DAY_MS)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "holdTimeoutMs");
        }
        if (spec.cancelCutoffMs < 0 || spec.cancelCutoffMs > CANCEL_CUTOFF_MAX_MS)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "cancelCutoffMs");
        }
        if (spec.checkInEarlyMs < 0 || spec.checkInEarlyMs > Venue.DAY_MS)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "checkInEarlyMs");
        }
        if (spec.checkInLateMs < 0 || spec.checkInLateMs > Venue.DAY_MS)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "checkInLateMs");
        }
        if (spec.noShowStrikesForBan < 0 || spec.noShowStrikesForBan > STRIKES_FOR_BAN_MAX)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "noShowStrikesForBan");
        }
        if (spec.banDays < 1 || spec.banDays > BAN_DAYS_MAX)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "banDays");
        }
        return ResultCode.OK;
    }

    /**
     * Puts the holds placed since the last call at the head of their users' lists, in the order
     * they were placed: the list reads the same whenever this runs.
     */
    void linkPending()
    {
        final ReservationTable t = reservations;
        long readAhead = 0;
        for (int i = 0; i < pendingLinkCount; i++)
        {
            readAhead += newestByUser.homeKey(pendingLinkHashes[i]);
        }
        linkReadAhead += readAhead;
        for (int i = 0; i < pendingLinkCount; i++)
        {
            final int h = pendingLinks[i];
            t.previousOfUser[h] = newestByUser.put(pendingLinkHashes[i], t.userId[h], h);
        }
        pendingLinkCount = 0;
    }

    private boolean isBanned(final long userId, final int venueIndex, final long nowMs)
    {
        final int s = strikes.find(userId, venueIndex);
        return s != StrikeTable.MISSING && nowMs < strikes.bannedUntil[s];
    }

    /**
     * A later day takes over a calendar row. The day it held is at least two days gone, its
     * holds expired and its no-shows recorded, so its cells are only history.
     */
    private void takeOverRow(final Venue venue, final int row, final int day)
    {
        assert venue.rowDay[row] == Venue.NO_DAY || venue.rowDay[row] < venue.noShowDay :
            "calendar row of day " + venue.rowDay[row] + " still in use";
        final int first = venue.cell(row, 0, 0);
        final int last = first + venue.resourceCount * venue.slotsPerDay;
        Arrays.fill(cellStatus, first, last, FREE);
        Arrays.fill(cellHolder, first, last, 0);
        rowCounts.clear(venue.countTable(row), venue.countCells);
        venue.rowDay[row] = day;
    }

    /** The status of a reservation's cells; their holder stays. */
    private void markStatus(final Venue venue, final int h, final byte status)
    {
        final int first = firstCellOf(venue, h);
        Arrays.fill(cellStatus, first, first + reservations.slots[h], status);
    }

    private void markSlots(final Venue venue, final int h, final byte status, final int holder)
    {
        final int first = firstCellOf(venue, h);
        Arrays.fill(cellStatus, first, first + reservations.slots[h], status);
        Arrays.fill(cellHolder, first, first + reservations.slots[h], holder);
    }

    private int firstCellOf(final Venue venue, final int h)
    {
        final ReservationTable t = reservations;
        final int row = venue.calendarRow(t.epochDay[h]);
        assert venue.rowDay[row] == t.epochDay[h] : "a live reservation's day left the calendar";
        return venue.cell(row, t.resourceIndex[h], t.firstSlot[h]);
    }

    /** A hold or booking lets its slots go: they show FREE again and leave the user's daily count. */
    private void freeSlots(final int h, final byte newStatus)
    {
        final ReservationTable t = reservations;
        final Venue venue = venues[t.venueIndex[h]];
        markSlots(venue, h, FREE, 0);
        rowCounts.add(venue.countTable(venue.calendarRow(t.epochDay[h])), venue.countCells, t.userId[h], -t.slots[h]);
        t.status[h] = newStatus;
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

    long startAt(final int h)
    {
        final Venue venue = venues[reservations.venueIndex[h]];
        return venue.slotStartAt(reservations.epochDay[h], reservations.firstSlot[h]);
    }

    long amountFen(final int h)
    {
        return venues[reservations.venueIndex[h]].priceFen * reservations.slots[h];
    }

    long checkInCode(final int b)
    {
        return checkInCodesAhead.code(b);
    }

    /** Makes more check-in codes ahead, while there are venues to book. */
    public void computeCheckInCodesAhead()
    {
        if (venueCount > 0)
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
        if (venueId < 1 || venueId > venueCount)
        {
            return null;
        }
        return venues[(int)(venueId - 1)];
    }

    Venue venueAt(final int index)
    {
        return venues[index];
    }

    int venueCount()
    {
        return venueCount;
    }

    int newestReservationOf(final long userId)
    {
        linkPending();
        return newestByUser.get(userId);
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
        final long cells = (long)spec.calendarDays() * spec.resourceCount * spec.slotsPerDay();
        if (venueCount == venues.length || spec.resourceCount > context.maxResourcesPerVenue() ||
            spec.releaseDaysAhead > context.maxReleaseDaysAhead() ||
            cells > cellStatus.length - cellsUsed || !rowCounts.hasRoomFor(Venue.countEntries(spec)))
        {
            throw new IllegalStateException("snapshot venue " + (venueCount + 1) + " does not fit this engine's limits");
        }
        for (int r = 0; r < spec.resourceCount; r++)
        {
            if (!Codes.isValid(spec.resourceCode0[r], spec.resourceCode1[r]))
            {
                throw new IllegalStateException("snapshot venue " + (venueCount + 1) + " has a malformed resource code");
            }
        }
        final Venue venue = new Venue(venueCount, spec, cellsUsed, rowCounts.allocate((int)Venue.countEntries(spec)));
        cellsUsed += venue.cellCount();
        venues[venueCount++] = venue;
        return venue;
    }

    /**
     * Rebuilds what a snapshot does not store from the reservations it does: the users' newest
     * reservations, the slot counts and calendar cells of the days the calendar rows hold, the
     * strike index and its filter.
     */
    void restoreDerivedState(final long restoredNextDeadlineMs)
    {
        final ReservationTable t = reservations;
        for (int h = 0; h < t.count; h++)
        {
            newestByUser.put(StateHasher.mix(t.userId[h]), t.userId[h], h);
            final Venue venue = venues[t.venueIndex[h]];
            final int row = venue.calendarRow(t.epochDay[h]);
            if (ReservationTable.occupiesSlots(t.status[h]) && venue.rowDay[row] == t.epochDay[h])
            {
                rowCounts.add(venue.countTable(row), venue.countCells, t.userId[h], t.slots[h]);
                markSlots(venue, h, t.status[h] == ReservationTable.HELD ? HELD : BOOKED, h + 1);
            }
        }
        strikes.restoreIndex();
        strikeFilter.rebuild(strikes);
        nextDeadlineMs = restoredNextDeadlineMs;
    }

    private ResultCode reject(final ResultCode code, final long subjectId, final String field)
    {
        rejectedSubjectId = subjectId;
        rejectedField = field;
        return code;
    }

    public long rejectedSubjectId()
    {
        return rejectedSubjectId;
    }

    public String rejectedField()
    {
        return rejectedField;
    }

    public int lastVenue()
    {
        return lastVenue;
    }

    public int lastReservation()
    {
        return lastReservation;
    }

    public boolean lastReplayed()
    {
        return lastReplayed;
    }

    // ----------------------------------------------------------------- state hash

    public void hashInto(final StateHasher hasher)
    {
        linkPending();
        hasher.add(venueCount).add(cellsUsed).add(nextDeadlineMs);
        for (int v = 0; v < venueCount; v++)
        {
            final Venue venue = venues[v];
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
        for (int cell = 0; cell < cellsUsed; cell++)
        {
            hasher.add(cellStatus[cell]).add(cellHolder[cell]);
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
        for (int v = 0; v < venueCount; v++)
        {
            final Venue venue = venues[v];
            for (int row = 0; row < venue.calendarDays; row++)
            {
                hasher.add(rowCounts.hash(venue.countTable(row), venue.countCells));
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
