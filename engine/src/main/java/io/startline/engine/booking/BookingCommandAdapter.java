package io.startline.engine.booking;

import io.startline.engine.EngineContext;
import io.startline.engine.ResultWriter;
import io.startline.engine.SnapshotSink;
import io.startline.engine.codec.AvailabilityEncoder;
import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.BookingCancelledEncoder;
import io.startline.engine.codec.CancelBookingDecoder;
import io.startline.engine.codec.CheckInDecoder;
import io.startline.engine.codec.CheckedInEncoder;
import io.startline.engine.codec.ConfirmHoldDecoder;
import io.startline.engine.codec.CreateVenueDecoder;
import io.startline.engine.codec.GetAvailabilityDecoder;
import io.startline.engine.codec.GetReservationDecoder;
import io.startline.engine.codec.GetUserBookingsDecoder;
import io.startline.engine.codec.GetVenueDayDecoder;
import io.startline.engine.codec.HoldConfirmedEncoder;
import io.startline.engine.codec.HoldPlacedEncoder;
import io.startline.engine.codec.HoldReleasedEncoder;
import io.startline.engine.codec.ListVenuesDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.PlaceHoldDecoder;
import io.startline.engine.codec.ReleaseHoldDecoder;
import io.startline.engine.codec.RenameVenueDecoder;
import io.startline.engine.codec.ReservationStatus;
import io.startline.engine.codec.ReservationViewEncoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.StrikeRecordsDecoder;
import io.startline.engine.codec.UserBookingsEncoder;
import io.startline.engine.codec.VenueCreatedEncoder;
import io.startline.engine.codec.VenueDomainRecordDecoder;
import io.startline.engine.codec.VenueListEncoder;
import io.startline.engine.domain.Domain;
import io.startline.engine.domain.IdRange;
import io.startline.engine.domain.ListPage;
import io.startline.engine.domain.SchemaBlock;
import io.startline.engine.support.Codes;
import io.startline.engine.support.Ids;
import io.startline.engine.support.StateHasher;
import io.startline.engine.support.Text;
import org.agrona.DirectBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

import java.nio.ByteOrder;
import java.util.List;

/**
 * Decodes venue commands and queries, calls {@link Venues}, and encodes the one result.
 * Decoders, encoders and scratch arrays are reused fields: nothing allocates per hold.
 */
public final class BookingCommandAdapter implements Domain
{
    private static final SchemaBlock SCHEMA_BLOCK = new SchemaBlock("venues",
        new IdRange(CreateVenueDecoder.TEMPLATE_ID, RenameVenueDecoder.TEMPLATE_ID),
        new IdRange(GetAvailabilityDecoder.TEMPLATE_ID, GetVenueDayDecoder.TEMPLATE_ID),
        new IdRange(VenueDomainRecordDecoder.TEMPLATE_ID, StrikeRecordsDecoder.TEMPLATE_ID));

    private final int maxResultLength;

    private static final int MAX_SLOTS_PER_DAY = 1440 / Venues.SLOT_MINUTES_MIN;

    private final Venues venues;
    private final BookingOutcome outcome;
    private final BookingSnapshot snapshot;
    private final VenueRename rename;
    private final VenueSpec spec;
    private final int maxListedPerUser;
    private final byte[] codeBytes = new byte[Codes.LENGTH];
    private final byte[] statuses = new byte[MAX_SLOTS_PER_DAY];
    private final HoldRequest holdRequest = new HoldRequest();

    private final CreateVenueDecoder createVenueDecoder = new CreateVenueDecoder();
    private final PlaceHoldDecoder placeHoldDecoder = new PlaceHoldDecoder();
    private final ConfirmHoldDecoder confirmDecoder = new ConfirmHoldDecoder();
    private final ReleaseHoldDecoder releaseDecoder = new ReleaseHoldDecoder();
    private final CancelBookingDecoder cancelDecoder = new CancelBookingDecoder();
    private final CheckInDecoder checkInDecoder = new CheckInDecoder();
    private final GetAvailabilityDecoder availabilityDecoder = new GetAvailabilityDecoder();
    private final GetVenueDayDecoder venueDayDecoder = new GetVenueDayDecoder();
    private final GetUserBookingsDecoder userBookingsDecoder = new GetUserBookingsDecoder();
    private final GetReservationDecoder reservationDecoder = new GetReservationDecoder();
    private final ListVenuesDecoder listVenuesDecoder = new ListVenuesDecoder();

