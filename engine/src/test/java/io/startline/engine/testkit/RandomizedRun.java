package io.startline.engine.testkit;

import java.util.SplittableRandom;

/**
 * The seed and length of a randomized test, and the report that makes a failure
 * reproducible: every run prints its seed, and a failure names the seed and the step.
 * <p>
 * {@code -Dstartline.seed=N} replays one run; {@code -Dstartline.model.steps=N} sets the
 * number of steps (for example 1000000 for the full model runs, see the README).
 */
public final class RandomizedRun
{
    public static final String SEED_PROP_NAME = "startline.seed";
    public static final String STEPS_PROP_NAME = "startline.model.steps";

    private final String name;
    private final long seed;
    private final long steps;

    /** One step of a run; may throw to fail it. */
    @FunctionalInterface
    public interface Step
    {
        void run(long step) throws Exception;
    }

    private RandomizedRun(final String name, final long seed, final long steps)
    {
        this.name = name;
        this.seed = seed;
        this.steps = steps;
    }

    /**
     * @param defaultSteps the count when no {@code startline.model.steps} is given.
     */
    public static RandomizedRun of(final String name, final long defaultSteps)
    {
        final String seedProperty = System.getProperty(SEED_PROP_NAME, "");
        final String stepsProperty = System.getProperty(STEPS_PROP_NAME, "");
        final long seed = seedProperty.isBlank() ? System.nanoTime() ^ 0x5DEECE66DL : Long.parseLong(seedProperty.trim());
        final long steps = stepsProperty.isBlank() ? defaultSteps : Long.parseLong(stepsProperty.trim());
        System.out.printf("%s: seed=%d steps=%d (replay with -D%s=%d)%n", name, seed, steps, SEED_PROP_NAME, seed);
        return new RandomizedRun(name, seed, steps);
    }

    public long seed()
    {
        return seed;
    }

    public long steps()
    {
        return steps;
    }

    public SplittableRandom random()
    {
        return new SplittableRandom(seed);
    }

    /**
     * Runs every step; a failure is rethrown as an {@link AssertionError} naming the seed and step.
     */
    public void run(final Step step)
    {
        long i = 0;
        try
        {
            for (; i < steps; i++)
            {
                step.run(i);
            }
        }
        catch (final Throwable failure)
        {
            throw new AssertionError(name + " failed at step " + i + " with seed " + seed +
                " (replay with -D" + SEED_PROP_NAME + "=" + seed + "): " + failure.getMessage(), failure);
        }
    }
}
