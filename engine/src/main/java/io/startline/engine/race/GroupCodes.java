package io.startline.engine.race;

import io.startline.engine.support.Codes;

/**
 * The text form of a group code: 'G' and thirteen Crockford base-32 digits of the 64-bit keyed
 * permutation of the group's index, e.g. {@code G1K7ZQ4M0V9XRA}. Easy to read out and type;
 * parsing ignores case and reads O as 0 and I or L as 1, as Crockford intends.
 */
final class GroupCodes
{
    static final int TEXT_LENGTH = 14;
    private static final byte[] DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".getBytes();

    private long value;

    private GroupCodes()
    {
    }

    static GroupCodes parser()
    {
        return new GroupCodes();
    }

    static void format(final long code, final byte[] into)
    {
        into[0] = 'G';
        for (int i = 0; i < TEXT_LENGTH - 1; i++)
        {
            final int shift = 60 - 5 * i;
            final int digit = shift >= 0 ? (int)(code >>> shift) & 31 : (int)(code << -shift) & 31;
            into[1 + i] = DIGITS[digit];
        }
        for (int i = TEXT_LENGTH; i < Codes.LENGTH; i++)
        {
            into[i] = 0;
        }
    }

    /**
     * @return whether the text is a well-formed group code; its value is then {@link #value()}.
     */
    boolean parse(final byte[] text)
    {
        if (text[0] != 'G' && text[0] != 'g')
        {
            return false;
        }
        for (int i = TEXT_LENGTH; i < Codes.LENGTH; i++)
        {
            if (text[i] != 0)
            {
                return false;
            }
        }
        long code = 0;
        for (int i = 1; i < TEXT_LENGTH; i++)
        {
            final int digit = digitOf(text[i]);
            // Thirteen digits hold 65 bits: the first carries only the top four.
            if (digit < 0 || (i == 1 && digit > 15))
            {
                return false;
            }
            code = (code << 5) | digit;
        }
        value = code;
        return true;
    }

    long value()
    {
        return value;
    }

    private static int digitOf(final byte c)
    {
        final byte upper = c >= 'a' && c <= 'z' ? (byte)(c - 32) : c;
        if (upper == 'O')
        {
            return 0;
        }
        if (upper == 'I' || upper == 'L')
        {
            return 1;
        }
        for (int d = 0; d < DIGITS.length; d++)
        {
            if (DIGITS[d] == upper)
            {
                return d;
            }
        }
        return -1;
    }
}
