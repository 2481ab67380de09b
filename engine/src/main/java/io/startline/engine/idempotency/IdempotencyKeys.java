package io.startline.engine.idempotency;

import io.startline.engine.SnapshotSink;
import io.startline.engine.codec.IdempotencyDomainRecordDecoder;
import io.startline.engine.codec.IdempotencyDomainRecordEncoder;
import io.startline.engine.codec.IdempotencyRecordsDecoder;
import io.startline.engine.codec.IdempotencyRecordsEncoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.domain.IdRange;
import io.startline.engine.support.StateHasher;
import java.nio.ByteOrder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The {@code Idempotency-Key}s the engine has seen, each with the digest of its request and
 * the first result it got, kept for a while of engine time. Being engine state, they are
 * journaled with their commands, snapshotted and replicated: a retry after a restart or a
 * failover still gets its first answer rather than a second effect.
 * <p>
 * Keys live in a ring in arrival order, which is also expiry order, since every key is kept
 * for the same time and engine time never goes back; results live in a byte ring alongside.
 * So forgetting is always of the oldest: when its time is up, or early when the key ring or
 * the result bytes are full (counted in {@link #evictedEarly()}, so an operator can see the
 * limits are too small for the traffic). An open-addressing index finds a key.
 */
public final class IdempotencyKeys
{
    /** The snapshot records these keys are written as: the engine's own, among the domains' ids. */
    public static final IdRange SNAPSHOT_RECORDS =
        new IdRange(IdempotencyDomainRecordDecoder.TEMPLATE_ID, IdempotencyRecordsDecoder.TEMPLATE_ID);

    /** Keys per IdempotencyRecords message, well inside a uint16 group count. */
    static final int KEYS_PER_RECORD = 1024;

    private final int capacity;
    private final long keepMs;
    private final long[] keyHigh;
    private final long[] keyLow;
    private final long[] requestDigest;
    private final long[] expiresAtMs;
    private final long[] resultPosition;
    private final int[] resultLength;
    /** Of each result's bytes, so the state hash need not walk them. */
    private final long[] resultHash;
    /** Ring slot + 1 of each indexed key; 0 is empty. */
    private final int[] index;
    private final int indexMask;
    private final UnsafeBuffer results;
    private final int resultCapacity;

    private int oldest;
    private int count;
    private long resultWritePosition;
    private long evictedEarly;

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private int expectedKeys = -1;

    public IdempotencyKeys(final int capacity, final int resultBytes, final long keepMs)
    {
        this.capacity = capacity;
        this.keepMs = keepMs;
        keyHigh = new long[capacity];
        keyLow = new long[capacity];
        requestDigest = new long[capacity];
        expiresAtMs = new long[capacity];
        resultPosition = new long[capacity];
        resultLength = new int[capacity];
        resultHash = new long[capacity];
        final int indexSize = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
        index = new int[indexSize];
        indexMask = indexSize - 1;
        results = new UnsafeBuffer(new byte[resultBytes]);
        resultCapacity = resultBytes;
    }

    /** Forgets every key whose time is up. */
    public void advanceTime(final long nowMs)
    {
        while (count > 0 && expiresAtMs[oldest] <= nowMs)
        {
            forgetOldest();
        }
    }

    /** @return the ring slot of the key, or -1 when it is not remembered. */
    public int find(final long high, final long low)
    {
        for (int i = home(high, low); ; i = (i + 1) & indexMask)
        {
            final int entry = index[i];
            if (entry == 0)
            {
                return -1;
            }
            final int slot = entry - 1;
            if (keyHigh[slot] == high && keyLow[slot] == low)
            {
                return slot;
            }
        }
    }

    public long requestDigest(final int slot)
    {
        return requestDigest[slot];
    }

    /**
     * Copies the first result of the key in {@code slot} to {@code out}.
     *
     * @return its length.
     */
    public int copyResult(final int slot, final MutableDirectBuffer out, final int outOffset)
    {
        final int length = resultLength[slot];
        final int start = (int)(resultPosition[slot] % resultCapacity);
        final int firstPart = Math.min(length, resultCapacity - start);
        out.putBytes(outOffset, results, start, firstPart);
        out.putBytes(outOffset + firstPart, results, 0, length - firstPart);
        return length;
    }

    /**
     * Remembers a new key with its first result, kept until {@code nowMs} plus the keep time.
     * The caller has checked the key is not already remembered.
     *
     * @throws IllegalArgumentException when the result is larger than all the result bytes:
     *                                  the limits are validated so this cannot happen.
     */
    public void remember(final long high, final long low, final long digest, final long nowMs,
        final DirectBuffer result, final int offset, final int length)
    {
        if (length > resultCapacity)
        {
            throw new IllegalArgumentException("a result of " + length + " bytes is larger than the " +
                resultCapacity + " kept for idempotency keys");
        }
        while (!hasRoomFor(length))
        {
            forgetOldest();
            evictedEarly++;
        }
        final int slot = (oldest + count) % capacity;
        keyHigh[slot] = high;
        keyLow[slot] = low;
        requestDigest[slot] = digest;
        expiresAtMs[slot] = nowMs + keepMs;
        resultPosition[slot] = resultWritePosition;
        resultLength[slot] = length;
        resultHash[slot] = hashOf(result, offset, length);
        final int start = (int)(resultWritePosition % resultCapacity);
        final int firstPart = Math.min(length, resultCapacity - start);
        results.putBytes(start, result, offset, firstPart);
        results.putBytes(0, result, offset + firstPart, length - firstPart);
        resultWritePosition += length;
        count++;

        int i = home(high, low);
        while (index[i] != 0)
        {
            i = (i + 1) & indexMask;
        }
        index[i] = slot + 1;
    }

    public int count()
    {
        return count;
    }

    /** Keys forgotten before their time because a limit was reached, since this engine started. */
    public long evictedEarly()
    {
        return evictedEarly;
    }

    public void hashInto(final StateHasher hasher)
    {
        hasher.add(count);
        for (int i = 0; i < count; i++)
        {
            final int slot = (oldest + i) % capacity;
            hasher.add(keyHigh[slot]).add(keyLow[slot]).add(requestDigest[slot]).add(expiresAtMs[slot])
                .add(resultLength[slot]).add(resultHash[slot]);
        }
    }

    /** @return the number of records written. */
    public long writeSnapshot(final SnapshotSink sink)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024);
        final IdempotencyDomainRecordEncoder domain = new IdempotencyDomainRecordEncoder()
            .wrapAndApplyHeader(buffer, 0, headerEncoder)
            .keyCount(count);
        sink.record(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + domain.encodedLength());
        long records = 1;
        final IdempotencyRecordsEncoder encoder = new IdempotencyRecordsEncoder();
        final ExpandableArrayBuffer result = new ExpandableArrayBuffer(256);
        for (int first = 0; first < count; first += KEYS_PER_RECORD)
        {
            final int run = Math.min(KEYS_PER_RECORD, count - first);
            final IdempotencyRecordsEncoder.KeysEncoder keys = encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
                .keysCount(run);
            for (int i = first; i < first + run; i++)
            {
                final int slot = (oldest + i) % capacity;
                final int length = copyResult(slot, result, 0);
                keys.next()
                    .keyHigh(keyHigh[slot])
                    .keyLow(keyLow[slot])
                    .requestDigest(requestDigest[slot])
                    .expiresAtMs(expiresAtMs[slot])
                    .putResult(result, 0, length);
            }
            sink.record(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
            records++;
        }
        return records;
    }

    /**
     * Loads one record of {@link #writeSnapshot} into this new table.
     *
     * @throws IllegalStateException when the snapshot holds more than this table's limits take.
     */
    public void loadSnapshotRecord(final DirectBuffer buffer, final int offset)
    {
        headerDecoder.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (headerDecoder.templateId() == IdempotencyDomainRecordDecoder.TEMPLATE_ID)
        {
            expectedKeys = new IdempotencyDomainRecordDecoder()
                .wrap(buffer, bodyOffset, headerDecoder.blockLength(), headerDecoder.version()).keyCount();
            if (expectedKeys > capacity)
            {
                throw new IllegalStateException("the snapshot remembers " + expectedKeys +
                    " idempotency keys, more than maxIdempotencyKeys " + capacity);
            }
            return;
        }
        final IdempotencyRecordsDecoder records = new IdempotencyRecordsDecoder()
            .wrap(buffer, bodyOffset, headerDecoder.blockLength(), headerDecoder.version());
        final ExpandableArrayBuffer result = new ExpandableArrayBuffer(256);
        for (final IdempotencyRecordsDecoder.KeysDecoder keys : records.keys())
        {
            final long high = keys.keyHigh();
            final long low = keys.keyLow();
            final long digest = keys.requestDigest();
            final long expires = keys.expiresAtMs();
            final int length = keys.resultLength();
            keys.getResult(result, 0, length);
            if (!hasRoomFor(length))
            {
                throw new IllegalStateException("the snapshot's idempotency keys do not fit maxIdempotencyKeys " +
                    capacity + " and idempotencyResultBytes " + resultCapacity);
            }
            remember(high, low, digest, expires - keepMs, result, 0, length);
        }
    }

    /** @throws IllegalStateException when fewer keys arrived than the snapshot announced. */
    public void finishSnapshotLoad()
    {
        if (expectedKeys >= 0 && expectedKeys != count)
        {
            throw new IllegalStateException("the snapshot announced " + expectedKeys + " idempotency keys, " +
                count + " arrived");
        }
    }

    private boolean hasRoomFor(final int resultLength)
    {
        final long resultBytesHeld = count == 0 ? 0 : resultWritePosition - resultPosition[oldest];
        return count < capacity && resultBytesHeld + resultLength <= resultCapacity;
    }

    private void forgetOldest()
    {
        final int slot = oldest;
        int hole = home(keyHigh[slot], keyLow[slot]);
        while (index[hole] != slot + 1)
        {
            hole = (hole + 1) & indexMask;
        }
        // Backward-shift deletion keeps every later key of the probe run reachable without tombstones.
        for (int next = (hole + 1) & indexMask; index[next] != 0; next = (next + 1) & indexMask)
        {
            final int moved = index[next] - 1;
            final int want = home(keyHigh[moved], keyLow[moved]);
            final boolean stays = hole <= next ? hole < want && want <= next : hole < want || want <= next;
            if (!stays)
            {
                index[hole] = index[next];
                hole = next;
            }
        }
        index[hole] = 0;
        oldest = (oldest + 1) % capacity;
        count--;
    }

    private static long hashOf(final DirectBuffer bytes, final int offset, final int length)
    {
        long hash = length;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            hash = StateHasher.mix(hash ^ bytes.getLong(offset + i, ByteOrder.LITTLE_ENDIAN));
        }
        for (; i < length; i++)
        {
            hash = StateHasher.mix(hash ^ bytes.getByte(offset + i));
        }
        return hash;
    }

    private int home(final long high, final long low)
    {
        return (int)StateHasher.mix(high ^ Long.rotateLeft(low, 32)) & indexMask;
    }
}
