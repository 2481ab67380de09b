package io.startline.engine.race;

import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.RaceDriver;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.startline.engine.race.RaceFixture.CLOSES_AT;
import static io.startline.engine.race.RaceFixture.DAY;
import static io.startline.engine.race.RaceFixture.HOUR;
import static io.startline.engine.race.RaceFixture.PAYMENT_WINDOW_MS;
import static io.startline.engine.race.RaceFixture.assertRefusalChangesNothing;
import static io.startline.engine.race.RaceFixture.open;
import static io.startline.engine.race.RaceFixture.raceWith;
import static io.startline.engine.race.RaceFixture.seedWhere;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After the draw (API.md, payment, DELETE …/entries/me, waitlist/close, GET /api/races/{raceId};
 * BALLOT.md, "After the draw"): payment confirms with a bib from bibFrom, once; a winner who has
 * not paid by paymentDueAt lapses the millisecond after, and a lapse or a withdrawal offers the
 * place down the waitlist in position order to the first unit that fits, with a fresh deadline;
 * closing the waitlist ends it; the race view's counts add up. Each refusal changes nothing.
 * <p>
 * Users and entry ids coincide: user {@code n} made entry {@code n}.
 */
class AfterDrawTest
{
    private static final long DRAWN_AT = CLOSES_AT + HOUR;
    private static final long DUE = DRAWN_AT + PAYMENT_WINDOW_MS;

    private final RaceFixture f = new RaceFixture();

    /** Twelve entries for FULL's ten places (users 1–12), three for HALF's six (13–15), drawn at DRAWN_AT. */
    private static void drawTwelveForTen(final RaceFixture r)
    {
        r.enterAll(1, 12, "FULL");
        r.enterAll(13, 15, "HALF");
        r.closeRegistration();
        r.engine.advanceTo(DRAWN_AT);
        r.draw();
    }

    /** Every FULL winner but the first pays. */
    private static long allButOnePay(final RaceFixture r)
    {
        final List<Long> winners = r.entriesWith("FULL", EntryStatus.WON);
        for (final long entryId : winners.subList(1, winners.size()))
        {
            assertThat(r.pay(entryId).code()).isEqualTo(ResultCode.OK);
        }
        return winners.get(0);
    }

    private static long firstWinner(final RaceFixture r)
    {
        return r.entriesWith("FULL", EntryStatus.WON).get(0);
    }

    private static long waitlisted(final RaceFixture r, final int position)
    {
        final List<Long> at = r.atWaitlistPosition("FULL", position);
        assertThat(at).as("FULL waitlist position %d", position).hasSize(1);
        return at.get(0);
    }

    // ------------------------------------------------------------------ payment

    @Test
    void paymentConfirmsWithBibsFromBibFromUniquePerCategory()
    {
        drawTwelveForTen(f);
        final Set<Integer> fullBibs = new HashSet<>();
        for (final long entryId : f.entriesWith("FULL", EntryStatus.WON))
        {
            final RaceDriver.Paid paid = f.pay(entryId);
            assertThat(paid.code()).isEqualTo(ResultCode.OK);
            assertThat(paid.replayed()).isFalse();
            fullBibs.add(paid.bib());
            final RaceDriver.EntryView view = f.own((int)entryId);
            assertThat(view.status()).isEqualTo(EntryStatus.CONFIRMED);
            assertThat(view.bib()).isEqualTo(paid.bib());
            assertThat(view.paymentDueAt()).isNull();
        }
        assertThat(fullBibs).containsExactlyInAnyOrder(1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010);

        final Set<Integer> halfBibs = new HashSet<>();
        for (final long entryId : f.entriesWith("HALF", EntryStatus.WON))
        {
            halfBibs.add(f.pay(entryId).bib());
        }
        assertThat(halfBibs).containsExactlyInAnyOrder(5001, 5002, 5003);
        assertThat(f.counts("FULL").confirmed()).isEqualTo(10);
    }

    @Test
    void payingTwiceReturnsTheSameBibAsAReplay()
    {
        drawTwelveForTen(f);
        final long entryId = firstWinner(f);
        final RaceDriver.Paid first = f.pay(entryId);
        final RaceDriver.Paid again = f.races.pay(f.raceId, entryId, "ANOTHER-REF");
        assertThat(again.code()).isEqualTo(ResultCode.OK);
        assertThat(again.bib()).isEqualTo(first.bib());
        assertThat(again.replayed()).isTrue();
        assertThat(f.counts("FULL").confirmed()).isEqualTo(1);
        final long next = f.entriesWith("FULL", EntryStatus.WON).get(0);
        assertThat(f.pay(next).bib()).as("the replay used no bib").isEqualTo(first.bib() + 1);
    }

