package io.startline.engine.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import io.startline.engine.CommandShape;
import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.EngineDomains;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.RejectedDecoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.TickEncoder;
import io.startline.engine.counter.codec.AddToCounterEncoder;
import io.startline.engine.counter.codec.CounterValueDecoder;
import io.startline.engine.counter.codec.GetCounterEncoder;
import io.startline.engine.counter.codec.MessageHeaderEncoder;
import io.startline.engine.domain.DomainType;
import io.startline.engine.domain.TemplateIds;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.Snapshots;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * A fourth domain, added the way a real one is: its own files, its block of the schema, and the
 * one registration line below. Nothing in the engine names it.
 */
class CounterDomainTest
{
    private static final long T0 = 1_800_000_000_000L;
    private static final List<DomainType> WITH_COUNTER = Stream.concat(EngineDomains.STANDARD.stream(),
        Stream.of(new DomainType(CounterDomain::new, CounterDomain::inboundDecoders))).toList();

    private final EngineContext context = EngineDriver.smallContext();
    private final ExpandableArrayBuffer message = new ExpandableArrayBuffer();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    @Test
    void theEngineAppliesTheNewDomainsCommandsAndAnswersItsQueries()
    {
        final Engine engine = new Engine(context, WITH_COUNTER);
        assertThat(add(engine, 5, T0).value()).isEqualTo(5);
        assertThat(add(engine, 7, T0 + 1).value()).isEqualTo(12);

        final CounterValueDecoder answer = read(engine);
        assertThat(answer.value()).isEqualTo(12);
        assertThat(answer.changedAtMs()).isEqualTo(T0 + 1);
    }

    @Test
    void itsLimitsAreCheckedLikeAnyDomainsAndARefusalChangesNothing()
    {
        final Engine refusing = new Engine(context, WITH_COUNTER);
        final Engine idle = new Engine(context, WITH_COUNTER);
        add(refusing, 3, T0);
        add(idle, 3, T0);

        final UnsafeBuffer result = apply(refusing, addCommand(CounterDomain.MAX_AMOUNT + 1), T0 + 1);
        apply(idle, tickCommand(), T0 + 1);

        assertThat(rejection(result).code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(rejection(result).field()).isEqualTo("amount");
        assertThat(refusing.stateHash()).as("as if a tick had passed").isEqualTo(idle.stateHash());
    }

    @Test
    void itsCommandsTakeIdempotencyKeysWithNoCodeOfItsOwn()
    {
        final EngineDriver driver = new EngineDriver(new Engine(context, WITH_COUNTER));
        driver.advanceTo(T0);
        final int length = addCommandLength(driver.commandBuffer(), 4);
        assertThat(TemplateIds.takesIdempotencyKey(driver.commandBuffer(), 0)).isTrue();
        driver.keyed(1, 2, 99).send(length);

        driver.advanceTo(T0 + 1_000);
        addCommandLength(driver.commandBuffer(), 4);
        final CounterValueDecoder again = value(driver.keyed(1, 2, 99).send(length));

        assertThat(again.value()).as("the first answer again").isEqualTo(4);
        assertThat(again.changedAtMs()).isEqualTo(T0);
        assertThat(read(driver.engine()).value()).as("and not applied twice").isEqualTo(4);
    }

    @Test
    void itsStateIsHashedAndSnapshottedAndComesBackFromTheSnapshot()
    {
        final Engine engine = new Engine(context, WITH_COUNTER);
        add(engine, 9, T0);
        final Engine other = new Engine(context, WITH_COUNTER);
        add(other, 8, T0);
        assertThat(engine.stateHash()).as("the counter is part of the state").isNotEqualTo(other.stateHash());

        final Engine restored = load(Snapshots.take(engine));

        assertThat(restored.stateHash()).isEqualTo(engine.stateHash());
        assertThat(read(restored).value()).isEqualTo(9);
    }

    @Test
    void aSnapshotWrittenBeforeTheDomainExistedLoadsWithTheHashItPromised()
    {
        final EngineDriver standard = new EngineDriver(context, T0);
        assertThat(standard.createCampaign("Spring run", 1_000_000, 7, T0 + 86_400_000L, 1,
            List.of(new EngineDriver.Tier("A", 2_000, 10_000)), 1).code()).isEqualTo(ResultCode.OK);

        final Engine withCounter = load(Snapshots.take(standard.engine()));

        assertThat(withCounter.stateHash()).isEqualTo(standard.engine().stateHash());
        assertThat(read(withCounter).value()).isZero();
    }

    @Test
    void withoutItsRegistrationItsCommandsAreUnknown()
    {
        final Engine standard = new Engine(context);
        assertThat(rejection(apply(standard, addCommand(1), T0)).code()).isEqualTo(ResultCode.UNKNOWN_COMMAND);
    }

    @Test
    void theEdgesCheckItsMessagesShapesFromItsRegistration()
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + AddToCounterEncoder.BLOCK_LENGTH;
        assertThat(new CommandShape(WITH_COUNTER).isWellFormed(addCommand(1), 0, length)).isTrue();
        assertThat(new CommandShape(WITH_COUNTER).isWellFormed(addCommand(1), 0, length - 1)).as("cut short").isFalse();
        assertThat(new CommandShape().isWellFormed(addCommand(1), 0, length)).as("not registered").isFalse();
    }

