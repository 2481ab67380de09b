package io.startline.engine.race;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.Gender;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.CivilDates;
import io.startline.engine.support.Codes;
import io.startline.engine.support.Ids;
import io.startline.engine.support.FingerprintIndex;
import io.startline.engine.support.KeyedPermutation;
import io.startline.engine.support.StateHasher;
import io.startline.engine.support.SubKeys;
import java.util.Arrays;

/**
 * Race registration and the ballot: the rules and the state.
 * <p>
 * Each method that changes state first checks the whole request and returns a refusal code
 * without touching anything; only then does it mutate. Deadlines (registration close, payment
 * deadlines) fire in {@link #advanceTime} before the command that carries the time. A freed
 * place is offered down the category's waitlist at once (BALLOT.md, "After the draw").
 */
public final class Races
{
    static final int STATUSES = EntryStatus.values().length - 1;

    private static final byte APPLIED = (byte)EntryStatus.APPLIED.value();
    private static final byte WON = (byte)EntryStatus.WON.value();
    private static final byte CONFIRMED = (byte)EntryStatus.CONFIRMED.value();
    private static final byte WAITLISTED = (byte)EntryStatus.WAITLISTED.value();
    private static final byte LAPSED = (byte)EntryStatus.LAPSED.value();
    private static final byte WITHDRAWN = (byte)EntryStatus.WITHDRAWN.value();
    private static final byte NOT_SELECTED = (byte)EntryStatus.NOT_SELECTED.value();
    private static final byte LOTTERY = (byte)RaceMode.LOTTERY.value();
    private static final byte FIRST_COME = (byte)RaceMode.FIRST_COME.value();
    private static final int NONE = EntryTable.NONE;
    private static final long NO_DEADLINE = Long.MAX_VALUE;
    /** The oldest birth date taken seriously, 1 January 1900, and the youngest plausible racer. */
    private static final int BIRTH_EPOCH_DAY_MIN = -25_567;
    public static final int RACE_NAME_MAX_BYTES = RaceSpec.NAME_MAX_BYTES;
    public static final int AGE_MAX = 130;
    private static final int EPOCH_DAY_MAX = 2_932_896;
    public static final int SEED_MAX_BYTES = 64;
    public static final int PHONE_MIN_LENGTH = 5;
    public static final int PHONE_MAX_LENGTH = 20;
    public static final int PERSON_NAME_MAX_BYTES = 64;
    public static final int PAYMENT_REF_MAX_LENGTH = 64;
    public static final long PAYMENT_WINDOW_MAX_MS = 366L * 86_400_000L;

    private final int maxRaces;
    private final int maxCategoriesPerRace;
    private final int maxPoolsPerRace;
    private final int maxGroupSizeLimit;
    private final int maxBallotWeight;
    private final int maxPersonsPerGrant;

    // Races, by race index.
    private int raceCount;
    final long[] raceId;
    final int[] raceDateEpochDay;
    final byte[] mode;
    final long[] opensAt;
    final long[] closesAt;
    final long[] paymentWindowMs;
    final int[] maxGroupSize;
    final int[] firstCategory;
    final int[] categoryCount;
    final int[] racePoolCount;
    /** Race pool codes by bit: [race * maxPoolsPerRace + bit]. */
    final long[] racePoolCode0;
    final long[] racePoolCode1;
    final byte[][] raceName;
    final boolean[] closed;
    final boolean[] drawn;
    final boolean[] waitlistClosed;
    final int[] listedEntries;
    final byte[] entryListHash;
    final byte[] seed;
    final int[] seedLength;
    final int[] firstEntry;
    final int[] lastEntry;
    final int[] dueHead;
    final int[] dueTail;

    // Categories, by category index; a race's are consecutive from firstCategory.
    private int categoryTotal;
    final int[] categoryRace;
    final long[] categoryCode0;
    final long[] categoryCode1;
    final int[] capacity;
    final long[] feeFen;
    final int[] minAge;
    final int[] maxAge;
    final int[] bibFrom;
    final int[] nextBib;
    /** Places held by WON and CONFIRMED entries. */
    final int[] holding;
    /** Entries by status: [category * STATUSES + status]. */
    final int[] statusCounts;
    final int[] poolCount;
    /** A category's pools in declared order: [category * maxPoolsPerRace + slot]. */
    final int[] poolBit;
    final int[] poolPlaces;
    final boolean[] poolGuaranteed;
    /** First-come places taken per pool slot while registration is open. */
    final int[] poolTaken;
    final int[] generalTaken;
    final int[] waitlistHead;
    final int[] waitlistTail;
    final int[] waitlistPositions;

    final EntryTable entries;
    final GroupTable groups;
    private final FingerprintIndex entryByPerson;
    private final FingerprintIndex entryByUser;
    private final FingerprintIndex entitlementByPerson;
    private int entitlementCount;
    final int[] entitlementRace;
    final long[] entitlementKey0;
    final long[] entitlementKey1;
    final int[] entitlementPools;
    final int[] entitlementWeight;

    private final KeyedPermutation groupCodes;
    private final BallotDraw ballot;
    private final EntryListHash listHash;
    private final int[] drawPoolBits;
    private final int[] drawPoolPlaces;
    private final int[] selectionOrder;
    private final long[] sortedPoolCode0;
    private final long[] sortedPoolCode1;
    private final int[] unitFirstMember;
    private long nextDeadlineMs = NO_DEADLINE;

    private long rejectedSubjectId;
    private String rejectedField = "";
    private int lastTouchedEntry = NONE;
    private int lastGroup = NONE;
    private int lastRace = NONE;
    private int promotedEntries;
    private int drawWinners;
    private int drawWaitlisted;
    private int grantedPersons;
    private int notSelected;
    private boolean lastPaymentReplayed;

