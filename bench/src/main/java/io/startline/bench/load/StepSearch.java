package io.startline.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Finds the highest sustainable offered rate by stepping: from the start rate it doubles
 * while steps pass (or halves while they fail), then bisects between the highest rate that
 * passed and the lowest that failed until the two are within the resolution, or the steps run
 * out. Each step is one trial at one rate; the trial decides what "passes" means.
 */
public final class StepSearch
{
    /** Rates are rounded to this many requests a second: finer steps measure the machine's noise. */
    private static final long RATE_GRANULARITY = 10;

    private final long startRatePerSecond;
    private final long minRatePerSecond;
    private final int maxSteps;
    private final double resolution;

    /**
     * @param startRatePerSecond the first rate tried
     * @param minRatePerSecond   halving stops below this
     * @param maxSteps           trials at most
     * @param resolution         bisection stops when the failing rate is within this fraction above the passing one
     */
    public StepSearch(final long startRatePerSecond, final long minRatePerSecond, final int maxSteps,
        final double resolution)
    {
        if (minRatePerSecond < 1 || startRatePerSecond < minRatePerSecond || maxSteps < 1 || resolution <= 0)
        {
            throw new IllegalArgumentException("the least rate, the steps and the resolution must be positive, and " +
                "the start rate at least the least rate");
        }
        this.startRatePerSecond = startRatePerSecond;
        this.minRatePerSecond = minRatePerSecond;
        this.maxSteps = maxSteps;
        this.resolution = resolution;
    }

    /** One trial. */
    public record Step(long offeredRatePerSecond, boolean passed)
    {
    }

    /**
     * @param highestPassedRatePerSecond the highest rate that passed, 0 if none did
     * @param lowestFailedRatePerSecond  the lowest rate that failed, 0 if none did (the search ran out of steps climbing)
     * @param steps                      every trial in the order it ran
     */
    public record Result(long highestPassedRatePerSecond, long lowestFailedRatePerSecond, List<Step> steps)
    {
    }

    public Result search(final LongPredicate passesAt)
    {
        final List<Step> steps = new ArrayList<>();
        long passed = 0;
        long failed = 0;
        long rate = startRatePerSecond;
        while (steps.size() < maxSteps && failed == 0 && rate >= minRatePerSecond)
        {
            // Climbing: double from a pass until a rate fails.
            if (trial(passesAt, rate, steps))
            {
                passed = rate;
                rate = rate * 2;
            }
            else
            {
                failed = rate;
            }
        }
        while (steps.size() < maxSteps && passed == 0 && failed != 0)
        {
            // The start failed: halve until a rate passes.
            rate = rounded(failed / 2);
            if (rate < minRatePerSecond || rate >= failed)
            {
                break;
            }
            if (trial(passesAt, rate, steps))
            {
                passed = rate;
            }
            else
            {
                failed = rate;
            }
        }
        while (steps.size() < maxSteps && passed != 0 && failed != 0 && failed - passed > passed * resolution)
        {
            final long middle = rounded((passed + failed) / 2);
            if (middle <= passed || middle >= failed)
            {
                break;
            }
            if (trial(passesAt, middle, steps))
            {
                passed = middle;
            }
            else
            {
                failed = middle;
            }
        }
        return new Result(passed, failed, List.copyOf(steps));
    }

    private static boolean trial(final LongPredicate passesAt, final long rate, final List<Step> steps)
    {
        final boolean passed = passesAt.test(rate);
        steps.add(new Step(rate, passed));
        return passed;
    }

    private static long rounded(final long rate)
    {
        return rate < RATE_GRANULARITY ? rate : Math.round(rate / (double)RATE_GRANULARITY) * RATE_GRANULARITY;
    }
}