    @Test
    void gatewaysTellItsQueriesFromItsCommandsByIdAlone()
    {
        assertThat(TemplateIds.isQuery(queryMessage(), 0)).isTrue();
        assertThat(TemplateIds.isQuery(addCommand(1), 0)).isFalse();
    }

    @Test
    void twoDomainsMayNotClaimOneTemplateId()
    {
        final List<DomainType> twice = Stream.concat(WITH_COUNTER.stream(),
            Stream.of(new DomainType(CounterDomain::new, CounterDomain::inboundDecoders))).toList();

        assertThatThrownBy(() -> new Engine(context, twice))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("counter and counter both claim template id 90");
    }

    private CounterValueDecoder add(final Engine engine, final long amount, final long timestampMs)
    {
        return value(apply(engine, addCommand(amount), timestampMs));
    }

    private CounterValueDecoder read(final Engine engine)
    {
        final UnsafeBuffer result = new UnsafeBuffer(new byte[engine.maxResultLength()]);
        engine.query(queryMessage(), 0, result, 0);
        return value(result);
    }

    private UnsafeBuffer apply(final Engine engine, final ExpandableArrayBuffer command, final long timestampMs)
    {
        final UnsafeBuffer result = new UnsafeBuffer(new byte[engine.maxResultLength()]);
        engine.apply(engine.lastSequence() + 1, timestampMs, command, 0, result, 0);
        return result;
    }

    private ExpandableArrayBuffer addCommand(final long amount)
    {
        addCommandLength(message, amount);
        return message;
    }

    private int addCommandLength(final ExpandableArrayBuffer buffer, final long amount)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH +
            new AddToCounterEncoder().wrapAndApplyHeader(buffer, 0, header).amount(amount).encodedLength();
    }

    private static ExpandableArrayBuffer tickCommand()
    {
        final ExpandableArrayBuffer tick = new ExpandableArrayBuffer();
        new TickEncoder().wrapAndApplyHeader(tick, 0, new io.startline.engine.codec.MessageHeaderEncoder());
        return tick;
    }

    private ExpandableArrayBuffer queryMessage()
    {
        new GetCounterEncoder().wrapAndApplyHeader(message, 0, header);
        return message;
    }

    private Engine load(final List<byte[]> records)
    {
        final Engine engine = new Engine(context, WITH_COUNTER);
        for (final byte[] record : records)
        {
            engine.loadSnapshotRecord(new UnsafeBuffer(record), 0);
        }
        return engine;
    }

    private static CounterValueDecoder value(final UnsafeBuffer result)
    {
        final MessageHeaderDecoder resultHeader = new MessageHeaderDecoder().wrap(result, 0);
        assertThat(resultHeader.templateId()).as("a CounterValue").isEqualTo(CounterValueDecoder.TEMPLATE_ID);
        return new CounterValueDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH, resultHeader.blockLength(),
            resultHeader.version());
    }

    private static RejectedDecoder rejection(final UnsafeBuffer result)
    {
        final MessageHeaderDecoder resultHeader = new MessageHeaderDecoder().wrap(result, 0);
        assertThat(resultHeader.templateId()).as("a Rejected").isEqualTo(RejectedDecoder.TEMPLATE_ID);
        return new RejectedDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH, resultHeader.blockLength(),
            resultHeader.version());
    }
}
