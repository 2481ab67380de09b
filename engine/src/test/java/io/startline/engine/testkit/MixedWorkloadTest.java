package io.startline.engine.testkit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mixed workload the persistence tests build on: it must journal every command it
 * applies, reach the accepted path of every kind of command across the three domains, and give
 * the same journal and the same state for the same seed, or replay tests would compare noise.
 */
class MixedWorkloadTest
{
    private static final long SEED = 20_270_412L;
    private static final int STEPS = 20_000;

    @Test
    void journalsEveryCommandAndReachesEveryDomain()
    {
        System.out.printf("MixedWorkloadTest: seed=%d steps=%d%n", SEED, STEPS);
        final MixedWorkload workload = run();
        workload.outcomes().forEach((outcome, count) -> System.out.printf("  %-40s %,8d%n", outcome, count));

        final List<EngineDriver.JournalEntry> journal = workload.journal();
        assertThat((long)journal.size()).as("journal size").isEqualTo(workload.driver().engine().lastSequence());
        assertThat(workload.outcomes().values().stream().mapToLong(Long::longValue).sum())
            .as("every journaled command counted once")
            .isEqualTo(journal.size());
        assertThat(workload.outcomes()).containsKeys(
            "voucher/claim OK",
            "voucher/redeem OK",
            "voucher/refund OK",
            "race/submit OK",
            "race/draw OK",
            "race/pay OK",
            "venue/hold OK",
            "venue/confirm OK",
            "venue/checkIn OK");
    }

    @Test
    void theSameSeedGivesTheSameJournalAndState()
    {
        final MixedWorkload first = run();
        final MixedWorkload second = run();

        final List<EngineDriver.JournalEntry> expected = first.journal();
        final List<EngineDriver.JournalEntry> actual = second.journal();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++)
        {
            assertThat(actual.get(i).sequence()).isEqualTo(expected.get(i).sequence());
            assertThat(actual.get(i).timestampMs()).as("time of command %d", i)
                .isEqualTo(expected.get(i).timestampMs());
            assertThat(actual.get(i).command()).as("command %d", i).isEqualTo(expected.get(i).command());
        }
        assertThat(second.driver().engine().stateHash()).isEqualTo(first.driver().engine().stateHash());
        assertThat(second.outcomes()).isEqualTo(first.outcomes());
    }

    private static MixedWorkload run()
    {
        final MixedWorkload workload = new MixedWorkload(MixedWorkload.context(), SEED);
        workload.steps(STEPS);
        return workload;
    }
}
