package io.startline.engine.counter;

import io.startline.engine.EngineContext;
import io.startline.engine.ResultWriter;
import io.startline.engine.SnapshotSink;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.counter.codec.AddToCounterDecoder;
import io.startline.engine.counter.codec.CounterRecordDecoder;
import io.startline.engine.counter.codec.CounterRecordEncoder;
import io.startline.engine.counter.codec.CounterValueEncoder;
import io.startline.engine.counter.codec.GetCounterDecoder;
import io.startline.engine.counter.codec.MessageHeaderEncoder;
import io.startline.engine.domain.Domain;
import io.startline.engine.domain.IdRange;
import io.startline.engine.domain.SchemaBlock;
import io.startline.engine.support.StateHasher;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

import java.util.List;

/**
 * The smallest domain there is: one counter that commands add to and a query reads. It lives in
 * the tests to show what a new domain takes: this file, its block of the schema
 * ({@code counter-schema.xml}) and one registration line.
 */
public final class CounterDomain implements Domain
{
    /** The most one command may add: every domain checks its inputs against a stated limit. */
    public static final long MAX_AMOUNT = 1_000_000;

    private static final SchemaBlock SCHEMA_BLOCK = new SchemaBlock("counter",
        new IdRange(AddToCounterDecoder.TEMPLATE_ID, AddToCounterDecoder.TEMPLATE_ID),
        new IdRange(GetCounterDecoder.TEMPLATE_ID, GetCounterDecoder.TEMPLATE_ID),
        new IdRange(CounterRecordDecoder.TEMPLATE_ID, CounterRecordDecoder.TEMPLATE_ID));

    private final AddToCounterDecoder addDecoder = new AddToCounterDecoder();
    private final CounterRecordDecoder recordDecoder = new CounterRecordDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final CounterValueEncoder valueEncoder = new CounterValueEncoder();
    private long value;
    private long changedAtMs;

    public CounterDomain(final EngineContext context)
    {
    }

    /** New decoders of the counter's command and query, for the edges' shape checks. */
    public static List<MessageDecoderFlyweight> inboundDecoders()
    {
        return List.of(new AddToCounterDecoder(), new GetCounterDecoder());
    }

    @Override
    public SchemaBlock schemaBlock()
    {
        return SCHEMA_BLOCK;
    }

    @Override
    public int maxResultLength()
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + CounterValueEncoder.BLOCK_LENGTH;
    }

    @Override
    public void advanceTime(final long nowMs)
    {
    }

    @Override
    public int onCommand(final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset,
        final long nowMs, final ResultWriter out)
    {
        final long amount = addDecoder.wrap(buffer, bodyOffset, header.blockLength(), header.version()).amount();
        if (amount < 1 || amount > MAX_AMOUNT)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, amount, "amount");
        }
        value += amount;
        changedAtMs = nowMs;
        return answer(out);
    }

    @Override
    public int onQuery(final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset,
        final long nowMs, final ResultWriter out)
    {
        return answer(out);
    }

    private int answer(final ResultWriter out)
    {
        valueEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), headerEncoder).value(value).changedAtMs(changedAtMs);
        return MessageHeaderEncoder.ENCODED_LENGTH + valueEncoder.encodedLength();
    }

    /** An untouched counter (amounts are positive, so its value is 0) writes no record, as it hashes nothing. */
    @Override
    public int writeSnapshot(final SnapshotSink sink)
    {
        if (value == 0)
        {
            return 0;
        }
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final CounterRecordEncoder record = new CounterRecordEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .value(value)
            .changedAtMs(changedAtMs);
        sink.record(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + record.encodedLength());
        return 1;
    }

    @Override
    public void loadSnapshotRecord(final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset)
    {
        recordDecoder.wrap(buffer, bodyOffset, header.blockLength(), header.version());
        value = recordDecoder.value();
        changedAtMs = recordDecoder.changedAtMs();
    }

    @Override
    public void finishSnapshotLoad()
    {
    }

    @Override
    public void hashInto(final StateHasher hasher)
    {
        if (value != 0)
        {
            hasher.add(value).add(changedAtMs);
        }
    }
}
