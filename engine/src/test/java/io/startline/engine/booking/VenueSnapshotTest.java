package io.startline.engine.booking;

import io.startline.engine.Engine;
import io.startline.engine.codec.ReservationStatus;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.Snapshots;
import io.startline.engine.testkit.VenueDriver;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static io.startline.engine.booking.VenueFixture.MINUTE;
import static io.startline.engine.booking.VenueFixture.PLAY_DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot of the venue domain with every kind of state in it (live, expired and released
 * holds, bookings booked, cancelled with and without refund, checked in and no-show, strikes
 * and a ban, two venues on either side of UTC), loaded into a new engine: the same state hash,
 * the same snapshot bytes, and then the same answers to further commands as a full replay,
 * including a hold expiry and no-shows (one of them banning) that fire after the load.
 */
class VenueSnapshotTest
{
    private static final VenueDriver.Venue WEST = VenueDriver.Venue.standard(2).withUtcOffsetMinutes(-300).withBans(1, 7);

    private final VenueFixture f = new VenueFixture();
    private final UnsafeBuffer liveOut = new UnsafeBuffer(new byte[f.engine.engine().maxResultLength()]);

    private long west;

    private static LocalDate day(final int n)
    {
        return PLAY_DAY.plusDays(n);
    }

    private long westAt(final LocalDate date, final int hh)
    {
        return VenueFixture.at(WEST, date, hh, 0);
    }

