package io.startline.engine.idempotency;

import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.TickEncoder;
import io.startline.engine.codec.GetUserVouchersEncoder;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.Snapshots;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command sent with an idempotency key is applied once: the same request again gets the
 * first result and changes nothing, another request under the key is a mismatch, and the
 * key is remembered for the keep time, through snapshots, within the configured limits.
 */
class KeyedCommandTest
{
    private static final long T0 = 1_800_000_000_000L;
    private static final long DAY = 24L * 60 * 60 * 1000;
    private static final long KEEP_MS = DAY;
    private static final long DIGEST = 0x5eed_0001L;

    private final EngineContext context = EngineDriver.smallContext().idempotencyKeepMs(KEEP_MS);
    private final EngineDriver engine = new EngineDriver(context, T0);
    private final long campaignId;

    KeyedCommandTest()
    {
        campaignId = engine.createCampaign("Keyed", 1_000_000, 7, T0 + 30 * DAY, 5,
            List.of(new EngineDriver.Tier("T50", 5_000, 20_000)), 101).id();
    }

    private long drop(final int quantity, final long startsAt)
    {
        return engine.createDrop(campaignId, "T50", quantity, 5, startsAt, null).id();
    }

    @Test
    void theSameRequestAgainGetsTheFirstResultAndChangesNothing()
    {
        final long dropId = drop(10, T0);
        final EngineDriver.Claimed first = engine.keyed(1, 2, DIGEST).claim(7, campaignId, dropId);
        assertThat(first.code()).isEqualTo(ResultCode.OK);
        final long claimedBefore = engine.stats(campaignId).total().claimed();

        final EngineDriver.Claimed retry = engine.keyed(1, 2, DIGEST).claim(7, campaignId, dropId);

        assertThat(retry).as("the first voucher, not a second one").isEqualTo(first);
        assertThat(engine.vouchersOf(7)).hasSize(1);
        assertThat(engine.stats(campaignId).total().claimed()).isEqualTo(claimedBefore);
        assertThat(engine.engine().idempotencyKeysHeld()).isEqualTo(1);
    }

    @Test
    void anotherRequestUnderTheSameKeyIsAMismatchAndChangesNothing()
    {
        final long dropId = drop(10, T0);
        engine.keyed(1, 2, DIGEST).claim(7, campaignId, dropId);
        final long hash = engine.engine().stateHash();

        final EngineDriver.Claimed other = engine.keyed(1, 2, DIGEST + 1).claim(7, campaignId, dropId);

        assertThat(other.code()).isEqualTo(ResultCode.IDEMPOTENCY_MISMATCH);
        assertThat(engine.lastRejectedField()).isEqualTo("Idempotency-Key");
        assertThat(engine.vouchersOf(7)).hasSize(1);
        assertThat(stateHashIgnoringTheClock(hash)).isTrue();
    }

    @Test
    void aRefusalIsAFirstResultToo()
    {
        final long dropId = drop(10, T0 + 1_000);
        assertThat(engine.keyed(1, 2, DIGEST).claim(7, campaignId, dropId).code()).isEqualTo(ResultCode.NOT_OPEN);
        engine.advanceTo(T0 + 1_000);

        assertThat(engine.keyed(1, 2, DIGEST).claim(7, campaignId, dropId).code())
            .as("the retry is answered as the first request was, though the drop is open now")
            .isEqualTo(ResultCode.NOT_OPEN);
        assertThat(engine.vouchersOf(7)).isEmpty();
        assertThat(engine.keyed(1, 3, DIGEST).claim(7, campaignId, dropId).code())
            .as("a new key is a new request").isEqualTo(ResultCode.OK);
    }

    @Test
    void keysOfOtherCallersOrRoutesAreOtherRequests()
    {
        final long dropId = drop(10, T0);
        final EngineDriver.Claimed first = engine.keyed(1, 2, DIGEST).claim(7, campaignId, dropId);
        final EngineDriver.Claimed second = engine.keyed(1, 4, DIGEST).claim(7, campaignId, dropId);
        assertThat(second.code()).isEqualTo(ResultCode.OK);
        assertThat(second.voucherId()).isNotEqualTo(first.voucherId());
    }

