package io.startline.engine.support;

/**
 * Organiser-chosen codes (tiers, categories, pools) as the SBE {@code Code} type: 1 to
 * {@link #LENGTH} characters from letters, digits, '-' and '_', NUL-padded. Held in state as
 * two little-endian longs so that comparing two codes is two compares.
 */
public final class Codes
{
    public static final int LENGTH = 16;

    private Codes()
    {
    }

    public static boolean isValid(final byte[] code)
    {
        int length = 0;
        while (length < LENGTH && code[length] != 0)
        {
            final byte c = code[length];
            final boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_';
            if (!allowed)
            {
                return false;
            }
            length++;
        }
        for (int i = length; i < LENGTH; i++)
        {
            if (code[i] != 0)
            {
                return false;
            }
        }
        return length > 0;
    }

    public static boolean isBlank(final byte[] code)
    {
        for (int i = 0; i < LENGTH; i++)
        {
            if (code[i] != 0)
            {
                return false;
            }
        }
        return true;
    }

    public static long word0(final byte[] code)
    {
        return word(code, 0);
    }

    public static long word1(final byte[] code)
    {
        return word(code, 8);
    }

    public static void toBytes(final long word0, final long word1, final byte[] code)
    {
        for (int i = 0; i < 8; i++)
        {
            code[i] = (byte)(word0 >>> (8 * i));
            code[8 + i] = (byte)(word1 >>> (8 * i));
        }
    }

    /**
     * Orders codes as their text sorts (byte-wise, shorter first on a common prefix: NUL pads).
     */
    public static int compare(final long a0, final long a1, final long b0, final long b1)
    {
        final int first = Long.compareUnsigned(Long.reverseBytes(a0), Long.reverseBytes(b0));
        return first != 0 ? first : Long.compareUnsigned(Long.reverseBytes(a1), Long.reverseBytes(b1));
    }

    private static long word(final byte[] code, final int from)
    {
        long word = 0;
        for (int i = 7; i >= 0; i--)
        {
            word = (word << 8) | (code[from + i] & 0xFF);
        }
        return word;
    }
}
