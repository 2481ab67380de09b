package io.startline.gateway.pipeline;

import java.util.concurrent.CountDownLatch;

/** Waits inside result listeners, which cannot throw {@link InterruptedException}: an interrupt is kept for the caller. */
public final class Uninterrupted
{
    private Uninterrupted()
    {
    }

    public static void await(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    public static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
