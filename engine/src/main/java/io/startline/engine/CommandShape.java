package io.startline.engine;

import java.util.List;
import io.startline.engine.codec.IdempotentDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.TakeSnapshotDecoder;
import io.startline.engine.codec.TickDecoder;
import io.startline.engine.domain.DomainType;
import io.startline.engine.domain.TemplateIds;
import org.agrona.DirectBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

/**
 * Checks that a command's bytes hold the message its header names: a block at least as long as
 * the schema's, and groups and variable-length fields that end within the command's length. The
 * engine decodes without such checks (the gateway encodes every command itself), so a command cut
 * short, or with a group count or a length field changed, would have it read past the command,
 * out of bounds or into bytes of another. The edges that take commands from outside the process
 * (the single node's pipeline, the cluster's service) ask this first and refuse what fails.
 * <p>
 * One instance a thread: it keeps a decoder for every message each domain takes in
 * ({@link DomainType#inboundDecoders()}). It reads and never allocates.
 */
public final class CommandShape
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    /** Index: template id; the engine's own commands and every domain's commands and queries. */
    private final MessageDecoderFlyweight[] decoderById = new MessageDecoderFlyweight[TemplateIds.QUERIES.last() + 1];

    /** For the standard domains. */
    public CommandShape()
    {
        this(EngineDomains.STANDARD);
    }

    /**
     * @throws IllegalArgumentException when a decoder's id is not a command's or a query's, or two share one.
     */
    public CommandShape(final List<DomainType> domainTypes)
    {
        add(new TickDecoder());
        add(new TakeSnapshotDecoder());
        for (final DomainType type : domainTypes)
        {
            for (final MessageDecoderFlyweight decoder : type.inboundDecoders().get())
            {
                add(decoder);
            }
        }
    }

    private void add(final MessageDecoderFlyweight decoder)
    {
        final int templateId = decoder.sbeTemplateId();
        if (templateId <= 0 || templateId >= decoderById.length || decoderById[templateId] != null ||
            templateId == IdempotentDecoder.TEMPLATE_ID)
        {
            throw new IllegalArgumentException("template id " + templateId + " of " +
                decoder.getClass().getSimpleName() + " is not a free command or query id");
        }
        decoderById[templateId] = decoder;
    }

    /**
     * @return whether the {@code length} bytes at {@code offset} are one whole command or query of
     *         this schema (a keyed one included), and nothing is read beyond them to say so.
     */
    public boolean isWellFormed(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            return decodedLength(buffer, offset, length, true) == length;
        }
        catch (final IndexOutOfBoundsException | IllegalStateException ex)
        {
            return false;
        }
    }

    /** The length the message decodes to, or -1 when it cannot be one of ours. */
    private int decodedLength(final DirectBuffer buffer, final int offset, final int length, final boolean mayWrap)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return -1;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return -1;
        }
        final int templateId = header.templateId();
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (templateId == IdempotentDecoder.TEMPLATE_ID)
        {
            return mayWrap ? keyedLength(buffer, bodyOffset, length, blockLength) : -1;
        }
        if (bodyOffset + blockLength > offset + length)
        {
            return -1;
        }
        final int bodyLength = bodyLength(templateId, buffer, bodyOffset, blockLength, version);
        return bodyLength < 0 ? -1 : MessageHeaderDecoder.ENCODED_LENGTH + bodyLength;
    }

    /** An Idempotent wrapper's key block, then the whole command it carries, which may not be keyed again. */
    private int keyedLength(final DirectBuffer buffer, final int bodyOffset, final int length, final int blockLength)
    {
        final int wrapperLength = MessageHeaderDecoder.ENCODED_LENGTH + blockLength;
        if (blockLength < IdempotentDecoder.BLOCK_LENGTH || wrapperLength >= length)
        {
            return -1;
        }
        final int inner = decodedLength(buffer, bodyOffset + blockLength, length - wrapperLength, false);
        return inner < 0 ? -1 : wrapperLength + inner;
    }

    private int bodyLength(final int templateId, final DirectBuffer buffer, final int bodyOffset, final int blockLength,
        final int version)
    {
        final MessageDecoderFlyweight decoder = templateId < decoderById.length ? decoderById[templateId] : null;
        if (decoder == null || blockLength < decoder.sbeBlockLength())
        {
            return -1;
        }
        return decoder.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
    }
}
