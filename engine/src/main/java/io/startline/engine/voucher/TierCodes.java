package io.startline.engine.voucher;

import io.startline.engine.support.Codes;

/**
 * Tier codes as fixed-width ASCII (the SBE {@code Code} type): upper- and lower-case letters,
 * digits, '-' and '_', 1 to {@link #LENGTH} characters, NUL-padded.
 */
final class TierCodes
{
    static final int LENGTH = Codes.LENGTH;

    private TierCodes()
    {
    }

    static boolean isValid(final byte[] code)
    {
        return Codes.isValid(code);
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
