package io.startline.engine.support;

import java.nio.ByteOrder;
import org.agrona.DirectBuffer;

/**
 * SipHash-2-4: a keyed 64-bit pseudo-random function (Aumasson and Bernstein, 2012).
 * <p>
 * Used wherever an identifier must not be guessable from its neighbours (voucher codes,
 * check-in codes): without the key, outputs for consecutive inputs look unrelated. Written
 * here rather than taken from a library because the engine needs it allocation-free on the
 * hot path; the test checks it against the published reference vectors.
 */
public final class SipHash
{
    private SipHash()
    {
    }

    /**
     * Hash of the 8-byte message formed by one little-endian 64-bit word.
     */
    public static long hash(final long k0, final long k1, final long word)
    {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;

        v3 ^= word;
        for (int i = 0; i < 2; i++)
        {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v0 ^= word;

        return finish(v0, v1, v2, v3, 8L << 56);
    }

    /**
     * Hash of {@code length} bytes of {@code buffer} from {@code offset}.
     */
    public static long hash(final long k0, final long k1, final DirectBuffer buffer, final int offset, final int length)
    {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;

        final int wholeWordsEnd = offset + (length & ~7);
        for (int i = offset; i < wholeWordsEnd; i += 8)
        {
            final long m = buffer.getLong(i, ByteOrder.LITTLE_ENDIAN);
            v3 ^= m;
            for (int r = 0; r < 2; r++)
            {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }

        long last = ((long)length & 0xFF) << 56;
        final int tail = length & 7;
        if (tail != 0 && length >= 8)
        {
            // The last eight bytes in one read, shifted down to the tail's.
            last |= buffer.getLong(offset + length - 8, ByteOrder.LITTLE_ENDIAN) >>> (64 - 8 * tail);
        }
        else
        {
            for (int i = 0; i < tail; i++)
            {
                last |= ((long)buffer.getByte(wholeWordsEnd + i) & 0xFF) << (8 * i);
            }
        }
        return finish(v0, v1, v2, v3, last);
    }

    private static long finish(long v0, long v1, long v2, long v3, final long last)
    {
        v3 ^= last;
        for (int i = 0; i < 2; i++)
        {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v0 ^= last;

        v2 ^= 0xff;
        for (int i = 0; i < 4; i++)
        {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
