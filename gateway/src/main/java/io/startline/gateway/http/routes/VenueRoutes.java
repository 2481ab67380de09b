package io.startline.gateway.http.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.startline.engine.EngineContext;
import io.startline.engine.booking.SlotStatus;
import io.startline.engine.booking.VenueSpec;
import io.startline.engine.booking.Venues;
import io.startline.engine.codec.AvailabilityDecoder;
import io.startline.engine.codec.BookingCancelledDecoder;
import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.CancelBookingEncoder;
import io.startline.engine.codec.CheckInEncoder;
import io.startline.engine.codec.CheckedInDecoder;
import io.startline.engine.codec.ConfirmHoldEncoder;
import io.startline.engine.codec.CreateVenueEncoder;
import io.startline.engine.codec.GetAvailabilityEncoder;
import io.startline.engine.codec.GetVenueDayEncoder;
import io.startline.engine.codec.GetReservationEncoder;
import io.startline.engine.codec.GetUserBookingsEncoder;
import io.startline.engine.codec.HoldConfirmedDecoder;
import io.startline.engine.codec.HoldPlacedDecoder;
import io.startline.engine.codec.ListVenuesEncoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.PlaceHoldEncoder;
import io.startline.engine.codec.ReleaseHoldEncoder;
import io.startline.engine.codec.RenameVenueEncoder;
import io.startline.engine.codec.ReservationStatus;
import io.startline.engine.codec.ReservationViewDecoder;
import io.startline.engine.codec.UserBookingsDecoder;
import io.startline.engine.codec.VenueCreatedDecoder;
import io.startline.engine.codec.VenueListDecoder;
import io.startline.engine.codec.VenueRenamedDecoder;
import io.startline.gateway.http.ApiException;
import io.startline.gateway.http.ApiRequest;
import io.startline.gateway.http.Encoder;
import io.startline.gateway.http.HttpApi;
import io.startline.gateway.http.Json;
import io.startline.gateway.http.JsonBody;
import io.startline.gateway.http.Reply;
import io.startline.gateway.http.ResultHandler;
import io.startline.gateway.http.Role;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The venue routes of API.md: venues, the availability grid, holds, their confirmation by the
 * payment callback, a participant's holds and bookings, releases, cancellations and check-ins
 * at the gate.
 * <p>
 * Every command reaches the journal, refused or not, so whatever a caller may not do is
 * refused here first: a release or a cancellation asks the engine whose hold or booking it is
 * (a read-only query) before sending the command, and a gate's token must name the path's
 * venue. Values are checked field by field for the same reason; the engine stays the judge of
 * its own limits (resources per venue, days ahead) and of every business rule.
 * <p>
 * A resource's {@code name} is accepted and checked but not kept: the engine's schema has
 * codes only, so no answer carries it.
 */
public final class VenueRoutes
{
    private static final Set<String> VENUE_FIELDS = Set.of("name", "utcOffsetMinutes", "resources",
        "opensMinuteOfDay", "closesMinuteOfDay", "slotMinutes", "priceFen", "releaseDaysAhead", "releaseMinuteOfDay",
        "maxSlotsPerUserPerDay", "holdTimeoutMs", "cancelCutoffMs", "checkInEarlyMs", "checkInLateMs",
        "noShowStrikesForBan", "banDays");
    /**
     * A venue's one edit, its name, at any time. Nothing time-like of a venue is editable: its slots
     * are released for booking from its creation on, so its hours, slots, release settings and rules
     * are in effect at once; to change them, create a new venue.
     */
    private static final Set<String> VENUE_EDIT_FIELDS = Set.of("name");
    private static final Set<String> RESOURCE_FIELDS = Set.of("code", "name");
    private static final Set<String> HOLD_FIELDS = Set.of("resourceCode", "startAt", "slots");
    private static final Set<String> CONFIRM_FIELDS = Set.of("paymentRef");
    private static final Set<String> CHECK_IN_FIELDS = Set.of("checkInCode");
    private static final int MINUTES_A_DAY = 1440;
    private static final int MAX_SLOTS_A_DAY = MINUTES_A_DAY / Venues.SLOT_MINUTES_MIN;
    private static final long DAY_MS = 86_400_000L;
    private static final long MINUTE_MS = 60_000L;
    /** Generous bounds for the engine's configured limits, which it checks itself. */
    private static final int MAX_RESOURCES = EngineContext.MAX_RESOURCES_PER_VENUE_CEILING;
    private static final int MAX_RELEASE_DAYS_AHEAD = EngineContext.MAX_RELEASE_DAYS_AHEAD_CEILING;

