package io.startline.engine.race;

import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.testkit.RaceDriver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.startline.engine.race.RaceFixture.MAX_GROUP_SIZE;
import static io.startline.engine.race.RaceFixture.assertRefusalChangesNothing;
import static io.startline.engine.race.RaceFixture.entryIn;
import static io.startline.engine.race.RaceFixture.lotteryRace;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Groups (API.md, POST /api/races/{raceId}/groups; BALLOT.md, "Units"): the code's form, members
 * joining by naming it, GROUP_FULL past maxGroupSize, GROUP_CATEGORY_MISMATCH, codes that are
 * unknown, malformed or another race's, WRONG_MODE in a first-come race, the all-or-none draw
 * of a group, a member leaving before close, and codes that are not counters. Each refusal
 * changes nothing.
 */
class GroupTest
{
    private static final String CODE_FORM = "G[0-9A-HJKMNP-TV-Z]{13}";

    private final RaceFixture f = new RaceFixture();

    @Test
    void aNewGroupHasACodeOfGAndThirteenBase32Digits()
    {
        final RaceDriver.Group created = f.races.createGroup(f.raceId, 1, "FULL");
        assertThat(created.code()).isEqualTo(ResultCode.OK);
        assertThat(created.groupCode()).matches(CODE_FORM);
    }

    @Test
    void membersJoinAGroupByNamingItsCode()
    {
        final String code = f.group(1, "FULL");
        final long first = f.enter(f.entry(1).withGroup(code));
        final long second = f.enter(f.entry(2).withGroup(code));
        final long third = f.enter(f.entry(3).withGroup(code));
        f.enter(4);
        f.closeRegistration();

        final Map<Long, RaceDriver.ResultRow> rows = f.rows();
        for (final long member : List.of(first, second, third))
        {
            assertThat(rows.get(member).groupCode()).isEqualTo(code);
            assertThat(rows.get(member).unitId()).as("the smallest member id").isEqualTo(first);
        }
        assertThat(rows.get(4L).groupCode()).isEmpty();
        assertThat(rows.get(4L).unitId()).isEqualTo(4);
    }