    private final VenueCreatedEncoder venueCreatedEncoder = new VenueCreatedEncoder();
    private final HoldPlacedEncoder holdPlacedEncoder = new HoldPlacedEncoder();
    private final HoldConfirmedEncoder confirmedEncoder = new HoldConfirmedEncoder();
    private final HoldReleasedEncoder releasedEncoder = new HoldReleasedEncoder();
    private final BookingCancelledEncoder cancelledEncoder = new BookingCancelledEncoder();
    private final CheckedInEncoder checkedInEncoder = new CheckedInEncoder();
    private final AvailabilityEncoder availabilityEncoder = new AvailabilityEncoder();
    private final UserBookingsEncoder userBookingsEncoder = new UserBookingsEncoder();
    private final ReservationViewEncoder reservationViewEncoder = new ReservationViewEncoder();
    private final VenueListEncoder venueListEncoder = new VenueListEncoder();
    private final ListPage page = new ListPage();

    public BookingCommandAdapter(final EngineContext context)
    {
        venues = new Venues(context);
        outcome = venues.outcome();
        maxResultLength = maxResultLength(context);
        snapshot = new BookingSnapshot(venues);
        rename = new VenueRename(venues);
        spec = new VenueSpec(context);
        maxListedPerUser = context.maxReservationsListedPerUser();
    }

    /** New decoders of this domain's commands and queries, for the edges' shape checks. */
    public static List<MessageDecoderFlyweight> inboundDecoders()
    {
        return List.of(
            new CreateVenueDecoder(),
            new PlaceHoldDecoder(),
            new ConfirmHoldDecoder(),
            new ReleaseHoldDecoder(),
            new CancelBookingDecoder(),
            new CheckInDecoder(),
            new RenameVenueDecoder(),
            new GetAvailabilityDecoder(),
            new GetVenueDayDecoder(),
            new GetUserBookingsDecoder(),
            new GetReservationDecoder(),
            new ListVenuesDecoder());
    }

    @Override
    public SchemaBlock schemaBlock()
    {
        return SCHEMA_BLOCK;
    }

    @Override
    public int maxResultLength()
    {
        return maxResultLength;
    }

    /**
     * The largest result this domain can write: a full availability grid, a user's list, or a page of venues.
     */
    private static int maxResultLength(final EngineContext context)
    {
        final int grid = MessageHeaderEncoder.ENCODED_LENGTH + AvailabilityEncoder.BLOCK_LENGTH + 4 +
            context.maxResourcesPerVenue() * (AvailabilityEncoder.ResourcesEncoder.sbeBlockLength() + 4 +
            MAX_SLOTS_PER_DAY);
        final int list = MessageHeaderEncoder.ENCODED_LENGTH + UserBookingsEncoder.BLOCK_LENGTH +
            4 + context.maxReservationsListedPerUser() * UserBookingsEncoder.HoldsEncoder.sbeBlockLength() +
            4 + context.maxReservationsListedPerUser() * UserBookingsEncoder.BookingsEncoder.sbeBlockLength();
        final int page = MessageHeaderEncoder.ENCODED_LENGTH + VenueListEncoder.BLOCK_LENGTH + 4 +
            EngineContext.LIST_PAGE_ROWS_MAX * (VenueListEncoder.VenuesEncoder.sbeBlockLength() + 4 +
            VenueSpec.NAME_MAX_BYTES);
        return Math.max(Math.max(grid, list), page);
    }

    @Override
    public int writeSnapshot(final SnapshotSink sink)
    {
        return snapshot.write(sink);
    }

    @Override
    public void loadSnapshotRecord(final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset)
    {
        snapshot.load(header, buffer, bodyOffset);
    }

    @Override
    public void finishSnapshotLoad()
    {
        snapshot.finish();
    }

    @Override
    public void advanceTime(final long nowMs)
    {
        venues.advanceTime(nowMs);
    }

    /** An idle tick: make more check-in codes ahead of the bookings. */
    @Override
    public void onTick()
    {
        venues.computeCheckInCodesAhead();
    }

    @Override
    public void hashInto(final StateHasher hasher)
    {
        venues.hashInto(hasher);
    }

