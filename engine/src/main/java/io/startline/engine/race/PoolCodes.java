package io.startline.engine.race;

import io.startline.engine.support.Codes;
import java.util.Arrays;

/**
 * The codes a result shows for how a place was won besides a reserved pool: GENERAL and
 * WAITLIST, and blanks for no pool at all.
 */
final class PoolCodes
{
    static final byte[] GENERAL = code("GENERAL");
    static final byte[] WAITLIST = code("WAITLIST");
    static final byte[] NONE = new byte[Codes.LENGTH];

    private PoolCodes()
    {
    }

    /** GENERAL and WAITLIST name how a place was won; a reserved pool may not take either name. */
    static boolean isReserved(final byte[] code)
    {
        return Arrays.equals(code, GENERAL) || Arrays.equals(code, WAITLIST);
    }

    private static byte[] code(final String text)
    {
        final byte[] bytes = new byte[Codes.LENGTH];
        for (int i = 0; i < text.length(); i++)
        {
            bytes[i] = (byte)text.charAt(i);
        }
        return bytes;
    }
}
