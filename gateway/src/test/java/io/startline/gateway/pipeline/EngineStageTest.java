package io.startline.gateway.pipeline;

import io.startline.engine.Engine;
import io.startline.engine.codec.ClaimVoucherEncoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RejectedDecoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine stage prefetches a batch's commands in groups before applying them, and a
 * command that arrives alone is applied without any prefetch.
 */
class EngineStageTest
{
    private final Engine engine = new Engine(EngineDriver.smallContext().codeKey(1, 2));
    private final List<CommandSlot> ring = new ArrayList<>();
    private final List<Long> slotsRead = new ArrayList<>();
    private final EngineStage stage = new EngineStage(engine, ringSequence ->
    {
        slotsRead.add(ringSequence);
        return ring.get((int)ringSequence);
    }, null, () -> Long.MAX_VALUE);

    @Test
    void aBatchIsPrefetchedInGroupsBeforeItsCommandsAreApplied()
    {
        final int batch = EngineStage.PREFETCH_GROUP + 3;
        for (int i = 0; i < batch; i++)
        {
            ring.add(claim(i + 1));
        }

        stage.onBatchStart(batch, batch);
        stage.onEvent(ring.get(0), 0, false);
        assertThat(slotsRead).as("the first group, read ahead of the first command")
            .containsExactlyElementsOf(ringSequences(0, EngineStage.PREFETCH_GROUP));
        for (int i = 1; i < batch; i++)
        {
            stage.onEvent(ring.get(i), i, i == batch - 1);
        }

        assertThat(slotsRead).as("the rest of the batch, read as the second group")
            .containsExactlyElementsOf(ringSequences(0, batch));
        for (final CommandSlot slot : ring)
        {
            assertThat(new RejectedDecoder().wrap(slot.result, MessageHeaderEncoder.ENCODED_LENGTH,
                RejectedDecoder.BLOCK_LENGTH, RejectedDecoder.SCHEMA_VERSION).code())
                .as("each claim is applied all the same").isEqualTo(ResultCode.CAMPAIGN_NOT_FOUND);
        }
        assertThat(engine.lastSequence()).isEqualTo(batch);
    }

    @Test
    void aCommandThatArrivesAloneIsNotPrefetched()
    {
        ring.add(claim(1));
        ring.add(claim(2));

        stage.onBatchStart(1, 1);
        stage.onEvent(ring.get(0), 0, true);
        stage.onBatchStart(1, 1);
        stage.onEvent(ring.get(1), 1, true);

        assertThat(slotsRead).isEmpty();
        assertThat(engine.lastSequence()).isEqualTo(2);
    }

    private static CommandSlot claim(final long sequence)
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[64]);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new ClaimVoucherEncoder()
            .wrapAndApplyHeader(command, 0, new MessageHeaderEncoder())
            .userId(1000 + sequence)
            .campaignId(1)
            .dropId(1)
            .encodedLength();
        final CommandSlot slot = new CommandSlot(256, 256);
        slot.clear();
        slot.kind = CommandSlot.KIND_COMMAND;
        slot.sequence = sequence;
        slot.timestampMs = 1_800_000_000_000L;
        slot.copyCommand(command, 0, length);
        return slot;
    }

    private static List<Long> ringSequences(final long from, final long to)
    {
        final List<Long> sequences = new ArrayList<>();
        for (long s = from; s < to; s++)
        {
            sequences.add(s);
        }
        return sequences;
    }
}
