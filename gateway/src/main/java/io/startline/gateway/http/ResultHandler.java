package io.startline.gateway.http;

import org.agrona.DirectBuffer;

/**
 * Turns an engine's successful result into the reply, on an IO thread. Returns null when it
 * went on with another engine call (a check first, then the command) that will reply.
 * Refusals never reach it: they become API.md errors on the way.
 */
@FunctionalInterface
public interface ResultHandler
{
    Reply onResult(DirectBuffer result, int templateId);
}
