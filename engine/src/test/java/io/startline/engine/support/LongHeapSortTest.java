package io.startline.engine.support;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LongHeapSortTest
{
    @Test
    void sortsAPartAsArraysSortDoesAndLeavesTheRestAlone()
    {
        final long seed = System.nanoTime();
        System.out.println("LongHeapSortTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        for (int trial = 0; trial < 2_000; trial++)
        {
            final int length = random.nextInt(300);
            final long[] values = new long[length + 10];
            // Few distinct values in some trials, so that equal keys are common, as a log's users are.
            final int distinct = random.nextBoolean() ? 1 + random.nextInt(8) : Integer.MAX_VALUE;
            for (int i = 0; i < values.length; i++)
            {
                values[i] = distinct == Integer.MAX_VALUE ? random.nextLong() : random.nextInt(distinct) - 3;
            }
            final int from = random.nextInt(6);
            final int to = from + length;
            final long[] expected = values.clone();
            Arrays.sort(expected, from, to);
            LongHeapSort.sort(values, from, to);
            assertThat(values).as("trial %d, seed %d", trial, seed).isEqualTo(expected);
        }
    }
}
