package io.startline.engine.race;

import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.RaceDriver;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.startline.engine.race.RaceFixture.CLOSES_AT;
import static io.startline.engine.race.RaceFixture.HOUR;
import static io.startline.engine.race.RaceFixture.NO_HASH;
import static io.startline.engine.race.RaceFixture.PAYMENT_WINDOW_MS;
import static io.startline.engine.race.RaceFixture.SEED;
import static io.startline.engine.race.RaceFixture.assertRefusalChangesNothing;
import static io.startline.engine.race.RaceFixture.drawOrder;
import static io.startline.engine.race.RaceFixture.entryListHash;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The draw (API.md, POST /api/races/{raceId}/draw and GET …/ballot; BALLOT.md): only after
 * registration closes, only once, only in a lottery, with a seed of 1 to 64 bytes; winners owe
 * payment by draw time + paymentWindowMs, the rest wait in contiguous positions per category;
 * the order is the published keys' order, the same for the same entries and seed and another
 * for another seed; the ballot view commits to the entry list before the seed is known. Each
 * refusal changes nothing.
 */
class DrawTest
{
    private static final long DRAWN_AT = CLOSES_AT + HOUR;

    private final RaceFixture f = new RaceFixture();

    /** Fourteen entries in FULL (ten places) and nine in HALF (six): users 1–14 and 15–23. */
    private static void enterOversubscribed(final RaceFixture r)
    {
        r.enterAll(1, 14, "FULL");
        r.enterAll(15, 23, "HALF");
    }

    // ------------------------------------------------------------------ refusals

    @Test
    void aDrawBeforeRegistrationClosesIsRefused()
    {
        enterOversubscribed(f);
        f.engine.advanceTo(CLOSES_AT - 1);
        assertThat(f.races.draw(f.raceId, SEED).code()).isEqualTo(ResultCode.REGISTRATION_OPEN);
        assertRefusalChangesNothing(DrawTest::enterOversubscribed, g -> g.races.draw(g.raceId, SEED).code());
    }

    @Test
    void aSecondDrawIsRefused()
    {
        enterOversubscribed(f);
        f.draw();
        assertThat(f.races.draw(f.raceId, SEED).code()).isEqualTo(ResultCode.ALREADY_DRAWN);
        assertThat(f.races.draw(f.raceId, "ff").code()).as("with another seed too").isEqualTo(ResultCode.ALREADY_DRAWN);
        assertRefusalChangesNothing(g ->
        {
            enterOversubscribed(g);
            g.draw();
        }, g -> g.races.draw(g.raceId, "ff").code());
    }

    @Test
    void aFirstComeRaceIsNotDrawn()
    {
        final RaceFixture firstCome = RaceFixture.firstCome();
        firstCome.enter(1);
        firstCome.closeRegistration();
        assertThat(firstCome.races.draw(firstCome.raceId, SEED).code()).isEqualTo(ResultCode.WRONG_MODE);
        assertRefusalChangesNothing(RaceFixture::firstCome, g ->
        {
            g.enter(1);
            g.closeRegistration();
        }, g -> g.races.draw(g.raceId, SEED).code());
    }

    @Test
    void aDrawOfAnUnknownRaceIsRefused()
    {
        assertThat(f.races.draw(999, SEED).code()).isEqualTo(ResultCode.RACE_NOT_FOUND);
    }

