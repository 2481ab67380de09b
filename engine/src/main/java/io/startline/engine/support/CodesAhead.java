package io.startline.engine.support;

/**
 * The codes of a {@link KeyedPermutation} for indices 0, 1, 2…, made ahead of the rush that
 * hands them out in order: a code is four SipHash rounds, as long as the rest of a claim or a
 * confirmation. Each command that makes codes ahead (a drop's or a venue's creation, an idle
 * tick) makes at most {@link #PER_COMMAND} of them, so none holds the engine for long. An index
 * past the codes made gets its code made on the spot: the same code. Derived state, in no
 * snapshot and no state hash.
 */
public final class CodesAhead
{
    public static final int PER_COMMAND = 65_536;

    private final KeyedPermutation permutation;
    private final long[] codeByIndex;
    private int computed;

    /**
     * @param capacity the most indices that will ever be handed out.
     */
    public CodesAhead(final KeyedPermutation permutation, final int capacity)
    {
        this.permutation = permutation;
        codeByIndex = new long[capacity];
    }

    /** The code of index {@code index}: the permutation of {@code index + 1}. */
    public long code(final int index)
    {
        return index < computed ? codeByIndex[index] : permutation.encode(index + 1L);
    }

    /** Makes up to {@link #PER_COMMAND} more codes, never past {@code wanted} nor the capacity. */
    public void computeAhead(final long wanted)
    {
        computeUpTo(Math.min(wanted, (long)computed + PER_COMMAND));
    }

    /** Makes every code below {@code upTo} (capped at the capacity), however many that is: for start-up. */
    public void computeUpTo(final long upTo)
    {
        final int end = (int)Math.min(upTo, codeByIndex.length);
        for (int i = computed; i < end; i++)
        {
            codeByIndex[i] = permutation.encode(i + 1L);
        }
        computed = Math.max(computed, end);
    }

    public int computed()
    {
        return computed;
    }
}
