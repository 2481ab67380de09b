package io.startline.engine.domain;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import io.startline.engine.EngineContext;
import org.agrona.sbe.MessageDecoderFlyweight;

/**
 * A domain as a node registers it: how an engine builds one, and the decoders of the messages it
 * takes in (its commands and queries), with which the edges check a message's shape before the
 * engine decodes it ({@code CommandShape}), on threads of their own.
 *
 * @param factory         builds the domain for one engine.
 * @param inboundDecoders new decoders, one for each of the domain's commands and queries, at every call.
 */
public record DomainType(Function<EngineContext, Domain> factory, Supplier<List<MessageDecoderFlyweight>> inboundDecoders)
{
}
