package io.startline.engine.domain;

import io.startline.engine.EngineContext;

/**
 * One page of a list whose rows are numbered by position from 0 (campaigns, races, venues): the
 * rows from {@link #first()} up to {@link #end()}, and where the next page starts. Made once by a
 * domain and filled for each list query, so a page allocates nothing.
 */
public final class ListPage
{
    private int first;
    private int end;
    private int count;

    /**
     * Chooses the page of at most {@code maxRows} rows after position {@code after} among {@code count}.
     *
     * @return null, or the API's name of the value out of bounds: "after" below 0, or "limit"
     *         outside 1 to {@link EngineContext#LIST_PAGE_ROWS_MAX}.
     */
    public String select(final long after, final int maxRows, final int count)
    {
        if (after < 0)
        {
            return "after";
        }
        if (maxRows < 1 || maxRows > EngineContext.LIST_PAGE_ROWS_MAX)
        {
            return "limit";
        }
        this.count = count;
        first = (int)Math.min(after, count);
        end = first + Math.min(maxRows, count - first);
        return null;
    }

    public int first()
    {
        return first;
    }

    /** One past the page's last row. */
    public int end()
    {
        return end;
    }

    public int rows()
    {
        return end - first;
    }

    /** Where the next page starts, as the caller passes it back in {@code after}; 0 after the last page. */
    public long nextAfter()
    {
        return end < count ? end : 0;
    }
}