    @Test
    void aWinnerIsStillPayableAtExactlyTheDeadline()
    {
        drawTwelveForTen(f);
        final long entryId = firstWinner(f);
        f.engine.advanceTo(DUE);
        assertThat(f.pay(entryId).code()).isEqualTo(ResultCode.OK);
        assertThat(f.own((int)entryId).status()).isEqualTo(EntryStatus.CONFIRMED);
    }

    @Test
    void payingALapsedEntryIsExpired()
    {
        drawTwelveForTen(f);
        final long entryId = firstWinner(f);
        f.engine.advanceTo(DUE + 1);
        assertThat(f.pay(entryId).code()).isEqualTo(ResultCode.EXPIRED);
        assertThat(f.own((int)entryId).status()).isEqualTo(EntryStatus.LAPSED);
        assertRefusalChangesNothing(g ->
        {
            drawTwelveForTen(g);
            g.engine.advanceTo(DUE + 1);
            g.engine.tick();
        }, g -> g.pay(firstWinnerAmongLapsed(g)).code());
    }

    @Test
    void payingAWaitlistedEntryIsNotPayable()
    {
        drawTwelveForTen(f);
        assertThat(f.pay(waitlisted(f, 1)).code()).isEqualTo(ResultCode.NOT_PAYABLE);
        assertRefusalChangesNothing(AfterDrawTest::drawTwelveForTen, g -> g.pay(waitlisted(g, 1)).code());
    }

    @Test
    void payingBeforeTheDrawOrAfterWithdrawingIsNotPayable()
    {
        f.enter(1);
        assertThat(f.pay(1).code()).as("APPLIED").isEqualTo(ResultCode.NOT_PAYABLE);
        assertRefusalChangesNothing(g -> g.enter(1), g -> g.pay(1).code());
        f.enterAll(2, 5, "FULL");
        f.draw();
        f.races.withdraw(f.raceId, 2);
        assertThat(f.pay(2).code()).as("WITHDRAWN").isEqualTo(ResultCode.NOT_PAYABLE);
    }

    @Test
    void payingAnUnknownEntryIsRefused()
    {
        drawTwelveForTen(f);
        assertThat(f.pay(999).code()).isEqualTo(ResultCode.ENTRY_NOT_FOUND);
        assertThat(f.pay(0).code()).isEqualTo(ResultCode.ENTRY_NOT_FOUND);
        assertThat(f.races.pay(999, 1, "REF").code()).isEqualTo(ResultCode.RACE_NOT_FOUND);
        assertRefusalChangesNothing(AfterDrawTest::drawTwelveForTen, g -> g.pay(999).code());
    }

    @Test
    void payingAnotherRacesEntryIsRefused()
    {
        drawTwelveForTen(f);
        final long other = f.races.createRace(RaceFixture.lotteryRace()).id();
        assertThat(f.races.pay(other, firstWinner(f), "REF").code()).isEqualTo(ResultCode.ENTRY_NOT_FOUND);
    }

