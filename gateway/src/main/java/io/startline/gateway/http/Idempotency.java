package io.startline.gateway.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.undertow.server.HttpServerExchange;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * {@code Idempotency-Key}, the gateway's half. The engine's half is durable: a keyed command
 * goes into the journal wrapped with its {@link Tag}, and the engine remembers the key with
 * its first result, so a retry after a restart or a failover gets that result and changes
 * nothing. This half answers the common retry, on the same node and soon after, from memory
 * without reaching the ring, and answers a retry that races its first request
 * ({@code 409 IDEMPOTENCY_IN_PROGRESS}). Held for a day, bounded in size.
 */
final class Idempotency
{
    /**
     * A keyed request: the scope (caller, method, path, key) as text for this cache, and hashed to 128
     * bits for the engine; the digest of the body, which a retry must repeat.
     */
    record Tag(String scopedKey, long keyHigh, long keyLow, long requestDigest)
    {
        static Tag of(final String scopedKey, final byte[] body)
        {
            final ByteBuffer key = ByteBuffer.wrap(sha256(scopedKey.getBytes(StandardCharsets.UTF_8)));
            final ByteBuffer digest = ByteBuffer.wrap(sha256(body == null ? new byte[0] : body));
            return new Tag(scopedKey, key.getLong(), key.getLong(), digest.getLong());
        }
    }

    /** What is known of a key: the digest of the body it came with, and the answer once there is one. */
    static final class Entry
    {
        final long requestDigest;
        volatile Reply reply;

        Entry(final long requestDigest)
        {
            this.requestDigest = requestDigest;
        }
    }

    private final Cache<String, Entry> entries;

    /**
     * A key as the caller, the method, the full path and the key itself scope it: the same key on
     * another resource (another campaign's claims, another redemption's refund) is another key.
     * The engine keeps the hash of this text, so its durable table is scoped the same way. (Keys
     * journaled before the path counted were scoped by the route's template: a retry of one of
     * those after an upgrade is taken as a new request.)
     */
    static String scopedKey(final Caller caller, final HttpServerExchange exchange, final String key)
    {
        return caller.scope() + " " + exchange.getRequestMethod() + " " + exchange.getRequestPath() + " " + key;
    }

    /**
     * A key for a write that came without one, where every write needs one (a cluster gateway):
     * 128 random bits, in the form a client may send back as its {@code Idempotency-Key}.
     */
    static String mintKey()
    {
        final byte[] bytes = new byte[16];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(bytes);
        return "gw-" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    Idempotency(final long maxKeys, final Duration keep)
    {
        entries = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterWrite(keep).build();
    }

    /**
     * @return null when this request is the first with its key (it is now registered), else the
     *         entry of the first one.
     */
    Entry claim(final Tag tag)
    {
        return entries.asMap().putIfAbsent(tag.scopedKey(), new Entry(tag.requestDigest()));
    }

    void complete(final Tag tag, final Reply reply)
    {
        final Entry entry = entries.getIfPresent(tag.scopedKey());
        if (entry != null)
        {
            entry.reply = reply;
        }
    }

    /** A request that was not accepted (saturated, rate-limited) leaves no trace. */
    void forget(final Tag tag)
    {
        entries.invalidate(tag.scopedKey());
    }

    private static byte[] sha256(final byte[] bytes)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
