package io.startline.engine.race;

import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.Gender;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.RaceDriver;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import static io.startline.engine.race.RaceFixture.CLOSES_AT;
import static io.startline.engine.race.RaceFixture.DAY;
import static io.startline.engine.race.RaceFixture.PAYMENT_WINDOW_MS;
import static io.startline.engine.race.RaceFixture.RACE_DATE;
import static io.startline.engine.race.RaceFixture.T0;
import static io.startline.engine.race.RaceFixture.assertRefusalChangesNothing;
import static io.startline.engine.race.RaceFixture.entryIn;
import static io.startline.engine.race.RaceFixture.lotteryRace;
import static io.startline.engine.race.RaceFixture.open;
import static io.startline.engine.race.RaceFixture.race;
import static io.startline.engine.race.RaceFixture.raceWith;
import static io.startline.engine.race.RaceFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entering a race (API.md, POST /api/races/{raceId}/entries, GET and DELETE …/entries/me): the
 * registration window [opensAt, closesAt), one entry per person and per user, age on race day,
 * field checks, unknown race and category, the engine's entry limit, the own-entry view, and
 * withdrawing before the list freezes. Each refusal changes nothing.
 */
class EntryTest
{
    private final RaceFixture f = new RaceFixture();

    // ------------------------------------------------------------------ the window

    @Test
    void anEntryInsideTheWindowIsApplied()
    {
        final RaceDriver.Submitted submitted = f.submit(f.entry(1));
        assertThat(submitted.code()).isEqualTo(ResultCode.OK);
        assertThat(submitted.entryId()).isEqualTo(1);
        assertThat(submitted.status()).isEqualTo(EntryStatus.APPLIED);
        assertThat(submitted.paymentDueAt()).as("a lottery entry has nothing to pay yet").isNull();
        assertThat(submitted.waitlistPosition()).isZero();
        assertThat(f.submit(f.entry(2, "HALF")).entryId()).isEqualTo(2);
    }

    @Test
    void anEntryBeforeTheWindowOpensIsNotOpen()
    {
        final RaceDriver.Race later = race("Autumn", RACE_DATE, T0 + DAY, CLOSES_AT, PAYMENT_WINDOW_MS,
            List.of(RaceFixture.FULL));
        final long laterId = f.races.createRace(later).id();
        assertThat(f.submit(entryIn(laterId, 1, "FULL")).code()).isEqualTo(ResultCode.NOT_OPEN);
        f.engine.advanceTo(T0 + DAY - 1);
        assertThat(f.submit(entryIn(laterId, 1, "FULL")).code()).isEqualTo(ResultCode.NOT_OPEN);
        assertRefusalChangesNothing(g -> g.races.createRace(later),
            g -> g.submit(entryIn(laterId, 1, "FULL")).code());
        f.engine.advanceTo(T0 + DAY);
        assertThat(f.submit(entryIn(laterId, 1, "FULL")).code()).as("from the opening millisecond")
            .isEqualTo(ResultCode.OK);
    }

    @Test
    void registrationClosesAtExactlyClosesAt()
    {
        f.engine.advanceTo(CLOSES_AT - 1);
        assertThat(f.submit(f.entry(1)).code()).as("the last millisecond").isEqualTo(ResultCode.OK);
        f.engine.advanceTo(CLOSES_AT);
        assertThat(f.submit(f.entry(2)).code()).isEqualTo(ResultCode.CLOSED);
        assertRefusalChangesNothing(g -> g.engine.advanceTo(CLOSES_AT), g -> g.submit(g.entry(2)).code());
    }

    @Test
    void anEntryAfterTheWindowClosedIsRefused()
    {
        f.engine.advanceTo(CLOSES_AT + 5 * DAY);
        assertThat(f.submit(f.entry(1)).code()).isEqualTo(ResultCode.CLOSED);
    }

    // ------------------------------------------------------------------ one entry per person, one per user

    @Test
    void aPersonAlreadyEnteredIsRefusedInAnyCategory()
    {
        f.enter(1);
        final RaceDriver.Entry samePerson = f.entry(1, "HALF").withUser(2);
        final RaceDriver.Submitted refused = f.submit(samePerson);
        assertThat(refused.code()).isEqualTo(ResultCode.DUPLICATE_PERSON);
        assertThat(f.submit(f.entry(1).withUser(2)).code()).as("and in the same category")
            .isEqualTo(ResultCode.DUPLICATE_PERSON);
        assertRefusalChangesNothing(g -> g.enter(1), g -> g.submit(g.entry(1, "HALF").withUser(2)).code());
    }

