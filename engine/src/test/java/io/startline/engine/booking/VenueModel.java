package io.startline.engine.booking;

import io.startline.engine.codec.ReservationStatus;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.VenueDriver;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * The venue booking rules written as plainly as possible, with ordinary objects and
 * collections, for the engine to be checked against. It shares nothing with the engine but
 * the result codes, the status names and the rule text (/tmp/venue-rules.md, API.md's Venues
 * section): local days and slot starts come from {@code java.time}, the calendar is a map from
 * (venue, resource, slot start) to the reservation that has the slot, the daily limit is a sum
 * over the user's reservations, strikes are a list per (user, venue).
 * <p>
 * Check-in codes are the one thing it cannot predict (a keyed permutation of the booking id):
 * it takes them from the engine's confirmations and checks only that they are unique and stable.
 * <p>
 * Time: {@link #advanceTo} is called for every command the engine applies, before the model
 * applies the command itself, and fires the deadlines due by then. Queries carry no time and
 * see {@link #now}, the time of the last applied command.
 */
final class VenueModel
{
    static final long MINUTE_MS = 60_000L;
    static final long DAY_MS = 86_400_000L;
    static final long STRIKE_WINDOW_MS = 30 * DAY_MS;
    static final long USER_ID_MAX = (1L << 53) - 1;
    static final long TIME_MAX_MS = LocalDate.of(9999, 12, 31).atTime(LocalTime.MAX)
        .toInstant(ZoneOffset.UTC).toEpochMilli();
    static final int EPOCH_DAY_MAX = (int)LocalDate.of(9999, 12, 31).toEpochDay();
    static final long PRICE_MAX_FEN = 100_000_000L;
    static final int PAYMENT_REF_MAX = 64;
    static final int NAME_MAX_BYTES = 200;

    private final int maxVenues;
    private final int maxResourcesPerVenue;
    private final int maxReleaseDaysAhead;
    private final long maxCalendarCells;
    private final int maxReservations;
    private final int listedPerUser;

    final List<VenueM> venues = new ArrayList<>();
    long cellsUsed;
    /** Every reservation ever placed; id = index + 1. */
    final List<ResM> reservations = new ArrayList<>();
    /** Who has each slot now: a live hold or a booking not cancelled. */
    final Map<SlotKey, ResM> holderOfSlot = new HashMap<>();
    final Map<Long, List<ResM>> reservationsOfUser = new HashMap<>();
    private final Map<UserVenueDay, List<ResM>> reservationsOfUserVenueDay = new HashMap<>();
    final Map<UserVenue, StrikesM> strikes = new HashMap<>();
    final Map<Long, ResM> bookingByCheckInCode = new HashMap<>();
    private final PriorityQueue<ResM> holdsByExpiry = new PriorityQueue<>(
        (a, b) -> a.expiresAt != b.expiresAt ? Long.compare(a.expiresAt, b.expiresAt) : Long.compare(a.id, b.id));
    private final PriorityQueue<ResM> bookingsByDeadline = new PriorityQueue<>(
        (a, b) -> a.noShowDeadline() != b.noShowDeadline() ? Long.compare(a.noShowDeadline(), b.noShowDeadline())
            : a.startAt != b.startAt ? Long.compare(a.startAt, b.startAt) : Long.compare(a.id, b.id));

    /** The time of the last applied command. */
    long now = Long.MIN_VALUE;
    /** Every ban as (user id, venue id, banned until), in the order they were imposed. */
    final List<long[]> bans = new ArrayList<>();
    /** What the deadlines did, e.g. "deadline NO_SHOW" -> 12, for the run's tally. */
    final Map<String, Long> events = new TreeMap<>();

    VenueModel(
        final int maxVenues, final int maxResourcesPerVenue, final int maxReleaseDaysAhead, final long maxCalendarCells,
        final int maxReservations, final int listedPerUser)
    {
        this.maxVenues = maxVenues;
        this.maxResourcesPerVenue = maxResourcesPerVenue;
        this.maxReleaseDaysAhead = maxReleaseDaysAhead;
        this.maxCalendarCells = maxCalendarCells;
        this.maxReservations = maxReservations;
        this.listedPerUser = listedPerUser;
    }

    record SlotKey(long venueId, int resource, long startAt)
    {
    }

    record UserVenue(long userId, long venueId)
    {
    }

    record UserVenueDay(long userId, long venueId, LocalDate day)
    {
    }

    static final class VenueM
    {
        long id;
        VenueDriver.Venue spec;
        ZoneOffset zone;
        int slotsPerDay;
        long slotMs;

        LocalDate localDate(final long epochMs)
        {
            return Instant.ofEpochMilli(epochMs).atOffset(zone).toLocalDate();
        }

        long slotStartAt(final LocalDate day, final int slot)
        {
            return day.atStartOfDay().toInstant(zone).toEpochMilli() +
                (spec.opensMinuteOfDay() + (long)slot * spec.slotMinutes()) * MINUTE_MS;
        }

        long releaseAt(final LocalDate day)
        {
            return day.minusDays(spec.releaseDaysAhead()).atStartOfDay().plusMinutes(spec.releaseMinuteOfDay())
                .toInstant(zone).toEpochMilli();
        }

        int resourceIndex(final String code)
        {
            return spec.resourceCodes().indexOf(code);
        }

        String resourceCode(final int resource)
        {
            return spec.resourceCodes().get(resource);
        }
    }

    static final class ResM
    {
        long id;
        VenueM venue;
        int resource;
        long userId;
        LocalDate day;
        int firstSlot;
        int slots;
        long startAt;
        ReservationStatus status;
        long expiresAt;
        long amountFen;
        String paymentRef;
        long checkInCode;
        boolean refundable;

        long noShowDeadline()
        {
            return startAt + venue.spec.checkInLateMs();
        }

        List<SlotKey> slotKeys;

        boolean isBooking()
        {
            return status == ReservationStatus.BOOKED || status == ReservationStatus.CHECKED_IN ||
                status == ReservationStatus.CANCELLED || status == ReservationStatus.NO_SHOW;
        }

        boolean occupiesSlots()
        {
            return status == ReservationStatus.HELD || status == ReservationStatus.BOOKED ||
                status == ReservationStatus.CHECKED_IN || status == ReservationStatus.NO_SHOW;
        }
    }

    static final class StrikesM
    {
        /** Slot starts of the no-shows not yet used up by a ban, oldest first. */
        final List<Long> strikeStartAts = new ArrayList<>();
        long bannedUntil = Long.MIN_VALUE;
        int bans;
    }

    /** The model's answer: a code, and for OK what it expects the engine to say. */
    record Answer(ResultCode code, String field, long id, ResM res, boolean replayed, boolean refundable)
    {
        static Answer no(final ResultCode code)
        {
            return new Answer(code, "", 0, null, false, false);
        }

        static Answer invalid(final String field)
        {
            return new Answer(ResultCode.INVALID_ARGUMENT, field, 0, null, false, false);
        }

        static Answer ok(final ResM res)
        {
            return new Answer(ResultCode.OK, "", res.id, res, false, false);
        }
    }

    // ------------------------------------------------------------------ time

    /** A command is applied at {@code nowMs}: first every deadline due by then fires. */
    void advanceTo(final long nowMs)
    {
        if (nowMs < now)
        {
            throw new IllegalStateException("time went back");
        }
        now = nowMs;
        while (!holdsByExpiry.isEmpty() && holdsByExpiry.peek().expiresAt <= nowMs)
        {
            final ResM h = holdsByExpiry.poll();
            if (h.status == ReservationStatus.HELD)
            {
                freeSlots(h);
                h.status = ReservationStatus.EXPIRED;
                event("deadline EXPIRED");
                if (h.expiresAt == nowMs)
                {
                    event("edge: hold expired by a command at exactly expiresAt");
                }
            }
        }
        while (!bookingsByDeadline.isEmpty() && bookingsByDeadline.peek().noShowDeadline() < nowMs)
        {
            final ResM b = bookingsByDeadline.poll();
            if (b.status == ReservationStatus.BOOKED)
            {
                b.status = ReservationStatus.NO_SHOW;
                event("deadline NO_SHOW");
                if (b.noShowDeadline() + 1 == nowMs)
                {
                    event("edge: no-show recorded by a command 1 ms after startAt + checkInLateMs");
                }
                strike(b);
            }
        }
    }

    private void strike(final ResM b)
    {
        final VenueM v = b.venue;
        final StrikesM s = strikes.computeIfAbsent(new UserVenue(b.userId, v.id), k -> new StrikesM());
        s.strikeStartAts.add(b.startAt);
        final int needed = v.spec.noShowStrikesForBan();
        if (needed == 0)
        {
            event("deadline NO_SHOW at a venue that never bans");
            return;
        }
        int inWindow = 0;
        for (final long startAt : s.strikeStartAts)
        {
            if (startAt > b.startAt - STRIKE_WINDOW_MS)
            {
                inWindow++;
            }
        }
        if (inWindow < s.strikeStartAts.size())
        {
            event("deadline NO_SHOW with strikes older than 30 days");
        }
        if (inWindow >= needed)
        {
            if (b.startAt + v.spec.checkInLateMs() < s.bannedUntil)
            {
                event("deadline BAN of a user already banned");
            }
            s.bannedUntil = b.startAt + v.spec.checkInLateMs() + v.spec.banDays() * DAY_MS;
            bans.add(new long[] {b.userId, v.id, s.bannedUntil});
            s.strikeStartAts.clear();
            s.bans++;
            event("deadline BAN");
        }
    }

    private void event(final String name)
    {
        events.merge(name, 1L, Long::sum);
    }

    boolean isBanned(final long userId, final long venueId, final long atMs)
    {
        final StrikesM s = strikes.get(new UserVenue(userId, venueId));
        return s != null && atMs < s.bannedUntil;
    }

    boolean wasEverBanned(final long userId, final long venueId)
    {
        final StrikesM s = strikes.get(new UserVenue(userId, venueId));
        return s != null && s.bans > 0;
    }

    // ------------------------------------------------------------------ commands

    Answer createVenue(final VenueDriver.Venue spec)
    {
        final String invalid = invalidVenueField(spec);
        if (invalid != null)
        {
            return Answer.invalid(invalid);
        }
        final int slotsPerDay = (spec.closesMinuteOfDay() - spec.opensMinuteOfDay()) / spec.slotMinutes();
        final long cells = (long)(spec.releaseDaysAhead() + 2) * spec.resourceCodes().size() * slotsPerDay;
        if (venues.size() == maxVenues || cellsUsed + cells > maxCalendarCells)
        {
            return Answer.no(ResultCode.CAPACITY_REACHED);
        }
        final VenueM v = new VenueM();
        v.id = venues.size() + 1;
        v.spec = spec;
        v.zone = ZoneOffset.ofTotalSeconds(spec.utcOffsetMinutes() * 60);
        v.slotsPerDay = slotsPerDay;
        v.slotMs = spec.slotMinutes() * MINUTE_MS;
        venues.add(v);
        cellsUsed += cells;
        return new Answer(ResultCode.OK, "", v.id, null, false, false);
    }

    /** The first field that breaks a rule, in the rule text's order; null when the venue is valid. */
    private String invalidVenueField(final VenueDriver.Venue spec)
    {
        if (spec.utcOffsetMinutes() < -840 || spec.utcOffsetMinutes() > 840)
        {
            return "utcOffsetMinutes";
        }
        final List<String> codes = spec.resourceCodes();
        if (codes.isEmpty() || codes.size() > maxResourcesPerVenue)
        {
            return "resources";
        }
        if (!codes.stream().allMatch(c -> c.matches("[A-Za-z0-9_-]{1,16}")) || new HashSet<>(codes).size() != codes.size())
        {
            return "resources.code";
        }
        if (spec.opensMinuteOfDay() < 0 || spec.opensMinuteOfDay() > 1439)
        {
            return "opensMinuteOfDay";
        }
        if (spec.closesMinuteOfDay() <= spec.opensMinuteOfDay() || spec.closesMinuteOfDay() > 1440)
        {
            return "closesMinuteOfDay";
        }
        if (spec.slotMinutes() < 5 || (spec.closesMinuteOfDay() - spec.opensMinuteOfDay()) % spec.slotMinutes() != 0)
        {
            return "slotMinutes";
        }
        if (spec.priceFen() < 0 || spec.priceFen() > PRICE_MAX_FEN)
        {
            return "priceFen";
        }
        if (spec.releaseDaysAhead() < 0 || spec.releaseDaysAhead() > maxReleaseDaysAhead)
        {
            return "releaseDaysAhead";
        }
        if (spec.releaseMinuteOfDay() < 0 || spec.releaseMinuteOfDay() > 1439)
        {
            return "releaseMinuteOfDay";
        }
        final int slotsPerDay = (spec.closesMinuteOfDay() - spec.opensMinuteOfDay()) / spec.slotMinutes();
        if (spec.maxSlotsPerUserPerDay() < 1 || spec.maxSlotsPerUserPerDay() > slotsPerDay)
        {
            return "maxSlotsPerUserPerDay";
        }
        if (spec.holdTimeoutMs() < 1000 || spec.holdTimeoutMs() > DAY_MS)
        {
            return "holdTimeoutMs";
        }
        if (spec.cancelCutoffMs() < 0 || spec.cancelCutoffMs() > 30 * DAY_MS)
        {
            return "cancelCutoffMs";
        }
        if (spec.checkInEarlyMs() < 0 || spec.checkInEarlyMs() > DAY_MS)
        {
            return "checkInEarlyMs";
        }
        if (spec.checkInLateMs() < 0 || spec.checkInLateMs() > DAY_MS)
        {
            return "checkInLateMs";
        }
        if (spec.noShowStrikesForBan() < 0 || spec.noShowStrikesForBan() > 10)
        {
            return "noShowStrikesForBan";
        }
        if (spec.banDays() < 1 || spec.banDays() > 3660)
        {
            return "banDays";
        }
        final byte[] name = spec.name().getBytes(StandardCharsets.UTF_8);
        if (name.length < 1 || name.length > NAME_MAX_BYTES || !spec.name().codePoints().allMatch(VenueModel::printable) ||
            spec.name().startsWith(" ") || spec.name().endsWith(" "))
        {
            return "name";
        }
        return null;
    }

    private static boolean printable(final int codePoint)
    {
        return !Character.isISOControl(codePoint);
    }

    Answer hold(final long venueId, final long userId, final String resourceCode, final long startAt, final int slots)
    {
        if (userId < 1 || userId > USER_ID_MAX)
        {
            return Answer.invalid("userId");
        }
        final VenueM v = venue(venueId);
        if (v == null)
        {
            return Answer.no(ResultCode.VENUE_NOT_FOUND);
        }
        final int resource = v.resourceIndex(resourceCode);
        if (resource < 0)
        {
            return Answer.no(ResultCode.RESOURCE_NOT_FOUND);
        }
        if (startAt < 0 || startAt > TIME_MAX_MS)
        {
            return Answer.invalid("startAt");
        }
        final LocalDate day = v.localDate(startAt);
        int firstSlot = -1;
        for (int s = 0; s < v.slotsPerDay; s++)
        {
            if (v.slotStartAt(day, s) == startAt)
            {
                firstSlot = s;
            }
        }
        if (firstSlot < 0)
        {
            return Answer.invalid("startAt");
        }
        if (slots < 1 || (long)firstSlot + slots > v.slotsPerDay)
        {
            return Answer.invalid("slots");
        }
        if (now >= startAt)
        {
            return Answer.no(ResultCode.PAST);
        }
        if (now < v.releaseAt(day))
        {
            return Answer.no(ResultCode.NOT_RELEASED);
        }
        if (isBanned(userId, v.id, now))
        {
            return Answer.no(ResultCode.BANNED);
        }
        if (slotsHeldOrBooked(userId, v, day) + slots > v.spec.maxSlotsPerUserPerDay())
        {
            return Answer.no(ResultCode.LIMIT_REACHED);
        }
        for (int s = firstSlot; s < firstSlot + slots; s++)
        {
            if (holderOfSlot.containsKey(new SlotKey(v.id, resource, v.slotStartAt(day, s))))
            {
                return Answer.no(ResultCode.SLOT_TAKEN);
            }
        }
        if (reservations.size() == maxReservations)
        {
            return Answer.no(ResultCode.CAPACITY_REACHED);
        }
        final ResM h = new ResM();
        h.id = reservations.size() + 1;
        h.venue = v;
        h.resource = resource;
        h.userId = userId;
        h.day = day;
        h.firstSlot = firstSlot;
        h.slots = slots;
        h.startAt = startAt;
        h.status = ReservationStatus.HELD;
        h.expiresAt = now + v.spec.holdTimeoutMs();
        h.amountFen = v.spec.priceFen() * slots;
        h.slotKeys = new ArrayList<>();
        for (int s = firstSlot; s < firstSlot + slots; s++)
        {
            h.slotKeys.add(new SlotKey(v.id, resource, v.slotStartAt(day, s)));
        }
        reservations.add(h);
        reservationsOfUser.computeIfAbsent(userId, u -> new ArrayList<>()).add(h);
        reservationsOfUserVenueDay.computeIfAbsent(new UserVenueDay(userId, v.id, day), k -> new ArrayList<>()).add(h);
        for (final SlotKey key : h.slotKeys)
        {
            if (holderOfSlot.put(key, h) != null)
            {
                throw new AssertionError("model: slot " + key + " held twice");
            }
        }
        holdsByExpiry.add(h);
        return Answer.ok(h);
    }

    /** Held + booked slots of a user at a venue on a local day. */
    int slotsHeldOrBooked(final long userId, final VenueM v, final LocalDate day)
    {
        int total = 0;
        for (final ResM r : reservationsOfUserVenueDay.getOrDefault(new UserVenueDay(userId, v.id, day), List.of()))
        {
            if (r.occupiesSlots())
            {
                total += r.slots;
            }
        }
        return total;
    }

    Answer confirm(final long holdId, final String paymentRef)
    {
        final ResM h = reservation(holdId);
        if (h == null)
        {
            return Answer.no(ResultCode.HOLD_NOT_FOUND);
        }
        if (!validPaymentRef(paymentRef))
        {
            return Answer.invalid("paymentRef");
        }
        if (h.isBooking())
        {
            if (!h.paymentRef.equals(paymentRef))
            {
                return Answer.no(ResultCode.ALREADY_CONFIRMED);
            }
            return new Answer(ResultCode.OK, "", h.id, h, true, false);
        }
        if (h.status == ReservationStatus.EXPIRED)
        {
            return Answer.no(ResultCode.EXPIRED);
        }
        if (h.status == ReservationStatus.RELEASED)
        {
            return Answer.no(ResultCode.HOLD_RELEASED);
        }
        if (now > h.startAt + h.venue.spec.checkInLateMs())
        {
            return Answer.no(ResultCode.PAST);
        }
        h.status = ReservationStatus.BOOKED;
        h.paymentRef = paymentRef;
        bookingsByDeadline.add(h);
        return Answer.ok(h);
    }

    static boolean validPaymentRef(final String ref)
    {
        // Printable as the engine's text checks define it for names too: no control characters,
        // not blank at either end.
        return ref.length() >= 1 && ref.length() <= PAYMENT_REF_MAX && ref.chars().allMatch(c -> c >= 0x20 && c < 0x7F) &&
            ref.charAt(0) != ' ' && ref.charAt(ref.length() - 1) != ' ';
    }

    /** The engine's check-in code for a new booking: codes are the engine's, but must be unique. */
    void recordCheckInCode(final ResM b, final long code)
    {
        if (code == b.id)
        {
            throw new AssertionError("check-in code of booking " + b.id + " is its id");
        }
        final ResM other = bookingByCheckInCode.putIfAbsent(code, b);
        if (other != null)
        {
            throw new AssertionError("check-in code " + code + " of booking " + b.id + " is also booking " + other.id + "'s");
        }
        b.checkInCode = code;
    }

    Answer release(final long holdId, final long userId)
    {
        final ResM h = reservation(holdId);
        if (h == null)
        {
            return Answer.no(ResultCode.HOLD_NOT_FOUND);
        }
        if (h.userId != userId)
        {
            return Answer.no(ResultCode.NOT_OWNER);
        }
        if (h.status == ReservationStatus.RELEASED)
        {
            return new Answer(ResultCode.OK, "", h.id, h, true, false);
        }
        if (h.status == ReservationStatus.EXPIRED)
        {
            return Answer.no(ResultCode.EXPIRED);
        }
        if (h.isBooking())
        {
            return Answer.no(ResultCode.ALREADY_CONFIRMED);
        }
        freeSlots(h);
        h.status = ReservationStatus.RELEASED;
        return Answer.ok(h);
    }

    Answer cancel(final long bookingId, final long userId)
    {
        final ResM b = reservation(bookingId);
        if (b == null || !b.isBooking())
        {
            return Answer.no(ResultCode.BOOKING_NOT_FOUND);
        }
        if (b.userId != userId)
        {
            return Answer.no(ResultCode.NOT_OWNER);
        }
        if (b.status == ReservationStatus.CANCELLED)
        {
            return new Answer(ResultCode.OK, "", b.id, b, true, b.refundable);
        }
        if (b.status == ReservationStatus.CHECKED_IN)
        {
            return Answer.no(ResultCode.ALREADY_CHECKED_IN);
        }
        if (b.status == ReservationStatus.NO_SHOW || now >= b.startAt)
        {
            return Answer.no(ResultCode.PAST);
        }
        b.refundable = now <= b.startAt - b.venue.spec.cancelCutoffMs();
        freeSlots(b);
        b.status = ReservationStatus.CANCELLED;
        return new Answer(ResultCode.OK, "", b.id, b, false, b.refundable);
    }

    Answer checkIn(final long venueId, final long checkInCode)
    {
        final VenueM v = venue(venueId);
        if (v == null)
        {
            return Answer.no(ResultCode.VENUE_NOT_FOUND);
        }
        final ResM b = bookingByCheckInCode.get(checkInCode);
        if (b == null)
        {
            return Answer.no(ResultCode.BOOKING_NOT_FOUND);
        }
        if (b.venue != v)
        {
            return Answer.no(ResultCode.WRONG_VENUE);
        }
        if (b.status == ReservationStatus.CANCELLED)
        {
            return Answer.no(ResultCode.BOOKING_CANCELLED);
        }
        if (b.status == ReservationStatus.CHECKED_IN)
        {
            return Answer.no(ResultCode.ALREADY_CHECKED_IN);
        }
        if (b.status == ReservationStatus.NO_SHOW || now < b.startAt - v.spec.checkInEarlyMs() ||
            now > b.startAt + v.spec.checkInLateMs())
        {
            return Answer.no(ResultCode.NOT_IN_WINDOW);
        }
        b.status = ReservationStatus.CHECKED_IN;
        return Answer.ok(b);
    }

    private void freeSlots(final ResM r)
    {
        for (final SlotKey key : r.slotKeys)
        {
            if (holderOfSlot.remove(key) != r)
            {
                throw new AssertionError("model: slot " + key + " was not reservation " + r.id + "'s");
            }
        }
    }

    // ------------------------------------------------------------------ queries

    VenueDriver.Availability availability(final long venueId, final int dateEpochDay)
    {
        final VenueM v = venue(venueId);
        if (v == null)
        {
            return new VenueDriver.Availability(ResultCode.VENUE_NOT_FOUND, 0, 0, List.of(), "");
        }
        if (dateEpochDay < 0 || dateEpochDay > EPOCH_DAY_MAX)
        {
            return new VenueDriver.Availability(ResultCode.INVALID_ARGUMENT, 0, 0, List.of(), "date");
        }
        final LocalDate day = LocalDate.ofEpochDay(dateEpochDay);
        final long releaseAt = v.releaseAt(day);
        final List<VenueDriver.ResourceDay> rows = new ArrayList<>();
        for (int r = 0; r < v.spec.resourceCodes().size(); r++)
        {
            final List<String> slots = new ArrayList<>();
            for (int s = 0; s < v.slotsPerDay; s++)
            {
                final long startAt = v.slotStartAt(day, s);
                final String status;
                if (now >= startAt)
                {
                    status = "PAST";
                }
                else if (now < releaseAt)
                {
                    status = "NOT_RELEASED";
                }
                else
                {
                    final ResM holder = holderOfSlot.get(new SlotKey(v.id, r, startAt));
                    status = holder == null ? "FREE" : holder.status == ReservationStatus.HELD ? "HELD" : "BOOKED";
                }
                slots.add(status);
            }
            rows.add(new VenueDriver.ResourceDay(v.resourceCode(r), slots));
        }
        return new VenueDriver.Availability(ResultCode.OK, v.slotStartAt(day, 0), v.spec.slotMinutes(), rows, "");
    }

    VenueDriver.UserBookings bookingsOf(final long userId)
    {
        if (userId < 1 || userId > USER_ID_MAX)
        {
            return new VenueDriver.UserBookings(ResultCode.INVALID_ARGUMENT, List.of(), List.of());
        }
        final List<ResM> all = reservationsOfUser.getOrDefault(userId, List.of());
        final List<ResM> newestFirst = new ArrayList<>(all.subList(Math.max(0, all.size() - listedPerUser), all.size()));
        Collections.reverse(newestFirst);
        final List<VenueDriver.HoldRow> holds = new ArrayList<>();
        final List<VenueDriver.BookingRow> bookings = new ArrayList<>();
        for (final ResM r : newestFirst)
        {
            if (r.status == ReservationStatus.HELD)
            {
                holds.add(new VenueDriver.HoldRow(r.id, r.venue.id, r.venue.resourceCode(r.resource), r.startAt, r.slots,
                    r.expiresAt, r.amountFen));
            }
            else if (r.isBooking())
            {
                bookings.add(new VenueDriver.BookingRow(r.id, r.venue.id, r.venue.resourceCode(r.resource), r.startAt,
                    r.slots, r.status, r.checkInCode));
            }
        }
        return new VenueDriver.UserBookings(ResultCode.OK, holds, bookings);
    }

    // ------------------------------------------------------------------ invariants

    /**
     * The model's own bookkeeping: every slot-holding reservation, and only those, holds its
     * slots; no user past a venue's daily limit on any local day.
     */
    void checkInvariants()
    {
        int occupied = 0;
        final Map<String, Integer> daily = new HashMap<>();
        for (final ResM r : reservations)
        {
            if (r.occupiesSlots())
            {
                for (final SlotKey key : r.slotKeys)
                {
                    if (holderOfSlot.get(key) != r)
                    {
                        throw new AssertionError("model: reservation " + r.id + " lost slot " + key);
                    }
                    occupied++;
                }
                final String key = r.userId + "/" + r.venue.id + "/" + r.day;
                final int total = daily.merge(key, r.slots, Integer::sum);
                if (total > r.venue.spec.maxSlotsPerUserPerDay())
                {
                    throw new AssertionError("model: user/venue/day " + key + " has " + total + " slots");
                }
            }
        }
        if (occupied != holderOfSlot.size())
        {
            throw new AssertionError("model: " + holderOfSlot.size() + " slots held, reservations hold " + occupied);
        }
    }

    // ------------------------------------------------------------------ lookups

    VenueM venue(final long venueId)
    {
        return venueId >= 1 && venueId <= venues.size() ? venues.get((int)(venueId - 1)) : null;
    }

    ResM reservation(final long id)
    {
        return id >= 1 && id <= reservations.size() ? reservations.get((int)(id - 1)) : null;
    }

    Set<Long> users()
    {
        return reservationsOfUser.keySet();
    }
}
