package io.startline.engine;

import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.RandomizedRun;
import io.startline.engine.testkit.Snapshots;
import io.startline.engine.voucher.VoucherWorkload;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotTest
{
    private static final int MAX_VOUCHERS = 1 << 16;

    private static EngineContext context()
    {
        return EngineDriver.smallContext()
            .maxVouchers(MAX_VOUCHERS)
            .maxRedemptions(MAX_VOUCHERS)
            .maxCampaigns(VoucherWorkload.MAX_CAMPAIGNS)
            .maxDrops(2048)
            .maxDropsPerCampaign(1024);
    }

    @Test
    void aLoadedSnapshotIsTheSameStateAndBehavesTheSameFromThenOn()
    {
        final RandomizedRun run = RandomizedRun.of("snapshot", 40_000);
        final EngineDriver live = new EngineDriver(context(), VoucherWorkload.startMs(), true);
        final VoucherWorkload workload = new VoucherWorkload(live, MAX_VOUCHERS, MAX_VOUCHERS, 5_000);
        final SplittableRandom random = run.random();
        run.run(step -> workload.step(random));

        final List<byte[]> snapshot = Snapshots.take(live.engine());
        final int takenAt = live.journal().size();
        final Engine restored = Snapshots.load(context(), snapshot);
        assertThat(restored.stateHash()).isEqualTo(live.engine().stateHash());
        assertThat(restored.lastSequence()).isEqualTo(live.engine().lastSequence());
        assertThat(workload.claimedVouchers()).as("the snapshot holds real state").isPositive();
        assertThat(workload.redemptions()).isPositive();

        run.run(step -> workload.step(random));

        final UnsafeBuffer restoredResult = new UnsafeBuffer(new byte[restored.maxResultLength()]);
        final Engine replayed = new Engine(context());
        final UnsafeBuffer replayedResult = new UnsafeBuffer(new byte[replayed.maxResultLength()]);
        for (int i = 0; i < live.journal().size(); i++)
        {
            final EngineDriver.JournalEntry entry = live.journal().get(i);
            final UnsafeBuffer command = new UnsafeBuffer(entry.command());
            final int b = replayed.apply(entry.sequence(), entry.timestampMs(), command, 0, replayedResult, 0);
            if (i >= takenAt)
            {
                final int a = restored.apply(entry.sequence(), entry.timestampMs(), command, 0, restoredResult, 0);
                assertThat(a).isEqualTo(b);
                assertThat(Snapshots.bytes(restoredResult, 0, a)).as("result of command %d", entry.sequence())
                    .isEqualTo(Snapshots.bytes(replayedResult, 0, b));
            }
        }
        assertThat(restored.stateHash()).isEqualTo(live.engine().stateHash()).isEqualTo(replayed.stateHash());
        assertThat(Snapshots.take(restored)).as("a snapshot of the restored engine, byte for byte")
            .usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(Snapshots.take(live.engine()));
    }

    @Test
    void aSnapshotOfANewEngineLoads()
    {
        final Engine engine = new Engine(context());
        assertThat(Snapshots.load(context(), Snapshots.take(engine)).stateHash()).isEqualTo(engine.stateHash());
    }

    private static List<byte[]> snapshotAfterSomeWork()
    {
        final EngineDriver driver = new EngineDriver(context(), VoucherWorkload.startMs());
        final VoucherWorkload workload = new VoucherWorkload(driver, MAX_VOUCHERS, MAX_VOUCHERS, 1_000);
        final SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 5_000; i++)
        {
            workload.step(random);
        }
        return Snapshots.take(driver.engine());
    }

    @Test
    void aDamagedRecordIsDetectedByTheStateHash()
    {
        final List<byte[]> snapshot = snapshotAfterSomeWork();
        final int vouchers = indexOfTemplate(snapshot, io.startline.engine.codec.VoucherRecordsDecoder.TEMPLATE_ID);
        final byte[] damaged = snapshot.get(vouchers);
        damaged[damaged.length / 2] ^= 0x10;

        assertThatThrownBy(() -> Snapshots.load(context(), snapshot)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("state hash");
    }

    @Test
    void aMissingRecordIsDetected()
    {
        final List<byte[]> snapshot = snapshotAfterSomeWork();
        snapshot.remove(indexOfTemplate(snapshot, io.startline.engine.codec.DropRecordDecoder.TEMPLATE_ID));

        assertThatThrownBy(() -> Snapshots.load(context(), snapshot)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("records");
    }

    @Test
    void aSnapshotLoadsOnlyIntoANewEngineAndCommandsWaitForItsEnd()
    {
        final List<byte[]> snapshot = snapshotAfterSomeWork();
        final EngineDriver used = new EngineDriver(context(), VoucherWorkload.startMs());
        used.tick();
        assertThatThrownBy(() -> used.engine().loadSnapshotRecord(new UnsafeBuffer(snapshot.get(0)), 0))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("new engine");

        final Engine loading = new Engine(context());
        loading.loadSnapshotRecord(new UnsafeBuffer(snapshot.get(0)), 0);
        assertThatThrownBy(() -> loading.apply(1, 0, new UnsafeBuffer(new byte[16]), 0,
            new UnsafeBuffer(new byte[loading.maxResultLength()]), 0))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("snapshot is being loaded");

        assertThatThrownBy(() -> new Engine(context()).loadSnapshotRecord(new UnsafeBuffer(snapshot.get(1)), 0))
            .as("a record before SnapshotBegin").isInstanceOf(IllegalStateException.class);
    }

    private static int indexOfTemplate(final List<byte[]> records, final int templateId)
    {
        for (int i = 0; i < records.size(); i++)
        {
            if ((new UnsafeBuffer(records.get(i)).getShort(2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF) == templateId)
            {
                return i;
            }
        }
        throw new AssertionError("no record of template " + templateId);
    }
}
