package io.startline.engine.booking;

import io.startline.engine.testkit.RandomizedRun;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Venue booking in the engine against {@link VenueModel} over a long random command stream
 * ({@link VenueWorkload}): 1,000,000 commands by default, over a year of simulated time in which
 * holds expire, slots pass, no-shows ban users and bans end, and every venue's calendar ring
 * turns over dozens to hundreds of times.
 * <p>
 * Every answer is compared with the model's as it comes; the grid of the day a hold or a
 * cancellation touched right after it, and the user's daily totals from the engine's own list
 * after every hold; every venue's grid on every day of its calendar every 20,000 steps; every
 * user's list every 100,000 steps and at the end. Every 100,000 steps the engine is
 * snapshotted, the snapshot loaded into a new engine that must hash the same, and the run
 * carries on with the new engine. A twin engine gets the same commands except that refused and
 * repeated ones reach it as ticks; every 20,000 steps it must hash like the live one, so those
 * commands left no trace.
 * <p>
 * The model's bookkeeping is checked too: no slot held twice, no user past a venue's daily limit.
 * At the end the run prints its tally of outcomes per command and result code (and of the
 * deadlines' work), and a full-length run must have reached every rule listed below.
 * <p>
 * {@code -Dstartline.model.steps=N} changes the length, {@code -Dstartline.seed=S} replays a run.
 */
class VenueModelTest
{
    @Test
    void engineAgreesWithTheReferenceModelAndKeepsItsInvariants()
    {
        final RandomizedRun run = RandomizedRun.of("venue model", 1_000_000);
        final Map<String, Long> outcomes = runAgainstTheModel(run, 1 << 19);

        if (run.steps() >= 1_000_000)
        {
            assertThat(outcomes).as("the run reached every rule").containsKeys(
                "createVenue OK", "createVenue INVALID_ARGUMENT", "createVenue CAPACITY_REACHED",
                "hold OK", "hold PAST", "hold NOT_RELEASED", "hold BANNED", "hold LIMIT_REACHED", "hold SLOT_TAKEN",
                "hold INVALID_ARGUMENT", "hold VENUE_NOT_FOUND", "hold RESOURCE_NOT_FOUND",
                "hold in a rush OK", "hold in a rush SLOT_TAKEN", "hold in a rush NOT_RELEASED",
                "hold after a ban ended OK",
                "confirm OK", "confirm replayed OK", "confirm ALREADY_CONFIRMED", "confirm EXPIRED",
                "confirm HOLD_RELEASED", "confirm PAST", "confirm HOLD_NOT_FOUND", "confirm INVALID_ARGUMENT",
                "release OK", "release again OK", "release NOT_OWNER", "release EXPIRED", "release ALREADY_CONFIRMED",
                "release HOLD_NOT_FOUND",
                "cancel refundable OK", "cancel non-refundable OK", "cancel again OK", "cancel PAST",
                "cancel NOT_OWNER", "cancel ALREADY_CHECKED_IN", "cancel BOOKING_NOT_FOUND",
                "checkIn OK", "checkIn WRONG_VENUE", "checkIn NOT_IN_WINDOW", "checkIn ALREADY_CHECKED_IN",
                "checkIn BOOKING_CANCELLED", "checkIn BOOKING_NOT_FOUND", "checkIn VENUE_NOT_FOUND",
                "deadline EXPIRED", "deadline NO_SHOW", "deadline BAN",
                "deadline NO_SHOW at a venue that never bans", "deadline NO_SHOW with strikes older than 30 days",
                "edge: hold expired by a command at exactly expiresAt",
                "edge: no-show recorded by a command 1 ms after startAt + checkInLateMs",
                "hold at release OK", "hold 1ms before release NOT_RELEASED",
                "hold at slot start PAST", "hold 1ms before slot start OK",
                "hold 1ms before ban end BANNED", "hold at ban end OK",
                "confirm 1ms before expiresAt OK", "confirm at expiresAt EXPIRED",
                "confirm at late check-in end OK", "confirm 1ms after late end PAST",
                "checkIn at window start OK", "checkIn 1ms before window NOT_IN_WINDOW",
                "checkIn at window end OK", "checkIn 1ms after window NOT_IN_WINDOW",
                "cancel refundable at cutoff OK", "cancel non-refundable 1ms after cutoff OK",
                "availability OK", "availability INVALID_ARGUMENT", "availability VENUE_NOT_FOUND",
                "bookingsOf OK", "bookingsOf INVALID_ARGUMENT", "bookingsOf past the newest 200 OK",
                "no trace, twin ticked instead: hold SLOT_TAKEN", "no trace, twin ticked instead: confirm OK",
                "no trace, twin ticked instead: confirm EXPIRED", "no trace, twin ticked instead: release OK",
                "no trace, twin ticked instead: cancel OK", "no trace, twin ticked instead: cancel PAST",
                "no trace, twin ticked instead: checkIn NOT_IN_WINDOW",
                "no trace, twin ticked instead: createVenue INVALID_ARGUMENT");
        }
    }

    @Test
    void aFullReservationTableRefusesHoldsAndNothingElseChanges()
    {
        final RandomizedRun run = RandomizedRun.of("venue model, small reservation table", 60_000);
        // Small enough that every seed fills it well within the run: about 3,000 holds succeed in 60,000 steps.
        final Map<String, Long> outcomes = runAgainstTheModel(run, 2_000);
        if (run.steps() >= 60_000)
        {
            assertThat(outcomes).as("the table filled up").containsKeys("hold CAPACITY_REACHED");
        }
    }

    private static Map<String, Long> runAgainstTheModel(final RandomizedRun run, final int maxReservations)
    {
        final SplittableRandom random = run.random();
        final long started = System.nanoTime();
        final VenueWorkload workload = new VenueWorkload(VenueWorkload.context(run.seed(), maxReservations), random);

        run.run(step ->
        {
            workload.step(random);
            if (step % 20_000 == 19_999)
            {
                workload.checkAllGrids();
                workload.compareWithTwin();
            }
            if (step % 100_000 == 99_999)
            {
                workload.auditUsers();
                workload.snapshotAndCarryOnFromIt();
            }
        });
        workload.checkAllGrids();
        workload.auditUsers();
        workload.compareWithTwin();

        final Map<String, Long> outcomes = workload.outcomes();
        System.out.printf("venue model: %,d steps in %.1f s, %.1f simulated days, %d venues, %,d reservations, " +
            "%d snapshots carried on from; calendar ring turns per venue: %s%n  outcomes:%n",
            run.steps(), (System.nanoTime() - started) / 1e9, workload.simulatedMs() / 86_400_000.0,
            workload.venueCount(), workload.reservationCount(), workload.snapshots(), workload.ringTurns());
        outcomes.forEach((outcome, count) -> System.out.printf("    %-70s %,9d%n", outcome, count));
        return outcomes;
    }
}
