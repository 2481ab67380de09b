package io.startline.engine.testkit;

import io.startline.engine.booking.SlotStatus;
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
import io.startline.engine.codec.HoldReleasedDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.PlaceHoldEncoder;
import io.startline.engine.codec.ReleaseHoldEncoder;
import io.startline.engine.codec.ReservationStatus;
import io.startline.engine.codec.ReservationViewDecoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.UserBookingsDecoder;
import io.startline.engine.codec.VenueCreatedDecoder;
import org.agrona.DirectBuffer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Speaks the venue commands and queries to an engine through an {@link EngineDriver}, and
 * decodes the results into records that tests read like the API's JSON.
 */
public final class VenueDriver
{
    private final EngineDriver driver;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    /** A venue as POST /api/venues takes it; {@link #standard} gives API.md's example values. */
    public record Venue(
        String name, int utcOffsetMinutes, List<String> resourceCodes, int opensMinuteOfDay, int closesMinuteOfDay,
        int slotMinutes, long priceFen, int releaseDaysAhead, int releaseMinuteOfDay, int maxSlotsPerUserPerDay,
        long holdTimeoutMs, long cancelCutoffMs, long checkInEarlyMs, long checkInLateMs, int noShowStrikesForBan,
        int banDays)
    {
        /** UTC+8, courts COURT-1..n, 08:00 to 22:00 in hours at 5,000 fen, released at 08:00 seven days ahead. */
        public static Venue standard(final int courts)
        {
            final List<String> codes = new ArrayList<>();
            for (int i = 1; i <= courts; i++)
            {
                codes.add("COURT-" + i);
            }
            return new Venue("City Sports Centre", 480, codes, 480, 1320, 60, 5000, 7, 480, 2, 600_000L,
                86_400_000L, 900_000L, 900_000L, 3, 30);
        }

        public Venue withUtcOffsetMinutes(final int value)
        {
            return new Venue(name, value, resourceCodes, opensMinuteOfDay, closesMinuteOfDay, slotMinutes, priceFen,
                releaseDaysAhead, releaseMinuteOfDay, maxSlotsPerUserPerDay, holdTimeoutMs, cancelCutoffMs,
                checkInEarlyMs, checkInLateMs, noShowStrikesForBan, banDays);
        }

        public Venue withHours(final int opens, final int closes, final int slot)
        {
            return new Venue(name, utcOffsetMinutes, resourceCodes, opens, closes, slot, priceFen,
                releaseDaysAhead, releaseMinuteOfDay, maxSlotsPerUserPerDay, holdTimeoutMs, cancelCutoffMs,
                checkInEarlyMs, checkInLateMs, noShowStrikesForBan, banDays);
        }

        public Venue withRelease(final int daysAhead, final int minuteOfDay)
        {
            return new Venue(name, utcOffsetMinutes, resourceCodes, opensMinuteOfDay, closesMinuteOfDay, slotMinutes,
                priceFen, daysAhead, minuteOfDay, maxSlotsPerUserPerDay, holdTimeoutMs, cancelCutoffMs,
                checkInEarlyMs, checkInLateMs, noShowStrikesForBan, banDays);
        }

        public Venue withMaxSlotsPerUserPerDay(final int value)
        {
            return new Venue(name, utcOffsetMinutes, resourceCodes, opensMinuteOfDay, closesMinuteOfDay, slotMinutes,
                priceFen, releaseDaysAhead, releaseMinuteOfDay, value, holdTimeoutMs, cancelCutoffMs,
                checkInEarlyMs, checkInLateMs, noShowStrikesForBan, banDays);
        }

        public Venue withTimes(final long holdTimeout, final long cancelCutoff, final long checkInEarly,
            final long checkInLate)
        {
            return new Venue(name, utcOffsetMinutes, resourceCodes, opensMinuteOfDay, closesMinuteOfDay, slotMinutes,
                priceFen, releaseDaysAhead, releaseMinuteOfDay, maxSlotsPerUserPerDay, holdTimeout, cancelCutoff,
                checkInEarly, checkInLate, noShowStrikesForBan, banDays);
        }

        public Venue withBans(final int strikes, final int days)
        {
            return new Venue(name, utcOffsetMinutes, resourceCodes, opensMinuteOfDay, closesMinuteOfDay, slotMinutes,
                priceFen, releaseDaysAhead, releaseMinuteOfDay, maxSlotsPerUserPerDay, holdTimeoutMs, cancelCutoffMs,
                checkInEarlyMs, checkInLateMs, strikes, days);
        }

        public Venue withResources(final List<String> codes)
        {
            return new Venue(name, utcOffsetMinutes, codes, opensMinuteOfDay, closesMinuteOfDay, slotMinutes,
                priceFen, releaseDaysAhead, releaseMinuteOfDay, maxSlotsPerUserPerDay, holdTimeoutMs, cancelCutoffMs,
                checkInEarlyMs, checkInLateMs, noShowStrikesForBan, banDays);
        }

        public Venue withPriceFen(final long value)
        {
            return new Venue(name, utcOffsetMinutes, resourceCodes, opensMinuteOfDay, closesMinuteOfDay, slotMinutes,
                value, releaseDaysAhead, releaseMinuteOfDay, maxSlotsPerUserPerDay, holdTimeoutMs, cancelCutoffMs,
                checkInEarlyMs, checkInLateMs, noShowStrikesForBan, banDays);
        }

        public Venue withName(final String value)
        {
            return new Venue(value, utcOffsetMinutes, resourceCodes, opensMinuteOfDay, closesMinuteOfDay, slotMinutes,
                priceFen, releaseDaysAhead, releaseMinuteOfDay, maxSlotsPerUserPerDay, holdTimeoutMs, cancelCutoffMs,
                checkInEarlyMs, checkInLateMs, noShowStrikesForBan, banDays);
        }
    }

