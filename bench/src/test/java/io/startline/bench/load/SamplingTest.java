package io.startline.bench.load;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SamplingTest
{
    @Test
    void everyUserPressesOnceAndTheRepeatersTwice()
    {
        final int[] order = Sampling.pressOrder(1_000, 50, new SplittableRandom(7));

        assertThat(order).hasSize(1_050);
        final int[] presses = new int[1_000];
        for (final int user : order)
        {
            presses[user]++;
        }
        assertThat(Arrays.stream(presses).filter(count -> count == 1).count()).isEqualTo(950);
        assertThat(Arrays.stream(presses).filter(count -> count == 2).count()).isEqualTo(50);
    }

    @Test
    void theSameSeedGivesTheSameOrder()
    {
        assertThat(Sampling.pressOrder(500, 10, new SplittableRandom(3)))
            .containsExactly(Sampling.pressOrder(500, 10, new SplittableRandom(3)))
            .isNotEqualTo(Sampling.pressOrder(500, 10, new SplittableRandom(4)));
    }

    @Test
    void aSampleHasNoRepeatsAndNeverMoreThanThereIs()
    {
        final int[] values = {4, 8, 15, 16, 23, 42};

        final int[] sample = Sampling.sample(values, 4, new SplittableRandom(1));
        assertThat(sample).hasSize(4).doesNotHaveDuplicates();
        assertThat(values).contains(sample);
        assertThat(Sampling.sample(values, 10, new SplittableRandom(1))).containsExactlyInAnyOrder(values);
        assertThat(values).containsExactly(4, 8, 15, 16, 23, 42);
    }
}
