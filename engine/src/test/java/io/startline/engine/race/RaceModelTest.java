package io.startline.engine.race;

import io.startline.engine.EngineContext;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.RaceDriver;
import io.startline.engine.testkit.RandomizedRun;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The race engine against {@link RaceModel} over a random season: by default 450,000 commands,
 * three quarters registration (more than 200,000 entries with groups, pools and weights), then
 * the draw, then payments, lapses, withdrawals and promotions in random order, then the
 * waitlists close. Results are compared command by command; counts and capacity after every
 * step; the whole results export, one entry per person, group units, unique bibs and
 * contiguous waitlist positions at every phase end and every 50,000 steps.
 * <p>
 * {@code -Dstartline.model.steps=N} changes the length, {@code -Dstartline.seed=S} replays a run.
 */
class RaceModelTest
{
    private static final int USERS = 1_000_000;
    private static final int MAX_ENTRIES = 600_000;

    @Test
    void engineAgreesWithTheReferenceModelAndKeepsItsInvariants()
    {
        final RandomizedRun run = RandomizedRun.of("race model", 450_000);
        final EngineContext context = EngineDriver.smallContext()
            .maxEntries(MAX_ENTRIES)
            .maxGroups(1 << 17)
            .maxEntitlements(1 << 18)
            .maxBallotWeight(RaceWorkload.MAX_WEIGHT)
            .codeKey(run.seed(), ~run.seed());
        final RaceDriver engine = new RaceDriver(new EngineDriver(context, RaceWorkload.T0));
        final RaceWorkload workload = new RaceWorkload(engine, MAX_ENTRIES, USERS);
        final SplittableRandom random = run.random();
        final long registrationSteps = run.steps() * 3 / 4;
        final long registrationStepMs = 2 * RaceWorkload.REGISTRATION_MS / registrationSteps;
        final long afterDrawStepMs = 2 * 4 * RaceWorkload.PAYMENT_WINDOW_MS / Math.max(1, run.steps() - registrationSteps);

        run.run(step ->
        {
            if (step < registrationSteps)
            {
                workload.registrationStep(random, registrationStepMs);
            }
            else
            {
                if (step == registrationSteps)
                {
                    workload.checkEverything();
                    workload.closeAndDraw(random);
                    workload.checkEverything();
                }
                workload.afterDrawStep(random, afterDrawStepMs);
            }
            workload.checkCounts();
            if (step % 50_000 == 49_999)
            {
                workload.checkEverything();
            }
        });
        workload.closeWaitlists();
        workload.checkCounts();
        workload.checkEverything();

        System.out.printf("race model: %d entries accepted%n  outcomes %s%n", workload.entriesAccepted(),
            workload.outcomes());
        if (run.steps() >= 450_000)
        {
            assertThat(workload.entriesAccepted()).as("at least 200,000 entries").isGreaterThanOrEqualTo(200_000);
            assertThat(workload.outcomes()).as("the run reached every rule").containsKeys(
                "submit OK", "submit DUPLICATE_PERSON", "submit ALREADY_ENTERED", "submit AGE_NOT_ELIGIBLE",
                "submit GROUP_FULL", "submit GROUP_CATEGORY_MISMATCH", "submit GROUP_NOT_FOUND", "submit CLOSED",
                "createGroup OK", "createGroup WRONG_MODE", "createGroup CLOSED",
                "grant OK", "grant POOL_NOT_FOUND", "grant CLOSED",
                "withdraw OK", "withdraw ENTRY_NOT_FOUND", "withdraw CLOSED",
                "early draw REGISTRATION_OPEN", "early draw WRONG_MODE", "draw OK", "draw again ALREADY_DRAWN",
                "pay OK", "pay again OK", "pay EXPIRED", "pay NOT_PAYABLE", "pay ENTRY_NOT_FOUND",
                "pay INVALID_ARGUMENT", "closeWaitlist OK", "closeWaitlist RACE_NOT_FOUND");
        }
    }
}
