package io.startline.engine.race;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Person keys: only valid national ID numbers are keyed; the key is stable for a person,
 * differs between people and between secrets, and never contains the number.
 */
class PersonKeysTest
{
    private static final byte[] SECRET = "a node secret of at least 32 bytes!".getBytes(StandardCharsets.UTF_8);
    // The specimen number of GB 11643-1999; its check character X recomputed independently.
    private static final String SPECIMEN = "11010519491231002X";

    @Test
    void theChecksumOfIso7064Mod112IsEnforced()
    {
        assertThat(PersonKeys.isValidNationalId(SPECIMEN)).isTrue();
        assertThat(PersonKeys.isValidNationalId("11010519491231002x")).as("lower-case x").isTrue();
        assertThat(PersonKeys.isValidNationalId("110105194912310021")).as("wrong check character").isFalse();
        assertThat(PersonKeys.isValidNationalId("11010519491231002")).as("17 characters").isFalse();
        assertThat(PersonKeys.isValidNationalId("1101051949123100AX")).as("a letter inside").isFalse();
        assertThat(PersonKeys.isValidNationalId(null)).isFalse();
    }

    @Test
    void theSamePersonGetsTheSameKeyAndOthersDoNot()
    {
        final PersonKeys keys = new PersonKeys(SECRET);
        final long[] a = new long[2];
        final long[] b = new long[2];
        final long[] c = new long[2];
        keys.keyOf(SPECIMEN, a);
        keys.keyOf("11010519491231002x", b);
        keys.keyOf("440524188001010014", c);
        assertThat(b).as("case does not make a new person").containsExactly(a);
        assertThat(c).isNotEqualTo(a);

        final long[] otherSecret = new long[2];
        new PersonKeys("another node secret, 32 bytes or more".getBytes(StandardCharsets.UTF_8))
            .keyOf(SPECIMEN, otherSecret);
        assertThat(otherSecret).as("the key depends on the secret").isNotEqualTo(a);
        assertThat(Long.toString(a[0]) + a[1]).doesNotContain("19491231");
    }

    @Test
    void anInvalidNumberOrAShortSecretIsRefused()
    {
        final PersonKeys keys = new PersonKeys(SECRET);
        assertThatThrownBy(() -> keys.keyOf("123", new long[2])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PersonKeys(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
