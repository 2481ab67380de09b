package io.startline.gateway.http;

import io.startline.gateway.link.EngineLink;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What an {@link ApiRequest} needs from the server that took it: buffers to encode its command
 * into, the link to the engine, and the way its answer is sent. {@link HttpApi} is the one
 * implementation; the request sees only this, so the two never call each other both ways.
 */
interface RequestServer
{
    HttpString IDEMPOTENCY_KEY = new HttpString("Idempotency-Key");

    /** This IO thread's buffer for a command. */
    UnsafeBuffer scratch();

    /** This IO thread's buffer for a command wrapped with its idempotency key. */
    UnsafeBuffer keyedScratch();

    EngineLink link();

    /** Names the leader that answered, for the client's log (cluster mode). */
    void describeLeader(HttpServerExchange exchange, long leadershipTermId, int memberId, long sequence);

    /** Sends {@code reply} as the request's answer, and remembers it under the request's key. */
    void finish(ApiRequest request, Reply reply);

    /** Sends a 503 whose write may or may not have happened, naming the key to retry with. */
    void finishUnknown(ApiRequest request, Reply reply, String key);
}