    @Test
    void aKeyIsForgottenOnceItsKeepTimeHasPassed()
    {
        final long dropId = drop(10, T0);
        final EngineDriver.Claimed first = engine.keyed(1, 2, DIGEST).claim(7, campaignId, dropId);
        engine.advanceTo(T0 + KEEP_MS - 1);
        assertThat(engine.keyed(1, 2, DIGEST).claim(7, campaignId, dropId)).isEqualTo(first);

        engine.advanceTo(T0 + KEEP_MS);
        engine.tick();
        assertThat(engine.engine().idempotencyKeysHeld()).isZero();
        assertThat(engine.keyed(1, 2, DIGEST).claim(7, campaignId, dropId).voucherId())
            .as("after the keep time the same key is a new request").isNotEqualTo(first.voucherId());
        assertThat(engine.engine().idempotencyKeysEvictedEarly()).as("expiry is not early").isZero();
    }

    @Test
    void pastTheKeyLimitTheOldestKeyIsForgottenEarlyAndCounted()
    {
        final EngineDriver small = new EngineDriver(EngineDriver.smallContext().maxIdempotencyKeys(3), T0);
        final long campaign = small.createCampaign("Keyed", 1_000_000, 7, T0 + 30 * DAY, 5,
            List.of(new EngineDriver.Tier("T50", 5_000, 20_000)), 101).id();
        final long dropId = small.createDrop(campaign, "T50", 10, 5, T0, null).id();
        for (long key = 1; key <= 4; key++)
        {
            small.keyed(key, key, DIGEST).claim(key, campaign, dropId);
        }
        assertThat(small.engine().idempotencyKeysHeld()).isEqualTo(3);
        assertThat(small.engine().idempotencyKeysEvictedEarly()).isEqualTo(1);
        assertThat(small.keyed(1, 1, DIGEST).claim(1, campaign, dropId).code())
            .as("key 1 was forgotten, so this is a new claim for user 1").isEqualTo(ResultCode.OK);
        assertThat(small.vouchersOf(1)).hasSize(2);
        assertThat(small.keyed(4, 4, DIGEST).claim(4, campaign, dropId).voucherId())
            .as("key 4 is remembered").isEqualTo(small.vouchersOf(4).get(0).voucherId());
    }

    @Test
    void pastTheResultBytesTheOldestKeyIsForgottenEarly()
    {
        final int resultBytes = 64 << 10;
        final EngineDriver small = new EngineDriver(EngineDriver.smallContext().idempotencyResultBytes(resultBytes), T0);
        final long campaign = small.createCampaign("Keyed", 1_000_000_000, 7, T0 + 30 * DAY, 5,
            List.of(new EngineDriver.Tier("T50", 5_000, 20_000)), 101).id();
        final long dropId = small.createDrop(campaign, "T50", 4000, 1, T0, null).id();
        int keys = 0;
        while (small.engine().idempotencyKeysEvictedEarly() == 0)
        {
            keys++;
            assertThat(small.keyed(keys, keys, DIGEST).claim(keys, campaign, dropId).code()).isEqualTo(ResultCode.OK);
        }
        assertThat(small.engine().idempotencyKeysHeld()).isEqualTo(keys - 1);
        assertThat(keys).as("about 64 KiB of claim results").isBetween(500, 2000);
        assertThat(small.keyed(1, 1, DIGEST).claim(1, campaign, dropId).code())
            .as("the oldest key was forgotten: user 1 asks again and is at the drop's limit")
            .isEqualTo(ResultCode.LIMIT_REACHED);
        for (int key = keys; key > keys - 100; key--)
        {
            final long userId = key;
            assertThat(small.keyed(key, key, DIGEST).claim(key, campaign, dropId).voucherId())
                .as("recent keys still answer with their first voucher, also across the wrap of the result bytes")
                .isEqualTo(small.vouchersOf(userId).get(0).voucherId());
        }
    }

