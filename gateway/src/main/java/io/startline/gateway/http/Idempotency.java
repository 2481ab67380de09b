package io.startline.gateway.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;

/**
 * {@code Idempotency-Key}: the first answer to a (caller, key) is kept, and a retry with the
 * same body gets it again without reaching the engine; the same key with another body is
 * {@code 409 IDEMPOTENCY_MISMATCH}. Held in memory for a day, bounded in size.
 */
final class Idempotency
{
    /** What is known of a key: the body it came with, and the answer once there is one. */
    static final class Entry
    {
        final byte[] bodyDigest;
        volatile Reply reply;

        Entry(final byte[] bodyDigest)
        {
            this.bodyDigest = bodyDigest;
        }
    }

    private final Cache<String, Entry> entries;

    Idempotency(final long maxKeys, final Duration keep)
    {
        entries = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterWrite(keep).build();
    }

    /**
     * @return null when this request is the first with its key (it is now registered), else the
     *         entry of the first one.
     */
    Entry claim(final String scopedKey, final byte[] body)
    {
        return entries.asMap().putIfAbsent(scopedKey, new Entry(digest(body)));
    }

    void complete(final String scopedKey, final Reply reply)
    {
        final Entry entry = entries.getIfPresent(scopedKey);
        if (entry != null)
        {
            entry.reply = reply;
        }
    }

    /** A request that was not accepted (saturated, rate-limited) leaves no trace. */
    void forget(final String scopedKey)
    {
        entries.invalidate(scopedKey);
    }

    static boolean sameBody(final Entry entry, final byte[] body)
    {
        return Arrays.equals(entry.bodyDigest, digest(body));
    }

    private static byte[] digest(final byte[] body)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
