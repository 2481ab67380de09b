package io.startline.engine;

import io.startline.engine.codec.CampaignStatsDecoder;
import io.startline.engine.codec.GetCampaignStatsEncoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RejectedDecoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.TickEncoder;
import io.startline.engine.domain.TemplateIds;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.RandomizedRun;
import io.startline.engine.voucher.VoucherWorkload;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineTest
{
    private static final long T0 = 1_800_000_000_000L;

    private final Engine engine = new Engine(EngineDriver.smallContext());
    private final ExpandableArrayBuffer command = new ExpandableArrayBuffer();
    private final UnsafeBuffer result = new UnsafeBuffer(new byte[engine.maxResultLength()]);

    private int tick()
    {
        return MessageHeaderEncoder.ENCODED_LENGTH +
            new TickEncoder().wrapAndApplyHeader(command, 0, new MessageHeaderEncoder()).encodedLength();
    }

    @Test
    void commandsMustArriveInSequence()
    {
        tick();
        engine.apply(1, T0, command, 0, result, 0);
        assertThatThrownBy(() -> engine.apply(3, T0, command, 0, result, 0))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("sequence 3 does not follow 1");
        assertThatThrownBy(() -> engine.apply(1, T0, command, 0, result, 0))
            .isInstanceOf(IllegalStateException.class);
        assertThat(engine.lastSequence()).isEqualTo(1);
    }

    @Test
    void timeNeverGoesBack()
    {
        tick();
        engine.apply(1, T0, command, 0, result, 0);
        engine.apply(2, T0, command, 0, result, 0);
        assertThatThrownBy(() -> engine.apply(3, T0 - 1, command, 0, result, 0))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("time went back");
        assertThat(engine.nowMs()).isEqualTo(T0);
    }

    @Test
    void anUnknownCommandIsRefusedAndChangesNothingButTheSequence()
    {
        final EngineDriver driver = new EngineDriver(EngineDriver.smallContext(), T0);
        final EngineDriver twin = new EngineDriver(EngineDriver.smallContext(), T0);
        final byte[] unknown = new byte[MessageHeaderEncoder.ENCODED_LENGTH];
        new MessageHeaderEncoder().wrap(new UnsafeBuffer(unknown), 0)
            .blockLength(0).templateId(999).schemaId(MessageHeaderEncoder.SCHEMA_ID).version(1);

        assertThat(driver.applyRaw(unknown)).isEqualTo(ResultCode.UNKNOWN_COMMAND);
        twin.tick();
        assertThat(driver.engine().stateHash()).isEqualTo(twin.engine().stateHash());

        final byte[] otherSchema = unknown.clone();
        new MessageHeaderEncoder().wrap(new UnsafeBuffer(otherSchema), 0).templateId(1).schemaId(7);
        assertThat(driver.applyRaw(otherSchema)).isEqualTo(ResultCode.UNKNOWN_COMMAND);
    }

    @Test
    void queriesAreRecognisedAndRefusedAsCommands()
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new GetCampaignStatsEncoder()
            .wrapAndApplyHeader(command, 0, new MessageHeaderEncoder()).campaignId(1).encodedLength();
        assertThat(TemplateIds.isQuery(command, 0)).isTrue();
        assertThat(length).isPositive();

        engine.apply(1, T0, command, 0, result, 0);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(result, 0);
        assertThat(header.templateId()).isEqualTo(RejectedDecoder.TEMPLATE_ID);
        assertThat(new RejectedDecoder().wrap(result, 8, header.blockLength(), header.version()).code())
            .isEqualTo(ResultCode.UNKNOWN_COMMAND);

        tick();
        assertThat(TemplateIds.isQuery(command, 0)).isFalse();
        engine.query(command, 0, result, 0);
        assertThat(header.wrap(result, 0).templateId()).as("a command sent as a query is refused")
            .isEqualTo(RejectedDecoder.TEMPLATE_ID);
        assertThat(CampaignStatsDecoder.TEMPLATE_ID).isNotEqualTo(RejectedDecoder.TEMPLATE_ID);
    }

    @Test
    void queriesChangeNothing()
    {
        final EngineDriver driver = new EngineDriver(EngineDriver.smallContext(), T0);
        driver.tick();
        final long before = driver.engine().stateHash();
        driver.stats(1);
        driver.vouchersOf(1);
        assertThat(driver.engine().stateHash()).isEqualTo(before);
        assertThat(driver.engine().lastSequence()).isEqualTo(1);
    }

    @Test
    void replayingTheSameJournalGivesTheSameStateHashAndResults()
    {
        final RandomizedRun run = RandomizedRun.of("engine replay", 20_000);
        final EngineContext context = EngineDriver.smallContext().maxVouchers(1 << 16).maxRedemptions(1 << 16)
            .maxCampaigns(VoucherWorkload.MAX_CAMPAIGNS)
            .maxDrops(1024).maxDropsPerCampaign(512);
        final EngineDriver live = new EngineDriver(context, VoucherWorkload.startMs(), true);
        final VoucherWorkload workload = new VoucherWorkload(live, 1 << 16, 1 << 16, 5_000);
        final SplittableRandom random = run.random();
        run.run(step -> workload.step(random));

        final Engine replay = new Engine(context);
        final UnsafeBuffer liveResult = new UnsafeBuffer(new byte[replay.maxResultLength()]);
        final UnsafeBuffer replayResult = new UnsafeBuffer(new byte[replay.maxResultLength()]);
        final Engine secondLive = new Engine(context);
        for (final EngineDriver.JournalEntry entry : live.journal())
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(entry.command());
            final int a = secondLive.apply(entry.sequence(), entry.timestampMs(), buffer, 0, liveResult, 0);
            final int b = replay.apply(entry.sequence(), entry.timestampMs(), buffer, 0, replayResult, 0);
            assertThat(b).isEqualTo(a);
            assertThat(bytes(replayResult, b)).as("result of command %d", entry.sequence()).isEqualTo(bytes(liveResult, a));
        }
        assertThat(replay.stateHash()).isEqualTo(live.engine().stateHash());
        assertThat(live.journal()).hasSizeGreaterThan(run.steps() > 1000 ? 1000 : 0);
    }

    @Test
    void aDifferentHistoryGivesADifferentStateHash()
    {
        final EngineDriver a = new EngineDriver(EngineDriver.smallContext(), T0);
        final EngineDriver b = new EngineDriver(EngineDriver.smallContext(), T0);
        a.createCampaign("c", 1000, 1, T0 + 1000, 1, java.util.List.of(new EngineDriver.Tier("T", 10, 10)), 1);
        b.createCampaign("c", 1001, 1, T0 + 1000, 1, java.util.List.of(new EngineDriver.Tier("T", 10, 10)), 1);
        assertThat(a.engine().stateHash()).isNotEqualTo(b.engine().stateHash());
    }

    @Test
    void limitsOutsideWhatTheStructuresHoldAreRefusedAtStartUp()
    {
        assertThatThrownBy(() -> new Engine(EngineDriver.smallContext().maxVouchers(0)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxVouchers");
        assertThatThrownBy(() -> new Engine(EngineDriver.smallContext().maxStoresPerCampaign(70_000)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxStoresPerCampaign");
    }

    private static byte[] bytes(final UnsafeBuffer buffer, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(0, copy);
        return copy;
    }
}
