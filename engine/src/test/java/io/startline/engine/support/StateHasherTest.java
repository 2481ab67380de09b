package io.startline.engine.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StateHasherTest
{
    @Test
    void orderedValuesDependOnTheirOrder()
    {
        assertThat(new StateHasher().add(1).add(2).hash()).isNotEqualTo(new StateHasher().add(2).add(1).hash());
        assertThat(new StateHasher().add(1).add(2).hash()).isEqualTo(new StateHasher().add(1).add(2).hash());
    }

    @Test
    void unorderedEntriesDoNotDependOnTheirOrderButOnTheirPairing()
    {
        final StateHasher a = new StateHasher();
        a.unordered(1, 10);
        a.unordered(2, 20);
        final StateHasher b = new StateHasher();
        b.unordered(2, 20);
        b.unordered(1, 10);
        final StateHasher c = new StateHasher();
        c.unordered(1, 20);
        c.unordered(2, 10);
        assertThat(a.addUnordered().hash()).isEqualTo(b.addUnordered().hash()).isNotEqualTo(c.addUnordered().hash());
    }
}
