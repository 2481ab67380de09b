package io.startline.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids: a prefix drawn at random once per server and a counter, in hex
 * ({@code 3f9a1c07-00000000002a}), so ids from two processes (or two starts of one) do not
 * collide in a merged log, and each costs an increment and one short string: no UUID, no
 * SecureRandom per request.
 */
final class RequestIds
{
    static final int LENGTH = 8 + 1 + 12;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final byte[] prefix = new byte[8];
    private final AtomicLong counter = new AtomicLong();
    /** Each IO thread's id being written: the prefix and the dash stay, the counter's digits change. */
    private final ThreadLocal<byte[]> scratch = ThreadLocal.withInitial(() ->
    {
        final byte[] id = new byte[LENGTH];
        System.arraycopy(prefix, 0, id, 0, prefix.length);
        id[prefix.length] = '-';
        return id;
    });

    RequestIds()
    {
        this(ThreadLocalRandom.current().nextInt());
    }

    RequestIds(final int prefixBits)
    {
        for (int i = 0; i < prefix.length; i++)
        {
            prefix[i] = HEX[(prefixBits >>> (28 - 4 * i)) & 0xF];
        }
    }

    /** The next id: the string and its bytes are all it allocates (written in this thread's scratch first). */
    String next()
    {
        final long n = counter.incrementAndGet();
        final byte[] id = scratch.get();
        for (int i = 0; i < 12; i++)
        {
            id[LENGTH - 1 - i] = HEX[(int)(n >>> (4 * i)) & 0xF];
        }
        return new String(id, 0, LENGTH, StandardCharsets.ISO_8859_1);
    }
}
