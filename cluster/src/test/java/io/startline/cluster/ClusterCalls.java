package io.startline.cluster;

import io.startline.cluster.client.EngineClusterClient;
import io.startline.engine.codec.IdempotentEncoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/** Requests through a cluster client, answered as futures. */
public final class ClusterCalls
{
    /** One answer, copied off the client's thread. */
    public record Answer(long sequence, long timestampMs, long leadershipTermId, int memberId, byte[] result)
    {
    }

    private ClusterCalls()
    {
    }

    public static CompletableFuture<Answer> send(final EngineClusterClient client, final byte[] message)
    {
        final CompletableFuture<Answer> answer = new CompletableFuture<>();
        final EngineClusterClient.Submitted submitted = client.submit(new UnsafeBuffer(message), 0, message.length,
            new EngineClusterClient.ReplyHandler()
            {
                @Override
                public void onReply(final long sequence, final long timestampMs, final long leadershipTermId,
                    final int memberId, final DirectBuffer result, final int offset, final int length)
                {
                    final byte[] copy = new byte[length];
                    result.getBytes(offset, copy);
                    answer.complete(new Answer(sequence, timestampMs, leadershipTermId, memberId, copy));
                }

                @Override
                public void onUnanswered(final boolean sent)
                {
                    answer.completeExceptionally(new IllegalStateException("unanswered (sent: " + sent + ")"));
                }
            });
        if (submitted != EngineClusterClient.Submitted.ACCEPTED)
        {
            answer.completeExceptionally(new IllegalStateException("not submitted: " + submitted));
        }
        return answer;
    }

    /** The command wrapped with a fresh random idempotency key, as a gateway sends every write. */
    public static byte[] keyed(final byte[] command)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[command.length + 64]);
        final int prefix = MessageHeaderEncoder.ENCODED_LENGTH + new IdempotentEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .keyHigh(ThreadLocalRandom.current().nextLong())
            .keyLow(ThreadLocalRandom.current().nextLong())
            .requestDigest(ThreadLocalRandom.current().nextLong())
            .encodedLength();
        buffer.putBytes(prefix, command);
        final byte[] keyed = new byte[prefix + command.length];
        buffer.getBytes(0, keyed);
        return keyed;
    }
}