    public record Result(ResultCode code, long id, String field)
    {
    }

    public record Hold(ResultCode code, long holdId, long expiresAt, long amountFen, String field)
    {
    }

    public record Confirmed(ResultCode code, long bookingId, long checkInCode, boolean replayed, String field)
    {
    }

    public record Cancelled(ResultCode code, long bookingId, boolean refundable)
    {
    }

    public record CheckedIn(ResultCode code, long bookingId, String resourceCode, long startAt, String field)
    {
    }

    /** One resource's day: the status name of each slot, as API.md spells them. */
    public record ResourceDay(String code, List<String> slots)
    {
    }

    public record Availability(ResultCode code, long firstSlotStartAt, int slotMinutes, List<ResourceDay> resources,
        String field)
    {
        public String status(final String resourceCode, final int slot)
        {
            for (final ResourceDay day : resources)
            {
                if (day.code().equals(resourceCode))
                {
                    return day.slots().get(slot);
                }
            }
            throw new IllegalArgumentException("no resource " + resourceCode);
        }
    }

    public record HoldRow(long holdId, long venueId, String resourceCode, long startAt, int slots, long expiresAt,
        long amountFen)
    {
    }

    public record BookingRow(long bookingId, long venueId, String resourceCode, long startAt, int slots,
        ReservationStatus status, long checkInCode)
    {
    }

    public record UserBookings(ResultCode code, List<HoldRow> holds, List<BookingRow> bookings)
    {
    }

    /** Who owns a hold or booking, and its status; status null when refused. */
    public record ReservationView(ResultCode code, long reservationId, long userId, long venueId,
        ReservationStatus status)
    {
    }

    public VenueDriver(final EngineDriver driver)
    {
        this.driver = driver;
    }

    public EngineDriver engineDriver()
    {
        return driver;
    }