    @Test
    void aUserWithAnEntryCannotEnterAnotherPerson()
    {
        f.enter(1);
        final RaceDriver.Entry otherPerson = f.entry(2).withUser(1);
        assertThat(f.submit(otherPerson).code()).isEqualTo(ResultCode.ALREADY_ENTERED);
        assertRefusalChangesNothing(g -> g.enter(1), g -> g.submit(g.entry(2).withUser(1)).code());
    }

    @Test
    void theSamePersonMayEnterADifferentRace()
    {
        f.enter(1);
        final long other = f.races.createRace(lotteryRace()).id();
        final RaceDriver.Submitted submitted = f.submit(entryIn(other, 1, "FULL"));
        assertThat(submitted.code()).isEqualTo(ResultCode.OK);
        assertThat(submitted.status()).isEqualTo(EntryStatus.APPLIED);
    }

    // ------------------------------------------------------------------ age on race day

    @Test
    void theYoungestAdmittedHasTheirMinimumAgeBirthdayOnRaceDay()
    {
        assertThat(f.submit(f.entry(1).withBirthDate(RACE_DATE.minusYears(18))).code())
            .as("18 on race day").isEqualTo(ResultCode.OK);
        final RaceDriver.Entry oneDayShort = f.entry(2).withBirthDate(RACE_DATE.minusYears(18).plusDays(1));
        assertThat(f.submit(oneDayShort).code()).as("18 the day after the race").isEqualTo(ResultCode.AGE_NOT_ELIGIBLE);
        assertRefusalChangesNothing(g -> { }, g -> g.submit(oneDayShort).code());
        assertThat(f.submit(f.entry(3, "HALF").withBirthDate(RACE_DATE.minusYears(16))).code())
            .as("HALF's own minimum, 16").isEqualTo(ResultCode.OK);
    }

    @Test
    void theOldestAdmittedIsAtTheMaximumAgeOnRaceDay()
    {
        assertThat(f.submit(f.entry(1).withBirthDate(RACE_DATE.minusYears(81).plusDays(1))).code())
            .as("still 80 on race day, 81 the day after").isEqualTo(ResultCode.OK);
        final RaceDriver.Entry tooOld = f.entry(2).withBirthDate(RACE_DATE.minusYears(81));
        assertThat(f.submit(tooOld).code()).as("81 on race day").isEqualTo(ResultCode.AGE_NOT_ELIGIBLE);
        assertRefusalChangesNothing(g -> { }, g -> g.submit(tooOld).code());
    }

    @Test
    void aTwentyNinthOfFebruaryBirthdayComesOfAgeOnTheFirstOfMarchInCommonYears()
    {
        final LocalDate leapBirthday = LocalDate.of(2008, 2, 29);
        final long onFebruary28 = f.races.createRace(race("Leap A", LocalDate.of(2027, 2, 28), T0, CLOSES_AT,
            PAYMENT_WINDOW_MS, List.of(withAges("ADULT", 19, 80)))).id();
        final long onMarch1 = f.races.createRace(race("Leap B", LocalDate.of(2027, 3, 1), T0, CLOSES_AT,
            PAYMENT_WINDOW_MS, List.of(withAges("ADULT", 19, 80)))).id();
        assertThat(f.submit(entryIn(onFebruary28, 1, "ADULT").withBirthDate(leapBirthday)).code())
            .as("18 on 28 February 2027").isEqualTo(ResultCode.AGE_NOT_ELIGIBLE);
        assertThat(f.submit(entryIn(onMarch1, 1, "ADULT").withBirthDate(leapBirthday)).code())
            .as("19 on 1 March 2027").isEqualTo(ResultCode.OK);

        final long leapRace = f.races.createRace(race("Leap C", LocalDate.of(2028, 2, 29), T0, CLOSES_AT,
            PAYMENT_WINDOW_MS, List.of(withAges("ADULT", 20, 80)))).id();
        assertThat(f.submit(entryIn(leapRace, 2, "ADULT").withBirthDate(leapBirthday)).code())
            .as("20 on 29 February 2028").isEqualTo(ResultCode.OK);
    }

    // ------------------------------------------------------------------ field checks

    @Test
    void aZeroUserIdIsRefused()
    {
        assertInvalid(f.entry(1).withUser(0), "userId");
    }

    @Test
    void anAllZeroPersonKeyIsRefused()
    {
        final RaceDriver.Entry e = f.entry(1);
        assertInvalid(new RaceDriver.Entry(e.raceId(), e.userId(), e.categoryCode(), null, 0, 0, e.gender(),
            e.birthDate(), e.name(), e.phone()), "personId");
        assertThat(f.submit(new RaceDriver.Entry(e.raceId(), e.userId(), e.categoryCode(), null, 0, 1, e.gender(),
            e.birthDate(), e.name(), e.phone())).code()).as("one half zero is still a key").isEqualTo(ResultCode.OK);
    }

