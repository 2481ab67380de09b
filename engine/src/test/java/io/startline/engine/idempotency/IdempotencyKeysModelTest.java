package io.startline.engine.idempotency;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key table against a plain model: a queue of keys in arrival order. Small limits and a
 * small key space make probe runs collide, wrap and shift on every kind of forgetting.
 */
class IdempotencyKeysModelTest
{
    private static final int CAPACITY = 40;
    private static final int RESULT_BYTES = 3000;
    private static final long KEEP_MS = 500;

    private record Key(long high, long low, long digest, long expiresAtMs, byte[] result)
    {
    }

    @Test
    void rememberedKeysAreFoundWithTheirFirstResultsUntilForgottenOldestFirst()
    {
        final long seed = System.nanoTime();
        System.out.println("IdempotencyKeysModelTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final IdempotencyKeys table = new IdempotencyKeys(CAPACITY, RESULT_BYTES, KEEP_MS);
        final Deque<Key> model = new ArrayDeque<>();
        final UnsafeBuffer out = new UnsafeBuffer(new byte[RESULT_BYTES]);
        long evictedEarly = 0;
        long nowMs = 0;

        for (int step = 0; step < 200_000; step++)
        {
            nowMs += random.nextInt(4);
            table.advanceTime(nowMs);
            while (!model.isEmpty() && model.peekFirst().expiresAtMs() <= nowMs)
            {
                model.removeFirst();
            }
            // Few distinct highs and lows: keys share home slots often.
            final long high = random.nextInt(8);
            final long low = random.nextInt(64);
            final Key known = model.stream().filter(k -> k.high() == high && k.low() == low).findFirst().orElse(null);
            final int slot = table.find(high, low);
            if (known != null)
            {
                assertThat(slot).as("seed %d step %d: a remembered key is found", seed, step).isNotNegative();
                assertThat(table.requestDigest(slot)).isEqualTo(known.digest());
                final int length = table.copyResult(slot, out, 0);
                final byte[] copy = new byte[length];
                out.getBytes(0, copy);
                assertThat(copy).as("seed %d step %d: its first result", seed, step).isEqualTo(known.result());
                continue;
            }
            assertThat(slot).as("seed %d step %d: a key not remembered is not found", seed, step).isNegative();
            final byte[] result = new byte[1 + random.nextInt(300)];
            random.nextBytes(result);
            int held = model.stream().mapToInt(k -> k.result().length).sum();
            while (model.size() == CAPACITY || held + result.length > RESULT_BYTES)
            {
                held -= model.removeFirst().result().length;
                evictedEarly++;
            }
            final long digest = random.nextLong();
            table.remember(high, low, digest, nowMs, new UnsafeBuffer(result), 0, result.length);
            model.addLast(new Key(high, low, digest, nowMs + KEEP_MS, Arrays.copyOf(result, result.length)));
            assertThat(table.count()).as("seed %d step %d", seed, step).isEqualTo(model.size());
            assertThat(table.evictedEarly()).as("seed %d step %d", seed, step).isEqualTo(evictedEarly);
        }
        assertThat(evictedEarly).as("the run reached both limits").isPositive();
    }
}
