package io.startline.engine.race;

import io.startline.engine.codec.EntryStatus;
import io.startline.engine.testkit.RaceDriver;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.startline.engine.race.RaceFixture.ballotKey;
import static io.startline.engine.race.RaceFixture.open;
import static io.startline.engine.race.RaceFixture.raceWith;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reserved pools in the lottery (BALLOT.md, "Selection, per category" and "Units"): guaranteed
 * pools are filled before the other reserved pools whatever their declared order, reserved
 * places nobody entitled takes go to the general pool, and a group counts as entitled to the
 * pools every member has, with the smallest member weight. The races are built so that the
 * outcome does not hang on the random keys, except where the keys are the point; those use
 * BALLOT.md's keys computed independently of the engine.
 */
class PoolTest
{
    @Test
    void guaranteedPoolsAreFilledBeforeOtherPoolsWhateverTheDeclaredOrder()
    {
        final RaceFixture f = new RaceFixture(raceWith(open("TEN", 5,
            new RaceDriver.Pool("LOCAL", 1, false),
            new RaceDriver.Pool("ELITE", 1, true))));
        f.grant("LOCAL", 0, 1, 2);
        f.grant("ELITE", 0, 1);
        f.enter(1, "TEN");
        f.enter(2, "TEN");
        f.enter(3, "TEN");
        f.draw();

        assertThat(f.row(1).pool()).as("entitled to both: the guaranteed pool comes first").isEqualTo("ELITE");
        assertThat(f.row(2).pool()).isEqualTo("LOCAL");
        assertThat(f.row(3).pool()).isEqualTo("GENERAL");
    }

    @Test
    void eachReservedPoolTakesExactlyItsEntitledEntrants()
    {
        final RaceFixture f = new RaceFixture();
        f.grant("ELITE", 0, 1, 2);
        f.grant("LOCAL", 0, 3, 4, 5);
        f.enterAll(1, 12, "FULL");
        f.draw();

        final Map<Long, RaceDriver.ResultRow> rows = f.rows();
        assertThat(List.of(rows.get(1L).pool(), rows.get(2L).pool())).containsOnly("ELITE");
        assertThat(List.of(rows.get(3L).pool(), rows.get(4L).pool(), rows.get(5L).pool())).containsOnly("LOCAL");
        for (long entry = 1; entry <= 5; entry++)
        {
            assertThat(rows.get(entry).status()).isEqualTo(EntryStatus.WON);
        }
        assertThat(f.entriesWith("FULL", EntryStatus.WON)).hasSize(10);
        assertThat(f.entriesWith("FULL", EntryStatus.WAITLISTED)).hasSize(2);
        assertThat(rows.values().stream().filter(r -> r.pool().equals("GENERAL")).count())
            .as("ten places less five reserved").isEqualTo(5);
    }

    @Test
    void aPoolsUnusedPlacesGoToTheGeneralPool()
    {
        final RaceFixture f = new RaceFixture();
        f.enterAll(1, 10, "FULL");
        f.grant("LOCAL", 0, 11);
        f.enterAll(11, 16, "HALF");
        f.draw();

        assertThat(f.entriesWith("FULL", EntryStatus.WON)).as("nobody entitled: all ten places general").hasSize(10);
        for (long entry = 1; entry <= 10; entry++)
        {
            assertThat(f.row(entry).pool()).isEqualTo("GENERAL");
        }
        assertThat(f.entriesWith("HALF", EntryStatus.WON)).hasSize(6);
        assertThat(f.row(11).pool()).isEqualTo("LOCAL");
    }

    @Test
    void aPoolLargerThanItsEntitledEntrantsLeavesTheRestToEveryone()
    {
        final RaceFixture f = new RaceFixture();
        f.grant("LOCAL", 0, 1);
        f.enterAll(1, 11, "FULL");
        f.draw();

        assertThat(f.row(1).pool()).isEqualTo("LOCAL");
        assertThat(f.entriesWith("FULL", EntryStatus.WON)).as("one LOCAL and nine general places").hasSize(10);
        assertThat(f.entriesWith("FULL", EntryStatus.WAITLISTED)).hasSize(1);
    }