    @Test
    void aBlankNameIsRefused()
    {
        assertInvalid(f.entry(1).withName(""), "name");
        assertInvalid(f.entry(1).withName("   "), "name");
    }

    @Test
    void aNameLongerThanSixtyFourBytesIsRefused()
    {
        assertInvalid(f.entry(1).withName("N".repeat(65)), "name");
        assertInvalid(f.entry(1).withName("张".repeat(22)), "name");
        assertThat(f.submit(f.entry(1).withName("N".repeat(64))).code()).isEqualTo(ResultCode.OK);
        assertThat(f.submit(f.entry(2).withName("张".repeat(21))).code()).as("63 bytes of UTF-8")
            .isEqualTo(ResultCode.OK);
    }

    @Test
    void aNameWithControlCharactersIsRefused()
    {
        assertInvalid(f.entry(1).withName("Ann\u0007Lee"), "name");
        assertInvalid(f.entry(1).withName("Ann\nLee"), "name");
    }

    @Test
    void aNameThatIsNotUtf8IsRefused()
    {
        final byte[] latin1 = {'J', 'o', (byte)0xEB, 'l'};
        final byte[] truncated = {'A', (byte)0xE5, (byte)0xBC};
        final byte[] overlong = {'A', (byte)0xC0, (byte)0xAF};
        for (final byte[] name : List.of(latin1, truncated, overlong))
        {
            final RaceDriver.Result result = f.submitRaw(f.entry(1), name, Gender.F.value());
            assertThat(result.code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
            assertThat(result.field()).isEqualTo("name");
            assertRefusalChangesNothing(g -> { }, g -> g.submitRaw(g.entry(1), name, Gender.F.value()).code());
        }
        assertThat(f.submitRaw(f.entry(1), utf8("Zoë 李"), Gender.F.value()).code())
            .as("well-formed UTF-8 through the same path").isEqualTo(ResultCode.OK);
    }

    @Test
    void aPhoneTooShortTooLongOrWithLettersIsRefused()
    {
        assertInvalid(f.entry(1).withPhone("1234"), "phone");
        assertInvalid(f.entry(1).withPhone("1".repeat(21)), "phone");
        assertInvalid(f.entry(1).withPhone("138ABC12345"), "phone");
        assertInvalid(f.entry(1).withPhone(""), "phone");
        assertThat(f.submit(f.entry(1).withPhone("+8613800138000")).code()).isEqualTo(ResultCode.OK);
        assertThat(f.submit(f.entry(2).withPhone("12345")).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void aBirthDateOnOrAfterRaceDayIsRefused()
    {
        assertInvalid(f.entry(1).withBirthDate(RACE_DATE.plusDays(1)), "birthDate");
        assertInvalid(f.entry(1).withBirthDate(RACE_DATE), "birthDate");
    }

    @Test
    void anUndefinedGenderIsRefused()
    {
        final RaceDriver.Result result = f.submitRaw(f.entry(1), utf8("Runner 1"), 7);
        assertThat(result.code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(result.field()).isEqualTo("gender");
        assertRefusalChangesNothing(g -> { }, g -> g.submitRaw(g.entry(1), utf8("Runner 1"), 7).code());
        assertThat(f.submitRaw(f.entry(1), utf8("Runner 1"), Gender.M.value()).code()).isEqualTo(ResultCode.OK);
    }

    // ------------------------------------------------------------------ unknown race and category, limits

    @Test
    void anEntryForAnUnknownRaceIsRefused()
    {
        assertThat(f.submit(entryIn(999, 1, "FULL")).code()).isEqualTo(ResultCode.RACE_NOT_FOUND);
        assertRefusalChangesNothing(g -> { }, g -> g.submit(entryIn(999, 1, "FULL")).code());
    }

    @Test
    void anEntryForAnUnknownCategoryIsRefused()
    {
        assertThat(f.submit(f.entry(1, "TRAIL")).code()).isEqualTo(ResultCode.CATEGORY_NOT_FOUND);
        assertRefusalChangesNothing(g -> { }, g -> g.submit(g.entry(1, "TRAIL")).code());
    }

    @Test
    void entriesPastTheEngineLimitAreRefused()
    {
        final RaceDriver.Race small = raceWith(open("FULL", 3), open("HALF", 3));
        final RaceFixture limited = new RaceFixture(EngineDriver.smallContext().maxEntries(3), small);
        limited.enterAll(1, 3, "FULL");
        assertThat(limited.submit(limited.entry(4, "HALF")).code()).isEqualTo(ResultCode.CAPACITY_REACHED);
        assertRefusalChangesNothing(() -> new RaceFixture(EngineDriver.smallContext().maxEntries(3), small),
            g -> g.enterAll(1, 3, "FULL"), g -> g.submit(g.entry(4, "HALF")).code());
    }

    @Test
    void aLotteryAcceptsMoreEntriesThanPlaces()
    {
        f.enterAll(1, 25, "FULL");
        assertThat(f.counts("FULL").applied()).isEqualTo(25);
    }

    // ------------------------------------------------------------------ the own entry

    @Test
    void theOwnEntryShowsItsStatusAndCategory()
    {
        final long entryId = f.enter(7, "HALF");
        final RaceDriver.EntryView view = f.own(7);
        assertThat(view.code()).isEqualTo(ResultCode.OK);
        assertThat(view.entryId()).isEqualTo(entryId);
        assertThat(view.categoryCode()).isEqualTo("HALF");
        assertThat(view.status()).isEqualTo(EntryStatus.APPLIED);
        assertThat(view.pool()).isEmpty();
        assertThat(view.paymentDueAt()).isNull();
        assertThat(view.waitlistPosition()).isZero();
        assertThat(view.bib()).isZero();
        assertThat(view.drawRank()).isZero();
    }

    @Test
    void aUserWithoutAnEntryHasNone()
    {
        f.enter(1);
        assertThat(f.own(2).code()).isEqualTo(ResultCode.ENTRY_NOT_FOUND);
        assertThat(f.races.ownEntry(999, 1).code()).isEqualTo(ResultCode.RACE_NOT_FOUND);
    }

    // ------------------------------------------------------------------ withdrawing before the draw

    @Test
    void anEntryWithdrawnWhileOpenLeavesTheFrozenList()
    {
        f.enter(1);
        final long withdrawn = f.enter(2);
        f.enter(3, "HALF");
        final RaceDriver.Withdrawn result = f.races.withdraw(f.raceId, 2);
        assertThat(result.code()).isEqualTo(ResultCode.OK);
        assertThat(result.entryId()).isEqualTo(withdrawn);
        assertThat(result.promotedEntries()).isZero();
        assertThat(f.own(2).status()).isEqualTo(EntryStatus.WITHDRAWN);

        f.closeRegistration();
        assertThat(f.races.ballot(f.raceId).entries()).as("entries in the frozen list").isEqualTo(2);
        assertThat(f.row(withdrawn).inEntryList()).isFalse();
        assertThat(f.row(1).inEntryList()).isTrue();
        f.draw();
        assertThat(f.own(2).status()).as("not drawn").isEqualTo(EntryStatus.WITHDRAWN);
        assertThat(f.own(2).drawRank()).isZero();
    }

    @Test
    void withdrawingTwiceAnswersOkAgain()
    {
        final long entryId = f.enter(1);
        f.races.withdraw(f.raceId, 1);
        final RaceDriver.Withdrawn again = f.races.withdraw(f.raceId, 1);
        assertThat(again.code()).isEqualTo(ResultCode.OK);
        assertThat(again.entryId()).isEqualTo(entryId);
        assertThat(f.counts("FULL").withdrawn()).isEqualTo(1);
    }

    @Test
    void withdrawingAfterCloseButBeforeTheDrawIsClosed()
    {
        f.enter(1);
        f.closeRegistration();
        assertThat(f.races.withdraw(f.raceId, 1).code()).isEqualTo(ResultCode.CLOSED);
        assertThat(f.own(1).status()).isEqualTo(EntryStatus.APPLIED);
        assertRefusalChangesNothing(g ->
        {
            g.enter(1);
            g.closeRegistration();
        }, g -> g.races.withdraw(g.raceId, 1).code());
    }

    @Test
    void withdrawingWithoutAnEntryIsRefused()
    {
        f.enter(1);
        assertThat(f.races.withdraw(f.raceId, 2).code()).isEqualTo(ResultCode.ENTRY_NOT_FOUND);
        assertThat(f.races.withdraw(999, 1).code()).isEqualTo(ResultCode.RACE_NOT_FOUND);
        assertRefusalChangesNothing(g -> g.enter(1), g -> g.races.withdraw(g.raceId, 2).code());
    }

    // ------------------------------------------------------------------ helpers

    private void assertInvalid(final RaceDriver.Entry entry, final String field)
    {
        final RaceDriver.Submitted submitted = f.submit(entry);
        assertThat(submitted.code()).as("refusal of %s", field).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(submitted.field()).isEqualTo(field);
        final Function<RaceFixture, ResultCode> refused = g -> g.submit(entry).code();
        assertRefusalChangesNothing(g -> { }, refused);
    }

    private static RaceDriver.Category withAges(final String code, final int minAge, final int maxAge)
    {
        return new RaceDriver.Category(code, 10, 0, minAge, maxAge, 1, List.of());
    }
}
