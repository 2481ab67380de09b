package io.startline.engine.booking;

import io.startline.engine.codec.ReservationStatus;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.VenueDriver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.startline.engine.booking.VenueFixture.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment callback (API.md, POST /api/holds/{holdId}/confirm): a live hold becomes a
 * booking with the hold's id and a check-in code; the same payment reference again gets the
 * same answer, another reference is ALREADY_CONFIRMED; a released or expired hold, or one whose
 * check-in window has closed, cannot be paid. Check-in codes are not guessable from ids.
 */
class ConfirmTest
{
    private final VenueFixture f = new VenueFixture();

    @Test
    void aPaidHoldBecomesABookingWithTheHoldsIdAndACheckInCode()
    {
        final long holdId = f.held(7, "COURT-1", f.startAt(9), 2);
        final VenueDriver.Confirmed booking = f.venues.confirm(holdId, "pay-1");
        assertThat(booking.code()).isEqualTo(ResultCode.OK);
        assertThat(booking.bookingId()).isEqualTo(holdId);
        assertThat(booking.replayed()).isFalse();
        assertThat(booking.checkInCode()).isNotEqualTo(holdId).isNotZero();
        assertThat(f.slot("COURT-1", 9)).isEqualTo("BOOKED");
        assertThat(f.slot("COURT-1", 10)).isEqualTo("BOOKED");
        final VenueDriver.UserBookings mine = f.bookingsOf(7);
        assertThat(mine.holds()).isEmpty();
        assertThat(mine.bookings()).singleElement().satisfies(b ->
        {
            assertThat(b.bookingId()).isEqualTo(holdId);
            assertThat(b.status()).isEqualTo(ReservationStatus.BOOKED);
            assertThat(b.checkInCode()).isEqualTo(booking.checkInCode());
            assertThat(b.startAt()).isEqualTo(f.startAt(9));
            assertThat(b.slots()).isEqualTo(2);
        });
    }

    @Test
    void theSamePaymentReferenceAgainAnswersTheSameBookingAndChangesNothing()
    {
        final long holdId = f.held(7, "COURT-1", f.startAt(9), 1);
        final VenueDriver.Confirmed first = f.venues.confirm(holdId, "pay-1");
        f.advanceTo(f.now() + 30 * MINUTE);
        f.assertChangesNothing(() ->
        {
            final VenueDriver.Confirmed again = f.venues.confirm(holdId, "pay-1");
            assertThat(again.code()).isEqualTo(ResultCode.OK);
            assertThat(again.replayed()).isTrue();
            assertThat(again.bookingId()).isEqualTo(first.bookingId());
            assertThat(again.checkInCode()).isEqualTo(first.checkInCode());
        });
    }

    @Test
    void theSameReferenceReplaysEvenAfterTheBookingWasCancelledOrCheckedIn()
    {
        final VenueDriver.Confirmed cancelled = f.booked(7, "COURT-1", f.startAt(9), 1);
        final VenueDriver.Confirmed admitted = f.booked(8, "COURT-2", f.startAt(9), 1);
        assertThat(f.venues.cancel(cancelled.bookingId(), 7).code()).isEqualTo(ResultCode.OK);
        f.advanceTo(f.startAt(9));
        assertThat(f.venues.checkIn(f.venueId, admitted.checkInCode()).code()).isEqualTo(ResultCode.OK);

        final VenueDriver.Confirmed again = f.venues.confirm(cancelled.bookingId(), "pay-" + cancelled.bookingId());
        assertThat(again.replayed()).isTrue();
        assertThat(again.checkInCode()).isEqualTo(cancelled.checkInCode());
        assertThat(f.venues.confirm(admitted.bookingId(), "pay-" + admitted.bookingId()).replayed()).isTrue();
        assertThat(f.bookingsOf(7).bookings().get(0).status()).isEqualTo(ReservationStatus.CANCELLED);
    }

    @Test
    void anotherPaymentReferenceIsAlreadyConfirmed()
    {
        final long holdId = f.held(7, "COURT-1", f.startAt(9), 1);
        f.venues.confirm(holdId, "pay-1");
        f.assertRefused(ResultCode.ALREADY_CONFIRMED, "paymentRef", () -> f.venues.confirm(holdId, "pay-2"));
        f.assertRefused(ResultCode.ALREADY_CONFIRMED, "paymentRef", () -> f.venues.confirm(holdId, "PAY-1"));
        f.assertRefused(ResultCode.ALREADY_CONFIRMED, "paymentRef", () -> f.venues.confirm(holdId, "pay-01"));
    }

