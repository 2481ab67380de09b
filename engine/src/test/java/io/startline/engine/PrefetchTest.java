package io.startline.engine;

import io.startline.engine.codec.ClaimVoucherEncoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.MixedWorkload;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * {@link Engine#prefetch} is only a read: whatever it is given, the state, the clock, the
 * sequence and every later result are as they would have been without it.
 */
class PrefetchTest
{
    private static final long SEED = 20_261_201L;
    private static final int STEPS = 20_000;
    private static final int GROUP = 16;

    @Test
    void aWorkloadAppliedInPrefetchedGroupsGivesTheSameResultsAndState()
    {
        System.out.printf("PrefetchTest: seed=%d steps=%d%n", SEED, STEPS);
        final List<EngineDriver.JournalEntry> journal = journal();
        final Engine plain = new Engine(MixedWorkload.context());
        final Engine prefetched = new Engine(MixedWorkload.context());
        final UnsafeBuffer plainResult = new UnsafeBuffer(new byte[plain.maxResultLength()]);
        final UnsafeBuffer prefetchedResult = new UnsafeBuffer(new byte[prefetched.maxResultLength()]);

        for (int first = 0; first < journal.size(); first += GROUP)
        {
            final int end = Math.min(journal.size(), first + GROUP);
            for (int i = first; i < end; i++)
            {
                prefetched.prefetch(new UnsafeBuffer(journal.get(i).command()), 0);
            }
            for (int i = first; i < end; i++)
            {
                final EngineDriver.JournalEntry entry = journal.get(i);
                final UnsafeBuffer command = new UnsafeBuffer(entry.command());
                final int plainLength = plain.apply(entry.sequence(), entry.timestampMs(), command, 0, plainResult, 0);
                final int prefetchedLength =
                    prefetched.apply(entry.sequence(), entry.timestampMs(), command, 0, prefetchedResult, 0);
                assertThat(bytes(prefetchedResult, prefetchedLength)).as("result of command %d", entry.sequence())
                    .isEqualTo(bytes(plainResult, plainLength));
            }
        }
        assertThat(prefetched.stateHash()).isEqualTo(plain.stateHash());
    }

    @Test
    void prefetchingChangesNeitherStateNorClockNorSequence()
    {
        final List<EngineDriver.JournalEntry> journal = journal();
        final Engine engine = new Engine(MixedWorkload.context());
        final UnsafeBuffer result = new UnsafeBuffer(new byte[engine.maxResultLength()]);
        for (final EngineDriver.JournalEntry entry : journal.subList(0, journal.size() / 2))
        {
            engine.apply(entry.sequence(), entry.timestampMs(), new UnsafeBuffer(entry.command()), 0, result, 0);
        }
        final long hash = engine.stateHash();
        final long sequence = engine.lastSequence();
        final long nowMs = engine.nowMs();

        for (final EngineDriver.JournalEntry entry : journal)
        {
            engine.prefetch(new UnsafeBuffer(entry.command()), 0);
        }

        assertThat(engine.stateHash()).isEqualTo(hash);
        assertThat(engine.lastSequence()).isEqualTo(sequence);
        assertThat(engine.nowMs()).isEqualTo(nowMs);
    }

    @Test
    void damagedBytesArePassedOverWithoutAnError()
    {
        final Engine engine = new Engine(MixedWorkload.context());
        final long hash = engine.stateHash();
        final SplittableRandom random = new SplittableRandom(SEED);
        System.out.printf("PrefetchTest.damagedBytes: seed=%d%n", SEED);

        final UnsafeBuffer claim = new UnsafeBuffer(new byte[64]);
        final int claimLength = MessageHeaderEncoder.ENCODED_LENGTH +
            new ClaimVoucherEncoder().wrapAndApplyHeader(claim, 0, new MessageHeaderEncoder())
                .userId(7).campaignId(1).dropId(1).encodedLength();
        for (int length = 0; length <= claimLength; length++)
        {
            final byte[] truncated = new byte[length];
            claim.getBytes(0, truncated);
            assertThatCode(() -> engine.prefetch(new UnsafeBuffer(truncated), 0)).as("claim cut to %d bytes", length)
                .doesNotThrowAnyException();
        }
        for (int i = 0; i < 10_000; i++)
        {
            final byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);
            assertThatCode(() -> engine.prefetch(new UnsafeBuffer(noise), 0)).doesNotThrowAnyException();
        }
        assertThat(engine.stateHash()).isEqualTo(hash);
    }

    private static List<EngineDriver.JournalEntry> journal()
    {
        final MixedWorkload workload = new MixedWorkload(MixedWorkload.context(), SEED);
        workload.steps(STEPS);
        return workload.journal();
    }

    private static byte[] bytes(final UnsafeBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