    private VenueRoutes()
    {
    }

    public static void register(final HttpApi api)
    {
        api.route("POST", "/api/venues", Set.of(Role.ADMIN), true, VenueRoutes::createVenue)
            .route("GET", "/api/venues", Set.of(), false, VenueRoutes::listVenues)
            .route("PATCH", "/api/venues/{venueId}", Set.of(Role.ADMIN), true, VenueRoutes::renameVenue)
            .route("GET", "/api/venues/{venueId}/availability", Set.of(), false, VenueRoutes::availability)
            .route("GET", "/api/venues/{venueId}/day", Set.of(Role.ADMIN), false, VenueRoutes::day)
            .route("POST", "/api/venues/{venueId}/holds", Set.of(Role.PARTICIPANT), true, VenueRoutes::hold)
            .route("POST", "/api/holds/{holdId}/confirm", Set.of(Role.ADMIN), true, VenueRoutes::confirm)
            .route("DELETE", "/api/holds/{holdId}", Set.of(Role.PARTICIPANT), false, VenueRoutes::release)
            .route("GET", "/api/bookings/me", Set.of(Role.PARTICIPANT), false, VenueRoutes::myBookings)
            .route("DELETE", "/api/bookings/{bookingId}", Set.of(Role.PARTICIPANT), false, VenueRoutes::cancel)
            .route("POST", "/api/venues/{venueId}/checkins", Set.of(Role.GATE), true, VenueRoutes::checkIn);
    }

