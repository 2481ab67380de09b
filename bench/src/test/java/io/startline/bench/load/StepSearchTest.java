package io.startline.bench.load;

import org.junit.jupiter.api.Test;

import java.util.function.LongPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepSearchTest
{
    @Test
    void doublesWhilePassingThenBisectsToTheResolution()
    {
        final StepSearch.Result result = new StepSearch(1_000, 100, 20, 0.1).search(upTo(5_300));

        assertThat(result.steps()).extracting(StepSearch.Step::offeredRatePerSecond)
            .containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 6_000L, 5_000L, 5_500L);
        assertThat(result.highestPassedRatePerSecond()).isEqualTo(5_000);
        assertThat(result.lowestFailedRatePerSecond()).isEqualTo(5_500);
    }

    @Test
    void everyStepSaysWhetherItPassed()
    {
        final StepSearch.Result result = new StepSearch(1_000, 100, 20, 0.1).search(upTo(2_500));

        assertThat(result.steps()).containsExactly(new StepSearch.Step(1_000, true), new StepSearch.Step(2_000, true),
            new StepSearch.Step(4_000, false), new StepSearch.Step(3_000, false), new StepSearch.Step(2_500, true),
            new StepSearch.Step(2_750, false));
        assertThat(result.highestPassedRatePerSecond()).isEqualTo(2_500);
    }

    @Test
    void halvesWhenTheStartFailsThenBisects()
    {
        final StepSearch.Result result = new StepSearch(1_000, 100, 20, 0.1).search(upTo(300));

        assertThat(result.steps()).extracting(StepSearch.Step::offeredRatePerSecond)
            .containsExactly(1_000L, 500L, 250L, 380L, 320L, 290L, 310L);
        assertThat(result.highestPassedRatePerSecond()).isEqualTo(290);
        assertThat(result.lowestFailedRatePerSecond()).isEqualTo(310);
    }

    @Test
    void reportsNoRateWhenEvenTheLeastFails()
    {
        final StepSearch.Result result = new StepSearch(1_000, 200, 20, 0.1).search(rate -> false);

        assertThat(result.steps()).extracting(StepSearch.Step::offeredRatePerSecond).containsExactly(1_000L, 500L, 250L);
        assertThat(result.highestPassedRatePerSecond()).isZero();
        assertThat(result.lowestFailedRatePerSecond()).isEqualTo(250);
    }

    @Test
    void stopsAtTheStepLimitWithWhatItKnows()
    {
        final StepSearch.Result climbing = new StepSearch(1_000, 100, 3, 0.1).search(rate -> true);

        assertThat(climbing.steps()).hasSize(3);
        assertThat(climbing.highestPassedRatePerSecond()).isEqualTo(4_000);
        assertThat(climbing.lowestFailedRatePerSecond()).isZero();

        final StepSearch.Result bisecting = new StepSearch(1_000, 100, 5, 0.01).search(upTo(5_300));
        assertThat(bisecting.steps()).hasSize(5);
        assertThat(bisecting.highestPassedRatePerSecond()).isEqualTo(4_000);
        assertThat(bisecting.lowestFailedRatePerSecond()).isEqualTo(6_000);
    }

    @Test
    void refusesASearchThatCannotStart()
    {
        assertThatThrownBy(() -> new StepSearch(50, 100, 5, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StepSearch(1_000, 100, 0, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StepSearch(1_000, 100, 5, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static LongPredicate upTo(final long highestSustainable)
    {
        return rate -> rate <= highestSustainable;
    }
}
