package io.startline.engine.support;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Printable text is well-formed UTF-8 with no control character (C0, DEL, C1) and no blank at
 * either end. The check reads runs of printable ASCII eight bytes at a time; it must answer as
 * a strict UTF-8 decoder with those rules does, wherever the text starts and ends in the buffer.
 */
class TextTest
{
    @Test
    void printableTextOfAnyLengthPasses()
    {
        for (final String text : new String[] {"P", "PAY-0000000001", "PAY-00000000012345", "a b", "~!\"#$%&'()*+,-./",
            "Zhang Wei 张伟", "Müller-Lüdenscheidt", "🏃 marathon", "0123456789abcdefX"})
        {
            assertThat(bothChecks(text.getBytes(StandardCharsets.UTF_8))).as(text).isTrue();
        }
    }

    @Test
    void aControlCharacterAnywhereInAWordFails()
    {
        for (final int c : new int[] {0x00, 0x09, 0x0A, 0x1F, 0x7F})
        {
            for (int at = 1; at < 23; at++)
            {
                final byte[] text = "ABCDEFGHIJKLMNOPQRSTUVWX".getBytes(StandardCharsets.US_ASCII);
                text[at] = (byte)c;
                assertThat(bothChecks(text)).as("byte 0x%02x at %d", c, at).isFalse();
            }
        }
        assertThat(bothChecks(" ABCDEFGHIJ".getBytes(StandardCharsets.US_ASCII))).as("blank first").isFalse();
        assertThat(bothChecks("ABCDEFGHIJ ".getBytes(StandardCharsets.US_ASCII))).as("blank last").isFalse();
        assertThat(bothChecks(new byte[0])).as("empty").isFalse();
    }

    @Test
    void theCheckAgreesWithAStrictDecoderOnRandomText()
    {
        final long seed = System.nanoTime();
        System.out.println("TextTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final byte[][] pieces = {
            "A".getBytes(StandardCharsets.UTF_8), "PAY-12345678".getBytes(StandardCharsets.UTF_8),
            " ".getBytes(StandardCharsets.UTF_8), "é".getBytes(StandardCharsets.UTF_8),
            "张".getBytes(StandardCharsets.UTF_8), "🏃".getBytes(StandardCharsets.UTF_8),
            {(byte)0xC2, (byte)0x85}, {(byte)0xC0, (byte)0xAF}, {(byte)0xED, (byte)0xA0, (byte)0x80},
            {(byte)0xF4, (byte)0x90, (byte)0x80, (byte)0x80}, {(byte)0x80}, {(byte)0xE4, (byte)0xB8}, {0x7F}, {0x1F}};
        int printable = 0;
        for (int i = 0; i < 100_000; i++)
        {
            final byte[] text = new byte[64];
            int length = 0;
            while (length < 48 && random.nextInt(8) != 0)
            {
                final byte[] piece = pieces[random.nextInt(random.nextInt(4) == 0 ? pieces.length : 2)];
                System.arraycopy(piece, 0, text, length, piece.length);
                length += piece.length;
            }
            printable += bothChecks(java.util.Arrays.copyOf(text, length)) ? 1 : 0;
        }
        assertThat(printable).as("printable texts among 100,000").isBetween(10_000, 90_000);
    }

    /** The check at every offset of a larger buffer, against the decoder; returns their answer. */
    private static boolean bothChecks(final byte[] text)
    {
        final boolean expected = strictlyPrintable(text);
        for (int offset = 0; offset < 8; offset++)
        {
            final byte[] framed = new byte[offset + text.length + 8];
            java.util.Arrays.fill(framed, (byte)'X');
            System.arraycopy(text, 0, framed, offset, text.length);
            assertThat(Text.isPrintableUtf8(new UnsafeBuffer(framed), offset, text.length))
                .as("%s at offset %d", java.util.Arrays.toString(text), offset).isEqualTo(expected);
        }
        return expected;
    }

    private static boolean strictlyPrintable(final byte[] text)
    {
        if (text.length == 0 || text[0] == ' ' || text[text.length - 1] == ' ')
        {
            return false;
        }
        try
        {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(text)).codePoints()
                .noneMatch(c -> c < 0x20 || (c >= 0x7F && c < 0xA0));
        }
        catch (final CharacterCodingException ex)
        {
            return false;
        }
    }
}
