package io.startline.gateway.link;

import org.agrona.DirectBuffer;

/**
 * How the HTTP API reaches the engine: the single node's pipeline, or a gateway's session with
 * the cluster. Both answer through a {@link ResultListener} once a command is durable.
 */
public interface EngineLink
{
    /** Offers one encoded command or query; never blocks for long. */
    SubmitStatus submit(DirectBuffer message, int offset, int length, ResultListener listener);

    /** The largest command {@link #submit} takes, wrapped with an idempotency key. */
    int maxCommandBytes();

    /**
     * Whether every write must carry an idempotency key. A cluster gateway re-sends what a
     * leader change left unanswered, and the key makes the second delivery answer the first's
     * result instead of applying again; the single node never re-sends.
     */
    boolean keysEveryWrite();
}
