package io.startline.engine.booking;

import io.startline.engine.codec.ReservationStatus;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.VenueDriver;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole life of one booking, as a participant and a gate see it: the release at 08:00
 * seven days ahead, a hold, the payment, the QR code at the gate.
 */
class VenueLifecycleTest
{
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final LocalDate PLAY_DAY = LocalDate.of(2026, 12, 8);
    private static final long RELEASE_AT = PLAY_DAY.minusDays(7).atTime(8, 0).toInstant(BEIJING).toEpochMilli();
    private static final long NINE_AM = PLAY_DAY.atTime(9, 0).toInstant(BEIJING).toEpochMilli();

    private final EngineDriver engine = new EngineDriver(EngineDriver.smallContext(), RELEASE_AT - 60_000);
    private final VenueDriver venues = new VenueDriver(engine);

    @Test
    void aSlotIsReleasedHeldPaidForAndCheckedInAtTheGate()
    {
        final long venueId = venues.createVenue(VenueDriver.Venue.standard(4)).id();
        assertThat(venues.availability(venueId, PLAY_DAY).status("COURT-2", 1)).isEqualTo("NOT_RELEASED");
        assertThat(venues.hold(venueId, 7, "COURT-2", NINE_AM, 2).code()).isEqualTo(ResultCode.NOT_RELEASED);

        engine.advanceTo(RELEASE_AT);
        final VenueDriver.Hold hold = venues.hold(venueId, 7, "COURT-2", NINE_AM, 2);
        assertThat(hold.code()).isEqualTo(ResultCode.OK);
        assertThat(hold.amountFen()).isEqualTo(10_000);
        assertThat(hold.expiresAt()).isEqualTo(RELEASE_AT + 600_000);
        final VenueDriver.Availability held = venues.availability(venueId, PLAY_DAY);
        assertThat(held.firstSlotStartAt()).isEqualTo(PLAY_DAY.atTime(8, 0).toInstant(BEIJING).toEpochMilli());
        assertThat(held.resources().get(1).slots()).containsExactly(
            "FREE", "HELD", "HELD", "FREE", "FREE", "FREE", "FREE", "FREE", "FREE", "FREE", "FREE", "FREE", "FREE", "FREE");

        engine.advanceBy(60_000);
        final VenueDriver.Confirmed booking = venues.confirm(hold.holdId(), "pay-1");
        assertThat(booking.code()).isEqualTo(ResultCode.OK);
        assertThat(venues.availability(venueId, PLAY_DAY).status("COURT-2", 2)).isEqualTo("BOOKED");
        assertThat(venues.bookingsOf(7).bookings()).singleElement()
            .satisfies(b -> assertThat(b.status()).isEqualTo(ReservationStatus.BOOKED));

        engine.advanceTo(NINE_AM - 10 * 60_000);
        final VenueDriver.CheckedIn admitted = venues.checkIn(venueId, booking.checkInCode());
        assertThat(admitted.code()).isEqualTo(ResultCode.OK);
        assertThat(admitted.resourceCode()).isEqualTo("COURT-2");
        assertThat(Instant.ofEpochMilli(admitted.startAt())).isEqualTo(Instant.ofEpochMilli(NINE_AM));
        assertThat(venues.bookingsOf(7).bookings().get(0).status()).isEqualTo(ReservationStatus.CHECKED_IN);
    }
}
