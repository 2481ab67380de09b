package io.startline.engine.support;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A code is 1 to 16 of letters, digits, '-' and '_', NUL-padded. The check a hold makes on the
 * code's two words, eight bytes at a time, agrees with the byte-by-byte check everywhere.
 */
class CodesTest
{
    @Test
    void codesOfEveryLengthAndCharacterClassAreValid()
    {
        for (final String code : new String[] {"A", "COURT-1", "COURT-20", "lane_07", "z9-_", "ABCDEFGH", "ABCDEFGHI",
            "0123456789abcdef", "Zz09-_Zz09-_Zz09"})
        {
            assertThat(bothChecks(bytes(code))).as(code).isTrue();
        }
    }

    @Test
    void blankOrHoledOrForeignCodesAreNot()
    {
        assertThat(bothChecks(new byte[Codes.LENGTH])).as("blank").isFalse();
        assertThat(bothChecks(bytes("COURT 1"))).as("space").isFalse();
        assertThat(bothChecks(bytes("COURT.1"))).as("dot").isFalse();
        for (final int c : new int[] {'@', '[', '`', '{', '/', ':', 0x7F, 0x80, 0xC3, 0xFF, 0x01, 0x2C, 0x2E, 0x5E})
        {
            for (int at = 0; at < Codes.LENGTH; at++)
            {
                final byte[] code = bytes("ABCDEFGHIJKLMNOP");
                code[at] = (byte)c;
                assertThat(bothChecks(code)).as("byte 0x%02x at %d", c, at).isFalse();
            }
        }
        for (int hole = 0; hole < Codes.LENGTH - 1; hole++)
        {
            final byte[] code = bytes("ABCDEFGHIJKLMNOP");
            code[hole] = 0;
            assertThat(bothChecks(code)).as("NUL at %d before a character", hole).isFalse();
        }
    }

    @Test
    void theWordCheckAgreesWithTheByteCheckOnRandomCodes()
    {
        final long seed = System.nanoTime();
        System.out.println("CodesTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final byte[] allowed = "AMZamz059-_".getBytes(StandardCharsets.US_ASCII);
        final byte[] nearMisses = " @[`{/:.,^\u007f".getBytes(StandardCharsets.ISO_8859_1);
        int valid = 0;
        for (int i = 0; i < 200_000; i++)
        {
            final byte[] code = new byte[Codes.LENGTH];
            final int length = random.nextInt(Codes.LENGTH + 1);
            for (int k = 0; k < length; k++)
            {
                final int pick = random.nextInt(100);
                code[k] = pick < 2 ? (byte)random.nextInt(256) :
                    pick < 4 ? nearMisses[random.nextInt(nearMisses.length)] : allowed[random.nextInt(allowed.length)];
            }
            if (random.nextInt(10) == 0)
            {
                code[random.nextInt(Codes.LENGTH)] = random.nextBoolean() ? 0 : (byte)'A';
            }
            valid += bothChecks(code) ? 1 : 0;
        }
        assertThat(valid).as("valid codes among 200,000").isBetween(10_000, 190_000);
    }

    /** Both checks, which must agree; returns their answer. */
    private static boolean bothChecks(final byte[] code)
    {
        final boolean byBytes = Codes.isValid(code);
        assertThat(Codes.isValid(Codes.word0(code), Codes.word1(code)))
            .as("word check of %s", java.util.Arrays.toString(code)).isEqualTo(byBytes);
        return byBytes;
    }

    private static byte[] bytes(final String code)
    {
        final byte[] bytes = new byte[Codes.LENGTH];
        final byte[] text = code.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, bytes, 0, text.length);
        return bytes;
    }
}
