package io.startline.engine.support;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FingerprintIndexTest
{
    private static List<Integer> candidates(final FingerprintIndex index, final long hash)
    {
        final List<Integer> found = new ArrayList<>();
        for (int v = index.find(hash); v != FingerprintIndex.MISSING; v = index.findNext())
        {
            found.add(v);
        }
        return found;
    }

    @Test
    void aKeyIsFoundWithItsValueAndAnAbsentOneIsMissing()
    {
        final FingerprintIndex index = new FingerprintIndex(16);
        index.insert(StateHasher.mix(1), 10);
        index.insert(StateHasher.mix(2), 20);
        assertThat(candidates(index, StateHasher.mix(1))).containsExactly(10);
        assertThat(candidates(index, StateHasher.mix(3))).isEmpty();
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void touchReadsAKeysFirstSlotAndLeavesALookupInProgressWhereItWas()
    {
        final FingerprintIndex index = new FingerprintIndex(16);
        final long a = 0x0000_0001_0000_0005L;
        final long b = 0x0000_0002_0000_0005L;
        final long elsewhere = 0x0000_0009_0000_000BL;
        index.insert(a, 1);
        index.insert(b, 2);

        assertThat(index.touch(elsewhere)).as("an empty slot").isZero();
        assertThat(index.touch(a)).as("the occupied slot a lookup of a starts at").isNotZero();

        assertThat(index.find(b)).isEqualTo(2);
        index.touch(elsewhere);
        index.replace(22);
        assertThat(candidates(index, b)).as("replace still meant b's slot").containsExactly(22);
        assertThat(candidates(index, a)).containsExactly(1);
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void replaceGivesTheCandidateJustFoundANewValueAndLeavesTheOthers()
    {
        final FingerprintIndex index = new FingerprintIndex(16);
        // Same slot, different fingerprints: a probe run of three.
        final long a = 0x0000_0001_0000_0005L;
        final long b = 0x0000_0002_0000_0005L;
        final long c = 0x0000_0003_0000_0005L;
        index.insert(a, 1);
        index.insert(b, 2);
        index.insert(c, 3);

        assertThat(index.find(b)).isEqualTo(2);
        index.replace(22);

        assertThat(candidates(index, a)).containsExactly(1);
        assertThat(candidates(index, b)).containsExactly(22);
        assertThat(candidates(index, c)).containsExactly(3);
        assertThat(index.size()).as("a replacement is not a new key").isEqualTo(3);
        final List<Integer> values = new ArrayList<>();
        index.forEachValue(values::add);
        assertThat(values).containsExactlyInAnyOrder(1, 22, 3);
    }

    @Test
    void keysWithTheSameFingerprintAreAllCandidates()
    {
        final FingerprintIndex index = new FingerprintIndex(16);
        index.insert(0x0000_0007_0000_0001L, 1);
        index.insert(0x0000_0007_0000_0002L, 2);
        assertThat(candidates(index, 0x0000_0007_0000_0001L)).as("the caller checks the full key").contains(1);
    }

    @Test
    void pastItsKeysTheIndexRefusesAndValuesOutOfRangeAreRefused()
    {
        final FingerprintIndex index = new FingerprintIndex(2);
        index.insert(1, 1);
        index.insert(2, 2);
        assertThatThrownBy(() -> index.insert(3, 3)).isInstanceOf(IllegalStateException.class);
        index.find(1);
        assertThatThrownBy(() -> index.replace(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
