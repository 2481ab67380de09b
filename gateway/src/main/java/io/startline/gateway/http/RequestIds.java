package io.startline.gateway.http;

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
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final char[] prefix = new char[8];
    private final AtomicLong counter = new AtomicLong();

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

    String next()
    {
        final long n = counter.incrementAndGet();
        final char[] id = new char[LENGTH];
        System.arraycopy(prefix, 0, id, 0, prefix.length);
        id[prefix.length] = '-';
        for (int i = 0; i < 12; i++)
        {
            id[LENGTH - 1 - i] = HEX[(int)(n >>> (4 * i)) & 0xF];
        }
        return new String(id);
    }
}