    public Races(final EngineContext context)
    {
        maxRaces = context.maxRaces();
        maxCategoriesPerRace = context.maxCategoriesPerRace();
        maxPoolsPerRace = context.maxPoolsPerRace();
        maxGroupSizeLimit = context.maxGroupSizeLimit();
        maxBallotWeight = context.maxBallotWeight();
        maxPersonsPerGrant = context.maxPersonsPerGrant();

        raceId = new long[maxRaces];
        raceDateEpochDay = new int[maxRaces];
        mode = new byte[maxRaces];
        opensAt = new long[maxRaces];
        closesAt = new long[maxRaces];
        paymentWindowMs = new long[maxRaces];
        maxGroupSize = new int[maxRaces];
        firstCategory = new int[maxRaces];
        categoryCount = new int[maxRaces];
        racePoolCount = new int[maxRaces];
        racePoolCode0 = new long[maxRaces * maxPoolsPerRace];
        racePoolCode1 = new long[maxRaces * maxPoolsPerRace];
        raceName = new byte[maxRaces][];
        closed = new boolean[maxRaces];
        drawn = new boolean[maxRaces];
        waitlistClosed = new boolean[maxRaces];
        listedEntries = new int[maxRaces];
        entryListHash = new byte[maxRaces * EntryListHash.LENGTH];
        seed = new byte[maxRaces * SEED_MAX_BYTES];
        seedLength = new int[maxRaces];
        firstEntry = new int[maxRaces];
        lastEntry = new int[maxRaces];
        dueHead = new int[maxRaces];
        dueTail = new int[maxRaces];

        final int maxCategories = maxRaces * maxCategoriesPerRace;
        categoryRace = new int[maxCategories];
        categoryCode0 = new long[maxCategories];
        categoryCode1 = new long[maxCategories];
        capacity = new int[maxCategories];
        feeFen = new long[maxCategories];
        minAge = new int[maxCategories];
        maxAge = new int[maxCategories];
        bibFrom = new int[maxCategories];
        nextBib = new int[maxCategories];
        holding = new int[maxCategories];
        statusCounts = new int[maxCategories * STATUSES];
        poolCount = new int[maxCategories];
        poolBit = new int[maxCategories * maxPoolsPerRace];
        poolPlaces = new int[maxCategories * maxPoolsPerRace];
        poolGuaranteed = new boolean[maxCategories * maxPoolsPerRace];
        poolTaken = new int[maxCategories * maxPoolsPerRace];
        generalTaken = new int[maxCategories];
        waitlistHead = new int[maxCategories];
        waitlistTail = new int[maxCategories];
        waitlistPositions = new int[maxCategories];

        entries = new EntryTable(context.maxEntries());
        groups = new GroupTable(context.maxGroups());
        entryByPerson = new FingerprintIndex(context.maxEntries());
        entryByUser = new FingerprintIndex(context.maxEntries());
        entitlementByPerson = new FingerprintIndex(context.maxEntitlements());
        entitlementRace = new int[context.maxEntitlements()];
        entitlementKey0 = new long[context.maxEntitlements()];
        entitlementKey1 = new long[context.maxEntitlements()];
        entitlementPools = new int[context.maxEntitlements()];
        entitlementWeight = new int[context.maxEntitlements()];

        // A different key from voucher codes: knowing how one kind of code is made says nothing of the other.
        final SubKeys.Key groupCodeKey = context.subKeys().groupCodes();
        groupCodes = new KeyedPermutation(groupCodeKey.k0(), groupCodeKey.k1());
        ballot = new BallotDraw(context.maxEntries(), SEED_MAX_BYTES);
        listHash = new EntryListHash(maxPoolsPerRace);
        drawPoolBits = new int[maxPoolsPerRace];
        drawPoolPlaces = new int[maxPoolsPerRace];
        selectionOrder = new int[maxPoolsPerRace];
        sortedPoolCode0 = new long[maxPoolsPerRace];
        sortedPoolCode1 = new long[maxPoolsPerRace];
        unitFirstMember = new int[context.maxEntries()];
    }

    // ------------------------------------------------------------------ races

    ResultCode createRace(final RaceSpec spec)
    {
        final ResultCode invalid = validateRace(spec);
        if (invalid != ResultCode.OK)
        {
            return invalid;
        }
        if (spec.requestedRaceId != 0 && raceIndexOf(spec.requestedRaceId) != NONE)
        {
            return reject(ResultCode.RACE_ID_TAKEN, spec.requestedRaceId, "raceId");
        }
        if (raceCount == maxRaces || categoryTotal + spec.categoryCount > maxRaces * maxCategoriesPerRace)
        {
            return reject(ResultCode.CAPACITY_REACHED, 0, "races");
        }
        final long id = spec.requestedRaceId != 0 ? spec.requestedRaceId : nextFreeRaceId();
        if (id == 0)
        {
            return reject(ResultCode.CAPACITY_REACHED, 0, "raceId");
        }

        final int r = raceCount++;
        raceId[r] = id;
        raceDateEpochDay[r] = spec.raceDateEpochDay;
        mode[r] = spec.mode;
        opensAt[r] = spec.registrationOpensAt;
        closesAt[r] = spec.registrationClosesAt;
        paymentWindowMs[r] = spec.paymentWindowMs;
        maxGroupSize[r] = spec.maxGroupSize;
        raceName[r] = Arrays.copyOf(spec.name, spec.nameLength);
        firstEntry[r] = NONE;
        lastEntry[r] = NONE;
        dueHead[r] = NONE;
        dueTail[r] = NONE;
        firstCategory[r] = categoryTotal;
        categoryCount[r] = spec.categoryCount;
        for (int k = 0; k < spec.categoryCount; k++)
        {
            final int c = categoryTotal++;
            categoryRace[c] = r;
            categoryCode0[c] = spec.categoryCode0[k];
            categoryCode1[c] = spec.categoryCode1[k];
            capacity[c] = spec.capacity[k];
            feeFen[c] = spec.feeFen[k];
            minAge[c] = spec.minAge[k];
            maxAge[c] = spec.maxAge[k];
            bibFrom[c] = spec.bibFrom[k];
            nextBib[c] = spec.bibFrom[k];
            waitlistHead[c] = NONE;
            waitlistTail[c] = NONE;
            poolCount[c] = spec.poolCount[k];
            for (int p = 0; p < spec.poolCount[k]; p++)
            {
                final int row = spec.poolStart[k] + p;
                final int slot = c * maxPoolsPerRace + p;
                poolBit[slot] = racePoolBit(r, spec.poolCode0[row], spec.poolCode1[row], true);
                poolPlaces[slot] = spec.poolPlaces[row];
                poolGuaranteed[slot] = spec.poolGuaranteed[row];
            }
        }
        lastRace = r;
        scheduleDeadlines();
        return ResultCode.OK;
    }