    public Result createVenue(final Venue venue)
    {
        final CreateVenueEncoder encoder = new CreateVenueEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .utcOffsetMinutes(venue.utcOffsetMinutes())
            .opensMinuteOfDay(venue.opensMinuteOfDay())
            .closesMinuteOfDay(venue.closesMinuteOfDay())
            .slotMinutes(venue.slotMinutes())
            .priceFen(venue.priceFen())
            .releaseDaysAhead(venue.releaseDaysAhead())
            .releaseMinuteOfDay(venue.releaseMinuteOfDay())
            .maxSlotsPerUserPerDay(venue.maxSlotsPerUserPerDay())
            .holdTimeoutMs(venue.holdTimeoutMs())
            .cancelCutoffMs(venue.cancelCutoffMs())
            .checkInEarlyMs(venue.checkInEarlyMs())
            .checkInLateMs(venue.checkInLateMs())
            .noShowStrikesForBan(venue.noShowStrikesForBan())
            .banDays(venue.banDays());
        final CreateVenueEncoder.ResourcesEncoder resources = encoder.resourcesCount(venue.resourceCodes().size());
        for (final String code : venue.resourceCodes())
        {
            resources.next().code(code);
        }
        encoder.name(venue.name());
        final DirectBuffer result = send(encoder.encodedLength());
        if (rejected())
        {
            return new Result(driver.lastRejection(), 0, driver.lastRejectedField());
        }
        return new Result(ResultCode.OK, new VenueCreatedDecoder().wrap(result, body(), blockLength(), version())
            .venueId(), "");
    }

    public Hold hold(final long venueId, final long userId, final String resourceCode, final long startAt,
        final int slots)
    {
        final PlaceHoldEncoder encoder = new PlaceHoldEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .venueId(venueId)
            .userId(userId)
            .resourceCode(resourceCode)
            .startAt(startAt)
            .slots(slots);
        final DirectBuffer result = send(encoder.encodedLength());
        if (rejected())
        {
            return new Hold(driver.lastRejection(), 0, 0, 0, driver.lastRejectedField());
        }
        final HoldPlacedDecoder d = new HoldPlacedDecoder().wrap(result, body(), blockLength(), version());
        return new Hold(ResultCode.OK, d.holdId(), d.expiresAt(), d.amountFen(), "");
    }

    public Confirmed confirm(final long holdId, final String paymentRef)
    {
        final ConfirmHoldEncoder encoder = new ConfirmHoldEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .holdId(holdId)
            .paymentRef(paymentRef);
        final DirectBuffer result = send(encoder.encodedLength());
        if (rejected())
        {
            return new Confirmed(driver.lastRejection(), 0, 0, false, driver.lastRejectedField());
        }
        final HoldConfirmedDecoder d = new HoldConfirmedDecoder().wrap(result, body(), blockLength(), version());
        return new Confirmed(ResultCode.OK, d.bookingId(), d.checkInCode(), d.replayed() == BooleanType.TRUE, "");
    }

    public Result release(final long holdId, final long userId)
    {
        final ReleaseHoldEncoder encoder = new ReleaseHoldEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .holdId(holdId)
            .userId(userId);
        final DirectBuffer result = send(encoder.encodedLength());
        if (rejected())
        {
            return new Result(driver.lastRejection(), 0, driver.lastRejectedField());
        }
        return new Result(ResultCode.OK, new HoldReleasedDecoder().wrap(result, body(), blockLength(), version())
            .holdId(), "");
    }

    public Cancelled cancel(final long bookingId, final long userId)
    {
        final CancelBookingEncoder encoder = new CancelBookingEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .bookingId(bookingId)
            .userId(userId);
        final DirectBuffer result = send(encoder.encodedLength());
        if (rejected())
        {
            return new Cancelled(driver.lastRejection(), 0, false);
        }
        final BookingCancelledDecoder d = new BookingCancelledDecoder().wrap(result, body(), blockLength(), version());
        return new Cancelled(ResultCode.OK, d.bookingId(), d.refundable() == BooleanType.TRUE);
    }

    public CheckedIn checkIn(final long venueId, final long checkInCode)
    {
        final CheckInEncoder encoder = new CheckInEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .venueId(venueId)
            .checkInCode(checkInCode);
        final DirectBuffer result = send(encoder.encodedLength());
        if (rejected())
        {
            return new CheckedIn(driver.lastRejection(), 0, null, 0, driver.lastRejectedField());
        }
        final CheckedInDecoder d = new CheckedInDecoder().wrap(result, body(), blockLength(), version());
        return new CheckedIn(ResultCode.OK, d.bookingId(), d.resourceCode(), d.startAt(), "");
    }

