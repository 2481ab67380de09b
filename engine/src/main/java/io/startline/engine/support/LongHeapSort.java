package io.startline.engine.support;

/**
 * Sorts part of a {@code long[]} in place, allocating nothing: {@code Arrays.sort} allocates
 * to find runs and to merge them, and the engine allocates nothing once it is built. Heapsort,
 * O(n log n) on any input; for the engine's rare compactions, not its hot paths.
 */
public final class LongHeapSort
{
    private LongHeapSort()
    {
    }

    /** Sorts {@code values[from, to)} ascending. */
    public static void sort(final long[] values, final int from, final int to)
    {
        final int n = to - from;
        for (int parent = n / 2 - 1; parent >= 0; parent--)
        {
            siftDown(values, from, parent, n);
        }
        for (int end = n - 1; end > 0; end--)
        {
            final long largest = values[from];
            values[from] = values[from + end];
            values[from + end] = largest;
            siftDown(values, from, 0, end);
        }
    }

    /** Moves the value at {@code root} down the heap of {@code n} values at {@code base} until both its children are smaller. */
    private static void siftDown(final long[] values, final int base, final int root, final int n)
    {
        final long value = values[base + root];
        int hole = root;
        for (int child = 2 * hole + 1; child < n; child = 2 * hole + 1)
        {
            if (child + 1 < n && values[base + child + 1] > values[base + child])
            {
                child++;
            }
            if (values[base + child] <= value)
            {
                break;
            }
            values[base + hole] = values[base + child];
            hole = child;
        }
        values[base + hole] = value;
    }
}
