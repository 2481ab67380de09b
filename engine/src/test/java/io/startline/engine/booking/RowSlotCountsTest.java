package io.startline.engine.booking;

import io.startline.engine.support.StateHasher;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A row's slot counts: each user's held + booked slots in one calendar row, summed over the
 * row's log of what was taken and let go. Checked against a plain map through random holds and
 * releases, in rows small enough that their logs fill and are compacted again and again and
 * their filters' bits are shared, and in many rows of many users, as at a release.
 */
class RowSlotCountsTest
{
    @Test
    void aRowsRegionIsAtMostTwoAndAnEighthWordsACellAndTwo()
    {
        for (int cells = 1; cells <= 20_000; cells++)
        {
            assertThat(8L * RowSlotCounts.regionLength(cells)).as("cells %d", cells).isLessThanOrEqualTo(17L * cells + 16);
        }
    }

    @Test
    void countsMatchAPlainMapThroughRandomHoldsAndReleases()
    {
        final long seed = System.nanoTime();
        System.out.println("RowSlotCountsTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final int cells = 12;
        final RowSlotCounts counts = new RowSlotCounts(64, 4);
        final int region = counts.allocate(RowSlotCounts.regionLength(cells));
        final int neighbour = counts.allocate(RowSlotCounts.regionLength(cells));
        counts.add(neighbour, cells, 99, 3);
        final Map<Long, Integer> model = new HashMap<>();
        int slotsHeld = 0;
        for (int step = 0; step < 200_000; step++)
        {
            final long user = 1 + random.nextInt(40);
            final int held = model.getOrDefault(user, 0);
            if (held > 0 && random.nextBoolean())
            {
                final int released = 1 + random.nextInt(held);
                counts.add(region, cells, user, -released);
                model.merge(user, -released, Integer::sum);
                model.remove(user, 0);
                slotsHeld -= released;
            }
            else if (slotsHeld < cells)
            {
                final int taken = 1 + random.nextInt(Math.min(3, cells - slotsHeld));
                if (random.nextBoolean())
                {
                    holdSlots(counts, region, cells, user, held, taken);
                }
                else
                {
                    counts.add(region, cells, user, taken);
                }
                model.merge(user, taken, Integer::sum);
                slotsHeld += taken;
            }
            for (long u = 1; u <= 40; u++)
            {
                assertThat(counts.slots(region, cells, u)).as("user %d after step %d, seed %d", u, step, seed)
                    .isEqualTo(model.getOrDefault(u, 0));
            }
        }
        assertThat(counts.slots(neighbour, cells, 99)).as("the next row's counts untouched").isEqualTo(3);
    }

    @Test
    void manyRowsOfManyUsersCountAsAPlainMap()
    {
        final long seed = System.nanoTime();
        System.out.println("RowSlotCountsTest many rows seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final int rows = 40;
        final int cells = 280;
        final RowSlotCounts counts = new RowSlotCounts(rows * cells, rows);
        final int[] region = new int[rows];
        final int[] slotsHeld = new int[rows];
        final List<Map<Long, Integer>> model = new ArrayList<>();
        for (int r = 0; r < rows; r++)
        {
            region[r] = counts.allocate(RowSlotCounts.regionLength(cells));
            model.add(new HashMap<>());
        }
        // Many more users than a row holds: most holds are by a user new to the row.
        for (int step = 0; step < 200_000; step++)
        {
            final int r = random.nextInt(rows);
            final long user = 1 + random.nextInt(20_000);
            final int held = model.get(r).getOrDefault(user, 0);
            if (held > 0 && random.nextInt(3) == 0)
            {
                counts.add(region[r], cells, user, -held);
                model.get(r).remove(user);
                slotsHeld[r] -= held;
            }
            else if (slotsHeld[r] < cells)
            {
                final int taken = 1 + random.nextInt(Math.min(2, cells - slotsHeld[r]));
                holdSlots(counts, region[r], cells, user, held, taken);
                model.get(r).merge(user, taken, Integer::sum);
                slotsHeld[r] += taken;
            }
            if (step % 997 == 0)
            {
                final int checked = random.nextInt(rows);
                for (final Map.Entry<Long, Integer> e : model.get(checked).entrySet())
                {
                    assertThat(counts.slots(region[checked], cells, e.getKey())).as("seed %d step %d", seed, step)
                        .isEqualTo(e.getValue());
                }
            }
        }
        for (int r = 0; r < rows; r++)
        {
            for (final Map.Entry<Long, Integer> e : model.get(r).entrySet())
            {
                assertThat(counts.slots(region[r], cells, e.getKey())).as("row %d, seed %d", r, seed).isEqualTo(e.getValue());
            }
            assertThat(counts.hash(region[r], cells)).as("row %d, seed %d", r, seed).isEqualTo(hashOf(model.get(r)));
        }
    }

    @Test
    void theHashIsTheSameWhateverOrderTheUsersCameInAndWhatTheyLetGo()
    {
        final int cells = 8;
        final RowSlotCounts counts = new RowSlotCounts(64, 4);
        final int first = counts.allocate(RowSlotCounts.regionLength(cells));
        final int second = counts.allocate(RowSlotCounts.regionLength(cells));
        for (long user = 1; user <= 6; user++)
        {
            counts.add(first, cells, user, (int)user);
            counts.add(second, cells, 7 - user, (int)(7 - user));
        }
        counts.add(first, cells, 9, 2);
        counts.add(first, cells, 9, -2);
        counts.add(second, cells, 3, -1);
        counts.add(second, cells, 3, 1);
        assertThat(counts.hash(first, cells)).isEqualTo(counts.hash(second, cells)).isNotZero();
        counts.clear(first, cells);
        assertThat(counts.hash(first, cells)).isZero();
        assertThat(counts.slots(first, cells, 3)).isZero();
        assertThat(counts.slots(second, cells, 3)).isEqualTo(3);
    }

    @Test
    void aFullLogIsCompactedAndCountsOn()
    {
        final int cells = 2;
        final RowSlotCounts counts = new RowSlotCounts(8, 1);
        final int region = counts.allocate(RowSlotCounts.regionLength(cells));
        // A log of four entries: a user who takes and lets go over and over fills it many times.
        for (int i = 0; i < 100; i++)
        {
            holdSlots(counts, region, cells, 5, 0, 2);
            counts.add(region, cells, 5, -2);
        }
        holdSlots(counts, region, cells, 5, 0, 1);
        holdSlots(counts, region, cells, 6, 0, 1);
        assertThat(counts.slots(region, cells, 5)).isEqualTo(1);
        assertThat(counts.slots(region, cells, 6)).isEqualTo(1);
    }

    @Test
    void releasingMoreThanAUserHoldsIsABrokenInvariantNotASilentMinus()
    {
        final int cells = 4;
        final RowSlotCounts counts = new RowSlotCounts(16, 4);
        final int region = counts.allocate(RowSlotCounts.regionLength(cells));
        counts.add(region, cells, 5, 1);
        assertThatThrownBy(() -> counts.add(region, cells, 5, -2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> counts.add(region, cells, 6, -1)).isInstanceOf(IllegalStateException.class);
        assertThat(counts.slots(region, cells, 5)).isEqualTo(1);
    }

    /** As a hold does: the user's slots, then the slots taken. */
    private static void holdSlots(final RowSlotCounts counts, final int region, final int cells, final long user,
        final int held, final int taken)
    {
        final long hash = StateHasher.mix(user);
        assertThat(counts.slots(region, cells, hash, user)).as("user %d's slots before the hold", user).isEqualTo(held);
        counts.take(region, cells, hash, user, taken);
    }

    private static long hashOf(final Map<Long, Integer> slotsByUser)
    {
        long sum = 0;
        for (final Map.Entry<Long, Integer> e : slotsByUser.entrySet())
        {
            // Each user as the row tables before the logs hashed it, so earlier snapshots still check.
            sum += StateHasher.mix(e.getKey() << 9 | e.getValue());
        }
        return sum;
    }
}
