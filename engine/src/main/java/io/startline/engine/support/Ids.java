package io.startline.engine.support;

/**
 * Bounds on caller-supplied identifiers. User and store ids are packed next to a dense
 * entity index into one {@code long} map key ({@link #pack(int, long)}), which is what keeps
 * per-user counting to one primitive hash lookup; the bound is the price of that.
 */
public final class Ids
{
    /** Bits an external id (user, store) may use. */
    public static final int EXTERNAL_ID_BITS = 40;
    /** Largest user or store id accepted: 1,099,511,627,775. */
    public static final long EXTERNAL_ID_MAX = (1L << EXTERNAL_ID_BITS) - 1;
    /** Largest dense index that can be packed with an external id. */
    public static final int INDEX_MAX = (1 << (63 - EXTERNAL_ID_BITS)) - 1;

    private Ids()
    {
    }

    public static boolean isValidExternalId(final long id)
    {
        return id >= 1 && id <= EXTERNAL_ID_MAX;
    }

    /**
     * A map key unique to (index, externalId), never 0 or negative for valid inputs.
     */
    public static long pack(final int index, final long externalId)
    {
        return ((long)index << EXTERNAL_ID_BITS) | externalId;
    }
}
