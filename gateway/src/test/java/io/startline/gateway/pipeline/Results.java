package io.startline.gateway.pipeline;

import io.startline.gateway.link.ResultListener;
import io.startline.gateway.link.SubmitStatus;
import org.agrona.DirectBuffer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A result as a test keeps it: a copy, taken on the responder thread.
 */
record Results(long sequence, long timestampMs, byte[] bytes)
{
    static final class Pending implements ResultListener
    {
        final CompletableFuture<Results> future = new CompletableFuture<>();

        @Override
        public void onResult(final long sequence, final long timestampMs, final DirectBuffer result, final int offset,
            final int length)
        {
            final byte[] copy = new byte[length];
            result.getBytes(offset, copy);
            future.complete(new Results(sequence, timestampMs, copy));
        }

        Results await()
        {
            try
            {
                return future.get(30, TimeUnit.SECONDS);
            }
            catch (final Exception ex)
            {
                throw new AssertionError("no result within 30 s", ex);
            }
        }
    }
}