    @Test
    void keysAndFirstResultsSurviveASnapshot()
    {
        final EngineDriver small = new EngineDriver(EngineDriver.smallContext().idempotencyResultBytes(64 << 10), T0);
        final long campaign = small.createCampaign("Keyed", 1_000_000_000, 7, T0 + 30 * DAY, 5,
            List.of(new EngineDriver.Tier("T50", 5_000, 20_000)), 101).id();
        final long dropId = small.createDrop(campaign, "T50", 4000, 1, T0, null).id();
        // Enough keys that the result bytes wrap around, so the snapshot copies split results.
        for (int key = 1; key <= 1500; key++)
        {
            small.keyed(key, key, key).claim(key, campaign, dropId);
        }
        final Engine live = small.engine();
        final Engine loaded = Snapshots.load(EngineDriver.smallContext().idempotencyResultBytes(64 << 10),
            Snapshots.take(live));

        assertThat(loaded.stateHash()).isEqualTo(live.stateHash());
        assertThat(loaded.idempotencyKeysHeld()).isEqualTo(live.idempotencyKeysHeld());
        final EngineDriver restored = new EngineDriver(loaded);
        assertThat(restored.keyed(1500, 1500, 1500).claim(1500, campaign, dropId))
            .isEqualTo(small.keyed(1500, 1500, 1500).claim(1500, campaign, dropId));
        assertThat(restored.keyed(1500, 1500, 7).claim(1500, campaign, dropId).code())
            .isEqualTo(ResultCode.IDEMPOTENCY_MISMATCH);
        small.keyed(1500, 1500, 7).claim(1500, campaign, dropId);
        assertThat(loaded.stateHash()).as("the two go on alike").isEqualTo(live.stateHash());
    }

    @Test
    void aSnapshotWithMoreKeysThanTheLimitsTakeIsRefused()
    {
        final long dropId = drop(10, T0);
        for (long key = 1; key <= 5; key++)
        {
            engine.keyed(key, key, DIGEST).claim(key, campaignId, dropId);
        }
        final List<byte[]> snapshot = Snapshots.take(engine.engine());
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                Snapshots.load(EngineDriver.smallContext().idempotencyKeepMs(KEEP_MS).maxIdempotencyKeys(4), snapshot))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("maxIdempotencyKeys 4");
    }

    @Test
    void onlyDomainCommandsCanBeKeyed()
    {
        final MessageHeaderEncoder header = engine.headerEncoder();
        final int tick = MessageHeaderEncoder.ENCODED_LENGTH +
            new TickEncoder().wrapAndApplyHeader(engine.commandBuffer(), 0, header).encodedLength();
        engine.keyed(1, 2, DIGEST).send(tick);
        assertThat(engine.lastRejection()).isEqualTo(ResultCode.UNKNOWN_COMMAND);

        final int query = MessageHeaderEncoder.ENCODED_LENGTH +
            new GetUserVouchersEncoder().wrapAndApplyHeader(engine.commandBuffer(), 0, header).userId(7).encodedLength();
        engine.keyed(1, 2, DIGEST).send(query);
        assertThat(engine.lastRejection()).as("a query is never journaled, so never keyed")
            .isEqualTo(ResultCode.UNKNOWN_COMMAND);

        engine.keyed(9, 9, DIGEST);
        assertThat(engine.applyRaw(keyedClaimBytes())).as("a keyed command inside another")
            .isEqualTo(ResultCode.UNKNOWN_COMMAND);
        assertThat(engine.engine().idempotencyKeysHeld()).as("none of the refused is remembered").isZero();
    }

    /** The bytes of a keyed claim, as the journal holds them. */
    private static byte[] keyedClaimBytes()
    {
        final EngineDriver recorder = new EngineDriver(EngineDriver.smallContext(), T0, true);
        final long campaign = recorder.createCampaign("Keyed", 1_000_000, 7, T0 + 30 * DAY, 5,
            List.of(new EngineDriver.Tier("T50", 5_000, 20_000)), 101).id();
        final long dropId = recorder.createDrop(campaign, "T50", 10, 5, T0, null).id();
        recorder.keyed(5, 6, DIGEST).claim(8, campaign, dropId);
        final List<EngineDriver.JournalEntry> journal = recorder.journal();
        return journal.get(journal.size() - 1).command();
    }

    private boolean stateHashIgnoringTheClock(final long before)
    {
        // The refused command still advanced the sequence, which the hash covers; compare a
        // fresh engine that saw the same commands but the refusal as a Tick.
        final EngineDriver twin = new EngineDriver(context, T0);
        final long campaign = twin.createCampaign("Keyed", 1_000_000, 7, T0 + 30 * DAY, 5,
            List.of(new EngineDriver.Tier("T50", 5_000, 20_000)), 101).id();
        final long dropId = twin.createDrop(campaign, "T50", 10, 5, T0, null).id();
        twin.keyed(1, 2, DIGEST).claim(7, campaign, dropId);
        assertThat(twin.engine().stateHash()).isEqualTo(before);
        twin.tick();
        return twin.engine().stateHash() == engine.engine().stateHash();
    }
}
