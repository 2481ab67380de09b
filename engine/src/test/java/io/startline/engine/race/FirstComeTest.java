package io.startline.engine.race;

import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.RaceDriver;
import org.junit.jupiter.api.Test;

import static io.startline.engine.race.RaceFixture.CLOSES_AT;
import static io.startline.engine.race.RaceFixture.HOUR;
import static io.startline.engine.race.RaceFixture.PAYMENT_WINDOW_MS;
import static io.startline.engine.race.RaceFixture.T0;
import static io.startline.engine.race.RaceFixture.assertRefusalChangesNothing;
import static io.startline.engine.race.RaceFixture.open;
import static io.startline.engine.race.RaceFixture.raceWith;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * First-come races (API.md, "In FIRST_COME mode an entry takes a place at once (WON) while places
 * last, then joins the waitlist"): places go at entry time with a payment deadline; a category's
 * reserved places go only to entitled entrants while registration is open and to the waitlist
 * once it closes; a lapse or a withdrawal offers the place to the first waiting entrant who may
 * take it.
 * <p>
 * In HALF (six places, LOCAL 1) an entrant without entitlement can take five places while
 * registration is open. Users and entry ids coincide.
 */
class FirstComeTest
{
    private final RaceFixture f = RaceFixture.firstCome();

    @Test
    void entriesTakePlacesAtOnceUntilTheCategoryIsFullThenWait()
    {
        final RaceFixture r = new RaceFixture(raceWith(open("OPEN", 3)).withMode(RaceMode.FIRST_COME));
        for (int user = 1; user <= 3; user++)
        {
            final RaceDriver.Submitted submitted = r.submit(r.entry(user, "OPEN"));
            assertThat(submitted.code()).isEqualTo(ResultCode.OK);
            assertThat(submitted.status()).isEqualTo(EntryStatus.WON);
            assertThat(submitted.paymentDueAt()).isEqualTo(T0 + PAYMENT_WINDOW_MS);
            assertThat(submitted.waitlistPosition()).isZero();
            assertThat(r.own(user).pool()).isEqualTo("GENERAL");
        }
        final RaceDriver.Submitted fourth = r.submit(r.entry(4, "OPEN"));
        assertThat(fourth.status()).isEqualTo(EntryStatus.WAITLISTED);
        assertThat(fourth.paymentDueAt()).isNull();
        assertThat(fourth.waitlistPosition()).isEqualTo(1);
        assertThat(r.submit(r.entry(5, "OPEN")).waitlistPosition()).isEqualTo(2);
        assertThat(r.own(5).status()).isEqualTo(EntryStatus.WAITLISTED);
        assertThat(r.counts("OPEN").won()).isEqualTo(3);
        assertThat(r.counts("OPEN").waitlisted()).isEqualTo(2);
    }

    @Test
    void theDeadlineCountsFromTheEntry()
    {
        f.engine.advanceTo(T0 + 5 * HOUR);
        assertThat(f.submit(f.entry(1)).paymentDueAt()).isEqualTo(T0 + 5 * HOUR + PAYMENT_WINDOW_MS);
        assertThat(f.pay(1).code()).isEqualTo(ResultCode.OK);
        assertThat(f.own(1).bib()).isEqualTo(1001);
    }

    @Test
    void reservedPlacesGoOnlyToEntitledEntrantsWhileRegistrationIsOpen()
    {
        f.grant("LOCAL", 0, 7, 8);
        f.enterAll(1, 5, "HALF");
        final RaceDriver.Submitted sixth = f.submit(f.entry(6, "HALF"));
        assertThat(sixth.status()).as("one place left, but it is LOCAL's").isEqualTo(EntryStatus.WAITLISTED);
        assertThat(sixth.waitlistPosition()).isEqualTo(1);

        final RaceDriver.Submitted local = f.submit(f.entry(7, "HALF"));
        assertThat(local.status()).isEqualTo(EntryStatus.WON);
        assertThat(f.own(7).pool()).isEqualTo("LOCAL");

        final RaceDriver.Submitted secondLocal = f.submit(f.entry(8, "HALF"));
        assertThat(secondLocal.status()).as("LOCAL's one place is taken").isEqualTo(EntryStatus.WAITLISTED);
        assertThat(secondLocal.waitlistPosition()).isEqualTo(2);
        assertThat(f.counts("HALF").won()).isEqualTo(6);
    }

    @Test
    void anEntitledEntrantTakesAGuaranteedPlaceBeforeAnotherPool()
    {
        f.grant("ELITE", 0, 1);
        f.grant("LOCAL", 0, 1);
        f.enter(1);
        assertThat(f.own(1).pool()).isEqualTo("ELITE");
    }

    @Test
    void aReservedPlaceFreedWhileOpenGoesToTheFirstEntitledEntrantWaiting()
    {
        f.grant("LOCAL", 0, 7, 8);
        f.enterAll(1, 8, "HALF");
        assertThat(f.own(6).status()).isEqualTo(EntryStatus.WAITLISTED);
        assertThat(f.own(8).status()).isEqualTo(EntryStatus.WAITLISTED);

        final RaceDriver.Withdrawn withdrawn = f.races.withdraw(f.raceId, 7);
        assertThat(withdrawn.promotedEntries()).isEqualTo(1);
        assertThat(f.own(8).status()).as("entitled to LOCAL").isEqualTo(EntryStatus.WON);
        assertThat(f.own(6).status()).as("first in line, but not entitled").isEqualTo(EntryStatus.WAITLISTED);
    }

    @Test
    void aGeneralPlaceFreedWhileOpenGoesToTheFirstWaiting()
    {
        f.enterAll(1, 7, "HALF");
        final RaceDriver.Withdrawn withdrawn = f.races.withdraw(f.raceId, 3);
        assertThat(withdrawn.promotedEntries()).isEqualTo(1);
        assertThat(f.own(6).status()).isEqualTo(EntryStatus.WON);
        assertThat(f.own(6).paymentDueAt()).isEqualTo(f.engine.nowMs() + PAYMENT_WINDOW_MS);
        assertThat(f.own(7).status()).isEqualTo(EntryStatus.WAITLISTED);
    }

    @Test
    void afterCloseUnusedReservedPlacesGoToTheWaitlist()
    {
        f.engine.advanceTo(CLOSES_AT - HOUR);
        f.enterAll(1, 7, "HALF");
        assertThat(f.counts("HALF").won()).isEqualTo(5);

        f.closeRegistration();
        final RaceDriver.EntryView promoted = f.own(6);
        assertThat(promoted.status()).isEqualTo(EntryStatus.WON);
        assertThat(promoted.pool()).isEqualTo("WAITLIST");
        assertThat(promoted.paymentDueAt()).isEqualTo(CLOSES_AT + PAYMENT_WINDOW_MS);
        assertThat(promoted.waitlistPosition()).isEqualTo(1);
        assertThat(f.own(7).status()).isEqualTo(EntryStatus.WAITLISTED);
        assertThat(f.counts("HALF").won()).isEqualTo(6);
    }

    @Test
    void aLapsePromotesTheFirstWaitlistedEntry()
    {
        f.enterAll(1, 7, "HALF");
        for (long entry = 2; entry <= 5; entry++)
        {
            f.pay(entry);
        }
        final long due = T0 + PAYMENT_WINDOW_MS;
        f.engine.advanceTo(due);
        f.engine.tick();
        assertThat(f.own(1).status()).as("at the deadline").isEqualTo(EntryStatus.WON);

        f.engine.advanceTo(due + 1);
        f.engine.tick();
        assertThat(f.own(1).status()).as("one millisecond after the deadline, registration still open")
            .isEqualTo(EntryStatus.LAPSED);
        assertThat(f.own(6).status()).isEqualTo(EntryStatus.WON);
        assertThat(f.own(6).paymentDueAt()).isEqualTo(due + 1 + PAYMENT_WINDOW_MS);
        assertThat(f.own(7).status()).isEqualTo(EntryStatus.WAITLISTED);
    }

    @Test
    void anUnpaidWinnerCannotPayAfterTheDeadlineWhileRegistrationIsOpen()
    {
        f.enter(1);
        f.engine.advanceTo(T0 + PAYMENT_WINDOW_MS + 1);
        assertThat(f.pay(1).code()).isEqualTo(ResultCode.EXPIRED);
    }

    @Test
    void aLapseAfterClosePromotesTheFirstWaitlistedEntry()
    {
        final long enteredAt = CLOSES_AT - HOUR;
        f.engine.advanceTo(enteredAt);
        f.enterAll(1, 8, "HALF");
        for (long entry = 2; entry <= 5; entry++)
        {
            f.pay(entry);
        }
        f.closeRegistration();
        assertThat(f.own(6).status()).as("LOCAL's unused place").isEqualTo(EntryStatus.WON);
        f.pay(6);

        final long due = enteredAt + PAYMENT_WINDOW_MS;
        f.engine.advanceTo(due + 1);
        f.engine.tick();
        assertThat(f.own(1).status()).isEqualTo(EntryStatus.LAPSED);
        assertThat(f.own(7).status()).isEqualTo(EntryStatus.WON);
        assertThat(f.own(7).pool()).isEqualTo("WAITLIST");
        assertThat(f.own(7).paymentDueAt()).isEqualTo(due + 1 + PAYMENT_WINDOW_MS);
        assertThat(f.own(8).status()).isEqualTo(EntryStatus.WAITLISTED);
    }

    @Test
    void theWaitlistClosesOnlyAfterRegistration()
    {
        enterSevenInHalfJustBeforeClose(f);
        assertThat(f.races.closeWaitlist(f.raceId).code()).isEqualTo(ResultCode.NOT_DRAWN);
        assertRefusalChangesNothing(RaceFixture::firstCome, FirstComeTest::enterSevenInHalfJustBeforeClose,
            g -> g.races.closeWaitlist(g.raceId).code());
        f.closeRegistration();
        assertThat(f.own(6).status()).as("LOCAL's unused place").isEqualTo(EntryStatus.WON);
        final RaceDriver.Result closed = f.races.closeWaitlist(f.raceId);
        assertThat(closed.code()).isEqualTo(ResultCode.OK);
        assertThat(f.own(7).status()).isEqualTo(EntryStatus.NOT_SELECTED);
    }

    /** Seven entrants for HALF an hour before close: five places now, two waiting. */
    private static void enterSevenInHalfJustBeforeClose(final RaceFixture r)
    {
        r.engine.advanceTo(CLOSES_AT - HOUR);
        r.enterAll(1, 7, "HALF");
    }
}
