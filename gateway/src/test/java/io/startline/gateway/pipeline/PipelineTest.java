package io.startline.gateway.pipeline;

import io.startline.gateway.link.ResultListener;
import io.startline.gateway.link.SubmitStatus;
import io.startline.engine.EngineContext;
import io.startline.engine.codec.GetCampaignStatsEncoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.TakeSnapshotEncoder;
import io.startline.engine.codec.TickDecoder;
import io.startline.engine.testkit.EngineDriver;
import io.startline.persistence.PersistenceContext;
import io.startline.persistence.journal.Journal;
import io.startline.persistence.snapshot.SnapshotStore;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineTest
{
    /** The layout these tests run on; {@link FusedPipelineTest} runs them all again fused. */
    PipelineContext.StageLayout layout()
    {
        return PipelineContext.StageLayout.STAGED;
    }

    private static final long START_MS = 1_800_000_000_000L;

    @TempDir
    Path dataDir;

    private final CachedEpochClock clock = new CachedEpochClock();

    private PersistenceContext persistence()
    {
        return new PersistenceContext().dataDir(dataDir);
    }

    private PipelineContext pipeline()
    {
        clock.update(START_MS);
        return new PipelineContext().stageLayout(layout()).clock(clock).tickIntervalMs(0).ringSize(1024)
            .snapshotIntervalCommands(0);
    }

    private static EngineContext engine()
    {
        return EngineDriver.smallContext();
    }

    private static UnsafeBuffer message(final java.util.function.BiFunction<UnsafeBuffer, MessageHeaderEncoder, Integer>
        encode)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encode.apply(buffer, new MessageHeaderEncoder());
        return new UnsafeBuffer(buffer.byteArray(), 0, length);
    }

    private static UnsafeBuffer campaignStats(final long campaignId)
    {
        return message((b, h) -> new GetCampaignStatsEncoder().wrapAndApplyHeader(b, 0, h).campaignId(campaignId)
            .encodedLength());
    }

    private static UnsafeBuffer takeSnapshot()
    {
        return message((b, h) -> new TakeSnapshotEncoder().wrapAndApplyHeader(b, 0, h).encodedLength());
    }

    private static UnsafeBuffer tick()
    {
        return message((b, h) -> new io.startline.engine.codec.TickEncoder().wrapAndApplyHeader(b, 0, h).encodedLength());
    }

    private static Results send(final Pipeline pipeline, final DirectBuffer message)
    {
        final Results.Pending pending = new Results.Pending();
        assertThat(pipeline.submit(message, 0, message.capacity(), pending)).isEqualTo(SubmitStatus.ACCEPTED);
        return pending.await();
    }

    private List<Long> journaledSequences()
    {
        final List<Long> sequences = new ArrayList<>();
        try (Journal journal = new Journal(persistence()))
        {
            journal.reader().replay(0, (sequence, timestampMs, flags, command, offset, length) -> sequences.add(sequence));
        }
        return sequences;
    }

    @Test
    void aCommandIsAnsweredOnlyOnceItIsJournaledWithItsSequenceAndTheClocksTime()
    {
        final AtomicLong journaledWhenAnswered = new AtomicLong(-1);
        try (Pipeline pipeline = Pipeline.start(pipeline(), persistence(), engine()))
        {
            clock.update(START_MS + 5);
            final Results first = send(pipeline, tick());
            assertThat(first.sequence()).isEqualTo(1);
            assertThat(first.timestampMs()).isEqualTo(START_MS + 5);

            final CountDownLatch answered = new CountDownLatch(1);
            final UnsafeBuffer command = tick();
            pipeline.submit(command, 0, command.capacity(), (sequence, timestampMs, result, offset, length) ->
            {
                journaledWhenAnswered.set(pipeline.journaledSequence());
                answered.countDown();
            });
            assertThat(answered.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(journaledWhenAnswered.get()).isGreaterThanOrEqualTo(2);
        }
        catch (final InterruptedException ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    void timeNeverGoesBackEvenWhenTheClockDoes()
    {
        try (Pipeline pipeline = Pipeline.start(pipeline(), persistence(), engine()))
        {
            clock.update(START_MS + 1_000);
            assertThat(send(pipeline, tick()).timestampMs()).isEqualTo(START_MS + 1_000);
            clock.update(START_MS + 10);
            assertThat(send(pipeline, tick()).timestampMs()).isEqualTo(START_MS + 1_000);
        }
    }

    @Test
    void queriesAreAnsweredButNeverJournaled()
    {
        try (Pipeline pipeline = Pipeline.start(pipeline(), persistence(), engine()))
        {
            send(pipeline, tick());
            final Results answer = send(pipeline, campaignStats(42));
            assertThat(answer.sequence()).isZero();
            assertThat(answer.bytes().length).isGreaterThan(MessageHeaderDecoder.ENCODED_LENGTH);
            send(pipeline, tick());
        }
        assertThat(journaledSequences()).containsExactly(1L, 2L);
    }

    @Test
    void anIdleRingGetsTicksSoDeadlinesFireWithoutTraffic() throws InterruptedException
    {
        try (Pipeline pipeline = Pipeline.start(
            new PipelineContext().stageLayout(layout()).tickIntervalMs(10).snapshotIntervalCommands(0).ringSize(1024),
            persistence(), engine()))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pipeline.journaledSequence() < 3 && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
        }
        final List<byte[]> commands = new ArrayList<>();
        try (Journal journal = new Journal(persistence()))
        {
            journal.reader().replay(0, (sequence, timestampMs, flags, command, offset, length) ->
            {
                final byte[] bytes = new byte[length];
                command.getBytes(offset, bytes);
                commands.add(bytes);
            });
        }
        assertThat(commands).hasSizeGreaterThanOrEqualTo(3);
        assertThat(commands).allSatisfy(bytes ->
            assertThat(new MessageHeaderDecoder().wrap(new UnsafeBuffer(bytes), 0).templateId())
                .isEqualTo(TickDecoder.TEMPLATE_ID));
    }

    @Test
    void aFullRingAnswersSaturatedWithinTheBoundedWaitAndJournalsNothingOfIt() throws InterruptedException
    {
        final CountDownLatch release = new CountDownLatch(1);
        final PipelineContext context = pipeline().ringSize(64).saturationWaitMs(20);
        final Pipeline pipeline = Pipeline.start(context, persistence(), engine());
        final UnsafeBuffer command = tick();
        // The first answer blocks the responder, so the ring fills behind it.
        pipeline.submit(command, 0, command.capacity(), (s, t, r, o, l) -> Uninterrupted.await(release));
        int accepted = 1;
        SubmitStatus status;
        final long startNs = System.nanoTime();
        while ((status = pipeline.submit(command, 0, command.capacity(), null)) == SubmitStatus.ACCEPTED)
        {
            accepted++;
        }
        final long saturatedAfterMs = (System.nanoTime() - startNs) / 1_000_000;
        assertThat(status).isEqualTo(SubmitStatus.SATURATED);
        assertThat(accepted).isEqualTo(64);
        assertThat(saturatedAfterMs).as("a producer is never held past the bounded wait for long").isLessThan(10_000);
        release.countDown();
        pipeline.close();
        assertThat(journaledSequences()).hasSize(64);
    }

    @Test
    void aBacklogThatWouldBeAnsweredLaterThanTheLatencyTargetIsRefusedAndNothingOfItJournaled()
        throws InterruptedException
    {
        final Pipeline pipeline = Pipeline.start(pipeline().latencyTargetMs(20), persistence(), engine());
        final UnsafeBuffer command = tick();
        final AtomicLong answered = new AtomicLong();
        final ResultListener slowAnswer = (s, t, r, o, l) ->
        {
            Uninterrupted.sleepMs(1);
            answered.incrementAndGet();
        };
        // The pipeline learns that a command costs at least 1 ms: 300 answered behind a held one.
        final CountDownLatch release = new CountDownLatch(1);
        pipeline.submit(command, 0, command.capacity(), (s, t, r, o, l) -> Uninterrupted.await(release));
        for (int i = 0; i < 300; i++)
        {
            assertThat(pipeline.submit(command, 0, command.capacity(), slowAnswer)).isEqualTo(SubmitStatus.ACCEPTED);
        }
        release.countDown();
        awaitAnswered(answered, 300);
        assertThat(pipeline.serviceNsPerCommand()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1) / 2);

        // Held again: at about 1 ms a command, about 20 may wait ahead of a new one (the measured
        // cost, which a sleep of 1 ms leaves a little under or over 1 ms, says exactly how many).
        final long mayWaitAhead = TimeUnit.MILLISECONDS.toNanos(20) / pipeline.serviceNsPerCommand() + 1;
        final CountDownLatch releaseAgain = new CountDownLatch(1);
        pipeline.submit(command, 0, command.capacity(), (s, t, r, o, l) -> Uninterrupted.await(releaseAgain));
        int acceptedBehind = 0;
        SubmitStatus status;
        while ((status = pipeline.submit(command, 0, command.capacity(), slowAnswer)) == SubmitStatus.ACCEPTED)
        {
            acceptedBehind++;
        }
        assertThat(status).isEqualTo(SubmitStatus.OVER_LATENCY_TARGET);
        assertThat(acceptedBehind).isBetween(1, (int)mayWaitAhead);
        assertThat(pipeline.refusedOverLatencyTarget()).isEqualTo(1);

        releaseAgain.countDown();
        awaitAnswered(answered, 300 + acceptedBehind);
        assertThat(pipeline.submit(command, 0, command.capacity(), null))
            .as("an empty pipeline takes a command whatever a command costs").isEqualTo(SubmitStatus.ACCEPTED);
        pipeline.close();
        assertThat(journaledSequences()).hasSize(1 + 300 + 1 + acceptedBehind + 1);
    }

    private static void awaitAnswered(final AtomicLong answered, final long count) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (answered.get() < count)
        {
            assertThat(System.nanoTime() - deadlineNs).as("answers").isNegative();
            Thread.sleep(1);
        }
    }

    @Test
    void malformedAndOversizedSubmissionsAreRefusedBeforeTheRing()
    {
        try (Pipeline pipeline = Pipeline.start(pipeline(), persistence().maxCommandBytes(1024), engine()))
        {
            assertThat(pipeline.submit(new UnsafeBuffer(new byte[4]), 0, 4, null)).isEqualTo(SubmitStatus.MALFORMED);
            final UnsafeBuffer foreign = tick();
            foreign.putShort(MessageHeaderDecoder.schemaIdEncodingOffset(), (short)999);
            assertThat(pipeline.submit(foreign, 0, foreign.capacity(), null)).isEqualTo(SubmitStatus.MALFORMED);
            final UnsafeBuffer huge = new UnsafeBuffer(new byte[2048]);
            huge.putBytes(0, tick(), 0, tick().capacity());
            assertThat(pipeline.submit(huge, 0, 2048, null)).isEqualTo(SubmitStatus.TOO_LARGE);
        }
        assertThat(journaledSequences()).isEmpty();
    }

    @Test
    void snapshotsFollowEveryNCommandsAndTakeSnapshotAndOnlyTheNewestAreKept()
    {
        try (Pipeline pipeline = Pipeline.start(pipeline().snapshotIntervalCommands(10),
            persistence().snapshotsRetained(2), engine()))
        {
            for (int i = 0; i < 25; i++)
            {
                send(pipeline, tick());
            }
            send(pipeline, takeSnapshot());
        }
        assertThat(new SnapshotStore(persistence().snapshotDir()).list())
            .extracting(SnapshotStore.SnapshotFile::sequence).containsExactly(26L, 20L);
    }

    @Test
    void aPeriodicSnapshotWaitsOutARushAndIsTakenWhenItPasses()
    {
        try (Pipeline pipeline = Pipeline.start(pipeline().snapshotIntervalCommands(10).snapshotDeferBusyRate(5)
            .snapshotDeferMaxCommands(1_000), persistence(), engine()))
        {
            for (int i = 0; i < 30; i++)
            {
                send(pipeline, tick());
            }
            assertThat(new SnapshotStore(persistence().snapshotDir()).list()).as("30 commands in one second: a rush")
                .isEmpty();
            clock.update(START_MS + 5_000);
            send(pipeline, tick());
        }
        assertThat(new SnapshotStore(persistence().snapshotDir()).list())
            .extracting(SnapshotStore.SnapshotFile::sequence).as("taken after the first command past the rush")
            .containsExactly(31L);
    }

    @Test
    void closingAnswersEverythingAcceptedAndTheNextStartContinuesTheSequence()
    {
        final List<Results.Pending> pending = new ArrayList<>();
        final Pipeline pipeline = Pipeline.start(pipeline(), persistence(), engine());
        final UnsafeBuffer command = tick();
        for (int i = 0; i < 500; i++)
        {
            final Results.Pending p = new Results.Pending();
            assertThat(pipeline.submit(command, 0, command.capacity(), p)).isEqualTo(SubmitStatus.ACCEPTED);
            pending.add(p);
        }
        pipeline.close();
        assertThat(pending).allSatisfy(p -> assertThat(p.future).isDone());
        assertThat(pipeline.submit(command, 0, command.capacity(), null)).isEqualTo(SubmitStatus.CLOSED);

        try (Pipeline again = Pipeline.start(pipeline(), persistence(), engine()))
        {
            assertThat(again.recovered().replayedCommands()).isEqualTo(500);
            assertThat(send(again, tick()).sequence()).isEqualTo(501);
        }
    }
}