    public Availability availability(final long venueId, final LocalDate date)
    {
        return availability(venueId, (int)date.toEpochDay());
    }

    public Availability availability(final long venueId, final int dateEpochDay)
    {
        new GetAvailabilityEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .venueId(venueId)
            .dateEpochDay(dateEpochDay);
        return grid();
    }

    /** The organiser's grid of the day: each reservation's state, also once its slot has started. */
    public Availability venueDay(final long venueId, final LocalDate date)
    {
        new GetVenueDayEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .venueId(venueId)
            .dateEpochDay((int)date.toEpochDay());
        return grid();
    }

    private Availability grid()
    {
        final DirectBuffer result = ask();
        if (rejected())
        {
            return new Availability(driver.lastRejection(), 0, 0, List.of(), driver.lastRejectedField());
        }
        final AvailabilityDecoder d = new AvailabilityDecoder().wrap(result, body(), blockLength(), version());
        final long firstSlotStartAt = d.firstSlotStartAt();
        final int slotMinutes = d.slotMinutes();
        final List<ResourceDay> resources = new ArrayList<>();
        for (final AvailabilityDecoder.ResourcesDecoder r : d.resources())
        {
            final String code = r.code();
            final byte[] statuses = new byte[r.slotStatusesLength()];
            r.getSlotStatuses(statuses, 0, statuses.length);
            final List<String> slots = new ArrayList<>();
            for (final byte status : statuses)
            {
                slots.add(SlotStatus.name(status));
            }
            resources.add(new ResourceDay(code, slots));
        }
        return new Availability(ResultCode.OK, firstSlotStartAt, slotMinutes, resources, "");
    }

    public UserBookings bookingsOf(final long userId)
    {
        final GetUserBookingsEncoder encoder = new GetUserBookingsEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .userId(userId);
        final DirectBuffer result = ask();
        if (rejected())
        {
            return new UserBookings(driver.lastRejection(), List.of(), List.of());
        }
        final UserBookingsDecoder d = new UserBookingsDecoder().wrap(result, body(), blockLength(), version());
        final List<HoldRow> holds = new ArrayList<>();
        for (final UserBookingsDecoder.HoldsDecoder h : d.holds())
        {
            holds.add(new HoldRow(h.holdId(), h.venueId(), h.resourceCode(), h.startAt(), h.slots(), h.expiresAt(),
                h.amountFen()));
        }
        final List<BookingRow> bookings = new ArrayList<>();
        for (final UserBookingsDecoder.BookingsDecoder b : d.bookings())
        {
            bookings.add(new BookingRow(b.bookingId(), b.venueId(), b.resourceCode(), b.startAt(), b.slots(),
                b.status(), b.checkInCode()));
        }
        return new UserBookings(ResultCode.OK, holds, bookings);
    }

    public ReservationView reservation(final long reservationId)
    {
        new GetReservationEncoder()
            .wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .reservationId(reservationId);
        final DirectBuffer result = ask();
        if (rejected())
        {
            return new ReservationView(driver.lastRejection(), 0, 0, 0, null);
        }
        final ReservationViewDecoder d = new ReservationViewDecoder().wrap(result, body(), blockLength(), version());
        return new ReservationView(ResultCode.OK, d.reservationId(), d.userId(), d.venueId(), d.status());
    }

    private DirectBuffer send(final int bodyLength)
    {
        final DirectBuffer result = driver.send(MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
        header.wrap(result, 0);
        return result;
    }

    private DirectBuffer ask()
    {
        final DirectBuffer result = driver.ask();
        header.wrap(result, 0);
        return result;
    }

    private boolean rejected()
    {
        return driver.lastRejection() != ResultCode.OK;
    }

    private int body()
    {
        return MessageHeaderDecoder.ENCODED_LENGTH;
    }

    private int blockLength()
    {
        return header.blockLength();
    }

    private int version()
    {
        return header.version();
    }
}