    private ResultCode validateRace(final RaceSpec spec)
    {
        if (spec.requestedRaceId < 0 || spec.requestedRaceId > Ids.EXTERNAL_ID_MAX)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "raceId");
        }
        if (spec.nameLength == 0)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "name");
        }
        if (spec.raceDateEpochDay < 0 || spec.raceDateEpochDay > EPOCH_DAY_MAX)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "raceDate");
        }
        if (spec.mode != LOTTERY && spec.mode != FIRST_COME)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "mode");
        }
        if (spec.registrationOpensAt < 0)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "registrationOpensAt");
        }
        if (spec.registrationClosesAt <= spec.registrationOpensAt)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "registrationClosesAt");
        }
        if (spec.paymentWindowMs < 1 || spec.paymentWindowMs > PAYMENT_WINDOW_MAX_MS)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "paymentWindowMs");
        }
        if (spec.maxGroupSize < 1 || spec.maxGroupSize > maxGroupSizeLimit)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "maxGroupSize");
        }
        if (spec.categoryCount < 1 || spec.categoryCount > maxCategoriesPerRace)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "categories");
        }
        int distinctPools = 0;
        for (int k = 0; k < spec.categoryCount; k++)
        {
            for (int j = 0; j < k; j++)
            {
                if (spec.categoryCode0[j] == spec.categoryCode0[k] && spec.categoryCode1[j] == spec.categoryCode1[k])
                {
                    return reject(ResultCode.INVALID_ARGUMENT, 0, "categories.code");
                }
            }
            if (spec.capacity[k] < 1 || spec.capacity[k] > entries.capacity())
            {
                return reject(ResultCode.INVALID_ARGUMENT, 0, "categories.capacity");
            }
            if (spec.feeFen[k] < 0)
            {
                return reject(ResultCode.INVALID_ARGUMENT, 0, "categories.feeFen");
            }
            if (spec.minAge[k] < 0 || spec.maxAge[k] < spec.minAge[k] || spec.maxAge[k] > AGE_MAX)
            {
                return reject(ResultCode.INVALID_ARGUMENT, 0, "categories.minAge");
            }
            if (spec.bibFrom[k] < 1 || (long)spec.bibFrom[k] + entries.capacity() > Integer.MAX_VALUE)
            {
                return reject(ResultCode.INVALID_ARGUMENT, 0, "categories.bibFrom");
            }
            long reserved = 0;
            for (int p = 0; p < spec.poolCount[k]; p++)
            {
                final int row = spec.poolStart[k] + p;
                if (spec.poolPlaces[row] < 1)
                {
                    return reject(ResultCode.INVALID_ARGUMENT, 0, "categories.pools.places");
                }
                reserved += spec.poolPlaces[row];
                for (int q = 0; q < p; q++)
                {
                    final int other = spec.poolStart[k] + q;
                    if (spec.poolCode0[other] == spec.poolCode0[row] && spec.poolCode1[other] == spec.poolCode1[row])
                    {
                        return reject(ResultCode.INVALID_ARGUMENT, 0, "categories.pools.code");
                    }
                }
                if (!poolCodeSeenBefore(spec, k, row))
                {
                    distinctPools++;
                }
            }
            if (reserved > spec.capacity[k])
            {
                return reject(ResultCode.INVALID_ARGUMENT, 0, "categories.pools.places");
            }
        }
        if (distinctPools > maxPoolsPerRace)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "categories.pools");
        }
        return ResultCode.OK;
    }

    private static boolean poolCodeSeenBefore(final RaceSpec spec, final int category, final int row)
    {
        for (int k = 0; k < category; k++)
        {
            for (int p = 0; p < spec.poolCount[k]; p++)
            {
                final int other = spec.poolStart[k] + p;
                if (spec.poolCode0[other] == spec.poolCode0[row] && spec.poolCode1[other] == spec.poolCode1[row])
                {
                    return true;
                }
            }
        }
        return false;
    }

    private long nextFreeRaceId()
    {
        long candidate = raceCount;
        for (int attempts = 0; attempts <= maxRaces; attempts++)
        {
            if (raceIndexOf(candidate) == NONE && candidate > 0)
            {
                return candidate;
            }
            candidate++;
        }
        return 0;
    }

    /**
     * @return the pool's race-wide bit, adding the code when {@code add} and it is new; NONE when absent.
     */
    private int racePoolBit(final int r, final long code0, final long code1, final boolean add)
    {
        final int base = r * maxPoolsPerRace;
        for (int b = 0; b < racePoolCount[r]; b++)
        {
            if (racePoolCode0[base + b] == code0 && racePoolCode1[base + b] == code1)
            {
                return b;
            }
        }
        if (!add)
        {
            return NONE;
        }
        final int b = racePoolCount[r]++;
        racePoolCode0[base + b] = code0;
        racePoolCode1[base + b] = code1;
        return b;
    }

    // ------------------------------------------------------------------ entitlements

    /**
     * @param poolCode0 / poolCode1 both 0 when the grant carries no pool.
     * @param weight                0 when the grant carries no weight.
     */
    ResultCode grantEntitlements(
        final long id, final long poolCode0, final long poolCode1, final int weight,
        final long[] keys0, final long[] keys1, final int persons)
    {
        final int r = raceIndexOf(id);
        if (r == NONE)
        {
            return reject(ResultCode.RACE_NOT_FOUND, id, "");
        }
        final boolean hasPool = poolCode0 != 0 || poolCode1 != 0;
        if (!hasPool && weight == 0)
        {
            return reject(ResultCode.INVALID_ARGUMENT, id, "pool");
        }
        if (weight < 0 || weight > maxBallotWeight)
        {
            return reject(ResultCode.INVALID_ARGUMENT, id, "weight");
        }
        if (persons < 1 || persons > maxPersonsPerGrant)
        {
            return reject(ResultCode.INVALID_ARGUMENT, id, "personIds");
        }
        for (int i = 0; i < persons; i++)
        {
            if (keys0[i] == 0 && keys1[i] == 0)
            {
                return reject(ResultCode.INVALID_ARGUMENT, id, "personIds");
            }
        }
        final int bit = hasPool ? racePoolBit(r, poolCode0, poolCode1, false) : NONE;
        if (hasPool && bit == NONE)
        {
            return reject(ResultCode.POOL_NOT_FOUND, id, "pool");
        }
        if (closed[r])
        {
            return reject(ResultCode.CLOSED, id, "");
        }
        int newPersons = 0;
        for (int i = 0; i < persons; i++)
        {
            if (entitlementOf(r, keys0[i], keys1[i]) == NONE)
            {
                newPersons++;
            }
        }
        // Duplicates inside one request count twice here: the check errs on the safe side.
        if (entitlementCount + newPersons > entitlementRace.length)
        {
            return reject(ResultCode.CAPACITY_REACHED, id, "personIds");
        }

        for (int i = 0; i < persons; i++)
        {
            int slot = entitlementOf(r, keys0[i], keys1[i]);
            if (slot == NONE)
            {
                slot = entitlementCount++;
                entitlementRace[slot] = r;
                entitlementKey0[slot] = keys0[i];
                entitlementKey1[slot] = keys1[i];
                entitlementWeight[slot] = 1;
                entitlementByPerson.insert(personHash(r, keys0[i], keys1[i]), slot);
            }
            if (hasPool)
            {
                entitlementPools[slot] |= 1 << bit;
            }
            if (weight != 0)
            {
                entitlementWeight[slot] = weight;
            }
        }
        grantedPersons = persons;
        return ResultCode.OK;
    }

    // ------------------------------------------------------------------ groups

    ResultCode createGroup(final long id, final long userId, final long categoryCode0, final long categoryCode1,
        final long nowMs)
    {
        if (!Ids.isValidExternalId(userId))
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "userId");
        }
        final int r = raceIndexOf(id);
        if (r == NONE)
        {
            return reject(ResultCode.RACE_NOT_FOUND, id, "");
        }
        final int c = categoryIndexOf(r, categoryCode0, categoryCode1);
        if (c == NONE)
        {
            return reject(ResultCode.CATEGORY_NOT_FOUND, id, "categoryCode");
        }
        if (mode[r] != LOTTERY)
        {
            return reject(ResultCode.WRONG_MODE, id, "");
        }
        if (nowMs < opensAt[r])
        {
            return reject(ResultCode.NOT_OPEN, id, "");
        }
        if (closed[r])
        {
            return reject(ResultCode.CLOSED, id, "");
        }
        if (groups.count == groups.capacity())
        {
            return reject(ResultCode.CAPACITY_REACHED, id, "groups");
        }
        final int g = groups.count++;
        groups.raceIndex[g] = r;
        groups.categoryIndex[g] = c;
        groups.creatorUserId[g] = userId;
        groups.firstMember[g] = NONE;
        groups.lastMember[g] = NONE;
        lastGroup = g;
        return ResultCode.OK;
    }

    /**
     * The entries the close would list if it came now (every one not withdrawn), from the counts by
     * status that each category keeps: what the ballot shows while registration is open.
     */
    int standingEntries(final int r)
    {
        int standing = 0;
        for (int c = firstCategory[r]; c < firstCategory[r] + categoryCount[r]; c++)
        {
            for (int status = 0; status < STATUSES; status++)
            {
                standing += status == WITHDRAWN ? 0 : statusCounts[c * STATUSES + status];
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

    // ------------------------------------------------------------------ entries

    /**
     * @param groupGiven     whether the entry names a group.
     * @param groupCodeValid false when the group code given is not well formed.
     * @param groupCode      the group code's value, when given and well formed.
     */
    ResultCode submitEntry(
        final long id, final long userId, final long categoryCode0, final long categoryCode1,
        final boolean groupGiven, final boolean groupCodeValid, final long groupCode,
        final long personKey0, final long personKey1, final byte genderValue, final int birthEpochDay,
        final int nameLength, final boolean nameValid, final int phoneLength, final boolean phoneValid,
        final long nowMs)
    {
        if (!Ids.isValidExternalId(userId))
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "userId");
        }
        if (personKey0 == 0 && personKey1 == 0)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "personId");
        }
        if (genderValue != Gender.F.value() && genderValue != Gender.M.value())
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "gender");
        }
        if (!nameValid || nameLength < 1 || nameLength > PERSON_NAME_MAX_BYTES)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "name");
        }
        if (!phoneValid || phoneLength < PHONE_MIN_LENGTH || phoneLength > PHONE_MAX_LENGTH)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "phone");
        }
        if (!groupCodeValid)
        {
            return reject(ResultCode.INVALID_ARGUMENT, 0, "groupCode");
        }
        final int r = raceIndexOf(id);
        if (r == NONE)
        {
            return reject(ResultCode.RACE_NOT_FOUND, id, "");
        }
        if (birthEpochDay < BIRTH_EPOCH_DAY_MIN || birthEpochDay >= raceDateEpochDay[r])
        {
            return reject(ResultCode.INVALID_ARGUMENT, id, "birthDate");
        }
        final int c = categoryIndexOf(r, categoryCode0, categoryCode1);
        if (c == NONE)
        {
            return reject(ResultCode.CATEGORY_NOT_FOUND, id, "categoryCode");
        }
        final int g = groupGiven ? groupOf(groupCode) : NONE;
        if (groupGiven && (g == NONE || groups.raceIndex[g] != r))
        {
            return reject(ResultCode.GROUP_NOT_FOUND, id, "groupCode");
        }
        if (nowMs < opensAt[r])
        {
            return reject(ResultCode.NOT_OPEN, id, "");
        }
        if (closed[r])
        {
            return reject(ResultCode.CLOSED, id, "");
        }
        if (entryOfPerson(r, personKey0, personKey1) != NONE)
        {
            return reject(ResultCode.DUPLICATE_PERSON, id, "personId");
        }
        if (entryOfUser(r, userId) != NONE)
        {
            return reject(ResultCode.ALREADY_ENTERED, id, "");
        }
        final int age = CivilDates.ageOn(birthEpochDay, raceDateEpochDay[r]);
        if (age < minAge[c] || age > maxAge[c])
        {
            return reject(ResultCode.AGE_NOT_ELIGIBLE, id, "birthDate");
        }
        if (g != NONE && groups.categoryIndex[g] != c)
        {
            return reject(ResultCode.GROUP_CATEGORY_MISMATCH, id, "groupCode");
        }
        if (g != NONE && groups.memberCount[g] >= maxGroupSize[r])
        {
            return reject(ResultCode.GROUP_FULL, id, "groupCode");
        }
        if (entries.count == entries.capacity())
        {
            return reject(ResultCode.CAPACITY_REACHED, id, "entries");
        }

        final EntryTable t = entries;
        final int e = t.count++;
        t.raceIndex[e] = r;
        t.categoryIndex[e] = c;
        t.userId[e] = userId;
        t.personKey0[e] = personKey0;
        t.personKey1[e] = personKey1;
        t.gender[e] = genderValue;
        t.birthEpochDay[e] = birthEpochDay;
        t.groupIndex[e] = g;
        t.nextInGroup[e] = NONE;
        t.nextInRace[e] = NONE;
        t.pool[e] = EntryTable.POOL_NONE;
        t.weight[e] = 1;
        t.nextDue[e] = NONE;
        t.nextInWaitlist[e] = NONE;
        t.status[e] = APPLIED;
        statusCounts[c * STATUSES + APPLIED]++;
        if (lastEntry[r] == NONE)
        {
            firstEntry[r] = e;
        }
        else
        {
            t.nextInRace[lastEntry[r]] = e;
        }
        lastEntry[r] = e;
        if (g != NONE)
        {
            if (groups.lastMember[g] == NONE)
            {
                groups.firstMember[g] = e;
            }
            else
            {
                t.nextInGroup[groups.lastMember[g]] = e;
            }
            groups.lastMember[g] = e;
            groups.memberCount[g]++;
        }
        entryByPerson.insert(personHash(r, personKey0, personKey1), e);
        entryByUser.insert(userHash(r, userId), e);
        if (mode[r] == FIRST_COME)
        {
            resolveEntitlement(e);
            final int place = firstComePlace(c, t.entitledPools[e]);
            if (place != NONE)
            {
                win(e, place, nowMs);
            }
            else
            {
                t.waitlistPosition[e] = ++waitlistPositions[c];
                setStatus(e, WAITLISTED);
                appendToWaitlist(c, e);
            }
        }
        lastTouchedEntry = e;
        return ResultCode.OK;
    }

    /**
     * Withdraws the user's entry. Before the list freezes the entry leaves it (and its group);
     * after the draw a held place is freed and offered down the waitlist.
     */
    ResultCode withdraw(final long id, final long userId, final long nowMs)
    {
        final int r = raceIndexOf(id);
        if (r == NONE)
        {
            return reject(ResultCode.RACE_NOT_FOUND, id, "");
        }
        final int e = entryOfUser(r, userId);
        if (e == NONE)
        {
            return reject(ResultCode.ENTRY_NOT_FOUND, id, "");
        }
        final byte status = entries.status[e];
        if (status == APPLIED && closed[r])
        {
            // The list is committed by its hash until the draw: it cannot change under the seed.
            return reject(ResultCode.CLOSED, e + 1L, "");
        }
        if (status == LAPSED || status == NOT_SELECTED)
        {
            return reject(ResultCode.CLOSED, e + 1L, "");
        }
        promotedEntries = 0;
        lastTouchedEntry = e;
        if (status == WITHDRAWN)
        {
            return ResultCode.OK;
        }
        if (status == APPLIED)
        {
            leaveGroup(e);
        }
        final boolean heldPlace = status == WON || status == CONFIRMED;
        if (heldPlace)
        {
            releasePlace(e);
        }
        setStatus(e, WITHDRAWN);
        if (heldPlace)
        {
            promote(entries.categoryIndex[e], nowMs);
        }
        return ResultCode.OK;
    }

    ResultCode recordPayment(final long id, final long entryId, final int paymentRefLength)
    {
        if (paymentRefLength < 1 || paymentRefLength > PAYMENT_REF_MAX_LENGTH)
        {
            return reject(ResultCode.INVALID_ARGUMENT, entryId, "paymentRef");
        }
        final int r = raceIndexOf(id);
        if (r == NONE)
        {
            return reject(ResultCode.RACE_NOT_FOUND, id, "");
        }
        if (entryId < 1 || entryId > entries.count || entries.raceIndex[(int)(entryId - 1)] != r)
        {
            return reject(ResultCode.ENTRY_NOT_FOUND, entryId, "");
        }
        final int e = (int)(entryId - 1);
        final byte status = entries.status[e];
        lastTouchedEntry = e;
        if (status == CONFIRMED)
        {
            lastPaymentReplayed = true;
            return ResultCode.OK;
        }
        if (status == LAPSED)
        {
            return reject(ResultCode.EXPIRED, entryId, "");
        }
        if (status != WON)
        {
            return reject(ResultCode.NOT_PAYABLE, entryId, "");
        }
        final int c = entries.categoryIndex[e];
        entries.bib[e] = nextBib[c]++;
        setStatus(e, CONFIRMED);
        lastPaymentReplayed = false;
        return ResultCode.OK;
    }

    // ------------------------------------------------------------------ the ballot

    ResultCode draw(final long id, final byte[] seedBytes, final int seedBytesLength, final long nowMs)
    {
        if (seedBytesLength < 1 || seedBytesLength > SEED_MAX_BYTES)
        {
            return reject(ResultCode.INVALID_ARGUMENT, id, "seed");
        }
        final int r = raceIndexOf(id);
        if (r == NONE)
        {
            return reject(ResultCode.RACE_NOT_FOUND, id, "");
        }
        if (mode[r] != LOTTERY)
        {
            return reject(ResultCode.WRONG_MODE, id, "");
        }
        if (!closed[r])
        {
            return reject(ResultCode.REGISTRATION_OPEN, id, "");
        }
        if (drawn[r])
        {
            return reject(ResultCode.ALREADY_DRAWN, id, "");
        }

        System.arraycopy(seedBytes, 0, seed, r * SEED_MAX_BYTES, seedBytesLength);
        seedLength[r] = seedBytesLength;
        drawn[r] = true;
        drawWinners = 0;
        drawWaitlisted = 0;
        for (int c = firstCategory[r]; c < firstCategory[r] + categoryCount[r]; c++)
        {
            drawCategory(r, c, seedBytes, seedBytesLength, nowMs);
        }
        scheduleDeadlines();
        return ResultCode.OK;
    }

    private void drawCategory(final int r, final int c, final byte[] seedBytes, final int seedBytesLength,
        final long nowMs)
    {
        final EntryTable t = entries;
        ballot.reset();
        for (int e = firstEntry[r]; e != NONE; e = t.nextInRace[e])
        {
            if (t.categoryIndex[e] != c || !t.listed[e])
            {
                continue;
            }
            final int g = t.groupIndex[e];
            if (g == NONE)
            {
                unitFirstMember[ballot.addUnit(e + 1L, 1, t.weight[e], t.entitledPools[e])] = e;
            }
            else if (groups.firstMember[g] == e)
            {
                int weight = Integer.MAX_VALUE;
                int pools = -1;
                for (int m = e; m != NONE; m = t.nextInGroup[m])
                {
                    weight = Math.min(weight, t.weight[m]);
                    pools &= t.entitledPools[m];
                }
                unitFirstMember[ballot.addUnit(e + 1L, groups.memberCount[g], weight, pools)] = e;
            }
        }

        final int pools = poolsInSelectionOrder(c, selectionOrder);
        for (int i = 0; i < pools; i++)
        {
            drawPoolBits[i] = poolBit[selectionOrder[i]];
            drawPoolPlaces[i] = poolPlaces[selectionOrder[i]];
        }
        ballot.draw(seedBytes, seedBytesLength, raceId[r], capacity[c], drawPoolBits, drawPoolPlaces, pools);

        for (int i = 0; i < ballot.unitCount(); i++)
        {
            final int u = ballot.unitAt(i);
            final int first = unitFirstMember[u];
            final int chosen = ballot.chosenPool(u);
            final boolean grouped = t.groupIndex[first] != NONE;
            for (int m = first; m != NONE; m = grouped ? t.nextInGroup[m] : NONE)
            {
                t.drawRank[m] = ballot.drawRank(u);
                if (chosen == BallotDraw.WAITLISTED)
                {
                    t.waitlistPosition[m] = ballot.waitlistPosition(u);
                    setStatus(m, WAITLISTED);
                    drawWaitlisted++;
                }
                else
                {
                    win(m, chosen == BallotDraw.GENERAL ? EntryTable.POOL_GENERAL : chosen, nowMs);
                    drawWinners++;
                }
            }
            if (chosen == BallotDraw.WAITLISTED)
            {
                appendToWaitlist(c, first);
                waitlistPositions[c] = ballot.waitlistPosition(u);
            }
        }
    }

    ResultCode closeWaitlist(final long id)
    {
        final int r = raceIndexOf(id);
        if (r == NONE)
        {
            return reject(ResultCode.RACE_NOT_FOUND, id, "");
        }
        if (mode[r] == LOTTERY ? !drawn[r] : !closed[r])
        {
            return reject(ResultCode.NOT_DRAWN, id, "");
        }
        if (waitlistClosed[r])
        {
            return reject(ResultCode.WAITLIST_CLOSED, id, "");
        }
        waitlistClosed[r] = true;
        notSelected = 0;
        for (int c = firstCategory[r]; c < firstCategory[r] + categoryCount[r]; c++)
        {
            for (int head = waitlistHead[c]; head != NONE; head = entries.nextInWaitlist[head])
            {
                for (int m = head; m != NONE; m = nextMemberOfUnit(m))
                {
                    if (entries.status[m] == WAITLISTED)
                    {
                        setStatus(m, NOT_SELECTED);
                        notSelected++;
                    }
                }
            }
            waitlistHead[c] = NONE;
            waitlistTail[c] = NONE;
        }
        return ResultCode.OK;
    }

    // ------------------------------------------------------------------ time

    void advanceTime(final long nowMs)
    {
        if (nowMs < nextDeadlineMs)
        {
            return;
        }
        for (int r = 0; r < raceCount; r++)
        {
            if (!closed[r] && nowMs >= closesAt[r])
            {
                closeRegistration(r, nowMs);
            }
            while (dueHead[r] != NONE && entries.paymentDueAt[dueHead[r]] < nowMs)
            {
                final int e = dueHead[r];
                dueHead[r] = entries.nextDue[e];
                if (dueHead[r] == NONE)
                {
                    dueTail[r] = NONE;
                }
                entries.nextDue[e] = NONE;
                if (entries.status[e] == WON)
                {
                    releasePlace(e);
                    setStatus(e, LAPSED);
                    promote(entries.categoryIndex[e], nowMs);
                }
            }
        }
        scheduleDeadlines();
    }

    private void scheduleDeadlines()
    {
        long next = NO_DEADLINE;
        for (int r = 0; r < raceCount; r++)
        {
            if (!closed[r])
            {
                next = Math.min(next, closesAt[r]);
            }
            if (dueHead[r] != NONE)
            {
                next = Math.min(next, entries.paymentDueAt[dueHead[r]] + 1);
            }
        }
        nextDeadlineMs = next;
    }

    /**
     * Freezes the entry list: entitlements and weights are fixed for the draw and the list is
     * committed by its hash. In first-come mode, reserved places nobody took become general and
     * go down the waitlist.
     */
    private void closeRegistration(final int r, final long nowMs)
    {
        closed[r] = true;
        final EntryTable t = entries;
        listHash.start();
        int listed = 0;
        for (int e = firstEntry[r]; e != NONE; e = t.nextInRace[e])
        {
            if (t.status[e] == WITHDRAWN)
            {
                continue;
            }
            if (mode[r] == LOTTERY)
            {
                resolveEntitlement(e);
            }
            t.listed[e] = true;
            listed++;
            final int poolsInLine = sortedPools(r, t.entitledPools[e]);
            final int c = t.categoryIndex[e];
            listHash.addEntry(e + 1L, categoryCode0[c], categoryCode1[c], unitIdOf(e),
                sortedPoolCode0, sortedPoolCode1, poolsInLine, t.weight[e]);
        }
        listHash.finish(entryListHash, r * EntryListHash.LENGTH);
        listedEntries[r] = listed;
        if (mode[r] == FIRST_COME)
        {
            for (int c = firstCategory[r]; c < firstCategory[r] + categoryCount[r]; c++)
            {
                promote(c, nowMs);
            }
        }
    }

    private void resolveEntitlement(final int e)
    {
        final int r = entries.raceIndex[e];
        final int slot = entitlementOf(r, entries.personKey0[e], entries.personKey1[e]);
        if (slot == NONE)
        {
            entries.entitledPools[e] = 0;
            entries.weight[e] = 1;
            return;
        }
        final int c = entries.categoryIndex[e];
        int categoryPools = 0;
        for (int p = 0; p < poolCount[c]; p++)
        {
            categoryPools |= 1 << poolBit[c * maxPoolsPerRace + p];
        }
        // A race-wide entitlement counts only where the entry's category has that pool.
        entries.entitledPools[e] = entitlementPools[slot] & categoryPools;
        entries.weight[e] = entitlementWeight[slot];
    }

    /**
     * Fills sortedPoolCode0/1 with the codes of the pools in the mask, sorted as text.
     *
     * @return how many.
     */
    int sortedPools(final int r, final int mask)
    {
        int n = 0;
        final int base = r * maxPoolsPerRace;
        for (int b = 0; b < racePoolCount[r]; b++)
        {
            if ((mask & (1 << b)) == 0)
            {
                continue;
            }
            final long code0 = racePoolCode0[base + b];
            final long code1 = racePoolCode1[base + b];
            int at = n++;
            while (at > 0 && Codes.compare(sortedPoolCode0[at - 1], sortedPoolCode1[at - 1], code0, code1) > 0)
            {
                sortedPoolCode0[at] = sortedPoolCode0[at - 1];
                sortedPoolCode1[at] = sortedPoolCode1[at - 1];
                at--;
            }
            sortedPoolCode0[at] = code0;
            sortedPoolCode1[at] = code1;
        }
        return n;
    }

    /** Writes the text of a race's pool (by its race-wide bit) into {@code code}. */
    void poolCode(final int r, final int bit, final byte[] code)
    {
        Codes.toBytes(racePoolCode0[r * maxPoolsPerRace + bit], racePoolCode1[r * maxPoolsPerRace + bit], code);
    }

    /** The ballot unit an entry belongs to: its group's smallest member id, else its own id. */
    long unitIdOf(final int e)
    {
        final int g = entries.groupIndex[e];
        return g == NONE ? e + 1L : groups.firstMember[g] + 1L;
    }

    // ------------------------------------------------------------------ places and the waitlist

    /**
     * First-come: the pool an entry takes a place from now, or NONE when it must wait. While
     * registration is open, reserved places go to entitled entrants only; after it closes every
     * free place is open to the waitlist.
     */
    private int firstComePlace(final int c, final int entitledPools)
    {
        if (closed[categoryRace[c]])
        {
            return holding[c] < capacity[c] ? EntryTable.POOL_WAITLIST : NONE;
        }
        final int pools = poolsInSelectionOrder(c, selectionOrder);
        for (int i = 0; i < pools; i++)
        {
            final int slot = selectionOrder[i];
            if ((entitledPools & (1 << poolBit[slot])) != 0 && poolTaken[slot] < poolPlaces[slot])
            {
                return poolBit[slot];
            }
        }
        int reserved = 0;
        for (int p = 0; p < poolCount[c]; p++)
        {
            reserved += poolPlaces[c * maxPoolsPerRace + p];
        }
        return generalTaken[c] < capacity[c] - reserved ? EntryTable.POOL_GENERAL : NONE;
    }

    /**
     * The order BALLOT.md takes a category's pools in: the guaranteed ones as declared, then the
     * others as declared.
     *
     * @return how many pool slots were written into {@code slots}.
     */
    private int poolsInSelectionOrder(final int c, final int[] slots)
    {
        int n = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int p = 0; p < poolCount[c]; p++)
            {
                final int slot = c * maxPoolsPerRace + p;
                if (poolGuaranteed[slot] == (pass == 0))
                {
                    slots[n++] = slot;
                }
            }
        }
        return n;
    }

    private void win(final int e, final int pool, final long nowMs)
    {
        final int c = entries.categoryIndex[e];
        final int r = categoryRace[c];
        entries.pool[e] = (byte)pool;
        entries.paymentDueAt[e] = nowMs + paymentWindowMs[r];
        // A first-come entry wins outside any deadline pass: its lapse must be scheduled here.
        nextDeadlineMs = Math.min(nextDeadlineMs, entries.paymentDueAt[e] + 1);
        setStatus(e, WON);
        holding[c]++;
        if (mode[r] == FIRST_COME && !closed[r])
        {
            countFirstComePlace(c, pool, 1);
        }
        entries.nextDue[e] = NONE;
        if (dueTail[r] == NONE)
        {
            dueHead[r] = e;
        }
        else
        {
            entries.nextDue[dueTail[r]] = e;
        }
        dueTail[r] = e;
    }

    private void releasePlace(final int e)
    {
        final int c = entries.categoryIndex[e];
        holding[c]--;
        if (mode[categoryRace[c]] == FIRST_COME && !closed[categoryRace[c]])
        {
            countFirstComePlace(c, entries.pool[e], -1);
        }
    }

    private void countFirstComePlace(final int c, final int pool, final int delta)
    {
        if (pool == EntryTable.POOL_GENERAL)
        {
            generalTaken[c] += delta;
            return;
        }
        for (int p = 0; p < poolCount[c]; p++)
        {
            if (poolBit[c * maxPoolsPerRace + p] == pool)
            {
                poolTaken[c * maxPoolsPerRace + p] += delta;
                return;
            }
        }
    }

    /**
     * Offers free places down the waitlist in position order: every unit whose remaining
     * members all fit is promoted, all or none, with a fresh payment deadline; units that no
     * longer have anyone waiting leave the list as they are passed.
     */
    private void promote(final int c, final long nowMs)
    {
        final int r = categoryRace[c];
        if (waitlistClosed[r] || (mode[r] == LOTTERY && !drawn[r]))
        {
            return;
        }
        int previous = NONE;
        int head = waitlistHead[c];
        while (head != NONE && holding[c] < capacity[c])
        {
            final int next = entries.nextInWaitlist[head];
            final int waiting = waitingMembers(head);
            boolean leaves = waiting == 0;
            if (!leaves)
            {
                final int place = mode[r] == FIRST_COME ? firstComePlace(c, entries.entitledPools[head]) :
                    (waiting <= capacity[c] - holding[c] ? EntryTable.POOL_WAITLIST : NONE);
                if (place != NONE)
                {
                    for (int m = head; m != NONE; m = nextMemberOfUnit(m))
                    {
                        if (entries.status[m] == WAITLISTED)
                        {
                            win(m, place, nowMs);
                            promotedEntries++;
                        }
                    }
                    leaves = true;
                }
            }
            if (leaves)
            {
                unlinkFromWaitlist(c, previous, head, next);
            }
            else
            {
                previous = head;
            }
            head = next;
        }
    }

    private int waitingMembers(final int head)
    {
        int waiting = 0;
        for (int m = head; m != NONE; m = nextMemberOfUnit(m))
        {
            if (entries.status[m] == WAITLISTED)
            {
                waiting++;
            }
        }
        return waiting;
    }

    /** The next member of the same ballot unit: a group's next member, NONE for a single entry. */
    private int nextMemberOfUnit(final int m)
    {
        return entries.groupIndex[m] == NONE ? NONE : entries.nextInGroup[m];
    }

    private void appendToWaitlist(final int c, final int head)
    {
        entries.nextInWaitlist[head] = NONE;
        if (waitlistTail[c] == NONE)
        {
            waitlistHead[c] = head;
        }
        else
        {
            entries.nextInWaitlist[waitlistTail[c]] = head;
        }
        waitlistTail[c] = head;
    }

    private void unlinkFromWaitlist(final int c, final int previous, final int head, final int next)
    {
        if (previous == NONE)
        {
            waitlistHead[c] = next;
        }
        else
        {
            entries.nextInWaitlist[previous] = next;
        }
        if (waitlistTail[c] == head)
        {
            waitlistTail[c] = previous;
        }
        entries.nextInWaitlist[head] = NONE;
    }

    private void leaveGroup(final int e)
    {
        final int g = entries.groupIndex[e];
        if (g == NONE)
        {
            return;
        }
        int previous = NONE;
        for (int m = groups.firstMember[g]; m != e; m = entries.nextInGroup[m])
        {
            previous = m;
        }
        final int next = entries.nextInGroup[e];
        if (previous == NONE)
        {
            groups.firstMember[g] = next;
        }
        else
        {
            entries.nextInGroup[previous] = next;
        }
        if (groups.lastMember[g] == e)
        {
            groups.lastMember[g] = previous;
        }
        groups.memberCount[g]--;
        entries.nextInGroup[e] = NONE;
        entries.groupIndex[e] = NONE;
    }

    private void setStatus(final int e, final byte status)
    {
        final int c = entries.categoryIndex[e];
        statusCounts[c * STATUSES + entries.status[e]]--;
        statusCounts[c * STATUSES + status]++;
        entries.status[e] = status;
    }

    // ------------------------------------------------------------------ lookups

    int raceIndexOf(final long id)
    {
        for (int r = 0; r < raceCount; r++)
        {
            if (raceId[r] == id)
            {
                return r;
            }
        }
        return NONE;
    }

    int categoryIndexOf(final int r, final long code0, final long code1)
    {
        for (int c = firstCategory[r]; c < firstCategory[r] + categoryCount[r]; c++)
        {
            if (categoryCode0[c] == code0 && categoryCode1[c] == code1)
            {
                return c;
            }
        }
        return NONE;
    }

    int entryOfUser(final int r, final long userId)
    {
        for (int e = entryByUser.find(userHash(r, userId)); e != FingerprintIndex.MISSING; e = entryByUser.findNext())
        {
            if (entries.userId[e] == userId && entries.raceIndex[e] == r)
            {
                return e;
            }
        }
        return NONE;
    }

    private int entryOfPerson(final int r, final long key0, final long key1)
    {
        for (int e = entryByPerson.find(personHash(r, key0, key1)); e != FingerprintIndex.MISSING;
            e = entryByPerson.findNext())
        {
            if (entries.personKey0[e] == key0 && entries.personKey1[e] == key1 && entries.raceIndex[e] == r)
            {
                return e;
            }
        }
        return NONE;
    }

    private int entitlementOf(final int r, final long key0, final long key1)
    {
        for (int i = entitlementByPerson.find(personHash(r, key0, key1)); i != FingerprintIndex.MISSING;
            i = entitlementByPerson.findNext())
        {
            if (entitlementKey0[i] == key0 && entitlementKey1[i] == key1 && entitlementRace[i] == r)
            {
                return i;
            }
        }
        return NONE;
    }

    private static long personHash(final int r, final long key0, final long key1)
    {
        return StateHasher.mix(key0 * 31 + StateHasher.mix(key1 ^ r));
    }

    private static long userHash(final int r, final long userId)
    {
        return StateHasher.mix(userId * 0x9E3779B97F4A7C15L + r);
    }

    int raceCount()
    {
        return raceCount;
    }

    int categoryTotal()
    {
        return categoryTotal;
    }

    int entitlementCount()
    {
        return entitlementCount;
    }

    int maxPoolsPerRace()
    {
        return maxPoolsPerRace;
    }

    long nextDeadlineMs()
    {
        return nextDeadlineMs;
    }

    /** The entry the last successful entry command created or changed. */
    int lastTouchedEntry()
    {
        return lastTouchedEntry;
    }

    int lastGroup()
    {
        return lastGroup;
    }

    int lastRace()
    {
        return lastRace;
    }

    int promotedEntries()
    {
        return promotedEntries;
    }

    int drawWinners()
    {
        return drawWinners;
    }

    int drawWaitlisted()
    {
        return drawWaitlisted;
    }

    int grantedPersons()
    {
        return grantedPersons;
    }

    int notSelected()
    {
        return notSelected;
    }

    boolean lastPaymentReplayed()
    {
        return lastPaymentReplayed;
    }

    long rejectedSubjectId()
    {
        return rejectedSubjectId;
    }

    String rejectedField()
    {
        return rejectedField;
    }

    private ResultCode reject(final ResultCode code, final long subjectId, final String field)
    {
        rejectedSubjectId = subjectId;
        rejectedField = field;
        return code;
    }

    // ------------------------------------------------------------------ snapshot support

    /**
     * Sets the counts of the tables after a snapshot load, then rebuilds what is derived from
     * the loaded rows: the person, user and entitlement indexes, status counts and places held.
     */
    void rebuildAfterLoad(final int races, final int categories, final int entryCount, final int groupCount,
        final int entitlements, final long deadlineMs)
    {
        raceCount = races;
        categoryTotal = categories;
        entries.count = entryCount;
        groups.count = groupCount;
        entitlementCount = entitlements;
        nextDeadlineMs = deadlineMs;
        for (int e = 0; e < entryCount; e++)
        {
            final int r = entries.raceIndex[e];
            final int c = entries.categoryIndex[e];
            entryByPerson.insert(personHash(r, entries.personKey0[e], entries.personKey1[e]), e);
            entryByUser.insert(userHash(r, entries.userId[e]), e);
            statusCounts[c * STATUSES + entries.status[e]]++;
            if (entries.status[e] == WON || entries.status[e] == CONFIRMED)
            {
                holding[c]++;
            }
        }
        for (int i = 0; i < entitlements; i++)
        {
            entitlementByPerson.insert(personHash(entitlementRace[i], entitlementKey0[i], entitlementKey1[i]), i);
        }
    }

    // ------------------------------------------------------------------ state hash

    void hashInto(final StateHasher hasher)
    {
        hasher.add(raceCount).add(categoryTotal).add(entries.count).add(groups.count).add(entitlementCount)
            .add(nextDeadlineMs);
        for (int r = 0; r < raceCount; r++)
        {
            hasher.add(raceId[r]).add(raceDateEpochDay[r]).add(mode[r]).add(opensAt[r]).add(closesAt[r])
                .add(paymentWindowMs[r]).add(maxGroupSize[r]).add(firstCategory[r]).add(categoryCount[r])
                .add(racePoolCount[r]).add(closed[r] ? 1 : 0).add(drawn[r] ? 1 : 0).add(waitlistClosed[r] ? 1 : 0)
                .add(listedEntries[r]).add(seedLength[r]).add(firstEntry[r]).add(lastEntry[r])
                .add(dueHead[r]).add(dueTail[r]);
            hasher.add(raceName[r], raceName[r].length);
            for (int b = 0; b < racePoolCount[r]; b++)
            {
                hasher.add(racePoolCode0[r * maxPoolsPerRace + b]).add(racePoolCode1[r * maxPoolsPerRace + b]);
            }
            for (int i = 0; i < EntryListHash.LENGTH; i++)
            {
                hasher.add(entryListHash[r * EntryListHash.LENGTH + i]);
            }
            for (int i = 0; i < seedLength[r]; i++)
            {
                hasher.add(seed[r * SEED_MAX_BYTES + i]);
            }
        }
        for (int c = 0; c < categoryTotal; c++)
        {
            hasher.add(categoryRace[c]).add(categoryCode0[c]).add(categoryCode1[c]).add(capacity[c]).add(feeFen[c])
                .add(minAge[c]).add(maxAge[c]).add(bibFrom[c]).add(nextBib[c]).add(holding[c]).add(poolCount[c])
                .add(generalTaken[c]).add(waitlistHead[c]).add(waitlistTail[c]).add(waitlistPositions[c]);
            for (int s = 0; s < STATUSES; s++)
            {
                hasher.add(statusCounts[c * STATUSES + s]);
            }
            for (int p = 0; p < poolCount[c]; p++)
            {
                final int slot = c * maxPoolsPerRace + p;
                hasher.add(poolBit[slot]).add(poolPlaces[slot]).add(poolGuaranteed[slot] ? 1 : 0).add(poolTaken[slot]);
            }
        }
        final EntryTable t = entries;
        for (int e = 0; e < t.count; e++)
        {
            hasher.add(t.raceIndex[e]).add(t.categoryIndex[e]).add(t.userId[e]).add(t.personKey0[e])
                .add(t.personKey1[e]).add(t.gender[e]).add(t.birthEpochDay[e]).add(t.groupIndex[e])
                .add(t.nextInGroup[e]).add(t.nextInRace[e]).add(t.status[e]).add(t.pool[e]).add(t.listed[e] ? 1 : 0)
                .add(t.weight[e]).add(t.entitledPools[e]).add(t.drawRank[e]).add(t.waitlistPosition[e])
                .add(t.paymentDueAt[e]).add(t.bib[e]).add(t.nextDue[e]).add(t.nextInWaitlist[e]);
        }
        for (int g = 0; g < groups.count; g++)
        {
            hasher.add(groups.raceIndex[g]).add(groups.categoryIndex[g]).add(groups.creatorUserId[g])
                .add(groups.firstMember[g]).add(groups.lastMember[g]).add(groups.memberCount[g]);
        }
        for (int i = 0; i < entitlementCount; i++)
        {
            hasher.add(entitlementRace[i]).add(entitlementKey0[i]).add(entitlementKey1[i]).add(entitlementPools[i])
                .add(entitlementWeight[i]);
        }
    }
}