    @Test
    void aReleasedHoldCannotBePaid()
    {
        final long holdId = f.held(7, "COURT-1", f.startAt(9), 1);
        assertThat(f.venues.release(holdId, 7).code()).isEqualTo(ResultCode.OK);
        f.assertRefused(ResultCode.HOLD_RELEASED, () -> f.venues.confirm(holdId, "pay-1"));
    }

    @Test
    void anExpiredHoldCannotBePaid()
    {
        final VenueDriver.Hold hold = f.hold(7, "COURT-1", f.startAt(9), 1);
        f.advanceTo(hold.expiresAt());
        f.assertRefused(ResultCode.EXPIRED, () -> f.venues.confirm(hold.holdId(), "pay-1"));
    }

    @Test
    void anUnknownHoldIsNotFound()
    {
        f.held(7, "COURT-1", f.startAt(9), 1);
        for (final long holdId : new long[] {0, 2, -1, Long.MAX_VALUE, Long.MIN_VALUE})
        {
            f.assertRefused(ResultCode.HOLD_NOT_FOUND, () -> f.venues.confirm(holdId, "pay-1"));
        }
        f.assertRefused(ResultCode.HOLD_NOT_FOUND, () -> f.venues.confirm(2, ""));
    }

    @Test
    void thePaymentReferenceIsOneToSixtyFourPrintableCharacters()
    {
        final long holdId = f.held(7, "COURT-1", f.startAt(9), 1);
        for (final String ref : new String[] {"", "p".repeat(65), " pay", "pay ", "pay\t1", "pay\n", "\u007f"})
        {
            f.assertRefused(ResultCode.INVALID_ARGUMENT, "paymentRef", () -> f.venues.confirm(holdId, ref));
        }
        assertThat(f.venues.confirm(holdId, "p".repeat(64)).code()).isEqualTo(ResultCode.OK);
        assertThat(f.venues.confirm(f.held(8, "COURT-1", f.startAt(10), 1), "x").code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void aHoldCanBePaidUntilItsCheckInWindowClosesAndNotAfter()
    {
        // Holds last an hour here, so they outlive their slot's start.
        final VenueFixture g = new VenueFixture(VenueDriver.Venue.standard(4).withTimes(3_600_000L, 0, 900_000L, 900_000L));
        g.advanceTo(g.startAt(9) - MINUTE);
        final long lastChance = g.held(7, "COURT-1", g.startAt(9), 1);
        final long tooLate = g.held(8, "COURT-2", g.startAt(9), 1);

        g.advanceTo(g.startAt(9) + 15 * MINUTE);
        final VenueDriver.Confirmed booking = g.venues.confirm(lastChance, "pay-1");
        assertThat(booking.code()).as("at startAt + checkInLateMs").isEqualTo(ResultCode.OK);
        g.advanceTo(g.startAt(9) + 15 * MINUTE + 1);
        g.assertRefused(ResultCode.PAST, () -> g.venues.confirm(tooLate, "pay-2"));
        assertThat(g.bookingsOf(8).holds()).as("still a hold until it expires").hasSize(1);
        assertThat(g.bookingsOf(7).bookings().get(0).status()).as("paid at the last moment, not checked in")
            .isEqualTo(ReservationStatus.NO_SHOW);
    }

    @Test
    void checkInCodesAreNotSequentialNorTheIdsNorGuessableFromOneAnother()
    {
        final List<VenueDriver.Confirmed> bookings = new ArrayList<>();
        int user = 1;
        for (int hour = 8; hour < 11; hour++)
        {
            for (int court = 1; court <= 4; court++)
            {
                bookings.add(f.booked(user++, "COURT-" + court, f.startAt(hour), 1));
            }
        }
        final Set<Long> codes = new HashSet<>();
        final Set<Long> steps = new HashSet<>();
        for (int i = 0; i < bookings.size(); i++)
        {
            final VenueDriver.Confirmed b = bookings.get(i);
            assertThat(b.bookingId()).isEqualTo(i + 1);
            assertThat(b.checkInCode()).as("code of booking %d", b.bookingId()).isNotEqualTo(b.bookingId());
            codes.add(b.checkInCode());
            if (i > 0)
            {
                final long previous = bookings.get(i - 1).checkInCode();
                assertThat(Long.bitCount(previous ^ b.checkInCode()))
                    .as("bits differing between the codes of bookings %d and %d", i, i + 1).isGreaterThanOrEqualTo(12);
                steps.add(b.checkInCode() - previous);
            }
        }
        assertThat(codes).as("all distinct").hasSize(bookings.size());
        assertThat(steps).as("no constant step from one code to the next").hasSize(bookings.size() - 1);
    }
}