    @Test
    void anEmptySeedIsRefused()
    {
        f.enter(1);
        f.closeRegistration();
        final RaceDriver.Drawn refused = f.races.draw(f.raceId, "");
        assertThat(refused.code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(refused.field()).isEqualTo("seed");
        assertRefusalChangesNothing(closedWithOneEntry(), g -> g.races.draw(g.raceId, "").code());
    }

    @Test
    void aSeedOfMoreThanSixtyFourBytesIsRefused()
    {
        f.enter(1);
        f.closeRegistration();
        final String tooLong = "ab".repeat(65);
        final RaceDriver.Drawn refused = f.races.draw(f.raceId, tooLong);
        assertThat(refused.code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(refused.field()).isEqualTo("seed");
        assertRefusalChangesNothing(closedWithOneEntry(), g -> g.races.draw(g.raceId, tooLong).code());
        assertThat(f.races.draw(f.raceId, "ab".repeat(64)).code()).as("64 bytes").isEqualTo(ResultCode.OK);
        assertThat(f.races.ballot(f.raceId).seed()).isEqualTo("ab".repeat(64));
    }

    // ------------------------------------------------------------------ outcome

    @Test
    void winnersOwePaymentByDrawTimePlusThePaymentWindow()
    {
        enterOversubscribed(f);
        f.closeRegistration();
        f.engine.advanceTo(DRAWN_AT);
        final RaceDriver.Drawn drawn = f.draw();
        assertThat(drawn.winners()).isEqualTo(16);
        assertThat(drawn.waitlisted()).isEqualTo(7);

        final List<Long> winners = f.entriesWith("FULL", EntryStatus.WON);
        winners.addAll(f.entriesWith("HALF", EntryStatus.WON));
        assertThat(winners).hasSize(16);
        for (final long entryId : winners)
        {
            final RaceDriver.EntryView view = f.own((int)entryId);
            assertThat(view.status()).isEqualTo(EntryStatus.WON);
            assertThat(view.paymentDueAt()).isEqualTo(DRAWN_AT + PAYMENT_WINDOW_MS);
            assertThat(view.pool()).isEqualTo("GENERAL");
            assertThat(view.waitlistPosition()).isZero();
        }
    }

    @Test
    void losersWaitInContiguousPositionsPerCategoryInDrawOrder()
    {
        enterOversubscribed(f);
        f.draw();
        for (final String category : List.of("FULL", "HALF"))
        {
            final List<RaceDriver.ResultRow> waiting = f.rows().values().stream()
                .filter(r -> r.categoryCode().equals(category) && r.status() == EntryStatus.WAITLISTED)
                .sorted(Comparator.comparingInt(RaceDriver.ResultRow::drawRank))
                .toList();
            assertThat(waiting).extracting(RaceDriver.ResultRow::waitlistPosition).as(category)
                .containsExactlyElementsOf(category.equals("FULL") ? List.of(1, 2, 3, 4) : List.of(1, 2, 3));
            for (final RaceDriver.ResultRow row : waiting)
            {
                final RaceDriver.EntryView view = f.own((int)row.entryId());
                assertThat(view.paymentDueAt()).isNull();
                assertThat(view.waitlistPosition()).isEqualTo(row.waitlistPosition());
            }
        }
        assertThat(f.counts("FULL").won()).isEqualTo(10);
        assertThat(f.counts("HALF").won()).isEqualTo(6);
    }

    @Test
    void drawRanksFollowThePublishedKeys()
    {
        enterOversubscribed(f);
        f.draw();
        final Map<Long, Integer> fullUnits = new LinkedHashMap<>();
        for (long entry = 1; entry <= 14; entry++)
        {
            fullUnits.put(entry, 1);
        }
        final List<Long> expected = drawOrder(SEED, f.raceId, fullUnits);
        final List<Long> actual = f.rows().values().stream()
            .filter(r -> r.categoryCode().equals("FULL"))
            .sorted(Comparator.comparingInt(RaceDriver.ResultRow::drawRank))
            .map(RaceDriver.ResultRow::entryId)
            .toList();
        assertThat(actual).isEqualTo(expected);
        assertThat(f.rows().values().stream().filter(r -> r.categoryCode().equals("FULL"))
            .map(RaceDriver.ResultRow::drawRank))
            .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    }

    @Test
    void theSameEntriesAndSeedGiveTheSameResultsInAnotherEngine()
    {
        final RaceFixture other = new RaceFixture();
        for (final RaceFixture r : List.of(f, other))
        {
            enterOversubscribed(r);
            r.grant("LOCAL", 2, 3, 16);
            r.draw();
        }
        assertThat(other.races.results(other.raceId)).isEqualTo(f.races.results(f.raceId));
        assertThat(other.engine.engine().stateHash()).isEqualTo(f.engine.engine().stateHash());
    }

    @Test
    void anotherSeedGivesAnotherOrder()
    {
        final RaceFixture other = new RaceFixture();
        enterOversubscribed(f);
        enterOversubscribed(other);
        f.draw(SEED);
        other.draw("0badc0de");
        assertThat(drawRanks(other)).isNotEqualTo(drawRanks(f));
    }

    // ------------------------------------------------------------------ the ballot view

    @Test
    void theBallotCommitsToTheFrozenEntryListBeforeTheSeedIsKnown()
    {
        f.grant("ELITE", 0, 1, 6);
        f.grant("LOCAL", 0, 1, 5);
        f.grant(null, 3, 5);
        f.enter(1);
        f.enter(2);
        final String code = f.group(3, "FULL");
        f.enter(f.entry(3).withGroup(code));
        f.enter(f.entry(4).withGroup(code));
        f.enter(5, "HALF");
        f.enter(6, "HALF");
        f.races.withdraw(f.raceId, 2);

        final RaceDriver.BallotView open = f.races.ballot(f.raceId);
        assertThat(open.code()).isEqualTo(ResultCode.OK);
        assertThat(open.closed()).isFalse();
        assertThat(open.drawn()).isFalse();
        assertThat(open.entries()).as("the entries standing: six entered, one withdrew").isEqualTo(5);
        assertThat(open.entryListHash()).isEqualTo(NO_HASH);
        assertThat(open.seed()).isEmpty();

        f.closeRegistration();
        final String committed = entryListHash(
            "1,FULL,1,ELITE LOCAL,1",
            "3,FULL,3,,1",
            "4,FULL,3,,1",
            "5,HALF,5,LOCAL,3",
            "6,HALF,6,,1");
        final RaceDriver.BallotView frozen = f.races.ballot(f.raceId);
        assertThat(frozen.closed()).isTrue();
        assertThat(frozen.drawn()).isFalse();
        assertThat(frozen.entries()).isEqualTo(5);
        assertThat(frozen.entryListHash()).isEqualTo(committed);
        assertThat(frozen.seed()).isEmpty();

        final RaceDriver.Drawn drawn = f.draw();
        assertThat(drawn.entryListHash()).isEqualTo(committed);
        final RaceDriver.BallotView after = f.races.ballot(f.raceId);
        assertThat(after.drawn()).isTrue();
        assertThat(after.entries()).isEqualTo(5);
        assertThat(after.entryListHash()).as("the commitment does not change").isEqualTo(committed);
        assertThat(after.seed()).isEqualTo(SEED);
    }

    @Test
    void theRaceViewShowsClosedAndDrawn()
    {
        f.enter(1);
        f.closeRegistration();
        assertThat(f.races.race(f.raceId).closed()).isTrue();
        assertThat(f.races.race(f.raceId).drawn()).isFalse();
        f.draw();
        assertThat(f.races.race(f.raceId).drawn()).isTrue();
    }

    // ------------------------------------------------------------------ helpers

    private static Consumer<RaceFixture> closedWithOneEntry()
    {
        return g ->
        {
            g.enter(1);
            g.closeRegistration();
        };
    }

    private static List<Integer> drawRanks(final RaceFixture r)
    {
        return r.rows().values().stream().map(RaceDriver.ResultRow::drawRank).toList();
    }
}
