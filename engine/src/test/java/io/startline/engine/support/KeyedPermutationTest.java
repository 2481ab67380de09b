package io.startline.engine.support;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedPermutationTest
{
    private final KeyedPermutation permutation = new KeyedPermutation(0x0123456789abcdefL, 0x0fedcba987654321L);

    @Test
    void decodeUndoesEncode()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++)
        {
            final long value = random.nextLong();
            assertThat(permutation.decode(permutation.encode(value))).isEqualTo(value);
        }
        assertThat(permutation.decode(permutation.encode(0))).isZero();
        assertThat(permutation.decode(permutation.encode(-1))).isEqualTo(-1);
    }

    @Test
    void consecutiveIdsGiveUnrelatedDistinctCodes()
    {
        final Set<Long> codes = new HashSet<>();
        long previous = permutation.encode(0);
        long bitsChanged = 0;
        for (long id = 1; id <= 200_000; id++)
        {
            final long code = permutation.encode(id);
            assertThat(codes.add(code)).isTrue();
            bitsChanged += Long.bitCount(code ^ previous);
            previous = code;
        }
        assertThat(bitsChanged / 200_000.0).as("about half of the 64 bits change from one id to the next")
            .isBetween(31.5, 32.5);
    }

    @Test
    void theCodeDependsOnTheKey()
    {
        final KeyedPermutation other = new KeyedPermutation(0x0123456789abcdefL, 0x0fedcba987654322L);
        for (long id = 1; id <= 1000; id++)
        {
            assertThat(other.encode(id)).isNotEqualTo(permutation.encode(id));
        }
    }
}
