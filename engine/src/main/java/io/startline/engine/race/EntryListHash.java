package io.startline.engine.race;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The commitment to a frozen entry list (BALLOT.md): SHA-256 over one line per entry in
 * ascending entryId, {@code entryId,categoryCode,groupUnitId,pools,weight\n}. Lines are written
 * into a reused buffer and streamed into the digest, so hashing a million entries allocates
 * nothing per entry.
 */
final class EntryListHash
{
    static final int LENGTH = 32;

    private final MessageDigest sha256;
    private final byte[] line;
    private int lineLength;

    EntryListHash(final int maxPoolsPerRace)
    {
        try
        {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every Java platform has SHA-256", ex);
        }
        line = new byte[3 * 20 + 16 + 12 + maxPoolsPerRace * 17 + 8];
    }

    void start()
    {
        sha256.reset();
    }

    /**
     * @param poolCodes0 / poolCodes1 the entitled pool codes, already sorted.
     */
    void addEntry(
        final long entryId, final long categoryCode0, final long categoryCode1, final long unitId,
        final long[] poolCodes0, final long[] poolCodes1, final int poolCount, final int weight)
    {
        lineLength = 0;
        appendNumber(entryId);
        append((byte)',');
        appendCode(categoryCode0, categoryCode1);
        append((byte)',');
        appendNumber(unitId);
        append((byte)',');
        for (int p = 0; p < poolCount; p++)
        {
            if (p > 0)
            {
                append((byte)' ');
            }
            appendCode(poolCodes0[p], poolCodes1[p]);
        }
        append((byte)',');
        appendNumber(weight);
        append((byte)'\n');
        sha256.update(line, 0, lineLength);
    }

    void finish(final byte[] into, final int offset)
    {
        try
        {
            sha256.digest(into, offset, LENGTH);
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException("the hash slot holds 32 bytes", ex);
        }
    }

    private void appendCode(final long word0, final long word1)
    {
        for (int i = 0; i < 16; i++)
        {
            final byte c = (byte)((i < 8 ? word0 >>> (8 * i) : word1 >>> (8 * (i - 8))));
            if (c == 0)
            {
                return;
            }
            append(c);
        }
    }

    private void appendNumber(final long value)
    {
        final int start = lineLength;
        long rest = value;
        do
        {
            append((byte)('0' + rest % 10));
            rest /= 10;
        }
        while (rest > 0);
        for (int i = start, j = lineLength - 1; i < j; i++, j--)
        {
            final byte swap = line[i];
            line[i] = line[j];
            line[j] = swap;
        }
    }

    private void append(final byte b)
    {
        line[lineLength++] = b;
    }
}
