package io.startline.engine;

import io.startline.engine.codec.IdempotentDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.TickEncoder;
import io.startline.engine.codec.RejectedDecoder;
import io.startline.engine.domain.TemplateIds;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.MixedWorkload;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random and mutated bytes into an engine with a rich state (a mixed workload of vouchers, races
 * and venues half replayed): commands the pipeline would pass on, since they carry the schema id
 * and fit the length limit, but whose template, fields, group counts and lengths are anything at
 * all. Applied with a valid sequence and time, no case may throw out of {@code apply} or
 * {@code query}; every query leaves the state hash as it was, and a refused command
 * ({@code Rejected}; a keyed one excepted, whose key is remembered with its refusal) changes no more
 * than a tick at its time would: a twin engine that takes the
 * same commands, and a tick where the engine refused, keeps the same state hash. (The engine's deliberate throws, on a sequence or a time that goes backwards, stay; this
 * never sends one.)
 * <p>
 * {@code -Dstartline.fuzz.cases=1000000} runs a profile's worth; {@code -Dstartline.fuzz.seed}
 * repeats a failing run, whose seed and case every failure names.
 * <p>
 * The edges check each command's shape first ({@link CommandShape}, as the pipeline's submit and
 * the cluster's service do) and refuse the malformed ones before the engine; this test does the
 * same, and counts both kinds of refusal. Before that check, a command cut short (seed
 * 0xf02220261205, case 4: template 51 in 28 bytes) threw IndexOutOfBoundsException out of apply.
 */
class EngineFuzzTest
{
    private static final int CASES = Integer.getInteger("startline.fuzz.cases", 10_000);
    private static final long SEED = Long.getLong("startline.fuzz.seed", 0xF022_2026_1205L);
    private static final int WORKLOAD_STEPS = 6_000;
    private static final int MAX_EXTRA_BYTES = 64;

    @Test
    void randomAndMutatedCommandsNeverThrowAndARefusalChangesNothing()
    {
        final MixedWorkload workload = new MixedWorkload(MixedWorkload.context(), SEED);
        workload.steps(WORKLOAD_STEPS);
        final List<EngineDriver.JournalEntry> journal = workload.journal();
        final Engine engine = new Engine(MixedWorkload.context());
        final Engine twin = new Engine(MixedWorkload.context());
        final UnsafeBuffer result = new UnsafeBuffer(new byte[engine.maxResultLength()]);
        final UnsafeBuffer twinResult = new UnsafeBuffer(new byte[twin.maxResultLength()]);
        final int replayed = journal.size() / 2;
        for (int i = 0; i < replayed; i++)
        {
            final EngineDriver.JournalEntry entry = journal.get(i);
            engine.apply(entry.sequence(), entry.timestampMs(), new UnsafeBuffer(entry.command()), 0, result, 0);
            twin.apply(entry.sequence(), entry.timestampMs(), new UnsafeBuffer(entry.command()), 0, twinResult, 0);
        }
        final UnsafeBuffer tick = tick();

        final SplittableRandom random = new SplittableRandom(SEED);
        final ExpandableArrayBuffer command = new ExpandableArrayBuffer(1024);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        long sequence = engine.lastSequence();
        long timestampMs = engine.nowMs();
        final CommandShape shape = new CommandShape();
        int refused = 0;
        int malformed = 0;
        int queries = 0;
        for (int c = 0; c < CASES; c++)
        {
            final int length = nextCommand(random, journal, command);
            if (!shape.isWellFormed(command, 0, length))
            {
                malformed++;
                continue;
            }
            // Exactly the command's bytes, as the pipeline and the cluster hand them over: reading past them throws.
            final UnsafeBuffer exact = new UnsafeBuffer(command.byteArray(), 0, length);
            final String label = "seed 0x" + Long.toHexString(SEED) + ", case " + c + ", template " +
                TemplateIds.templateId(command, 0) + ", " + length + " bytes";
            final long hashBefore = engine.stateHash();
            try
            {
                if (TemplateIds.isQuery(exact, 0))
                {
                    engine.query(exact, 0, result, 0);
                    assertThat(engine.stateHash()).as(label + ": a query changed the state").isEqualTo(hashBefore);
                    queries++;
                    continue;
                }
                timestampMs += random.nextInt(2_000);
                engine.apply(++sequence, timestampMs, exact, 0, result, 0);
            }
            catch (final RuntimeException ex)
            {
                fail(label + ": threw " + ex, ex);
            }
            // The twin takes what the engine took; where the engine refused, only the passing of time (a tick).
            // A keyed command's refusal is remembered with its key, by design: the twin takes it too.
            final boolean wasRefused = header.wrap(result, 0).templateId() == RejectedDecoder.TEMPLATE_ID &&
                TemplateIds.templateId(exact, 0) != IdempotentDecoder.TEMPLATE_ID;
            twin.apply(sequence, timestampMs, wasRefused ? tick : exact, 0, twinResult, 0);
            if (wasRefused)
            {
                refused++;
                assertThat(engine.stateHash()).as(label + ": a refusal changed more than the time")
                    .isEqualTo(twin.stateHash());
            }
        }
        System.out.printf("EngineFuzzTest: %,d cases (seed 0x%x): %,d malformed, refused at the edge; %,d queries; " +
            "%,d refused by the engine; %,d applied%n", CASES, SEED, malformed, queries, refused,
            CASES - malformed - queries - refused);
        assertThat(malformed).as("commands refused at the edge").isGreaterThan(CASES / 10);
        assertThat(refused).as("well-formed damaged commands refused by the engine").isGreaterThan(CASES / 10);
    }

