package io.startline.engine.support;

/**
 * Bounds on caller-supplied identifiers (users, stores). Ids travel as JSON numbers, and a
 * JSON number is exact in every client only up to 2^53 − 1 (JavaScript's safe integers), so
 * that is the largest id accepted; 0 and negatives are never ids.
 */
public final class Ids
{
    public static final long EXTERNAL_ID_MAX = (1L << 53) - 1;

    private Ids()
    {
    }

    public static boolean isValidExternalId(final long id)
    {
        return id >= 1 && id <= EXTERNAL_ID_MAX;
    }
}