    @Test
    void theCreatorNeedNotJoinTheirOwnGroup()
    {
        final String code = f.group(9, "FULL");
        assertThat(f.submit(f.entry(1).withGroup(code)).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void aGroupCodeIsReadWithoutRegardToCase()
    {
        final String code = f.group(1, "FULL");
        assertThat(f.submit(f.entry(1).withGroup(code.toLowerCase())).code()).isEqualTo(ResultCode.OK);
        f.closeRegistration();
        assertThat(f.row(1).groupCode()).isEqualTo(code);
    }

    @Test
    void aGroupIsFullAtMaxGroupSize()
    {
        final String code = f.group(1, "FULL");
        for (int user = 1; user <= MAX_GROUP_SIZE; user++)
        {
            f.enter(f.entry(user).withGroup(code));
        }
        assertThat(f.submit(f.entry(5).withGroup(code)).code()).isEqualTo(ResultCode.GROUP_FULL);
        assertRefusalChangesNothing(g ->
        {
            final String c = g.group(1, "FULL");
            for (int user = 1; user <= MAX_GROUP_SIZE; user++)
            {
                g.enter(g.entry(user).withGroup(c));
            }
        }, g -> g.submit(g.entry(5).withGroup(g.lastGroup)).code());
    }

    @Test
    void aMemberWhoWithdrewBeforeCloseFreesTheirPlaceInTheGroup()
    {
        final String code = f.group(1, "FULL");
        for (int user = 1; user <= MAX_GROUP_SIZE; user++)
        {
            f.enter(f.entry(user).withGroup(code));
        }
        f.races.withdraw(f.raceId, 2);
        assertThat(f.submit(f.entry(5).withGroup(code)).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void anEntryInAnotherCategoryThanItsGroupIsRefused()
    {
        final String code = f.group(1, "FULL");
        final RaceDriver.Submitted refused = f.submit(f.entry(1, "HALF").withGroup(code));
        assertThat(refused.code()).isEqualTo(ResultCode.GROUP_CATEGORY_MISMATCH);
        assertRefusalChangesNothing(g -> g.group(1, "FULL"),
            g -> g.submit(g.entry(1, "HALF").withGroup(g.lastGroup)).code());
    }

    @Test
    void aMadeUpGroupCodeIsNotFound()
    {
        f.group(1, "FULL");
        final RaceDriver.Submitted refused = f.submit(f.entry(1).withGroup("G7777777777777"));
        assertThat(refused.code()).isEqualTo(ResultCode.GROUP_NOT_FOUND);
        assertRefusalChangesNothing(g -> g.group(1, "FULL"),
            g -> g.submit(g.entry(1).withGroup("G7777777777777")).code());
    }

    @Test
    void aMalformedGroupCodeIsAnInvalidArgument()
    {
        for (final String malformed : List.of("HELLO", "G123", "GZ000000000000", "G00000000000000", "X0000000000000",
            "G00000000000U0"))
        {
            final RaceDriver.Submitted refused = f.submit(f.entry(1).withGroup(malformed));
            assertThat(refused.code()).as(malformed).isEqualTo(ResultCode.INVALID_ARGUMENT);
            assertThat(refused.field()).as(malformed).isEqualTo("groupCode");
            assertRefusalChangesNothing(g -> { }, g -> g.submit(g.entry(1).withGroup(malformed)).code());
        }
    }

    @Test
    void anotherRacesGroupIsNotFound()
    {
        final long other = f.races.createRace(lotteryRace()).id();
        final RaceDriver.Group elsewhere = f.races.createGroup(other, 1, "FULL");
        assertThat(elsewhere.code()).isEqualTo(ResultCode.OK);
        assertThat(f.submit(f.entry(1).withGroup(elsewhere.groupCode())).code()).isEqualTo(ResultCode.GROUP_NOT_FOUND);
        assertThat(f.submit(entryIn(other, 1, "FULL").withGroup(elsewhere.groupCode())).code())
            .as("in its own race").isEqualTo(ResultCode.OK);
        assertRefusalChangesNothing(g ->
        {
            final long o = g.races.createRace(lotteryRace()).id();
            g.lastGroup = g.races.createGroup(o, 1, "FULL").groupCode();
        }, g -> g.submit(g.entry(1).withGroup(g.lastGroup)).code());
    }

    @Test
    void aGroupForAnUnknownRaceOrCategoryIsRefused()
    {
        assertThat(f.races.createGroup(999, 1, "FULL").code()).isEqualTo(ResultCode.RACE_NOT_FOUND);
        assertThat(f.races.createGroup(f.raceId, 1, "TRAIL").code()).isEqualTo(ResultCode.CATEGORY_NOT_FOUND);
        assertRefusalChangesNothing(g -> { }, g -> g.races.createGroup(g.raceId, 1, "TRAIL").code());
    }

    @Test
    void aFirstComeRaceHasNoGroups()
    {
        final RaceFixture firstCome = RaceFixture.firstCome();
        assertThat(firstCome.races.createGroup(firstCome.raceId, 1, "FULL").code()).isEqualTo(ResultCode.WRONG_MODE);
        assertRefusalChangesNothing(RaceFixture::firstCome, g -> { },
            g -> g.races.createGroup(g.raceId, 1, "FULL").code());
    }

    @Test
    void aGroupIsNotCreatedAfterRegistrationCloses()
    {
        f.closeRegistration();
        assertThat(f.races.createGroup(f.raceId, 1, "FULL").code()).isEqualTo(ResultCode.CLOSED);
        assertRefusalChangesNothing(RaceFixture::closeRegistration,
            g -> g.races.createGroup(g.raceId, 1, "FULL").code());
    }

    // ------------------------------------------------------------------ the draw

    @Test
    void aGroupIsDrawnAllOrNone()
    {
        // Four groups of three and ten single entries compete for FULL's ten places.
        final List<List<Long>> groups = new ArrayList<>();
        int user = 1;
        for (int g = 0; g < 4; g++)
        {
            final String code = f.group(user, "FULL");
            final List<Long> members = new ArrayList<>();
            for (int m = 0; m < 3; m++)
            {
                members.add(f.enter(f.entry(user++).withGroup(code)));
            }
            groups.add(members);
        }
        f.enterAll(user, user + 9, "FULL");
        f.draw();

        final Map<Long, RaceDriver.ResultRow> rows = f.rows();
        for (final List<Long> members : groups)
        {
            final RaceDriver.ResultRow first = rows.get(members.get(0));
            for (final long member : members)
            {
                final RaceDriver.ResultRow row = rows.get(member);
                assertThat(row.status()).as("status of %d", member).isEqualTo(first.status());
                assertThat(row.drawRank()).as("drawRank of %d", member).isEqualTo(first.drawRank());
                assertThat(row.waitlistPosition()).as("waitlist position of %d", member)
                    .isEqualTo(first.waitlistPosition());
                assertThat(row.pool()).isEqualTo(first.pool());
            }
        }
        assertThat(rows.values().stream().filter(r -> r.status() == EntryStatus.WON).count()).isEqualTo(10);
    }

    @Test
    void aGroupWhoseMemberWithdrewBeforeCloseIsDrawnWithTheRest()
    {
        final String code = f.group(1, "FULL");
        final long first = f.enter(f.entry(1).withGroup(code));
        final long second = f.enter(f.entry(2).withGroup(code));
        final long third = f.enter(f.entry(3).withGroup(code));
        f.enterAll(4, 14, "FULL");
        f.races.withdraw(f.raceId, 1);
        f.closeRegistration();

        assertThat(f.row(second).unitId()).as("the smallest remaining id").isEqualTo(second);
        assertThat(f.row(third).unitId()).isEqualTo(second);
        assertThat(f.row(first).inEntryList()).isFalse();

        f.draw();
        final RaceDriver.ResultRow a = f.row(second);
        final RaceDriver.ResultRow b = f.row(third);
        assertThat(a.status()).isIn(EntryStatus.WON, EntryStatus.WAITLISTED);
        assertThat(b.status()).isEqualTo(a.status());
        assertThat(b.drawRank()).isEqualTo(a.drawRank()).isPositive();
        assertThat(b.waitlistPosition()).isEqualTo(a.waitlistPosition());
        assertThat(f.row(first).status()).isEqualTo(EntryStatus.WITHDRAWN);
        assertThat(f.row(first).drawRank()).isZero();
    }

    @Test
    void groupCodesAreNotCounters()
    {
        final List<String> codes = new ArrayList<>();
        for (int user = 1; user <= 8; user++)
        {
            codes.add(f.group(user, user % 2 == 0 ? "FULL" : "HALF"));
        }
        final Set<String> distinct = new HashSet<>(codes);
        assertThat(distinct).hasSize(codes.size());
        for (int i = 1; i < codes.size(); i++)
        {
            assertThat(differingDigits(codes.get(i - 1), codes.get(i)))
                .as("digits differing between %s and %s", codes.get(i - 1), codes.get(i))
                .isGreaterThanOrEqualTo(8);
        }
    }

    private static int differingDigits(final String a, final String b)
    {
        int differing = 0;
        for (int i = 1; i < a.length(); i++)
        {
            if (a.charAt(i) != b.charAt(i))
            {
                differing++;
            }
        }
        return differing;
    }
}
