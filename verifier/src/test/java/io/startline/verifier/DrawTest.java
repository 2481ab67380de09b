package io.startline.verifier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DrawTest
{
    private static final byte[] SEED = {0x5e, 0x3d};

    @TempDir
    private Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"small", "medium"})
    void reproducesEveryRowOfTheVector(final String name) throws InputException
    {
        final Race race = Race.read(Vectors.race(name));
        final EntryList entries = EntryList.read(Vectors.entries(name), race.categories());

        final Map<Long, Draw.Outcome> outcomes = Draw.run(
            race.raceId(), HexFormat.of().parseHex(race.seedHex()), race.categories(), entries.entries().values());

        final List<String> rows = new ArrayList<>();
        outcomes.forEach((entryId, outcome) -> rows.add(entryId + "," + outcome.status() + "," +
            (outcome.pool() == null ? "" : outcome.pool()) + "," + outcome.drawRank() + "," +
            (outcome.waitlistPosition() == 0 ? "" : outcome.waitlistPosition())));
        assertThat(rows).containsExactlyElementsOf(Vectors.rows(Vectors.expected(name)));
    }

    @Test
    void theCommittedFormOfAVectorDrawsTheSameAsItsVectorForm() throws InputException
    {
        final Race race = Race.read(Vectors.race("medium"));
        final Path committed = Vectors.write(dir.resolve("entries.txt"), Vectors.committedLines("medium"));
        final byte[] seed = HexFormat.of().parseHex(race.seedHex());

        assertThat(Draw.run(race.raceId(), seed, race.categories(),
            EntryList.read(committed, race.categories()).entries().values()))
            .isEqualTo(Draw.run(race.raceId(), seed, race.categories(),
                EntryList.read(Vectors.entries("medium"), race.categories()).entries().values()));
    }

    @Test
    void aUnitTooBigForWhatIsLeftIsPassedOverForSmallerOnesFurtherDown()
    {
        // Whatever the keys, a group of 3 never fits 2 places, and the two best-ranked singles do.
        final List<Draw.Entry> entries = List.of(
            entry(1, "G", Set.of()), entry(2, "G", Set.of()), entry(3, "G", Set.of()),
            entry(4, null, Set.of()), entry(5, null, Set.of()), entry(6, null, Set.of()));

        final Map<Long, Draw.Outcome> outcomes = Draw.run(7, SEED, Map.of("C", new Draw.Category(2, List.of())), entries);

        assertThat(outcomes.get(1L)).isEqualTo(outcomes.get(2L)).isEqualTo(outcomes.get(3L));
        assertThat(outcomes.get(1L).status()).isEqualTo(Draw.Status.WAITLISTED);
        final List<Long> singlesByRank = new ArrayList<>(List.of(4L, 5L, 6L));
        singlesByRank.sort((a, b) -> Integer.compare(outcomes.get(a).drawRank(), outcomes.get(b).drawRank()));
        assertThat(outcomes.get(singlesByRank.get(0)).pool()).isEqualTo(Draw.GENERAL);
        assertThat(outcomes.get(singlesByRank.get(1)).pool()).isEqualTo(Draw.GENERAL);
        assertThat(outcomes.get(singlesByRank.get(2)).status()).isEqualTo(Draw.Status.WAITLISTED);
        assertThat(outcomes.values()).extracting(Draw.Outcome::drawRank).containsOnly(1, 2, 3, 4);
    }

    @Test
    void guaranteedPoolsChooseFirstWhereverTheyAreDeclared()
    {
        final Draw.Category category = new Draw.Category(1, List.of(
            new Draw.Pool("LOCAL", 1, false), new Draw.Pool("ELITE", 1, true)));
        final List<Draw.Entry> entries = List.of(
            entry(1, null, Set.of("LOCAL", "ELITE")), entry(2, null, Set.of("LOCAL", "ELITE")),
            entry(3, null, Set.of("LOCAL", "ELITE")));

        final Map<Long, Draw.Outcome> outcomes = Draw.run(7, SEED, Map.of("C", category), entries);

        assertThat(outcomes.values()).filteredOn(o -> o.status() == Draw.Status.WON)
            .singleElement().isEqualTo(new Draw.Outcome(Draw.Status.WON, "ELITE", 1, 0));
    }

    @Test
    void aGroupIsEntitledOnlyToThePoolsEveryMemberIs()
    {
        // The group can fill LOCAL only if entitled as a whole; entry 3 takes a place, leaving too few for it.
        final Draw.Category category = new Draw.Category(2, List.of(new Draw.Pool("LOCAL", 2, false)));
        final List<Draw.Entry> entries = List.of(
            entry(1, "G", Set.of("LOCAL")), entry(2, "G", Set.of()), entry(3, null, Set.of("LOCAL")));

        final Map<Long, Draw.Outcome> outcomes = Draw.run(7, SEED, Map.of("C", category), entries);

        assertThat(outcomes.get(3L).pool()).isEqualTo("LOCAL");
        assertThat(outcomes.get(1L).status()).isEqualTo(Draw.Status.WAITLISTED);
        assertThat(outcomes.get(1L).waitlistPosition()).isEqualTo(1);
    }

    private static Draw.Entry entry(final long entryId, final String group, final Set<String> pools)
    {
        return new Draw.Entry(entryId, "C", group, new TreeSet<>(pools), 1);
    }
}