    @Test
    void anEmptyPaymentRefIsRefused()
    {
        drawTwelveForTen(f);
        final RaceDriver.Paid refused = f.races.pay(f.raceId, firstWinner(f), "");
        assertThat(refused.code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(refused.field()).isEqualTo("paymentRef");
        assertRefusalChangesNothing(AfterDrawTest::drawTwelveForTen,
            g -> g.races.pay(g.raceId, firstWinner(g), "").code());
    }

    // ------------------------------------------------------------------ lapses and the waitlist

    @Test
    void anUnpaidWinnerLapsesTheMillisecondAfterTheDeadlineAndTheFirstWaitingTakesThePlace()
    {
        drawTwelveForTen(f);
        final long unpaid = allButOnePay(f);
        final long first = waitlisted(f, 1);
        final long second = waitlisted(f, 2);

        f.engine.advanceTo(DUE);
        f.engine.tick();
        assertThat(f.own((int)unpaid).status()).as("at the deadline").isEqualTo(EntryStatus.WON);

        f.engine.advanceTo(DUE + 1);
        f.engine.tick();
        assertThat(f.own((int)unpaid).status()).isEqualTo(EntryStatus.LAPSED);
        final RaceDriver.EntryView promoted = f.own((int)first);
        assertThat(promoted.status()).isEqualTo(EntryStatus.WON);
        assertThat(promoted.pool()).isEqualTo("WAITLIST");
        assertThat(promoted.paymentDueAt()).as("a fresh deadline").isEqualTo(DUE + 1 + PAYMENT_WINDOW_MS);
        assertThat(promoted.waitlistPosition()).as("positions are fixed at the draw").isEqualTo(1);
        assertThat(f.own((int)second).status()).isEqualTo(EntryStatus.WAITLISTED);
        assertThat(f.own((int)second).waitlistPosition()).isEqualTo(2);
        assertThat(f.counts("FULL").holding()).isEqualTo(10);
    }

    @Test
    void aPromotedEntryLapsesAtItsOwnDeadlineAndPassesThePlaceOn()
    {
        drawTwelveForTen(f);
        allButOnePay(f);
        final long first = waitlisted(f, 1);
        final long second = waitlisted(f, 2);
        f.engine.advanceTo(DUE + 1);
        f.engine.tick();
        assertThat(f.own((int)first).status()).isEqualTo(EntryStatus.WON);

        final long secondDue = DUE + 1 + PAYMENT_WINDOW_MS;
        f.engine.advanceTo(secondDue + 1);
        f.engine.tick();
        assertThat(f.own((int)first).status()).isEqualTo(EntryStatus.LAPSED);
        assertThat(f.own((int)second).status()).isEqualTo(EntryStatus.WON);
        assertThat(f.own((int)second).paymentDueAt()).isEqualTo(secondDue + 1 + PAYMENT_WINDOW_MS);
    }

    @Test
    void withdrawingAWinnerOffersThePlaceToTheFirstWaiting()
    {
        drawTwelveForTen(f);
        final long winner = firstWinner(f);
        final long first = waitlisted(f, 1);
        f.engine.advanceTo(DRAWN_AT + DAY);
        final RaceDriver.Withdrawn withdrawn = f.races.withdraw(f.raceId, winner);
        assertThat(withdrawn.code()).isEqualTo(ResultCode.OK);
        assertThat(withdrawn.entryId()).isEqualTo(winner);
        assertThat(withdrawn.promotedEntries()).isEqualTo(1);
        assertThat(f.own((int)winner).status()).isEqualTo(EntryStatus.WITHDRAWN);
        final RaceDriver.EntryView promoted = f.own((int)first);
        assertThat(promoted.status()).isEqualTo(EntryStatus.WON);
        assertThat(promoted.pool()).isEqualTo("WAITLIST");
        assertThat(promoted.paymentDueAt()).isEqualTo(DRAWN_AT + DAY + PAYMENT_WINDOW_MS);
    }

    @Test
    void withdrawingAConfirmedEntryOffersThePlaceLikewise()
    {
        drawTwelveForTen(f);
        final long winner = firstWinner(f);
        f.pay(winner);
        final long first = waitlisted(f, 1);
        final RaceDriver.Withdrawn withdrawn = f.races.withdraw(f.raceId, winner);
        assertThat(withdrawn.promotedEntries()).isEqualTo(1);
        assertThat(f.own((int)first).status()).isEqualTo(EntryStatus.WON);
        assertThat(f.counts("FULL").confirmed()).isZero();
        assertThat(f.counts("FULL").holding()).isEqualTo(10);
    }

    @Test
    void withdrawingAWaitlistedEntryPromotesNobody()
    {
        drawTwelveForTen(f);
        final long first = waitlisted(f, 1);
        final long second = waitlisted(f, 2);
        assertThat(f.races.withdraw(f.raceId, first).promotedEntries()).isZero();
        assertThat(f.own((int)first).status()).isEqualTo(EntryStatus.WITHDRAWN);
        f.races.withdraw(f.raceId, firstWinner(f));
        assertThat(f.own((int)second).status()).as("the next one waiting").isEqualTo(EntryStatus.WON);
    }

    @Test
    void aPromotionAfterEveryEarlierDeadlineHasPassedStillLapsesAtItsOwnDeadline()
    {
        drawTwelveForTen(f);
        for (final long entryId : f.entriesWith("FULL", EntryStatus.WON))
        {
            f.pay(entryId);
        }
        for (final long entryId : f.entriesWith("HALF", EntryStatus.WON))
        {
            f.pay(entryId);
        }
        f.engine.advanceTo(DUE + 1);
        f.engine.tick();
        final long withdrawnAt = DUE + DAY;
        f.engine.advanceTo(withdrawnAt);
        final long first = waitlisted(f, 1);
        final long second = waitlisted(f, 2);
        assertThat(f.races.withdraw(f.raceId, firstConfirmed(f)).promotedEntries()).isEqualTo(1);
        assertThat(f.own((int)first).paymentDueAt()).isEqualTo(withdrawnAt + PAYMENT_WINDOW_MS);

        f.engine.advanceTo(withdrawnAt + PAYMENT_WINDOW_MS + 1);
        f.engine.tick();
        assertThat(f.own((int)first).status()).as("unpaid past its deadline").isEqualTo(EntryStatus.LAPSED);
        assertThat(f.own((int)second).status()).isEqualTo(EntryStatus.WON);
    }

    @Test
    void promotionSkipsAGroupThatDoesNotFitAndTakesTheNextUnitThatDoes()
    {
        // Two places; singles 1 and 2, a group of 3 and 4 (unit 3), single 5. A seed that puts the
        // group third: two singles win, the group waits at position 1, the last single at 2.
        final RaceFixture r = new RaceFixture(raceWith(open("DUO", 2)));
        final String seed = seedWhere(r.raceId, Map.of(1L, 1, 2L, 1, 3L, 1, 5L, 1),
            order -> order.get(2) == 3L && order.get(3) == 5L);
        r.enter(1, "DUO");
        r.enter(2, "DUO");
        final String code = r.group(3, "DUO");
        r.enter(r.entry(3, "DUO").withGroup(code));
        r.enter(r.entry(4, "DUO").withGroup(code));
        r.enter(5, "DUO");
        r.draw(seed);
        assertThat(r.entriesWith("DUO", EntryStatus.WON)).as("singles 1 and 2 win").containsExactly(1L, 2L);
        assertThat(r.atWaitlistPosition("DUO", 1)).containsExactly(3L, 4L);
        assertThat(r.atWaitlistPosition("DUO", 2)).containsExactly(5L);

        final RaceDriver.Withdrawn one = r.races.withdraw(r.raceId, 1);
        assertThat(one.promotedEntries()).isEqualTo(1);
        assertThat(r.own(5).status()).as("the group needs two places: the single fits").isEqualTo(EntryStatus.WON);
        assertThat(r.own(3).status()).isEqualTo(EntryStatus.WAITLISTED);
        assertThat(r.own(4).status()).isEqualTo(EntryStatus.WAITLISTED);

        assertThat(r.races.withdraw(r.raceId, 2).promotedEntries()).as("still one place").isZero();
        assertThat(r.own(3).status()).isEqualTo(EntryStatus.WAITLISTED);

        final RaceDriver.Withdrawn third = r.races.withdraw(r.raceId, 5);
        assertThat(third.promotedEntries()).as("two places: the whole group").isEqualTo(2);
        assertThat(r.own(3).status()).isEqualTo(EntryStatus.WON);
        assertThat(r.own(4).status()).isEqualTo(EntryStatus.WON);
        assertThat(r.own(3).paymentDueAt()).isEqualTo(r.own(4).paymentDueAt());
        assertThat(r.own(3).pool()).isEqualTo("WAITLIST");
    }

    // ------------------------------------------------------------------ closing the waitlist

    @Test
    void closingTheWaitlistLeavesTheRestNotSelected()
    {
        drawTwelveForTen(f);
        final long first = waitlisted(f, 1);
        final long second = waitlisted(f, 2);
        final RaceDriver.Result closed = f.races.closeWaitlist(f.raceId);
        assertThat(closed.code()).isEqualTo(ResultCode.OK);
        assertThat(closed.id()).as("entries not selected").isEqualTo(2);
        assertThat(f.own((int)first).status()).isEqualTo(EntryStatus.NOT_SELECTED);
        assertThat(f.own((int)second).status()).isEqualTo(EntryStatus.NOT_SELECTED);
        assertThat(f.counts("FULL").notSelected()).isEqualTo(2);
        assertThat(f.counts("FULL").waitlisted()).isZero();
        assertThat(f.races.race(f.raceId).waitlistClosed()).isTrue();
    }

    @Test
    void closingTheWaitlistTwiceIsRefused()
    {
        drawTwelveForTen(f);
        f.races.closeWaitlist(f.raceId);
        assertThat(f.races.closeWaitlist(f.raceId).code()).isEqualTo(ResultCode.WAITLIST_CLOSED);
        assertRefusalChangesNothing(g ->
        {
            drawTwelveForTen(g);
            g.races.closeWaitlist(g.raceId);
        }, g -> g.races.closeWaitlist(g.raceId).code());
    }

    @Test
    void closingTheWaitlistBeforeTheDrawIsRefused()
    {
        f.enterAll(1, 12, "FULL");
        assertThat(f.races.closeWaitlist(f.raceId).code()).isEqualTo(ResultCode.NOT_DRAWN);
        f.closeRegistration();
        assertThat(f.races.closeWaitlist(f.raceId).code()).as("closed, not drawn").isEqualTo(ResultCode.NOT_DRAWN);
        assertRefusalChangesNothing(g ->
        {
            g.enterAll(1, 12, "FULL");
            g.closeRegistration();
        }, g -> g.races.closeWaitlist(g.raceId).code());
    }

    @Test
    void aPlaceFreedAfterTheWaitlistClosedPromotesNobody()
    {
        drawTwelveForTen(f);
        f.races.closeWaitlist(f.raceId);
        final long winner = firstWinner(f);
        assertThat(f.races.withdraw(f.raceId, winner).promotedEntries()).isZero();
        assertThat(f.counts("FULL").holding()).isEqualTo(9);
        f.engine.advanceTo(DUE + 1);
        f.engine.tick();
        assertThat(f.counts("FULL").holding()).as("every unpaid winner lapsed, nobody took a place").isZero();
        assertThat(f.counts("FULL").notSelected()).isEqualTo(2);
    }

    @Test
    void withdrawingALapsedOrNotSelectedEntryIsRefused()
    {
        drawTwelveForTen(f);
        f.races.closeWaitlist(f.raceId);
        final long notSelected = f.entriesWith("FULL", EntryStatus.NOT_SELECTED).get(0);
        assertThat(f.races.withdraw(f.raceId, notSelected).code()).isEqualTo(ResultCode.CLOSED);
        assertRefusalChangesNothing(g ->
        {
            drawTwelveForTen(g);
            g.races.closeWaitlist(g.raceId);
        }, g -> g.races.withdraw(g.raceId, g.entriesWith("FULL", EntryStatus.NOT_SELECTED).get(0)).code());
    }

    // ------------------------------------------------------------------ the race view

    @Test
    void theRaceViewCountsEveryEntryOnceByCategoryAndStatus()
    {
        drawTwelveForTen(f);
        final List<Long> winners = f.entriesWith("FULL", EntryStatus.WON);
        f.pay(winners.get(1));
        f.pay(winners.get(2));
        f.races.withdraw(f.raceId, winners.get(3));
        f.engine.advanceTo(DUE + 1);
        f.engine.tick();

        final RaceDriver.RaceView view = f.races.race(f.raceId);
        assertThat(view.drawn()).isTrue();
        final RaceDriver.CategoryCounts full = f.counts("FULL");
        assertThat(sum(full)).isEqualTo(12);
        assertThat(full.confirmed()).isEqualTo(2);
        assertThat(full.withdrawn()).isEqualTo(1);
        // The withdrawal at the draw promoted position 1 with the same deadline as the winners: at
        // DUE + 1 it lapses with the seven unpaid winners, and position 2 takes a place.
        assertThat(full.lapsed()).isEqualTo(8);
        assertThat(full.won()).isEqualTo(1);
        assertThat(full.waitlisted()).isZero();
        assertThat(full.applied()).isZero();
        final RaceDriver.CategoryCounts half = f.counts("HALF");
        assertThat(sum(half)).isEqualTo(3);
        assertThat(half.lapsed()).isEqualTo(3);
        assertThat(full.holding()).isLessThanOrEqualTo(full.capacity());
    }

    // ------------------------------------------------------------------ helpers

    private static long firstWinnerAmongLapsed(final RaceFixture r)
    {
        return r.entriesWith("FULL", EntryStatus.LAPSED).get(0);
    }

    private static long firstConfirmed(final RaceFixture r)
    {
        return r.entriesWith("FULL", EntryStatus.CONFIRMED).get(0);
    }

    private static int sum(final RaceDriver.CategoryCounts c)
    {
        return c.applied() + c.won() + c.confirmed() + c.waitlisted() + c.lapsed() + c.withdrawn() + c.notSelected();
    }
}