    @Test
    void aLoadedSnapshotHasTheSameStateAndBehavesTheSame()
    {
        west = f.venues.createVenue(WEST).id();

        // ------------------------------------------------------------ the state before the snapshot
        f.booked(1, "COURT-1", f.startAt(day(-2), 9, 0), 1);
        f.booked(1, "COURT-1", f.startAt(day(-1), 9, 0), 1);
        f.booked(1, "COURT-3", f.startAt(9), 1);
        f.bookedAt(west, 2, "COURT-1", westAt(day(-2), 9), 1);
        final VenueDriver.Confirmed checkedInYesterday = f.booked(3, "COURT-2", f.startAt(day(-1), 10, 0), 1);
        final VenueDriver.Confirmed refunded = f.booked(4, "COURT-4", f.startAt(12), 1);
        final VenueDriver.Confirmed notRefunded = f.booked(4, "COURT-4", f.startAt(13), 1);
        assertThat(f.venues.cancel(refunded.bookingId(), 4).refundable()).isTrue();
        final VenueDriver.Confirmed missed = f.booked(5, "COURT-1", f.startAt(9), 1);
        final VenueDriver.Confirmed admittedEarly = f.booked(10, "COURT-2", f.startAt(9), 1);
        f.venues.release(f.held(7, "COURT-1", f.startAt(15), 1), 7);
        f.held(8, "COURT-1", f.startAt(16), 1);

        f.advanceTo(f.startAt(day(-1), 10, 5));
        assertThat(f.venues.checkIn(f.venueId, checkedInYesterday.checkInCode()).code()).isEqualTo(ResultCode.OK);
        final VenueDriver.Confirmed westBooking = f.bookedAt(west, 9, "COURT-2", westAt(PLAY_DAY, 10), 1);
        assertThat(f.bookingsOf(1).bookings()).extracting(VenueDriver.BookingRow::status)
            .containsExactly(ReservationStatus.BOOKED, ReservationStatus.NO_SHOW, ReservationStatus.NO_SHOW);
        f.advanceTo(f.startAt(PLAY_DAY, 8, 20));
        assertThat(f.venues.cancel(notRefunded.bookingId(), 4).refundable()).isFalse();
        f.advanceTo(f.startAt(PLAY_DAY, 8, 45));
        final VenueDriver.Hold expiring = f.hold(6, "COURT-4", f.startAt(10), 1);
        f.advanceTo(f.startAt(PLAY_DAY, 8, 46));
        assertThat(f.venues.checkIn(f.venueId, admittedEarly.checkInCode()).code()).isEqualTo(ResultCode.OK);
        f.assertRefused(ResultCode.BANNED, () -> f.venues.hold(west, 2, "COURT-1", westAt(PLAY_DAY, 12), 1));

        // ------------------------------------------------------------ the snapshot and its load
        final List<byte[]> snapshot = Snapshots.take(f.engine.engine());
        final int takenAt = f.engine.journal().size();
        final Engine restored = Snapshots.load(f.context, snapshot);
        assertThat(restored.stateHash()).isEqualTo(f.engine.engine().stateHash());
        assertThat(Snapshots.take(restored)).as("a snapshot of the loaded engine, byte for byte")
            .usingElementComparator(Arrays::compare).containsExactlyElementsOf(snapshot);
        assertSameQueryAnswers(restored);

        // ------------------------------------------------------------ further commands, on the live engine
        f.tickAt(expiring.expiresAt());
        assertThat(f.slot("COURT-4", 10)).as("the hold placed before the snapshot expired").isEqualTo("FREE");
        f.advanceTo(f.now() + MINUTE);
        f.assertRefused(ResultCode.EXPIRED, () -> f.venues.confirm(expiring.holdId(), "pay-late"));
        final VenueDriver.Confirmed taken = f.booked(11, "COURT-4", f.startAt(10), 1);

        f.tickAt(f.startAt(9) + 15 * MINUTE + 1);
        assertThat(f.bookingsOf(5).bookings().get(0).status()).isEqualTo(ReservationStatus.NO_SHOW);
        assertThat(f.bookingsOf(1).bookings().get(0).status()).isEqualTo(ReservationStatus.NO_SHOW);
        f.assertRefused(ResultCode.BANNED, () -> f.hold(1, "COURT-1", f.startAt(14), 1));
        assertThat(f.hold(5, "COURT-1", f.startAt(14), 1).code()).as("user 5's first").isEqualTo(ResultCode.OK);
        f.assertRefused(ResultCode.BANNED, () -> f.venues.hold(west, 2, "COURT-1", westAt(PLAY_DAY, 12), 1));
        assertThat(f.venues.cancel(refunded.bookingId(), 4).refundable()).isTrue();
        assertThat(f.venues.cancel(notRefunded.bookingId(), 4).refundable()).isFalse();
        assertThat(f.venues.confirm(admittedEarly.bookingId(), "pay-" + admittedEarly.bookingId()).replayed()).isTrue();
        f.advanceTo(f.startAt(10) - 5 * MINUTE);
        assertThat(f.venues.checkIn(f.venueId, taken.checkInCode()).code()).isEqualTo(ResultCode.OK);
        f.advanceTo(westAt(PLAY_DAY, 10) - 5 * MINUTE);
        assertThat(f.venues.checkIn(west, westBooking.checkInCode()).code()).isEqualTo(ResultCode.OK);
        f.assertRefused(ResultCode.NOT_IN_WINDOW, () -> f.venues.checkIn(f.venueId, missed.checkInCode()));

        // ------------------------------------------------------------ the same commands, on the loaded engine
        final Engine replayed = new Engine(f.context);
        final UnsafeBuffer restoredOut = new UnsafeBuffer(new byte[restored.maxResultLength()]);
        final UnsafeBuffer replayedOut = new UnsafeBuffer(new byte[replayed.maxResultLength()]);
        final List<EngineDriver.JournalEntry> journal = f.engine.journal();
        for (int i = 0; i < journal.size(); i++)
        {
            final EngineDriver.JournalEntry entry = journal.get(i);
            final UnsafeBuffer command = new UnsafeBuffer(entry.command());
            final int b = replayed.apply(entry.sequence(), entry.timestampMs(), command, 0, replayedOut, 0);
            if (i >= takenAt)
            {
                final int a = restored.apply(entry.sequence(), entry.timestampMs(), command, 0, restoredOut, 0);
                assertThat(Snapshots.bytes(restoredOut, 0, a)).as("result of command %d", entry.sequence())
                    .isEqualTo(Snapshots.bytes(replayedOut, 0, b));
            }
        }
        assertThat(restored.stateHash()).isEqualTo(f.engine.engine().stateHash()).isEqualTo(replayed.stateHash());
        assertSameQueryAnswers(restored);
        assertThat(Snapshots.take(restored)).usingElementComparator(Arrays::compare)
            .containsExactlyElementsOf(Snapshots.take(f.engine.engine()));
    }

    /** Availability of both venues on a few days, and every user's list, answered alike by both engines. */
    private void assertSameQueryAnswers(final Engine restored)
    {
        final UnsafeBuffer restoredOut = new UnsafeBuffer(new byte[restored.maxResultLength()]);
        for (final long venueId : new long[] {f.venueId, west})
        {
            for (int n = -2; n <= 8; n++)
            {
                final int day = n;
                assertSameAnswer(restored, restoredOut, () -> f.venues.availability(venueId, day(day)));
            }
        }
        for (long user = 1; user <= 11; user++)
        {
            final long userId = user;
            assertSameAnswer(restored, restoredOut, () -> f.venues.bookingsOf(userId));
        }
    }

    private void assertSameAnswer(final Engine restored, final UnsafeBuffer restoredOut, final Runnable query)
    {
        query.run();
        final int a = f.engine.engine().query(f.engine.commandBuffer(), 0, liveOut, 0);
        final int b = restored.query(f.engine.commandBuffer(), 0, restoredOut, 0);
        assertThat(Snapshots.bytes(restoredOut, 0, b)).isEqualTo(Snapshots.bytes(liveOut, 0, a));
    }
}
