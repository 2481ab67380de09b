package io.startline.engine.booking;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A row's slot counts: each user's held + booked slots in one calendar row, a user leaving the
 * table at zero. Checked against a plain map through random adds and releases in tables small
 * enough that users' probe runs collide, wrap around the end and are closed up on removal.
 */
class RowSlotCountsTest
{
    @Test
    void aTableIsAQuarterLargerThanItsCellsAndOne()
    {
        for (int cells = 1; cells <= 20_000; cells++)
        {
            final int size = RowSlotCounts.tableSize(cells);
            assertThat(size).as("cells %d", cells).isGreaterThan(cells + cells / 4);
            assertThat(4L * size).as("cells %d: at most 2.25 entries a cell", cells).isLessThanOrEqualTo(9L * cells);
        }
    }

    @Test
    void countsMatchAPlainMapThroughRandomHoldsAndReleases()
    {
        final long seed = System.nanoTime();
        System.out.println("RowSlotCountsTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final int cells = 12;
        final int size = RowSlotCounts.tableSize(cells);
        final RowSlotCounts counts = new RowSlotCounts(64);
        final int table = counts.allocate(size);
        final int neighbour = counts.allocate(size);
        counts.add(neighbour, size, 99, 3);
        final Map<Long, Integer> model = new HashMap<>();
        int slotsHeld = 0;
        for (int step = 0; step < 200_000; step++)
        {
            final long user = 1 + random.nextInt(40);
            final int held = model.getOrDefault(user, 0);
            if (held > 0 && random.nextBoolean())
            {
                final int released = 1 + random.nextInt(held);
                counts.add(table, size, user, -released);
                model.merge(user, -released, Integer::sum);
                model.remove(user, 0);
                slotsHeld -= released;
            }
            else if (slotsHeld < cells)
            {
                final int taken = 1 + random.nextInt(Math.min(3, cells - slotsHeld));
                counts.add(table, size, user, taken);
                model.merge(user, taken, Integer::sum);
                slotsHeld += taken;
            }
            for (long u = 1; u <= 40; u++)
            {
                assertThat(counts.slots(table, size, u)).as("user %d after step %d", u, step)
                    .isEqualTo(model.getOrDefault(u, 0));
            }
        }
        assertThat(counts.slots(neighbour, size, 99)).as("the next row's table untouched").isEqualTo(3);
    }

    @Test
    void theHashIsTheSameWhateverOrderTheUsersCameIn()
    {
        final int size = RowSlotCounts.tableSize(8);
        final RowSlotCounts counts = new RowSlotCounts(64);
        final int first = counts.allocate(size);
        final int second = counts.allocate(size);
        for (long user = 1; user <= 6; user++)
        {
            counts.add(first, size, user, (int)user);
            counts.add(second, size, 7 - user, (int)(7 - user));
        }
        counts.add(first, size, 9, 2);
        counts.add(first, size, 9, -2);
        assertThat(counts.hash(first, size)).isEqualTo(counts.hash(second, size)).isNotZero();
        counts.clear(first, size);
        assertThat(counts.hash(first, size)).isZero();
        assertThat(counts.slots(first, size, 3)).isZero();
    }

    @Test
    void releasingMoreThanAUserHoldsIsABrokenInvariantNotASilentMinus()
    {
        final int size = RowSlotCounts.tableSize(4);
        final RowSlotCounts counts = new RowSlotCounts(16);
        final int table = counts.allocate(size);
        counts.add(table, size, 5, 1);
        assertThatThrownBy(() -> counts.add(table, size, 5, -2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> counts.add(table, size, 6, -1)).isInstanceOf(IllegalStateException.class);
    }
}