    @Test
    void aGroupIsEntitledOnlyToThePoolsEveryMemberHas()
    {
        final RaceFixture f = new RaceFixture();
        f.grant("ELITE", 0, 1, 3, 4, 5);
        f.grant("LOCAL", 0, 1, 2);
        final String mixed = f.group(1, "FULL");
        f.enter(f.entry(1).withGroup(mixed));
        f.enter(f.entry(2).withGroup(mixed));
        final String elite = f.group(3, "FULL");
        f.enter(f.entry(3).withGroup(elite));
        f.enter(f.entry(4).withGroup(elite));
        final String partly = f.group(5, "FULL");
        f.enter(f.entry(5).withGroup(partly));
        f.enter(f.entry(6).withGroup(partly));
        f.draw();

        assertThat(f.row(1).pools()).as("the member's own").containsExactly("ELITE", "LOCAL");
        assertThat(f.row(1).pool()).as("ELITE+LOCAL with LOCAL: LOCAL only").isEqualTo("LOCAL");
        assertThat(f.row(2).pool()).isEqualTo("LOCAL");
        assertThat(f.row(3).pool()).isEqualTo("ELITE");
        assertThat(f.row(4).pool()).isEqualTo("ELITE");
        assertThat(f.row(5).pool()).as("ELITE with nothing: no pool").isEqualTo("GENERAL");
        assertThat(f.row(6).pool()).isEqualTo("GENERAL");
    }

    @Test
    void aGroupTooLargeForWhatIsLeftOfAPoolWaitsForTheGeneralPool()
    {
        final RaceFixture f = new RaceFixture(raceWith(open("TEN", 5, new RaceDriver.Pool("ELITE", 2, true))));
        f.grant("ELITE", 0, 1, 2, 3);
        final String code = f.group(1, "TEN");
        f.enter(f.entry(1, "TEN").withGroup(code));
        f.enter(f.entry(2, "TEN").withGroup(code));
        f.enter(f.entry(3, "TEN").withGroup(code));
        f.draw();

        for (long entry = 1; entry <= 3; entry++)
        {
            assertThat(f.row(entry).status()).isEqualTo(EntryStatus.WON);
            assertThat(f.row(entry).pool()).as("three do not fit ELITE's two places").isEqualTo("GENERAL");
        }
    }

    @Test
    void aGroupDrawsWithTheSmallestMemberWeight()
    {
        // Two places; the group (entries 1 and 2, unit 1) against a single entry (3). The group wins
        // both places if its key is above the single's, else the single wins and the group waits.
        final RaceFixture f = new RaceFixture(raceWith(open("TWO", 2)));
        final long race = f.raceId;
        String seed = null;
        for (int i = 1; i < 100_000 && seed == null; i++)
        {
            final String candidate = String.format("%08x", i);
            final long single = ballotKey(candidate, race, 3, 1);
            final boolean smallestLoses = Long.compareUnsigned(ballotKey(candidate, race, 1, 1), single) < 0;
            final boolean largestWins = Long.compareUnsigned(ballotKey(candidate, race, 1, 5), single) > 0;
            if (smallestLoses && largestWins)
            {
                seed = candidate;
            }
        }
        assertThat(seed).as("a seed under which the group's weight decides").isNotNull();

        f.grant(null, 5, 1);
        final String code = f.group(1, "TWO");
        f.enter(f.entry(1, "TWO").withGroup(code));
        f.enter(f.entry(2, "TWO").withGroup(code));
        f.enter(3, "TWO");
        f.draw(seed);

        assertThat(f.row(1).weight()).as("the member's own weight").isEqualTo(5);
        assertThat(f.row(2).weight()).isEqualTo(1);
        assertThat(f.row(3).status()).as("weight 1 for the group: the single is first").isEqualTo(EntryStatus.WON);
        assertThat(f.row(3).drawRank()).isEqualTo(1);
        assertThat(f.row(1).status()).isEqualTo(EntryStatus.WAITLISTED);
        assertThat(f.row(1).drawRank()).isEqualTo(2);
        assertThat(f.row(2).status()).isEqualTo(EntryStatus.WAITLISTED);
    }
}