    @Override
    public int onCommand(
        final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset, final long nowMs,
        final ResultWriter out)
    {
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case PlaceHoldDecoder.TEMPLATE_ID:
                placeHoldDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onPlaceHold(nowMs, out);
            case ConfirmHoldDecoder.TEMPLATE_ID:
                confirmDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onConfirm(nowMs, out);
            case ReleaseHoldDecoder.TEMPLATE_ID:
                releaseDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onRelease(out);
            case CancelBookingDecoder.TEMPLATE_ID:
                cancelDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onCancel(nowMs, out);
            case CheckInDecoder.TEMPLATE_ID:
                checkInDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onCheckIn(nowMs, out);
            case CreateVenueDecoder.TEMPLATE_ID:
                createVenueDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onCreateVenue(nowMs, out);
            case RenameVenueDecoder.TEMPLATE_ID:
                return rename.onCommand(header, buffer, bodyOffset, out);
            default:
                return out.rejected(ResultCode.UNKNOWN_COMMAND, header.templateId(), "");
        }
    }

    /**
     * @param nowMs the last applied command's time: queries carry no time of their own, and judge
     *              PAST and NOT_RELEASED by it.
     */
    @Override
    public int onQuery(
        final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset, final long nowMs,
        final ResultWriter out)
    {
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case GetAvailabilityDecoder.TEMPLATE_ID:
                availabilityDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onGrid(availabilityDecoder.venueId(), availabilityDecoder.dateEpochDay(), false, nowMs, out);
            case GetVenueDayDecoder.TEMPLATE_ID:
                venueDayDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onGrid(venueDayDecoder.venueId(), venueDayDecoder.dateEpochDay(), true, nowMs, out);
            case GetUserBookingsDecoder.TEMPLATE_ID:
                userBookingsDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onUserBookings(out);
            case GetReservationDecoder.TEMPLATE_ID:
                reservationDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onReservation(out);
            case ListVenuesDecoder.TEMPLATE_ID:
                listVenuesDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onListVenues(out);
            default:
                return out.rejected(ResultCode.UNKNOWN_COMMAND, header.templateId(), "");
        }
    }

    /** A page of venues in id order; ids are 1, 2, 3, …, so the page after id {@code n} starts at index {@code n}. */
    private int onListVenues(final ResultWriter out)
    {
        final String invalid = page.select(listVenuesDecoder.afterVenueId(), listVenuesDecoder.maxRows(),
            venues.venueCount());
        if (invalid != null)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, 0, invalid);
        }
        final VenueListEncoder encoder = venueListEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .nextAfterVenueId(page.nextAfter());
        final VenueListEncoder.VenuesEncoder list = encoder.venuesCount(page.rows());
        for (int i = page.first(); i < page.end(); i++)
        {
            final Venue venue = venues.venue(i + 1);
            list.next()
                .venueId(i + 1)
                .resources(venue.resourceCount)
                .slotMinutes(venue.slotMinutes)
                .priceFen(venue.priceFen)
                .releaseDaysAhead(venue.releaseDaysAhead)
                .putName(venue.name, 0, venue.name.length);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    // ------------------------------------------------------------------ commands

    private int onCreateVenue(final long nowMs, final ResultWriter out)
    {
        final CreateVenueDecoder decoder = createVenueDecoder;
        spec.utcOffsetMinutes = decoder.utcOffsetMinutes();
        spec.opensMinuteOfDay = decoder.opensMinuteOfDay();
        spec.closesMinuteOfDay = decoder.closesMinuteOfDay();
        spec.slotMinutes = decoder.slotMinutes();
        spec.priceFen = decoder.priceFen();
        spec.releaseDaysAhead = decoder.releaseDaysAhead();
        spec.releaseMinuteOfDay = decoder.releaseMinuteOfDay();
        spec.maxSlotsPerUserPerDay = decoder.maxSlotsPerUserPerDay();
        spec.holdTimeoutMs = decoder.holdTimeoutMs();
        spec.cancelCutoffMs = decoder.cancelCutoffMs();
        spec.checkInEarlyMs = decoder.checkInEarlyMs();
        spec.checkInLateMs = decoder.checkInLateMs();
        spec.noShowStrikesForBan = decoder.noShowStrikesForBan();
        spec.banDays = decoder.banDays();
        final CreateVenueDecoder.ResourcesDecoder resources = decoder.resources();
        if (resources.count() > spec.resourceCode0.length)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, 0, "resources");
        }
        spec.resourceCount = resources.count();
        int r = 0;
        for (final CreateVenueDecoder.ResourcesDecoder resource : resources)
        {
            resource.getCode(codeBytes, 0);
            if (!Codes.isValid(codeBytes))
            {
                return out.rejected(ResultCode.INVALID_ARGUMENT, 0, "resources.code");
            }
            spec.resourceCode0[r] = Codes.word0(codeBytes);
            spec.resourceCode1[r] = Codes.word1(codeBytes);
            r++;
        }
        final int nameLength = decoder.nameLength();
        if (nameLength < 1 || nameLength > spec.name.length ||
            !Text.isPrintableUtf8(decoder.buffer(), decoder.limit() + CreateVenueDecoder.nameHeaderLength(), nameLength))
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, 0, "name");
        }
        spec.nameLength = decoder.getName(spec.name, 0, nameLength);

        final ResultCode code = venues.createVenue(spec, nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        venueCreatedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .venueId(outcome.venue + 1L);
        return MessageHeaderEncoder.ENCODED_LENGTH + venueCreatedEncoder.encodedLength();
    }

    private int onPlaceHold(final long nowMs, final ResultWriter out)
    {
        final PlaceHoldDecoder decoder = placeHoldDecoder;
        // The code's two words straight from the message, as Codes keeps them (little-endian);
        // placeHold checks their form only if it refuses the hold.
        final int codeOffset = decoder.offset() + PlaceHoldDecoder.resourceCodeEncodingOffset();
        final HoldRequest request = holdRequest;
        request.venueId = decoder.venueId();
        request.userId = decoder.userId();
        request.resourceCode0 = decoder.buffer().getLong(codeOffset, ByteOrder.LITTLE_ENDIAN);
        request.resourceCode1 = decoder.buffer().getLong(codeOffset + 8, ByteOrder.LITTLE_ENDIAN);
        request.startAt = decoder.startAt();
        request.slotCount = decoder.slots();
        final ResultCode code = venues.placeHold(request, nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        final int h = outcome.reservation;
        holdPlacedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .holdId(h + 1L)
            .expiresAt(venues.reservations.expiresAt[h])
            .amountFen(venues.amountFen(h));
        return MessageHeaderEncoder.ENCODED_LENGTH + holdPlacedEncoder.encodedLength();
    }

    private int onConfirm(final long nowMs, final ResultWriter out)
    {
        final ConfirmHoldDecoder decoder = confirmDecoder;
        final long holdId = decoder.holdId();
        final int refLength = decoder.paymentRefLength();
        final int refOffset = decoder.limit() + ConfirmHoldDecoder.paymentRefHeaderLength();
        final boolean printable = refLength <= Venues.PAYMENT_REF_MAX_LENGTH &&
            Text.isPrintableUtf8(decoder.buffer(), refOffset, refLength);
        final long refHash = printable ? venues.paymentRefHash(decoder.buffer(), refOffset, refLength) : 0;
        decoder.skipPaymentRef();
        final ResultCode code = venues.confirmHold(holdId, refHash, printable ? refLength : -1, nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        final int b = outcome.reservation;
        confirmedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .bookingId(b + 1L)
            .checkInCode(venues.checkInCode(b))
            .replayed(bool(outcome.replayed));
        return MessageHeaderEncoder.ENCODED_LENGTH + confirmedEncoder.encodedLength();
    }

    private int onRelease(final ResultWriter out)
    {
        final ResultCode code = venues.releaseHold(releaseDecoder.holdId(), releaseDecoder.userId());
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        releasedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .holdId(outcome.reservation + 1L);
        return MessageHeaderEncoder.ENCODED_LENGTH + releasedEncoder.encodedLength();
    }

    private int onCancel(final long nowMs, final ResultWriter out)
    {
        final ResultCode code = venues.cancelBooking(cancelDecoder.bookingId(), cancelDecoder.userId(), nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        final int b = outcome.reservation;
        cancelledEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .bookingId(b + 1L)
            .refundable(bool(venues.reservations.refundable[b]));
        return MessageHeaderEncoder.ENCODED_LENGTH + cancelledEncoder.encodedLength();
    }

    private int onCheckIn(final long nowMs, final ResultWriter out)
    {
        final ResultCode code = venues.checkIn(checkInDecoder.venueId(), checkInDecoder.checkInCode(), nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        final int b = outcome.reservation;
        checkedInEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .bookingId(b + 1L)
            .putResourceCode(resourceCode(b), 0)
            .startAt(venues.startAt(b));
        return MessageHeaderEncoder.ENCODED_LENGTH + checkedInEncoder.encodedLength();
    }

    // ------------------------------------------------------------------ queries

    /**
     * A day's grid: the participants' availability, or with {@code operations} the organiser's view,
     * where a reservation's slot shows its state (checked in, no-show) also once it has started.
     */
    private int onGrid(final long venueId, final int day, final boolean operations, final long nowMs,
        final ResultWriter out)
    {
        final Venue venue = venues.venue(venueId);
        if (venue == null)
        {
            return out.rejected(ResultCode.VENUE_NOT_FOUND, venueId, "");
        }
        if (day < 0 || day > Venues.EPOCH_DAY_MAX)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, venueId, "date");
        }
        final AvailabilityEncoder encoder = availabilityEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .venueId(venueId)
            .dateEpochDay(day)
            .firstSlotStartAt(venue.slotStartAt(day, 0))
            .slotMinutes(venue.slotMinutes)
            .slotsPerDay(venue.slotsPerDay);
        final AvailabilityEncoder.ResourcesEncoder rows = encoder.resourcesCount(venue.resourceCount);
        final int slots = venue.slotsPerDay;
        final int calendarCell = venues.calendar.calendarCellOf(venue, day, nowMs);
        final int started = venues.calendar.startedSlots(venue, day, nowMs);
        if (calendarCell >= 0 && started == 0 && !operations)
        {
            // A day still to come: each court's row is its run of calendar cells, copied as is.
            for (int r = 0; r < venue.resourceCount; r++)
            {
                rows.next().putCode(venue.resourceCodeBytes[r], 0)
                    .putSlotStatuses(venues.calendar.cellStatusView, calendarCell + r * slots, slots);
            }
        }
        else
        {
            for (int r = 0; r < venue.resourceCount; r++)
            {
                if (operations)
                {
                    venues.calendar.operationsStatuses(venue, r, day, nowMs, statuses);
                }
                else
                {
                    venues.calendar.slotStatuses(venue, r, day, nowMs, statuses);
                }
                rows.next().putCode(venue.resourceCodeBytes[r], 0).putSlotStatuses(statuses, 0, slots);
            }
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int onUserBookings(final ResultWriter out)
    {
        final long userId = userBookingsDecoder.userId();
        if (!Ids.isValidExternalId(userId))
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, userId, "userId");
        }
        final ReservationTable t = venues.reservations;
        final int newest = venues.newestReservationOf(userId);
        int holds = 0;
        int bookings = 0;
        int visited = 0;
        for (int h = newest; h != ReservationTable.NONE && visited < maxListedPerUser; h = t.previousOfUser[h], visited++)
        {
            if (t.status[h] == ReservationTable.HELD)
            {
                holds++;
            }
            else if (ReservationTable.isBooking(t.status[h]))
            {
                bookings++;
            }
        }
        final UserBookingsEncoder encoder = userBookingsEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header());
        final UserBookingsEncoder.HoldsEncoder holdRows = encoder.holdsCount(holds);
        for (int h = newest, n = 0; n < holds; h = t.previousOfUser[h])
        {
            if (t.status[h] == ReservationTable.HELD)
            {
                holdRows.next()
                    .holdId(h + 1L)
                    .venueId(t.venueIndex[h] + 1L)
                    .putResourceCode(resourceCode(h), 0)
                    .startAt(venues.startAt(h))
                    .slots(t.slots[h])
                    .expiresAt(t.expiresAt[h])
                    .amountFen(venues.amountFen(h));
                n++;
            }
        }
        final UserBookingsEncoder.BookingsEncoder bookingRows = encoder.bookingsCount(bookings);
        for (int b = newest, n = 0; n < bookings; b = t.previousOfUser[b])
        {
            if (ReservationTable.isBooking(t.status[b]))
            {
                bookingRows.next()
                    .bookingId(b + 1L)
                    .venueId(t.venueIndex[b] + 1L)
                    .putResourceCode(resourceCode(b), 0)
                    .startAt(venues.startAt(b))
                    .slots(t.slots[b])
                    .status(ReservationStatus.get(t.status[b]))
                    .checkInCode(venues.checkInCode(b));
                n++;
            }
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /**
     * Who owns a hold or booking and where it stands, so the gateway can refuse another user's
     * release or cancellation before any command is journaled.
     */
    private int onReservation(final ResultWriter out)
    {
        final long reservationId = reservationDecoder.reservationId();
        final ReservationTable t = venues.reservations;
        if (reservationId < 1 || reservationId > t.count)
        {
            return out.rejected(ResultCode.HOLD_NOT_FOUND, reservationId, "");
        }
        final int h = (int)(reservationId - 1);
        reservationViewEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .reservationId(reservationId)
            .userId(t.userId[h])
            .venueId(t.venueIndex[h] + 1L)
            .status(ReservationStatus.get(t.status[h]));
        return MessageHeaderEncoder.ENCODED_LENGTH + reservationViewEncoder.encodedLength();
    }

    // ------------------------------------------------------------------ helpers

    private byte[] resourceCode(final int h)
    {
        return venues.venueAt(venues.reservations.venueIndex[h]).resourceCodeBytes[venues.reservations.resourceIndex[h]];
    }

    private static BooleanType bool(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }

    private int rejected(final ResultCode code, final ResultWriter out)
    {
        return out.rejected(code, outcome.rejectedSubjectId, outcome.rejectedField);
    }
}