    /** A new name, by the creation's rules, at any time; every other field of a venue is 409 NOT_EDITABLE. */
    private static void renameVenue(final ApiRequest request)
    {
        final long venueId = request.pathId("venueId", "VENUE_NOT_FOUND");
        final JsonBody body = EditBodies.editable(request.json(), VENUE_EDIT_FIELDS, VENUE_FIELDS, "venue");
        final String name = body.displayText("name", VenueSpec.NAME_MAX_BYTES);
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new RenameVenueEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).venueId(venueId).name(name).encodedLength(),
            (result, template) -> Reply.json(200, Json.object().put("venueId", new VenueRenamedDecoder()
                .wrap(result, ApiRequest.bodyOffset(), ApiRequest.blockLength(result), ApiRequest.version(result))
                .venueId()).put("name", name)));
    }

    /** A page of venues in id order, for anyone with a token: what there is to book. */
    private static void listVenues(final ApiRequest request)
    {
        final ApiRequest.Page page = request.page();
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new ListVenuesEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).afterVenueId(page.after())
            .maxRows(page.limit()).encodedLength(),
            (result, template) ->
            {
                final VenueListDecoder d = new VenueListDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                final long next = d.nextAfterVenueId();
                final ObjectNode reply = Json.object();
                final ArrayNode venues = reply.putArray("venues");
                for (final VenueListDecoder.VenuesDecoder v : d.venues())
                {
                    venues.addObject()
                        .put("venueId", v.venueId())
                        .put("resources", v.resources())
                        .put("slotMinutes", v.slotMinutes())
                        .put("priceFen", v.priceFen())
                        .put("releaseDaysAhead", v.releaseDaysAhead())
                        .put("name", v.name());
                }
                return Reply.json(200, ApiRequest.Page.withNext(reply, next));
            });
    }

    private static void createVenue(final ApiRequest request)
    {
        final JsonBody body = request.json().only(VENUE_FIELDS);
        final String name = body.displayText("name", VenueSpec.NAME_MAX_BYTES);
        final int utcOffset = body.intValue("utcOffsetMinutes", -Venues.UTC_OFFSET_MAX_MINUTES,
            Venues.UTC_OFFSET_MAX_MINUTES);
        final List<JsonBody> resources = body.objects("resources", 1, MAX_RESOURCES);
        final String[] codes = new String[resources.size()];
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < codes.length; i++)
        {
            final JsonBody resource = resources.get(i).only(RESOURCE_FIELDS);
            codes[i] = CodeFields.code(resource, "code");
            if (!seen.add(codes[i]))
            {
                throw ApiException.badRequest(resource.pathOf("code"), resource.pathOf("code") + " " + codes[i] +
                    " is taken by an earlier resource");
            }
            resource.displayText("name", VenueSpec.NAME_MAX_BYTES);
        }
        final int opens = body.intValue("opensMinuteOfDay", 0, MINUTES_A_DAY - 1);
        final int closes = body.intValue("closesMinuteOfDay", opens + 1, MINUTES_A_DAY);
        final int slotMinutes = body.intValue("slotMinutes", Venues.SLOT_MINUTES_MIN, closes - opens);
        if ((closes - opens) % slotMinutes != 0)
        {
            throw ApiException.badRequest("slotMinutes", "slotMinutes must divide the opening hours (" +
                (closes - opens) + " minutes)");
        }
        final long priceFen = body.longValue("priceFen", 0, Venues.PRICE_MAX_FEN);
        final int releaseDaysAhead = body.intValue("releaseDaysAhead", 0, MAX_RELEASE_DAYS_AHEAD);
        final int releaseMinute = body.intValue("releaseMinuteOfDay", 0, MINUTES_A_DAY - 1);
        final int maxSlots = body.intValue("maxSlotsPerUserPerDay", 1, (closes - opens) / slotMinutes);
        final long holdTimeoutMs = body.longValue("holdTimeoutMs", Venues.HOLD_TIMEOUT_MIN_MS, DAY_MS);
        final long cancelCutoffMs = body.longValue("cancelCutoffMs", 0, Venues.CANCEL_CUTOFF_MAX_MS);
        final long checkInEarlyMs = body.longValue("checkInEarlyMs", 0, DAY_MS);
        final long checkInLateMs = body.longValue("checkInLateMs", 0, DAY_MS);
        final int strikesForBan = body.intValue("noShowStrikesForBan", 0, Venues.STRIKES_FOR_BAN_MAX);
        final int banDays = body.intValue("banDays", 1, Venues.BAN_DAYS_MAX);
        request.engine(buffer ->
        {
            final CreateVenueEncoder e = new CreateVenueEncoder().wrapAndApplyHeader(buffer, 0,
                new MessageHeaderEncoder())
                .utcOffsetMinutes(utcOffset)
                .opensMinuteOfDay(opens)
                .closesMinuteOfDay(closes)
                .slotMinutes(slotMinutes)
                .priceFen(priceFen)
                .releaseDaysAhead(releaseDaysAhead)
                .releaseMinuteOfDay(releaseMinute)
                .maxSlotsPerUserPerDay(maxSlots)
                .holdTimeoutMs(holdTimeoutMs)
                .cancelCutoffMs(cancelCutoffMs)
                .checkInEarlyMs(checkInEarlyMs)
                .checkInLateMs(checkInLateMs)
                .noShowStrikesForBan(strikesForBan)
                .banDays(banDays);
            final CreateVenueEncoder.ResourcesEncoder rows = e.resourcesCount(codes.length);
            for (final String code : codes)
            {
                rows.next().code(code);
            }
            e.name(name);
            return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
        }, (result, template) -> Reply.json(201, Json.object().put("venueId", new VenueCreatedDecoder()
            .wrap(result, ApiRequest.bodyOffset(), ApiRequest.blockLength(result), ApiRequest.version(result))
            .venueId())));
    }

    /** The grid of one local date of the venue: each slot's start and what it shows now. */
    private static void availability(final ApiRequest request)
    {
        final long venueId = request.pathId("venueId", "VENUE_NOT_FOUND");
        final LocalDate date = date(request.query("date"));
        grid(request, date, buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new GetAvailabilityEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).venueId(venueId)
            .dateEpochDay((int)date.toEpochDay()).encodedLength());
    }

    /**
     * The organiser's grid of one local date: as the availability, but a slot a reservation has shows
     * its state (HELD, BOOKED, CHECKED_IN, NO_SHOW) also once it has started.
     */
    private static void day(final ApiRequest request)
    {
        final long venueId = request.pathId("venueId", "VENUE_NOT_FOUND");
        final LocalDate date = date(request.query("date"));
        grid(request, date, buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new GetVenueDayEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).venueId(venueId)
            .dateEpochDay((int)date.toEpochDay()).encodedLength());
    }

    private static void grid(final ApiRequest request, final LocalDate date, final Encoder query)
    {
        request.engine(query,
            (result, template) ->
            {
                final AvailabilityDecoder d = new AvailabilityDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                final long firstSlotStartAt = d.firstSlotStartAt();
                final long slotMs = d.slotMinutes() * MINUTE_MS;
                final ObjectNode reply = Json.object().put("date", date.toString());
                final ArrayNode resources = reply.putArray("resources");
                for (final AvailabilityDecoder.ResourcesDecoder r : d.resources())
                {
                    final ObjectNode resource = resources.addObject().put("code", r.code());
                    final byte[] statuses = new byte[r.slotStatusesLength()];
                    r.getSlotStatuses(statuses, 0, statuses.length);
                    final ArrayNode slots = resource.putArray("slots");
                    for (int i = 0; i < statuses.length; i++)
                    {
                        slots.addObject()
                            .put("startAt", firstSlotStartAt + i * slotMs)
                            .put("status", SlotStatus.name(statuses[i]));
                    }
                }
                return Reply.json(200, reply);
            });
    }

    private static void hold(final ApiRequest request)
    {
        final long venueId = request.pathId("venueId", "VENUE_NOT_FOUND");
        final JsonBody body = request.json().only(HOLD_FIELDS);
        final String resourceCode = CodeFields.code(body, "resourceCode");
        final long startAt = body.longValue("startAt", 0, Venues.TIME_MAX_MS);
        final int slots = body.intValue("slots", 1, MAX_SLOTS_A_DAY);
        final long userId = request.caller().userId();
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new PlaceHoldEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).venueId(venueId).userId(userId)
            .resourceCode(resourceCode).startAt(startAt).slots(slots).encodedLength(),
            (result, template) ->
            {
                final HoldPlacedDecoder d = new HoldPlacedDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                return Reply.json(201, Json.object()
                    .put("holdId", d.holdId())
                    .put("expiresAt", d.expiresAt())
                    .put("amountFen", d.amountFen()));
            });
    }

    /**
     * The payment callback. The same payment reference again gets the same answer (the engine's
     * {@code replayed} flag is left out so that it is the same to the byte).
     */
    private static void confirm(final ApiRequest request)
    {
        final long holdId = request.pathId("holdId", "HOLD_NOT_FOUND");
        final String paymentRef = request.json().only(CONFIRM_FIELDS).asciiText("paymentRef", Venues.PAYMENT_REF_MAX_LENGTH);
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new ConfirmHoldEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).holdId(holdId).paymentRef(paymentRef)
            .encodedLength(),
            (result, template) ->
            {
                final HoldConfirmedDecoder d = new HoldConfirmedDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                return Reply.json(200, Json.object()
                    .put("bookingId", d.bookingId())
                    .put("checkInCode", CodeFields.issued(d.checkInCode())));
            });
    }

    /** Only the owner may let a hold go: whose it is is asked first, so another's try journals nothing. */
    private static void release(final ApiRequest request)
    {
        final long holdId = request.pathId("holdId", "HOLD_NOT_FOUND");
        final long userId = request.caller().userId();
        request.engine(buffer -> reservationQuery(buffer, holdId), (view, viewTemplate) ->
        {
            if (reservation(view).userId() != userId)
            {
                throw ApiException.forbidden("hold " + holdId + " is another user's");
            }
            request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new ReleaseHoldEncoder()
                .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).holdId(holdId).userId(userId)
                .encodedLength(),
                (result, template) -> Reply.json(200, Json.object()
                    .put("holdId", holdId)
                    .put("status", ReservationStatus.RELEASED.name())));
            return null;
        });
    }

    private static void myBookings(final ApiRequest request)
    {
        final long userId = request.caller().userId();
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new GetUserBookingsEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).userId(userId).encodedLength(),
            (result, template) ->
            {
                final UserBookingsDecoder d = new UserBookingsDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                final ObjectNode reply = Json.object();
                final ArrayNode holds = reply.putArray("holds");
                for (final UserBookingsDecoder.HoldsDecoder h : d.holds())
                {
                    holds.addObject()
                        .put("holdId", h.holdId())
                        .put("venueId", h.venueId())
                        .put("resourceCode", h.resourceCode())
                        .put("startAt", h.startAt())
                        .put("slots", h.slots())
                        .put("expiresAt", h.expiresAt())
                        .put("amountFen", h.amountFen());
                }
                final ArrayNode bookings = reply.putArray("bookings");
                for (final UserBookingsDecoder.BookingsDecoder b : d.bookings())
                {
                    bookings.addObject()
                        .put("bookingId", b.bookingId())
                        .put("venueId", b.venueId())
                        .put("resourceCode", b.resourceCode())
                        .put("startAt", b.startAt())
                        .put("slots", b.slots())
                        .put("status", b.status().name())
                        .put("checkInCode", CodeFields.issued(b.checkInCode()));
                }
                return Reply.json(200, reply);
            });
    }

    /**
     * Only the owner may cancel a booking; as in the engine, an id that is no booking (unknown,
     * or still a hold) is not found before it is anyone's.
     */
    private static void cancel(final ApiRequest request)
    {
        final long bookingId = request.pathId("bookingId", "BOOKING_NOT_FOUND");
        final long userId = request.caller().userId();
        final ApiException notFound = ApiException.notFound("BOOKING_NOT_FOUND", "booking " + bookingId +
            " does not exist");
        final ResultHandler cancelIfOwn = (view, viewTemplate) ->
        {
            final ReservationViewDecoder reservation = reservation(view);
            if (!isBooking(reservation.status()))
            {
                throw notFound;
            }
            if (reservation.userId() != userId)
            {
                throw ApiException.forbidden("booking " + bookingId + " is another user's");
            }
            request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new CancelBookingEncoder()
                .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).bookingId(bookingId).userId(userId)
                .encodedLength(),
                (result, template) -> Reply.json(200, Json.object()
                    .put("bookingId", bookingId)
                    .put("status", ReservationStatus.CANCELLED.name())
                    .put("refundable", new BookingCancelledDecoder().wrap(result, ApiRequest.bodyOffset(),
                        ApiRequest.blockLength(result), ApiRequest.version(result)).refundable() == BooleanType.TRUE)));
            return null;
        };
        request.engine(buffer -> reservationQuery(buffer, bookingId), cancelIfOwn,
            refused -> "HOLD_NOT_FOUND".equals(refused.code()) ? notFound : refused);
    }

    /** A gate admits at its own venue only: another venue's gate is refused before the engine hears of it. */
    private static void checkIn(final ApiRequest request)
    {
        final long venueId = request.pathId("venueId", "VENUE_NOT_FOUND");
        if (request.caller().venueId() != venueId)
        {
            throw ApiException.forbidden("this gate is for venue " + request.caller().venueId() + ", not " + venueId);
        }
        final long checkInCode = CodeFields.issued(request.json().only(CHECK_IN_FIELDS), "checkInCode");
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new CheckInEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).venueId(venueId).checkInCode(checkInCode)
            .encodedLength(),
            (result, template) ->
            {
                final CheckedInDecoder d = new CheckedInDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                return Reply.json(200, Json.object()
                    .put("bookingId", d.bookingId())
                    .put("resourceCode", d.resourceCode())
                    .put("startAt", d.startAt()));
            });
    }

    private static int reservationQuery(final MutableDirectBuffer buffer, final long reservationId)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new GetReservationEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).reservationId(reservationId).encodedLength();
    }

    private static ReservationViewDecoder reservation(final DirectBuffer view)
    {
        return new ReservationViewDecoder().wrap(view, ApiRequest.bodyOffset(), ApiRequest.blockLength(view),
            ApiRequest.version(view));
    }

    /** A hold and the booking it becomes share one id: only these statuses are a booking. */
    private static boolean isBooking(final ReservationStatus status)
    {
        return switch (status)
        {
            case BOOKED, CHECKED_IN, CANCELLED, NO_SHOW -> true;
            default -> false;
        };
    }

    /** A local date of the venue, {@code YYYY-MM-DD}, within the engine's calendar. */
    private static LocalDate date(final String value)
    {
        if (value == null)
        {
            throw ApiException.badRequest("date", "date is required, like 2026-12-01");
        }
        final LocalDate date;
        try
        {
            date = LocalDate.parse(value);
        }
        catch (final DateTimeParseException ex)
        {
            throw ApiException.badRequest("date", "date must be a date like 2026-12-01");
        }
        if (date.toEpochDay() < 0 || date.toEpochDay() > Venues.EPOCH_DAY_MAX)
        {
            throw ApiException.badRequest("date", "date must be from 1970-01-01 to 9999-12-31");
        }
        return date;
    }
}
