package io.startline.engine.race;

import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.Gender;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.CivilDates;
import io.startline.engine.support.Ids;

/**
 * Submits an entry: checks the request whole, then adds the entry to its race's list (and its
 * group). A lottery entry waits for the draw; a first-come entry takes a place at once or joins
 * the waitlist.
 */
final class EntrySubmission
{
    private static final byte APPLIED = (byte)EntryStatus.APPLIED.value();
    private static final byte WAITLISTED = (byte)EntryStatus.WAITLISTED.value();
    private static final byte FIRST_COME = (byte)RaceMode.FIRST_COME.value();
    private static final int NONE = EntryTable.NONE;
    /** The oldest birth date taken seriously, 1 January 1900, and the youngest plausible racer. */
    private static final int BIRTH_EPOCH_DAY_MIN = -25_567;

    private final Races registry;
    private final RaceTable races;
    private final CategoryTable categories;
    private final EntryTable entries;
    private final GroupTable groups;
    private final EntryIndex entryIndex;
    private final EntitlementTable entitlements;
    private final Places places;
    private final Waitlist waitlist;
    private final RaceResult result;

    EntrySubmission(final Races registry, final Places places, final Waitlist waitlist)
    {
        this.registry = registry;
        races = registry.raceTable;
        categories = registry.categoryTable;
        entries = registry.entries;
        groups = registry.groups;
        entryIndex = registry.entryIndex;
        entitlements = registry.entitlements;
        this.places = places;
        this.waitlist = waitlist;
        result = registry.result;
    }

    ResultCode submit(final EntryRequest request, final long nowMs)
    {
        final ResultCode malformed = checkForm(request);
        if (malformed != ResultCode.OK)
        {
            return malformed;
        }
        final long id = request.raceId;
        final int r = races.indexOf(id);
        if (r == NONE)
        {
            return result.reject(ResultCode.RACE_NOT_FOUND, id, "");
        }
        if (request.birthEpochDay < BIRTH_EPOCH_DAY_MIN || request.birthEpochDay >= races.raceDateEpochDay[r])
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, id, "birthDate");
        }
        final int c = registry.categoryIndexOf(r, request.categoryCode0, request.categoryCode1);
        if (c == NONE)
        {
            return result.reject(ResultCode.CATEGORY_NOT_FOUND, id, "categoryCode");
        }
        final int g = request.groupGiven ? registry.groupOf(request.groupCode) : NONE;
        if (request.groupGiven && (g == NONE || groups.raceIndex[g] != r))
        {
            return result.reject(ResultCode.GROUP_NOT_FOUND, id, "groupCode");
        }
        final ResultCode refused = checkAdmission(request, r, c, g, nowMs);
        if (refused != ResultCode.OK)
        {
            return refused;
        }
        final int e = add(request, r, c, g);
        if (races.mode[r] == FIRST_COME)
        {
            placeFirstCome(e, c, nowMs);
        }
        result.entry = e;
        return ResultCode.OK;
    }

    /** The checks that need nothing but the request. */
    private ResultCode checkForm(final EntryRequest request)
    {
        if (!Ids.isValidExternalId(request.userId))
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "userId");
        }
        if (request.personKey0 == 0 && request.personKey1 == 0)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "personId");
        }
        if (request.gender != Gender.F.value() && request.gender != Gender.M.value())
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "gender");
        }
        if (!request.nameValid || request.nameLength < 1 || request.nameLength > Races.PERSON_NAME_MAX_BYTES)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "name");
        }
        if (!request.phoneValid || request.phoneLength < Races.PHONE_MIN_LENGTH ||
            request.phoneLength > Races.PHONE_MAX_LENGTH)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "phone");
        }
        if (!request.groupCodeValid)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "groupCode");
        }
        return ResultCode.OK;
    }

    /** Whether the race, its category and group take this entrant now. */
    private ResultCode checkAdmission(final EntryRequest request, final int r, final int c, final int g,
        final long nowMs)
    {
        final long id = request.raceId;
        if (nowMs < races.opensAt[r])
        {
            return result.reject(ResultCode.NOT_OPEN, id, "");
        }
        if (races.closed[r])
        {
            return result.reject(ResultCode.CLOSED, id, "");
        }
        if (entryIndex.entryOfPerson(r, request.personKey0, request.personKey1) != NONE)
        {
            return result.reject(ResultCode.DUPLICATE_PERSON, id, "personId");
        }
        if (entryIndex.entryOfUser(r, request.userId) != NONE)
        {
            return result.reject(ResultCode.ALREADY_ENTERED, id, "");
        }
        final int age = CivilDates.ageOn(request.birthEpochDay, races.raceDateEpochDay[r]);
        if (age < categories.minAge[c] || age > categories.maxAge[c])
        {
            return result.reject(ResultCode.AGE_NOT_ELIGIBLE, id, "birthDate");
        }
        if (g != NONE && groups.categoryIndex[g] != c)
        {
            return result.reject(ResultCode.GROUP_CATEGORY_MISMATCH, id, "groupCode");
        }
        if (g != NONE && groups.memberCount[g] >= races.maxGroupSize[r])
        {
            return result.reject(ResultCode.GROUP_FULL, id, "groupCode");
        }
        if (entries.count == entries.capacity())
        {
            return result.reject(ResultCode.CAPACITY_REACHED, id, "entries");
        }
        return ResultCode.OK;
    }

    /** Adds an APPLIED entry at the end of its race's list and its group. */
    private int add(final EntryRequest request, final int r, final int c, final int g)
    {
        final EntryTable t = entries;
        final int e = t.count++;
        t.raceIndex[e] = r;
        t.categoryIndex[e] = c;
        t.userId[e] = request.userId;
        t.personKey0[e] = request.personKey0;
        t.personKey1[e] = request.personKey1;
        t.gender[e] = request.gender;
        t.birthEpochDay[e] = request.birthEpochDay;
        t.groupIndex[e] = g;
        t.nextInGroup[e] = NONE;
        t.nextInRace[e] = NONE;
        t.pool[e] = EntryTable.POOL_NONE;
        t.weight[e] = 1;
        t.nextDue[e] = NONE;
        t.nextInWaitlist[e] = NONE;
        t.status[e] = APPLIED;
        categories.statusCounts[c * CategoryTable.STATUSES + APPLIED]++;
        if (races.lastEntry[r] == NONE)
        {
            races.firstEntry[r] = e;
        }
        else
        {
            t.nextInRace[races.lastEntry[r]] = e;
        }
        races.lastEntry[r] = e;
        if (g != NONE)
        {
            groups.join(t, g, e);
        }
        entryIndex.add(e);
        return e;
    }

    /** First-come: the entry takes a place now if one is free to it, else it joins the waitlist. */
    private void placeFirstCome(final int e, final int c, final long nowMs)
    {
        entitlements.resolve(entries, categories, e);
        final int place = places.firstComePlace(c, entries.entitledPools[e]);
        if (place != NONE)
        {
            places.win(e, place, nowMs);
        }
        else
        {
            entries.waitlistPosition[e] = ++categories.waitlistPositions[c];
            categories.setStatus(entries, e, WAITLISTED);
            waitlist.append(c, e);
        }
    }
}
