package io.startline.bench.load;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded shuffles and samples, so that a run's order of callers is fixed by its seed.
 */
public final class Sampling
{
    private Sampling()
    {
    }

    /** Shuffles in place (Fisher–Yates). */
    public static void shuffle(final int[] values, final SplittableRandom random)
    {
        for (int i = values.length - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int value = values[i];
            values[i] = values[j];
            values[j] = value;
        }
    }

    /** {@code 0, 1, …, count − 1} in a random order. */
    public static int[] permutation(final int count, final SplittableRandom random)
    {
        final int[] values = new int[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = i;
        }
        shuffle(values, random);
        return values;
    }

    /**
     * The order in which users press "claim": every one of {@code users} once, and
     * {@code repeats} of them a second time (impatient users pressing again), all mixed.
     */
    public static int[] pressOrder(final int users, final int repeats, final SplittableRandom random)
    {
        if (repeats > users)
        {
            throw new IllegalArgumentException("more repeats (" + repeats + ") than users (" + users + ")");
        }
        final int[] order = new int[users + repeats];
        final int[] pressingTwice = permutation(users, random);
        for (int i = 0; i < users; i++)
        {
            order[i] = i;
        }
        System.arraycopy(pressingTwice, 0, order, users, repeats);
        shuffle(order, random);
        return order;
    }

    /** The first {@code count} of {@code values} after a shuffle: a sample without repeats. */
    public static int[] sample(final int[] values, final int count, final SplittableRandom random)
    {
        final int[] copy = values.clone();
        shuffle(copy, random);
        return Arrays.copyOf(copy, Math.min(count, copy.length));
    }
}
