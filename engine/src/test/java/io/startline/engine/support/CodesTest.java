package io.startline.engine.support;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A code is 1 to 16 of letters, digits, '-' and '_', NUL-padded. The check, made on the code's
 * two words eight bytes at a time, agrees everywhere with the rule applied byte by byte here.
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

    /** The check on bytes and on words, which must both answer as the rule; returns the rule's answer. */
    private static boolean bothChecks(final byte[] code)
    {
        final boolean byRule = byTheRule(code);
        assertThat(Codes.isValid(Codes.word0(code), Codes.word1(code)))
            .as("word check of %s", java.util.Arrays.toString(code)).isEqualTo(byRule);
        assertThat(Codes.isValid(code)).as("check of %s", java.util.Arrays.toString(code)).isEqualTo(byRule);
        return byRule;
    }

    /** The rule, a byte at a time: allowed characters, then NUL padding only, at least one character. */
    private static boolean byTheRule(final byte[] code)
    {
        int length = 0;
        while (length < Codes.LENGTH && code[length] != 0)
        {
            final byte c = code[length];
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            {
                return false;
            }
            length++;
        }
        for (int i = length; i < Codes.LENGTH; i++)
        {
            if (code[i] != 0)
            {
                return false;
            }
        }
        return length > 0;
    }

    private static byte[] bytes(final String code)
    {
        final byte[] bytes = new byte[Codes.LENGTH];
        final byte[] text = code.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, bytes, 0, text.length);
        return bytes;
    }
}
