package io.startline.engine.domain;

/**
 * A closed range of template ids, {@code first} to {@code last}; {@link #NONE} holds none.
 */
public record IdRange(int first, int last)
{
    /** For a domain that owns no id of some kind (a domain without queries, say). */
    public static final IdRange NONE = new IdRange(1, 0);

    public boolean contains(final int templateId)
    {
        return templateId >= first && templateId <= last;
    }

    public boolean isEmpty()
    {
        return last < first;
    }

    /** Whether every id of this range lies in {@code outer}; an empty range lies anywhere. */
    public boolean isWithin(final IdRange outer)
    {
        return isEmpty() || outer.contains(first) && outer.contains(last);
    }

    public boolean overlaps(final IdRange other)
    {
        return !isEmpty() && !other.isEmpty() && first <= other.last && other.first <= last;
    }

    @Override
    public String toString()
    {
        return isEmpty() ? "none" : first + ".." + last;
    }
}
