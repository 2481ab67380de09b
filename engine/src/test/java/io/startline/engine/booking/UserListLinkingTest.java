package io.startline.engine.booking;

import io.startline.engine.EngineContext;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.VenueDriver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.startline.engine.booking.VenueFixture.PLAY_DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hold goes to the head of its user's list in bursts of {@link Venues#LINK_BURST}, off the
 * hold's path; whatever reads a list, a snapshot or the state hash links the holds waiting
 * first. So a user's list is complete and newest first whenever it is asked for, and the state
 * is the same whether or not a query made the links early.
 */
class UserListLinkingTest
{
    private static final int USERS = 3;

    @Test
    void aUsersListIsCompleteAndNewestFirstWheneverItIsAskedFor()
    {
        final VenueFixture f = fixture();
        final List<List<Long>> bookings = new ArrayList<>();
        for (int u = 0; u < USERS; u++)
        {
            bookings.add(new ArrayList<>());
        }
        int booked = 0;
        final int holds = 2 * Venues.LINK_BURST + 37;
        for (int i = 0; i < holds; i++)
        {
            final int u = i % USERS;
            holdAndRelease(f, 100 + u);
            if (i % 97 == 0 || i == Venues.LINK_BURST - 2 || i == Venues.LINK_BURST - 1 || i == Venues.LINK_BURST)
            {
                final long startAt = f.startAt(PLAY_DAY.minusDays(booked % 6), 10 + booked / 6, 0);
                booked++;
                bookings.get(u).add(0, f.booked(100 + u, "COURT-2", startAt, 1).bookingId());
                final VenueDriver.UserBookings mine = f.bookingsOf(100 + u);
                assertThat(mine.holds()).as("user %d after %d holds", 100 + u, i + 1).isEmpty();
                assertThat(mine.bookings()).extracting(VenueDriver.BookingRow::bookingId)
                    .as("user %d after %d holds", 100 + u, i + 1).containsExactlyElementsOf(bookings.get(u));
            }
        }
        for (int u = 0; u < USERS; u++)
        {
            final long newest = f.held(100 + u, "COURT-1", f.startAt(PLAY_DAY.minusDays(6), 12 + u, 0), 1);
            assertThat(f.bookingsOf(100 + u).holds()).extracting(VenueDriver.HoldRow::holdId)
                .as("user %d", 100 + u).containsExactly(newest);
            assertThat(f.bookingsOf(100 + u).bookings()).extracting(VenueDriver.BookingRow::bookingId)
                .containsExactlyElementsOf(bookings.get(u));
        }
        assertThat(new Venues(EngineDriver.smallContext()).newestReservationOf(100)).as("a user never seen")
            .isEqualTo(ReservationTable.NONE);
    }

    @Test
    void theStateIsTheSameWhetherAQueryLinkedTheHoldsEarlyOrNot()
    {
        final VenueFixture queried = fixture();
        final VenueFixture quiet = fixture();
        for (int i = 0; i < Venues.LINK_BURST + 40; i++)
        {
            holdAndRelease(queried, 100 + i % USERS);
            holdAndRelease(quiet, 100 + i % USERS);
            if (i % 50 == 0)
            {
                queried.bookingsOf(100);
            }
        }
        assertThat(queried.engine.engine().stateHash()).isEqualTo(quiet.engine.engine().stateHash());
    }

    private static long holdAndRelease(final VenueFixture f, final long userId)
    {
        // A day with no bookings of the test's, so the daily limit never bites.
        final long holdId = f.held(userId, "COURT-1", f.startAt(PLAY_DAY.minusDays(6), 9, 0), 1);
        f.venues.release(holdId, userId);
        return holdId;
    }

    private static VenueFixture fixture()
    {
        final EngineContext context = EngineDriver.smallContext().maxReservations(4 * Venues.LINK_BURST);
        return new VenueFixture(context, VenueDriver.Venue.standard(2));
    }
}
