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
        return isValid(word0(code), word1(code));
    }

    /**
     * The check on a code held as its two little-endian words, eight characters at a time: a
     * hold checks its court's code this way straight from the message.
     */
    public static boolean isValid(final long word0, final long word1)
    {
        if (((word0 | word1) & HIGH_BITS) != 0)
        {
            return false;
        }
        final long nul0 = nulBytes(word0);
        final long nul1 = nulBytes(word1);
        final long allowedOrNul0 = allowedBytes(word0) | nul0;
        final long allowedOrNul1 = allowedBytes(word1) | nul1;
        if (allowedOrNul0 != HIGH_BITS || allowedOrNul1 != HIGH_BITS || (nul0 & 0x80) != 0)
        {
            return false;
        }
        // The padding is one run of NULs to the end: once a NUL is seen, nothing else follows.
        return nul0 == 0 ? isRunToTheEnd(nul1) : isRunToTheEnd(nul0) && nul1 == HIGH_BITS;
    }

    private static final long ONE_BITS = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    /** For a word of bytes below 0x80: the high bit of each byte from {@code low} to {@code high}. */
    private static long bytesInRange(final long word, final int low, final int high)
    {
        return (word + (0x80 - low) * ONE_BITS) & ~(word + (0x7F - high) * ONE_BITS) & HIGH_BITS;
    }

    private static long nulBytes(final long word)
    {
        return ~(word + 0x7F * ONE_BITS) & HIGH_BITS;
    }

    private static long allowedBytes(final long word)
    {
        return bytesInRange(word, '0', '9') | bytesInRange(word | 0x20 * ONE_BITS, 'a', 'z') |
            bytesInRange(word, '-', '-') | bytesInRange(word, '_', '_');
    }

    /** Whether the marked bytes are every byte from the lowest marked one to the top. */
    private static boolean isRunToTheEnd(final long marks)
    {
        return marks == (HIGH_BITS & -(marks & -marks));
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
