package io.startline.engine;

import io.startline.engine.codec.AcceptedEncoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RejectedEncoder;
import io.startline.engine.codec.ResultCode;
import org.agrona.MutableDirectBuffer;

/**
 * Where a command's one result is written. Domain adapters wrap their own result encoders
 * over {@link #buffer()} at {@link #offset()} with {@link #header()}; refusals and bare
 * acknowledgements, common to every domain, are written here.
 */
public final class ResultWriter
{
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final RejectedEncoder rejectedEncoder = new RejectedEncoder();
    private final AcceptedEncoder acceptedEncoder = new AcceptedEncoder();
    private MutableDirectBuffer buffer;
    private int offset;

    void wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
    }

    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    public int offset()
    {
        return offset;
    }

    public MessageHeaderEncoder header()
    {
        return headerEncoder;
    }

    /**
     * @param field the offending field as API.md names it, or "" when the refusal is not about one field.
     * @return the encoded length.
     */
    public int rejected(final ResultCode code, final long subjectId, final String field)
    {
        rejectedEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .code(code)
            .subjectId(subjectId)
            .field(field);
        return MessageHeaderEncoder.ENCODED_LENGTH + rejectedEncoder.encodedLength();
    }

    public int accepted()
    {
        acceptedEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder);
        return MessageHeaderEncoder.ENCODED_LENGTH + acceptedEncoder.encodedLength();
    }
}