    private static UnsafeBuffer tick()
    {
        final UnsafeBuffer tick = new UnsafeBuffer(new byte[64]);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH +
            new TickEncoder().wrapAndApplyHeader(tick, 0, new MessageHeaderEncoder()).encodedLength();
        return new UnsafeBuffer(tick.byteArray(), 0, length);
    }

    /**
     * One of: a journaled command with a few bytes changed, one cut short or run on with random
     * bytes, or random bytes behind a valid header naming any template. The schema id is kept, as
     * the pipeline refuses any other before the engine.
     */
    private static int nextCommand(final SplittableRandom random, final List<EngineDriver.JournalEntry> journal,
        final ExpandableArrayBuffer command)
    {
        final byte[] original = journal.get(random.nextInt(journal.size())).command();
        final int kind = random.nextInt(4);
        int length = original.length;
        command.putBytes(0, original);
        switch (kind)
        {
            case 0 ->
            {
                for (int flips = 1 + random.nextInt(4), i = 0; i < flips; i++)
                {
                    final int at = MessageHeaderDecoder.ENCODED_LENGTH + random.nextInt(
                        Math.max(1, length - MessageHeaderDecoder.ENCODED_LENGTH));
                    command.putByte(Math.min(at, length - 1), (byte)random.nextInt(256));
                }
            }
            case 1 -> length = MessageHeaderDecoder.ENCODED_LENGTH + random.nextInt(
                Math.max(1, length - MessageHeaderDecoder.ENCODED_LENGTH));
            case 2 ->
            {
                final int extra = 1 + random.nextInt(MAX_EXTRA_BYTES);
                for (int i = 0; i < extra; i++)
                {
                    command.putByte(length + i, (byte)random.nextInt(256));
                }
                length += extra;
            }
            default ->
            {
                length = MessageHeaderDecoder.ENCODED_LENGTH + random.nextInt(MAX_EXTRA_BYTES * 4);
                for (int i = 0; i < length; i++)
                {
                    command.putByte(i, (byte)random.nextInt(256));
                }
                command.putBytes(0, original, 0, MessageHeaderDecoder.ENCODED_LENGTH);
                command.putShort(MessageHeaderDecoder.templateIdEncodingOffset(), (short)random.nextInt(1, 2_100),
                    ByteOrder.LITTLE_ENDIAN);
                command.putShort(MessageHeaderDecoder.blockLengthEncodingOffset(), (short)random.nextInt(0, 200),
                    ByteOrder.LITTLE_ENDIAN);
            }
        }
        return length;
    }
}
