package io.startline.engine.booking;

import io.startline.engine.codec.ReservationStatus;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.VenueDriver;
import org.junit.jupiter.api.Test;

import static io.startline.engine.booking.VenueFixture.DAY;
import static io.startline.engine.booking.VenueFixture.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling a booking (API.md, DELETE /api/bookings/{bookingId}): its owner, before the slot
 * starts; refundable iff at or before {@code startAt − cancelCutoffMs} (a day at the standard
 * venue); the slots are free again; cancelling again answers the same. Each refusal changes nothing.
 */
class CancelTest
{
    private final VenueFixture f = new VenueFixture();

    @Test
    void aCancellationAtExactlyStartAtMinusTheCutoffIsRefundableAndOneMillisecondLaterNot()
    {
        final VenueDriver.Confirmed first = f.booked(7, "COURT-1", f.startAt(9), 1);
        final VenueDriver.Confirmed second = f.booked(8, "COURT-2", f.startAt(9), 1);
        f.advanceTo(f.startAt(9) - DAY);
        final VenueDriver.Cancelled refundable = f.venues.cancel(first.bookingId(), 7);
        assertThat(refundable.code()).isEqualTo(ResultCode.OK);
        assertThat(refundable.bookingId()).isEqualTo(first.bookingId());
        assertThat(refundable.refundable()).isTrue();
        f.advanceTo(f.startAt(9) - DAY + 1);
        final VenueDriver.Cancelled late = f.venues.cancel(second.bookingId(), 8);
        assertThat(late.code()).isEqualTo(ResultCode.OK);
        assertThat(late.refundable()).isFalse();
    }

    @Test
    void aBookingCanBeCancelledUntilTheMillisecondBeforeItStarts()
    {
        final VenueDriver.Confirmed first = f.booked(7, "COURT-1", f.startAt(9), 1);
        final VenueDriver.Confirmed second = f.booked(8, "COURT-2", f.startAt(9), 1);
        f.advanceTo(f.startAt(9) - 1);
        assertThat(f.venues.cancel(first.bookingId(), 7)).isEqualTo(
            new VenueDriver.Cancelled(ResultCode.OK, first.bookingId(), false));
        f.advanceTo(f.startAt(9));
        f.assertRefused(ResultCode.PAST, () -> f.venues.cancel(second.bookingId(), 8));
        f.advanceTo(f.startAt(9) + 5 * MINUTE);
        f.assertRefused(ResultCode.PAST, () -> f.venues.cancel(second.bookingId(), 8));
    }

    @Test
    void withNoCutoffACancellationIsRefundableUntilTheSlotStarts()
    {
        final VenueFixture g = new VenueFixture(VenueDriver.Venue.standard(1).withTimes(600_000L, 0, 900_000L, 900_000L));
        final VenueDriver.Confirmed booking = g.booked(7, "COURT-1", g.startAt(9), 1);
        g.advanceTo(g.startAt(9) - 1);
        assertThat(g.venues.cancel(booking.bookingId(), 7).refundable()).isTrue();
    }

    @Test
    void aNoShowCannotBeCancelled()
    {
        final VenueDriver.Confirmed booking = f.booked(7, "COURT-1", f.startAt(9), 1);
        f.tickAt(f.startAt(9) + 15 * MINUTE + 1);
        assertThat(f.bookingsOf(7).bookings().get(0).status()).isEqualTo(ReservationStatus.NO_SHOW);
        f.assertRefused(ResultCode.PAST, () -> f.venues.cancel(booking.bookingId(), 7));
    }

    @Test
    void aCheckedInBookingCannotBeCancelled()
    {
        final VenueDriver.Confirmed booking = f.booked(7, "COURT-1", f.startAt(9), 1);
        f.advanceTo(f.startAt(9) - 10 * MINUTE);
        assertThat(f.venues.checkIn(f.venueId, booking.checkInCode()).code()).isEqualTo(ResultCode.OK);
        f.assertRefused(ResultCode.ALREADY_CHECKED_IN, () -> f.venues.cancel(booking.bookingId(), 7));
    }

    @Test
    void onlyTheOwnerMayCancel()
    {
        final VenueDriver.Confirmed booking = f.booked(7, "COURT-1", f.startAt(9), 1);
        f.assertRefused(ResultCode.NOT_OWNER, () -> f.venues.cancel(booking.bookingId(), 8));
        assertThat(f.slot("COURT-1", 9)).isEqualTo("BOOKED");
        f.venues.cancel(booking.bookingId(), 7);
        f.assertRefused(ResultCode.NOT_OWNER, () -> f.venues.cancel(booking.bookingId(), 8));
    }

    @Test
    void aCancelledBookingsSlotsAreFreeAgainForAnotherUser()
    {
        final VenueDriver.Confirmed booking = f.booked(7, "COURT-1", f.startAt(9), 2);
        f.venues.cancel(booking.bookingId(), 7);
        assertThat(f.slot("COURT-1", 9)).isEqualTo("FREE");
        assertThat(f.slot("COURT-1", 10)).isEqualTo("FREE");
        assertThat(f.bookingsOf(7).bookings()).singleElement()
            .satisfies(b -> assertThat(b.status()).isEqualTo(ReservationStatus.CANCELLED));
        final VenueDriver.Confirmed next = f.booked(8, "COURT-1", f.startAt(9), 2);
        assertThat(next.bookingId()).isEqualTo(booking.bookingId() + 1);
        assertThat(f.slot("COURT-1", 10)).isEqualTo("BOOKED");
    }

    @Test
    void cancellingAgainAnswersTheFirstAnswerEvenLater()
    {
        final VenueDriver.Confirmed early = f.booked(7, "COURT-1", f.startAt(9), 1);
        final VenueDriver.Confirmed late = f.booked(8, "COURT-2", f.startAt(9), 1);
        f.venues.cancel(early.bookingId(), 7);
        f.advanceTo(f.startAt(9) - 1);
        f.venues.cancel(late.bookingId(), 8);

        f.advanceTo(f.startAt(9) + 60 * MINUTE);
        f.assertChangesNothing(() -> assertThat(f.venues.cancel(early.bookingId(), 7))
            .isEqualTo(new VenueDriver.Cancelled(ResultCode.OK, early.bookingId(), true)));
        f.assertChangesNothing(() -> assertThat(f.venues.cancel(late.bookingId(), 8))
            .isEqualTo(new VenueDriver.Cancelled(ResultCode.OK, late.bookingId(), false)));
    }

    @Test
    void onlyBookingsCanBeCancelled()
    {
        final VenueDriver.Hold expired = f.hold(7, "COURT-1", f.startAt(9), 1);
        final long released = f.held(8, "COURT-2", f.startAt(9), 1);
        f.venues.release(released, 8);
        f.advanceTo(expired.expiresAt());
        final long live = f.held(9, "COURT-3", f.startAt(9), 1);
        f.assertRefused(ResultCode.BOOKING_NOT_FOUND, () -> f.venues.cancel(expired.holdId(), 7));
        f.assertRefused(ResultCode.BOOKING_NOT_FOUND, () -> f.venues.cancel(released, 8));
        f.assertRefused(ResultCode.BOOKING_NOT_FOUND, () -> f.venues.cancel(live, 9));
        for (final long unknown : new long[] {0, live + 1, -1, Long.MAX_VALUE})
        {
            f.assertRefused(ResultCode.BOOKING_NOT_FOUND, () -> f.venues.cancel(unknown, 9));
        }
    }
}
