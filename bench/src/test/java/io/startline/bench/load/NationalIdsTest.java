package io.startline.bench.load;

import io.startline.engine.race.PersonKeys;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NationalIdsTest
{
    @Test
    void everyNumberPassesTheNodesCheckAndNoTwoAreAlike()
    {
        final Set<String> seen = new HashSet<>();
        for (int person = 0; person < 300_000; person++)
        {
            final String id = NationalIds.of(person);
            assertThat(PersonKeys.isValidNationalId(id)).as(id).isTrue();
            assertThat(seen.add(id)).as(id).isTrue();
        }
        assertThat(PersonKeys.isValidNationalId(NationalIds.of(NationalIds.CAPACITY - 1))).isTrue();
    }

    @Test
    void theNumberCarriesTheBirthDateAndGenderItIsGivenWith()
    {
        final int person = 123_456;
        final String id = NationalIds.of(person);
        final LocalDate born = NationalIds.birthDate(person);

        assertThat(id.substring(6, 14)).isEqualTo(born.toString().replace("-", ""));
        assertThat(Integer.parseInt(id.substring(16, 17)) % 2 == 1 ? "M" : "F").isEqualTo(NationalIds.gender(person));
        assertThat(born).isBetween(LocalDate.of(1962, 1, 1), LocalDate.of(2000, 12, 31));
    }

    @Test
    void refusesAnIndexOutsideItsRange()
    {
        assertThatThrownBy(() -> NationalIds.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NationalIds.of(NationalIds.CAPACITY)).isInstanceOf(IllegalArgumentException.class);
    }
}
