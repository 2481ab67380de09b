package io.startline.gateway.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdmissionTest
{
    private static final long MS = 1_000_000;
    private static final long US = 1_000;

    /** A 100 ms target, and one batch of 1,000 commands answered in 10 ms, from an idle ring. */
    private static Admission targetOf100MsAfterABatchAt10UsACommand()
    {
        final Admission admission = new Admission(100);
        admission.onBatchAnswered(1_000, 0, 10 * MS);
        return admission;
    }

    @Test
    void withNoTargetEveryBacklogIsTaken()
    {
        final Admission admission = new Admission(0);
        admission.onBatchAnswered(1_000, 0, 1_000 * MS);
        assertThat(admission.admits(1_000_000)).isTrue();
        assertThat(admission.refused()).isZero();
    }

    @Test
    void aCommandIsTakenOnlyWhileTheBacklogAheadOfItFitsTheTarget()
    {
        final Admission admission = targetOf100MsAfterABatchAt10UsACommand();
        assertThat(admission.serviceNsPerCommand()).isEqualTo(10 * US);
        assertThat(admission.admits(10_000)).as("10,000 × 10 µs is the target itself").isTrue();
        assertThat(admission.admits(10_001)).isFalse();
        assertThat(admission.refused()).isOne();
    }

    @Test
    void anEmptyPipelineTakesACommandHoweverSlowACommandIs()
    {
        final Admission admission = new Admission(1);
        admission.onBatchAnswered(1_000, 0, 10_000 * MS);
        assertThat(admission.admits(0)).isTrue();
        assertThat(admission.admits(1)).isFalse();
    }

    @Test
    void timeTheRingStoodIdleIsNotCountedAsWork()
    {
        final Admission admission = targetOf100MsAfterABatchAt10UsACommand();
        // Idle for a second; then a batch enqueued at 1,010 ms took 10 ms for its 1,000 commands.
        admission.onBatchAnswered(1_000, 1_010 * MS, 1_020 * MS);
        assertThat(admission.serviceNsPerCommand()).isEqualTo(10 * US);
    }

    @Test
    void aBacklogIsTimedFromTheEndOfThePreviousBatchNotFromItsOwnEnqueue()
    {
        final Admission admission = targetOf100MsAfterABatchAt10UsACommand();
        // Enqueued at 5 ms, while the previous batch was under way: the work began at 10 ms.
        admission.onBatchAnswered(1_000, 5 * MS, 30 * MS);
        assertThat(admission.serviceNsPerCommand()).isEqualTo(20 * US);
    }

    @Test
    void oneSlowCommandMovesTheEstimateByItsShareOfTheLastCommandsOnly()
    {
        final Admission admission = targetOf100MsAfterABatchAt10UsACommand();
        // A 256 ms snapshot behind a single quiet command: 1/256 of its 256 ms.
        admission.onBatchAnswered(1, 20 * MS, 20 * MS + 256 * MS);
        assertThat(admission.serviceNsPerCommand()).isEqualTo(10 * US + (256 * MS - 10 * US) / Admission.SMOOTHING_COMMANDS);
        // The next rush's first large batch says what a command costs under load.
        admission.onBatchAnswered(1_000, 300 * MS, 310 * MS);
        assertThat(admission.serviceNsPerCommand()).isEqualTo(10 * US);
    }
}
