package io.startline.bench.pipeline;

import io.startline.gateway.pipeline.Pipeline;
import io.startline.gateway.link.SubmitStatus;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.CompletableFuture;

/**
 * One command through the pipeline, waited for, its result copied out: how the pipeline
 * benchmarks create their campaign and drops before they measure anything.
 */
final class SetUpCalls
{
    private SetUpCalls()
    {
    }

    static UnsafeBuffer call(final Pipeline pipeline, final DirectBuffer command, final int length)
    {
        final CompletableFuture<byte[]> answer = new CompletableFuture<>();
        final SubmitStatus status = pipeline.submit(command, 0, length, (sequence, timestampMs, result, offset, size) ->
        {
            final byte[] copy = new byte[size];
            result.getBytes(offset, copy);
            answer.complete(copy);
        });
        if (status != SubmitStatus.ACCEPTED)
        {
            throw new IllegalStateException("set-up command " + status);
        }
        return new UnsafeBuffer(answer.join());
    }
}
