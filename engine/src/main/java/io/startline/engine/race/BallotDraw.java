package io.startline.engine.race;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The published draw (BALLOT.md, version 1) for one category: keys, order, pools, waitlist.
 * <p>
 * The caller fills the units in ascending {@code unitId} order with {@link #addUnit}, then
 * calls {@link #draw}. Everything is preallocated for the largest category, and the order is
 * found with a stable radix sort on the keys, so that ties keep ascending {@code unitId}
 * exactly as the algorithm requires, in linear time.
 */
final class BallotDraw
{
    static final int WAITLISTED = -1;
    static final int GENERAL = -2;

    private static final int DIGIT_BITS = 16;
    private static final int DIGITS = 1 << DIGIT_BITS;

    private final MessageDigest sha256;
    private final byte[] keyInput;
    private final byte[] digest = new byte[32];
    private final int[] digitCounts = new int[DIGITS];

    private final long[] unitIds;
    private final int[] sizes;
    private final int[] weights;
    private final int[] poolMasks;
    private final long[] sortKeys;
    private final int[] order;
    private final long[] scratchKeys;
    private final int[] scratchOrder;
    private final int[] chosenPool;
    private final int[] drawRank;
    private final int[] waitlistPosition;
    private int unitCount;

    BallotDraw(final int maxUnits, final int maxSeedLength)
    {
        try
        {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every Java platform has SHA-256", ex);
        }
        keyInput = new byte[maxSeedLength + 8 + 8 + 4];
        unitIds = new long[maxUnits];
        sizes = new int[maxUnits];
        weights = new int[maxUnits];
        poolMasks = new int[maxUnits];
        sortKeys = new long[maxUnits];
        order = new int[maxUnits];
        scratchKeys = new long[maxUnits];
        scratchOrder = new int[maxUnits];
        chosenPool = new int[maxUnits];
        drawRank = new int[maxUnits];
        waitlistPosition = new int[maxUnits];
    }

    void reset()
    {
        unitCount = 0;
    }

    /**
     * @param poolMask bit {@code b} set when every member is entitled to the race's pool {@code b}.
     * @return the unit's index for {@link #chosenPool}, {@link #drawRank}, {@link #waitlistPosition}.
     */
    int addUnit(final long unitId, final int size, final int weight, final int poolMask)
    {
        final int u = unitCount++;
        unitIds[u] = unitId;
        sizes[u] = size;
        weights[u] = weight;
        poolMasks[u] = poolMask;
        return u;
    }

    int unitCount()
    {
        return unitCount;
    }

    /**
     * Draws the units added since {@link #reset}.
     *
     * @param poolBits   the category's reserved pools in selection order (guaranteed first, each
     *                   group in declared order), as race pool bits.
     * @param poolPlaces the places of each, same order.
     */
    void draw(
        final byte[] seed, final int seedLength, final long raceId, final int capacity,
        final int[] poolBits, final int[] poolPlaces, final int poolCount)
    {
        System.arraycopy(seed, 0, keyInput, 0, seedLength);
        putLongBigEndian(keyInput, seedLength, raceId);
        for (int u = 0; u < unitCount; u++)
        {
            // Sorting the complement ascending is sorting the key descending.
            sortKeys[u] = ~key(seedLength, unitIds[u], weights[u]);
            order[u] = u;
        }
        sortByKey();

        int taken = 0;
        for (int u = 0; u < unitCount; u++)
        {
            chosenPool[u] = WAITLISTED;
            drawRank[order[u]] = u + 1;
        }
        for (int p = 0; p < poolCount; p++)
        {
            final int poolBit = 1 << poolBits[p];
            int left = Math.min(poolPlaces[p], capacity - taken);
            for (int i = 0; i < unitCount && left > 0; i++)
            {
                final int u = order[i];
                if (chosenPool[u] == WAITLISTED && (poolMasks[u] & poolBit) != 0 && sizes[u] <= left)
                {
                    chosenPool[u] = poolBits[p];
                    left -= sizes[u];
                    taken += sizes[u];
                }
            }
        }
        int left = capacity - taken;
        for (int i = 0; i < unitCount && left > 0; i++)
        {
            final int u = order[i];
            if (chosenPool[u] == WAITLISTED && sizes[u] <= left)
            {
                chosenPool[u] = GENERAL;
                left -= sizes[u];
            }
        }
        int position = 0;
        for (int i = 0; i < unitCount; i++)
        {
            final int u = order[i];
            waitlistPosition[u] = chosenPool[u] == WAITLISTED ? ++position : 0;
        }
    }

    /** The unit at a 0-based position of the draw order. */
    int unitAt(final int position)
    {
        return order[position];
    }

    /** A race pool bit, {@link #GENERAL}, or {@link #WAITLISTED}. */
    int chosenPool(final int unit)
    {
        return chosenPool[unit];
    }

    int drawRank(final int unit)
    {
        return drawRank[unit];
    }

    int waitlistPosition(final int unit)
    {
        return waitlistPosition[unit];
    }

    /**
     * key(unit) = max over i in 1..weight of the first 8 bytes, big-endian unsigned, of
     * SHA-256(seed ‖ int64be(raceId) ‖ int64be(unitId) ‖ int32be(i)).
     */
    private long key(final int seedLength, final long unitId, final int weight)
    {
        putLongBigEndian(keyInput, seedLength + 8, unitId);
        final int counterOffset = seedLength + 16;
        long max = 0;
        for (int i = 1; i <= weight; i++)
        {
            keyInput[counterOffset] = (byte)(i >>> 24);
            keyInput[counterOffset + 1] = (byte)(i >>> 16);
            keyInput[counterOffset + 2] = (byte)(i >>> 8);
            keyInput[counterOffset + 3] = (byte)i;
            sha256.update(keyInput, 0, counterOffset + 4);
            try
            {
                sha256.digest(digest, 0, digest.length);
            }
            catch (final DigestException ex)
            {
                throw new IllegalStateException("a 32-byte buffer holds a SHA-256 digest", ex);
            }
            long h = 0;
            for (int b = 0; b < 8; b++)
            {
                h = (h << 8) | (digest[b] & 0xFF);
            }
            if (Long.compareUnsigned(h, max) > 0)
            {
                max = h;
            }
        }
        return max;
    }

    /**
     * LSD radix sort of {@code order} by {@code sortKeys} as unsigned values, 16 bits a pass.
     * Stable, so equal keys keep their input order: ascending unitId.
     */
    private void sortByKey()
    {
        long[] keysIn = sortKeys;
        int[] orderIn = order;
        long[] keysOut = scratchKeys;
        int[] orderOut = scratchOrder;
        for (int shift = 0; shift < 64; shift += DIGIT_BITS)
        {
            Arrays.fill(digitCounts, 0);
            for (int i = 0; i < unitCount; i++)
            {
                digitCounts[(int)(keysIn[i] >>> shift) & (DIGITS - 1)]++;
            }
            int sum = 0;
            for (int d = 0; d < DIGITS; d++)
            {
                final int count = digitCounts[d];
                digitCounts[d] = sum;
                sum += count;
            }
            for (int i = 0; i < unitCount; i++)
            {
                final int slot = digitCounts[(int)(keysIn[i] >>> shift) & (DIGITS - 1)]++;
                keysOut[slot] = keysIn[i];
                orderOut[slot] = orderIn[i];
            }
            final long[] keysSwap = keysIn;
            keysIn = keysOut;
            keysOut = keysSwap;
            final int[] orderSwap = orderIn;
            orderIn = orderOut;
            orderOut = orderSwap;
        }
        // Four passes: the sorted data is back in sortKeys / order.
    }

    private static void putLongBigEndian(final byte[] bytes, final int offset, final long value)
    {
        for (int i = 0; i < 8; i++)
        {
            bytes[offset + i] = (byte)(value >>> (56 - 8 * i));
        }
    }
}
