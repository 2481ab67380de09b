package io.startline.engine.support;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SipHashTest
{
    /** The reference key 00 01 02 ... 0f, as two little-endian words. */
    private static final long K0 = 0x0706050403020100L;
    private static final long K1 = 0x0f0e0d0c0b0a0908L;

    private static UnsafeBuffer message(final int length)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Math.max(length, 1)]);
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(i, (byte)i);
        }
        return buffer;
    }

    @Test
    void matchesThePublishedReferenceVectors()
    {
        // From the SipHash paper (Appendix A) and the reference implementation's vectors.h:
        // message 00 01 02 ... (length - 1) under key 00 01 02 ... 0f.
        assertThat(SipHash.hash(K0, K1, message(0), 0, 0)).isEqualTo(0x726fdb47dd0e0e31L);
        assertThat(SipHash.hash(K0, K1, message(15), 0, 15)).isEqualTo(0xa129ca6149be45e5L);
        assertThat(SipHash.hash(K0, K1, message(16), 0, 16)).isEqualTo(0x3f2acc7f57c29bdbL);
    }

    @Test
    void theOneWordFormIsTheEightByteMessage()
    {
        final SplittableRandom random = new SplittableRandom(43);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
        for (int i = 0; i < 1000; i++)
        {
            final long k0 = random.nextLong();
            final long k1 = random.nextLong();
            final long word = random.nextLong();
            buffer.putLong(0, word, ByteOrder.LITTLE_ENDIAN);
            assertThat(SipHash.hash(k0, k1, word)).isEqualTo(SipHash.hash(k0, k1, buffer, 0, 8));
        }
        assertThat(SipHash.hash(K0, K1, 0x0706050403020100L)).isEqualTo(SipHash.hash(K0, K1, message(8), 0, 8));
    }

    @Test
    void everyLengthAndOffsetHashesAsTheByteAtATimeDefinition()
    {
        final long seed = System.nanoTime();
        System.out.println("SipHashTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        for (int length = 0; length <= 64; length++)
        {
            for (int offset = 0; offset < 8; offset++)
            {
                final byte[] bytes = new byte[offset + length + 8];
                for (int i = 0; i < bytes.length; i++)
                {
                    bytes[i] = (byte)random.nextInt();
                }
                final long k0 = random.nextLong();
                final long k1 = random.nextLong();
                assertThat(SipHash.hash(k0, k1, new UnsafeBuffer(bytes), offset, length))
                    .as("length %d at offset %d, seed %d", length, offset, seed)
                    .isEqualTo(byteAtATime(k0, k1, bytes, offset, length));
            }
        }
    }

    /** SipHash-2-4 as the paper states it: words of eight bytes, then the last one with the length. */
    private static long byteAtATime(final long k0, final long k1, final byte[] bytes, final int offset, final int length)
    {
        final long[] v = {k0 ^ 0x736f6d6570736575L, k1 ^ 0x646f72616e646f6dL, k0 ^ 0x6c7967656e657261L,
            k1 ^ 0x7465646279746573L};
        final int words = length / 8 + 1;
        for (int w = 0; w < words; w++)
        {
            long m = 0;
            for (int b = 0; b < 8; b++)
            {
                final int at = w * 8 + b;
                if (at < length)
                {
                    m |= (bytes[offset + at] & 0xFFL) << (8 * b);
                }
            }
            if (w == words - 1)
            {
                m |= ((long)length & 0xFF) << 56;
            }
            v[3] ^= m;
            sipRounds(v, 2);
            v[0] ^= m;
        }
        v[2] ^= 0xff;
        sipRounds(v, 4);
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void sipRounds(final long[] v, final int rounds)
    {
        for (int r = 0; r < rounds; r++)
        {
            v[0] += v[1]; v[1] = Long.rotateLeft(v[1], 13); v[1] ^= v[0]; v[0] = Long.rotateLeft(v[0], 32);
            v[2] += v[3]; v[3] = Long.rotateLeft(v[3], 16); v[3] ^= v[2];
            v[0] += v[3]; v[3] = Long.rotateLeft(v[3], 21); v[3] ^= v[0];
            v[2] += v[1]; v[1] = Long.rotateLeft(v[1], 17); v[1] ^= v[2]; v[2] = Long.rotateLeft(v[2], 32);
        }
    }
}
