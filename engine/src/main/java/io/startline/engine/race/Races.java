package io.startline.engine.race;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.Ids;
import io.startline.engine.support.KeyedPermutation;
import io.startline.engine.support.StateHasher;
import io.startline.engine.support.SubKeys;

/**
 * Race registration and the ballot: the rules and the state.
 * <p>
 * Each method that changes state first checks the whole request and returns a refusal code
 * without touching anything; only then does it mutate. Deadlines (registration close, payment
 * deadlines) fire in {@link #advanceTime} before the command that carries the time. A freed
 * place is offered down the category's waitlist at once (BALLOT.md, "After the draw").
 * <p>
 * The state lives in the race, category, entry, group and entitlement tables; the larger
 * commands and the ballot have classes of their own. What a command did is left in
 * {@link #result}.
 */
public final class Races
{
    private static final byte APPLIED = (byte)EntryStatus.APPLIED.value();
    private static final byte WON = (byte)EntryStatus.WON.value();
    private static final byte CONFIRMED = (byte)EntryStatus.CONFIRMED.value();
    private static final byte LAPSED = (byte)EntryStatus.LAPSED.value();
    private static final byte WITHDRAWN = (byte)EntryStatus.WITHDRAWN.value();
    private static final byte NOT_SELECTED = (byte)EntryStatus.NOT_SELECTED.value();
    private static final byte LOTTERY = (byte)RaceMode.LOTTERY.value();
    private static final int NONE = EntryTable.NONE;
    public static final int RACE_NAME_MAX_BYTES = RaceSpec.NAME_MAX_BYTES;
    public static final int AGE_MAX = 130;
    public static final int SEED_MAX_BYTES = 64;
    public static final int PHONE_MIN_LENGTH = 5;
    public static final int PHONE_MAX_LENGTH = 20;
    public static final int PERSON_NAME_MAX_BYTES = 64;
    public static final int PAYMENT_REF_MAX_LENGTH = 64;
    public static final long PAYMENT_WINDOW_MAX_MS = 366L * 86_400_000L;

    private final int maxBallotWeight;
    private final int maxPersonsPerGrant;

    final RaceTable raceTable;
    final CategoryTable categoryTable;
    final EntryTable entries;
    final GroupTable groups;
    final EntryIndex entryIndex;
    final EntitlementTable entitlements;
    final RaceResult result = new RaceResult();

    private final KeyedPermutation groupCodes;
    private final PaymentDeadlines deadlines;
    private final Places places;
    private final Waitlist waitlist;
    private final RaceCreation creation;
    private final EntrySubmission submission;
    private final RegistrationClose registrationClose;
    private final RaceDraw raceDraw;
    private final RaceEdits edits;

    public Races(final EngineContext context)
    {
        maxBallotWeight = context.maxBallotWeight();
        maxPersonsPerGrant = context.maxPersonsPerGrant();

        raceTable = new RaceTable(context.maxRaces(), context.maxPoolsPerRace());
        categoryTable = new CategoryTable(context.maxRaces() * context.maxCategoriesPerRace(),
            context.maxPoolsPerRace());
        entries = new EntryTable(context.maxEntries());
        groups = new GroupTable(context.maxGroups());
        entryIndex = new EntryIndex(entries);
        entitlements = new EntitlementTable(context.maxEntitlements());

        // A different key from voucher codes: knowing how one kind of code is made says nothing of the other.
        final SubKeys.Key groupCodeKey = context.subKeys().groupCodes();
        groupCodes = new KeyedPermutation(groupCodeKey.k0(), groupCodeKey.k1());
        deadlines = new PaymentDeadlines(raceTable, entries);
        places = new Places(raceTable, categoryTable, entries, deadlines);
        waitlist = new Waitlist(raceTable, categoryTable, entries, places, result);
        creation = new RaceCreation(context, raceTable, categoryTable, deadlines, result);
        submission = new EntrySubmission(this, places, waitlist);
        registrationClose = new RegistrationClose(raceTable, categoryTable, entries, groups, entitlements, waitlist);
        raceDraw = new RaceDraw(raceTable, categoryTable, entries, groups, places, waitlist, result);
        edits = new RaceEdits(raceTable, deadlines, result);
    }

