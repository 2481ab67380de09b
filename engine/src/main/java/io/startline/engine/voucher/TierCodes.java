package io.startline.engine.voucher;

/**
 * Tier codes as fixed-width ASCII (the SBE {@code Code} type): upper- and lower-case letters,
 * digits, '-' and '_', 1 to {@link #LENGTH} characters, NUL-padded.
 */
final class TierCodes
{
    static final int LENGTH = 16;

    private TierCodes()
    {
    }

    static boolean isValid(final byte[] code)
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

    static boolean equal(final byte[] codes, final int index, final byte[] code)
    {
        final int base = index * LENGTH;
        for (int i = 0; i < LENGTH; i++)
        {
            if (codes[base + i] != code[i])
            {
                return false;
            }
        }
        return true;
    }
}
