package io.startline.engine.support;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Checks on caller-supplied text read straight from a message buffer, without decoding it
 * into a String.
 */
public final class Text
{
    private Text()
    {
    }

    private static final long ONE_BITS = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    /**
     * Whether all eight bytes are printable ASCII, 0x20 to 0x7E: references and most names are,
     * and are then checked a word at a time rather than a byte at a time.
     */
    private static boolean isPrintableAscii(final long word)
    {
        // With every high bit clear no byte carries into the next: adding 0x60 sets a byte's
        // high bit exactly when it is at least 0x20, adding 0x01 exactly when it is 0x7F.
        return (word & HIGH_BITS) == 0 && ((word + 0x60 * ONE_BITS) & HIGH_BITS) == HIGH_BITS &&
            ((word + ONE_BITS) & HIGH_BITS) == 0;
    }

    /**
     * Well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF) with no
     * control characters, and not blank at either end: what a name on a start list may be.
     */
    public static boolean isPrintableUtf8(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 0 || buffer.getByte(offset) == ' ' || buffer.getByte(offset + length - 1) == ' ')
        {
            return false;
        }
        int i = offset;
        final int end = offset + length;
        while (i < end)
        {
            if (i + 8 <= end)
            {
                if (isPrintableAscii(buffer.getLong(i, ByteOrder.LITTLE_ENDIAN)))
                {
                    i += 8;
                    continue;
                }
            }
            else if (length >= 8 && isPrintableAscii(buffer.getLong(end - 8, ByteOrder.LITTLE_ENDIAN)))
            {
                // The last eight bytes, read over some already checked: the rest is printable ASCII.
                return true;
            }
            final int characterLength = printableCharacterLength(buffer, i, end);
            if (characterLength < 0)
            {
                return false;
            }
            i += characterLength;
        }
        return true;
    }

    /**
     * The length in bytes of the printable character whose UTF-8 starts at {@code i}, or -1 when
     * it is not one: a control character, a broken, overlong or truncated sequence, a surrogate.
     */
    private static int printableCharacterLength(final DirectBuffer buffer, final int i, final int end)
    {
        final int b0 = buffer.getByte(i) & 0xFF;
        if (b0 < 0x80)
        {
            return b0 < 0x20 || b0 == 0x7F ? -1 : 1;
        }
        final int extra;
        int codePoint;
        if (b0 >= 0xC2 && b0 <= 0xDF)
        {
            extra = 1;
            codePoint = b0 & 0x1F;
        }
        else if (b0 >= 0xE0 && b0 <= 0xEF)
        {
            extra = 2;
            codePoint = b0 & 0x0F;
        }
        else if (b0 >= 0xF0 && b0 <= 0xF4)
        {
            extra = 3;
            codePoint = b0 & 0x07;
        }
        else
        {
            return -1;
        }
        if (i + extra >= end)
        {
            return -1;
        }
        for (int k = 1; k <= extra; k++)
        {
            final int b = buffer.getByte(i + k) & 0xFF;
            if ((b & 0xC0) != 0x80)
            {
                return -1;
            }
            codePoint = (codePoint << 6) | (b & 0x3F);
        }
        final boolean overlong = (extra == 2 && codePoint < 0x800) || (extra == 3 && codePoint < 0x10000);
        final boolean surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
        final boolean c1Control = codePoint >= 0x80 && codePoint < 0xA0;
        return overlong || surrogate || c1Control || codePoint > 0x10FFFF ? -1 : 1 + extra;
    }

    /**
     * A phone number as a person types it for a start list: digits, optionally one leading '+'.
     */
    public static boolean isPhone(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 0)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            final byte c = buffer.getByte(offset + i);
            if (!(c >= '0' && c <= '9') && !(c == '+' && i == 0 && length > 1))
            {
                return false;
            }
        }
        return true;
    }
}