    ResultCode createRace(final RaceSpec spec)
    {
        return creation.create(spec);
    }

    /** See {@link RaceEdits#edit}. */
    ResultCode editRace(final RaceEdits.Request request, final long nowMs)
    {
        return edits.edit(request, nowMs);
    }

    ResultCode grantEntitlements(final EntitlementGrant grant)
    {
        final long id = grant.raceId;
        final int weight = grant.weight;
        final int persons = grant.persons;
        final int r = raceTable.indexOf(id);
        if (r == NONE)
        {
            return result.reject(ResultCode.RACE_NOT_FOUND, id, "");
        }
        final boolean hasPool = grant.hasPool();
        if (!hasPool && weight == 0)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, id, "pool");
        }
        if (weight < 0 || weight > maxBallotWeight)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, id, "weight");
        }
        if (persons < 1 || persons > maxPersonsPerGrant)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, id, "personIds");
        }
        for (int i = 0; i < persons; i++)
        {
            if (grant.personKeys0[i] == 0 && grant.personKeys1[i] == 0)
            {
                return result.reject(ResultCode.INVALID_ARGUMENT, id, "personIds");
            }
        }
        final int bit = hasPool ? raceTable.poolBit(r, grant.poolCode0, grant.poolCode1, false) : NONE;
        if (hasPool && bit == NONE)
        {
            return result.reject(ResultCode.POOL_NOT_FOUND, id, "pool");
        }
        if (raceTable.closed[r])
        {
            return result.reject(ResultCode.CLOSED, id, "");
        }
        // Duplicates inside one request count twice here: the check errs on the safe side.
        if (entitlements.count + entitlements.newPersons(r, grant) > entitlements.capacity())
        {
            return result.reject(ResultCode.CAPACITY_REACHED, id, "personIds");
        }
        entitlements.grant(r, bit, grant);
        result.grantedPersons = persons;
        return ResultCode.OK;
    }

    ResultCode createGroup(final long id, final long userId, final long categoryCode0, final long categoryCode1,
        final long nowMs)
    {
        if (!Ids.isValidExternalId(userId))
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "userId");
        }
        final int r = raceTable.indexOf(id);
        if (r == NONE)
        {
            return result.reject(ResultCode.RACE_NOT_FOUND, id, "");
        }
        final int c = categoryIndexOf(r, categoryCode0, categoryCode1);
        if (c == NONE)
        {
            return result.reject(ResultCode.CATEGORY_NOT_FOUND, id, "categoryCode");
        }
        if (raceTable.mode[r] != LOTTERY)
        {
            return result.reject(ResultCode.WRONG_MODE, id, "");
        }
        if (nowMs < raceTable.opensAt[r])
        {
            return result.reject(ResultCode.NOT_OPEN, id, "");
        }
        if (raceTable.closed[r])
        {
            return result.reject(ResultCode.CLOSED, id, "");
        }
        if (groups.count == groups.capacity())
        {
            return result.reject(ResultCode.CAPACITY_REACHED, id, "groups");
        }
        final int g = groups.count++;
        groups.raceIndex[g] = r;
        groups.categoryIndex[g] = c;
        groups.creatorUserId[g] = userId;
        groups.firstMember[g] = NONE;
        groups.lastMember[g] = NONE;
        result.group = g;
        return ResultCode.OK;
    }

    ResultCode submitEntry(final EntryRequest request, final long nowMs)
    {
        return submission.submit(request, nowMs);
    }

    /**
     * Withdraws the user's entry. Before the list freezes the entry leaves it (and its group);
     * after the draw a held place is freed and offered down the waitlist.
     */
    ResultCode withdraw(final long id, final long userId, final long nowMs)
    {
        final int r = raceTable.indexOf(id);
        if (r == NONE)
        {
            return result.reject(ResultCode.RACE_NOT_FOUND, id, "");
        }
        final int e = entryIndex.entryOfUser(r, userId);
        if (e == NONE)
        {
            return result.reject(ResultCode.ENTRY_NOT_FOUND, id, "");
        }
        final byte status = entries.status[e];
        if (status == APPLIED && raceTable.closed[r])
        {
            // The list is committed by its hash until the draw: it cannot change under the seed.
            return result.reject(ResultCode.CLOSED, e + 1L, "");
        }
        if (status == LAPSED || status == NOT_SELECTED)
        {
            return result.reject(ResultCode.CLOSED, e + 1L, "");
        }
        result.promotedEntries = 0;
        result.entry = e;
        if (status == WITHDRAWN)
        {
            return ResultCode.OK;
        }
        if (status == APPLIED)
        {
            groups.leave(entries, e);
        }
        final boolean heldPlace = status == WON || status == CONFIRMED;
        if (heldPlace)
        {
            places.release(e);
        }
        categoryTable.setStatus(entries, e, WITHDRAWN);
        if (heldPlace)
        {
            waitlist.promote(entries.categoryIndex[e], nowMs);
        }
        return ResultCode.OK;
    }

    ResultCode recordPayment(final long id, final long entryId, final int paymentRefLength)
    {
        if (paymentRefLength < 1 || paymentRefLength > PAYMENT_REF_MAX_LENGTH)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, entryId, "paymentRef");
        }
        final int r = raceTable.indexOf(id);
        if (r == NONE)
        {
            return result.reject(ResultCode.RACE_NOT_FOUND, id, "");
        }
        if (entryId < 1 || entryId > entries.count || entries.raceIndex[(int)(entryId - 1)] != r)
        {
            return result.reject(ResultCode.ENTRY_NOT_FOUND, entryId, "");
        }
        final int e = (int)(entryId - 1);
        final byte status = entries.status[e];
        result.entry = e;
        if (status == CONFIRMED)
        {
            result.paymentReplayed = true;
            return ResultCode.OK;
        }
        if (status == LAPSED)
        {
            return result.reject(ResultCode.EXPIRED, entryId, "");
        }
        if (status != WON)
        {
            return result.reject(ResultCode.NOT_PAYABLE, entryId, "");
        }
        entries.bib[e] = categoryTable.nextBib[entries.categoryIndex[e]]++;
        categoryTable.setStatus(entries, e, CONFIRMED);
        result.paymentReplayed = false;
        return ResultCode.OK;
    }

    ResultCode draw(final long id, final byte[] seedBytes, final int seedBytesLength, final long nowMs)
    {
        if (seedBytesLength < 1 || seedBytesLength > SEED_MAX_BYTES)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, id, "seed");
        }
        final int r = raceTable.indexOf(id);
        if (r == NONE)
        {
            return result.reject(ResultCode.RACE_NOT_FOUND, id, "");
        }
        if (raceTable.mode[r] != LOTTERY)
        {
            return result.reject(ResultCode.WRONG_MODE, id, "");
        }
        if (!raceTable.closed[r])
        {
            return result.reject(ResultCode.REGISTRATION_OPEN, id, "");
        }
        if (raceTable.drawn[r])
        {
            return result.reject(ResultCode.ALREADY_DRAWN, id, "");
        }
        raceDraw.draw(r, seedBytes, seedBytesLength, nowMs);
        deadlines.schedule();
        return ResultCode.OK;
    }

    ResultCode closeWaitlist(final long id)
    {
        final int r = raceTable.indexOf(id);
        if (r == NONE)
        {
            return result.reject(ResultCode.RACE_NOT_FOUND, id, "");
        }
        if (raceTable.mode[r] == LOTTERY ? !raceTable.drawn[r] : !raceTable.closed[r])
        {
            return result.reject(ResultCode.NOT_DRAWN, id, "");
        }
        if (raceTable.waitlistClosed[r])
        {
            return result.reject(ResultCode.WAITLIST_CLOSED, id, "");
        }
        raceTable.waitlistClosed[r] = true;
        result.notSelected = waitlist.closeAll(r);
        return ResultCode.OK;
    }

    /**
     * Fires the deadlines that have passed: closes registrations, then lapses the winners whose
     * payment deadline has passed and offers their places down the waitlist.
     */
    void advanceTime(final long nowMs)
    {
        if (nowMs < deadlines.nextDeadlineMs())
        {
            return;
        }
        for (int r = 0; r < raceTable.count; r++)
        {
            if (!raceTable.closed[r] && nowMs >= raceTable.closesAt[r])
            {
                registrationClose.close(r, nowMs);
            }
            for (int e = deadlines.takeOverdue(r, nowMs); e != NONE; e = deadlines.takeOverdue(r, nowMs))
            {
                if (entries.status[e] == WON)
                {
                    places.release(e);
                    categoryTable.setStatus(entries, e, LAPSED);
                    waitlist.promote(entries.categoryIndex[e], nowMs);
                }
            }
        }
        deadlines.schedule();
    }

    // ------------------------------------------------------------------ lookups

    int raceIndexOf(final long id)
    {
        return raceTable.indexOf(id);
    }

    int categoryIndexOf(final int r, final long code0, final long code1)
    {
        final CategoryTable k = categoryTable;
        for (int c = raceTable.firstCategory[r]; c < raceTable.firstCategory[r] + raceTable.categoryCount[r]; c++)
        {
            if (k.categoryCode0[c] == code0 && k.categoryCode1[c] == code1)
            {
                return c;
            }
        }
        return NONE;
    }

    int entryOfUser(final int r, final long userId)
    {
        return entryIndex.entryOfUser(r, userId);
    }

    /**
     * The entries the close would list if it came now (every one not withdrawn), from the counts by
     * status that each category keeps: what the ballot shows while registration is open.
     */
    int standingEntries(final int r)
    {
        int standing = 0;
        for (int c = raceTable.firstCategory[r]; c < raceTable.firstCategory[r] + raceTable.categoryCount[r]; c++)
        {
            for (int status = 0; status < CategoryTable.STATUSES; status++)
            {
                standing += status == WITHDRAWN ? 0 : categoryTable.statusCounts[c * CategoryTable.STATUSES + status];
            }
        }
        return standing;
    }

    long groupCodeOf(final int group)
    {
        return groupCodes.encode(group);
    }

    /**
     * @return the group index the code stands for, or NONE when it is not one of ours.
     */
    int groupOf(final long code)
    {
        final long index = groupCodes.decode(code);
        return index >= 0 && index < groups.count ? (int)index : NONE;
    }

    long nextDeadlineMs()
    {
        return deadlines.nextDeadlineMs();
    }

    // ------------------------------------------------------------------ snapshot support

    /**
     * Sets the counts of the tables after a snapshot load, then rebuilds what is derived from
     * the loaded rows: the person, user and entitlement indexes, status counts and places held.
     */
    void rebuildAfterLoad(final int races, final int categories, final int entryCount, final int groupCount,
        final int entitlementCount, final long deadlineMs)
    {
        raceTable.count = races;
        categoryTable.count = categories;
        entries.count = entryCount;
        groups.count = groupCount;
        deadlines.restore(deadlineMs);
        for (int e = 0; e < entryCount; e++)
        {
            final int c = entries.categoryIndex[e];
            entryIndex.add(e);
            categoryTable.statusCounts[c * CategoryTable.STATUSES + entries.status[e]]++;
            if (entries.status[e] == WON || entries.status[e] == CONFIRMED)
            {
                categoryTable.holding[c]++;
            }
        }
        entitlements.rebuildAfterLoad(entitlementCount);
    }

    // ------------------------------------------------------------------ state hash

    void hashInto(final StateHasher hasher)
    {
        hasher.add(raceTable.count).add(categoryTable.count).add(entries.count).add(groups.count)
            .add(entitlements.count).add(deadlines.nextDeadlineMs());
        raceTable.hashInto(hasher);
        categoryTable.hashInto(hasher);
        entries.hashInto(hasher);
        groups.hashInto(hasher);
        entitlements.hashInto(hasher);
    }
}
