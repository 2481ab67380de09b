package io.startline.engine.race;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.Ids;
import java.util.Arrays;

/**
 * Creates a race from a {@link RaceSpec}: checks the whole spec first, then adds the race, its
 * categories and their pools.
 */
final class RaceCreation
{
    private static final byte LOTTERY = (byte)RaceMode.LOTTERY.value();
    private static final byte FIRST_COME = (byte)RaceMode.FIRST_COME.value();
    private static final int NONE = EntryTable.NONE;
    /** The last race date a race may have (9999-12-31), for a new race and an edited one. */
    static final int EPOCH_DAY_MAX = 2_932_896;

    private final RaceTable races;
    private final CategoryTable categories;
    private final PaymentDeadlines deadlines;
    private final RaceResult result;
    private final int maxCategoriesPerRace;
    private final int maxGroupSizeLimit;
    private final int maxEntries;

    RaceCreation(final EngineContext context, final RaceTable races, final CategoryTable categories,
        final PaymentDeadlines deadlines, final RaceResult result)
    {
        this.races = races;
        this.categories = categories;
        this.deadlines = deadlines;
        this.result = result;
        maxCategoriesPerRace = context.maxCategoriesPerRace();
        maxGroupSizeLimit = context.maxGroupSizeLimit();
        maxEntries = context.maxEntries();
    }

    ResultCode create(final RaceSpec spec)
    {
        final ResultCode invalid = validate(spec);
        if (invalid != ResultCode.OK)
        {
            return invalid;
        }
        if (spec.requestedRaceId != 0 && races.indexOf(spec.requestedRaceId) != NONE)
        {
            return result.reject(ResultCode.RACE_ID_TAKEN, spec.requestedRaceId, "raceId");
        }
        if (races.count == races.capacity() || categories.count + spec.categoryCount > categories.capacity())
        {
            return result.reject(ResultCode.CAPACITY_REACHED, 0, "races");
        }
        final long id = spec.requestedRaceId != 0 ? spec.requestedRaceId : nextFreeRaceId();
        if (id == 0)
        {
            return result.reject(ResultCode.CAPACITY_REACHED, 0, "raceId");
        }
        final int r = addRace(spec, id);
        for (int k = 0; k < spec.categoryCount; k++)
        {
            addCategory(spec, r, k);
        }
        result.race = r;
        deadlines.schedule();
        return ResultCode.OK;
    }

    private int addRace(final RaceSpec spec, final long id)
    {
        final RaceTable t = races;
        final int r = t.count++;
        t.raceId[r] = id;
        t.raceDateEpochDay[r] = spec.raceDateEpochDay;
        t.mode[r] = spec.mode;
        t.opensAt[r] = spec.registrationOpensAt;
        t.closesAt[r] = spec.registrationClosesAt;
        t.paymentWindowMs[r] = spec.paymentWindowMs;
        t.maxGroupSize[r] = spec.maxGroupSize;
        t.raceName[r] = Arrays.copyOf(spec.name, spec.nameLength);
        t.firstEntry[r] = NONE;
        t.lastEntry[r] = NONE;
        t.dueHead[r] = NONE;
        t.dueTail[r] = NONE;
        t.firstCategory[r] = categories.count;
        t.categoryCount[r] = spec.categoryCount;
        return r;
    }

    private void addCategory(final RaceSpec spec, final int r, final int k)
    {
        final CategoryTable t = categories;
        final int c = t.count++;
        t.categoryRace[c] = r;
        t.categoryCode0[c] = spec.categoryCode0[k];
        t.categoryCode1[c] = spec.categoryCode1[k];
        t.capacity[c] = spec.capacity[k];
        t.feeFen[c] = spec.feeFen[k];
        t.minAge[c] = spec.minAge[k];
        t.maxAge[c] = spec.maxAge[k];
        t.bibFrom[c] = spec.bibFrom[k];
        t.nextBib[c] = spec.bibFrom[k];
        t.waitlistHead[c] = NONE;
        t.waitlistTail[c] = NONE;
        t.poolCount[c] = spec.poolCount[k];
        for (int p = 0; p < spec.poolCount[k]; p++)
        {
            final int row = spec.poolStart[k] + p;
            final int slot = c * t.maxPoolsPerRace + p;
            t.poolBit[slot] = races.poolBit(r, spec.poolCode0[row], spec.poolCode1[row], true);
            t.poolPlaces[slot] = spec.poolPlaces[row];
            t.poolGuaranteed[slot] = spec.poolGuaranteed[row];
        }
    }

    private ResultCode validate(final RaceSpec spec)
    {
        final ResultCode race = validateRace(spec);
        if (race != ResultCode.OK)
        {
            return race;
        }
        for (int k = 0; k < spec.categoryCount; k++)
        {
            final ResultCode category = validateCategory(spec, k);
            if (category != ResultCode.OK)
            {
                return category;
            }
        }
        if (distinctPools(spec) > races.maxPoolsPerRace)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "categories.pools");
        }
        return ResultCode.OK;
    }

    private ResultCode validateRace(final RaceSpec spec)
    {
        if (spec.requestedRaceId < 0 || spec.requestedRaceId > Ids.EXTERNAL_ID_MAX)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "raceId");
        }
        if (spec.nameLength == 0)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "name");
        }
        if (spec.raceDateEpochDay < 0 || spec.raceDateEpochDay > EPOCH_DAY_MAX)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "raceDate");
        }
        if (spec.mode != LOTTERY && spec.mode != FIRST_COME)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "mode");
        }
        if (spec.registrationOpensAt < 0)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "registrationOpensAt");
        }
        if (spec.registrationClosesAt <= spec.registrationOpensAt)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "registrationClosesAt");
        }
        if (spec.paymentWindowMs < 1 || spec.paymentWindowMs > Races.PAYMENT_WINDOW_MAX_MS)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "paymentWindowMs");
        }
        if (spec.maxGroupSize < 1 || spec.maxGroupSize > maxGroupSizeLimit)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "maxGroupSize");
        }
        if (spec.categoryCount < 1 || spec.categoryCount > maxCategoriesPerRace)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "categories");
        }
        return ResultCode.OK;
    }

    private ResultCode validateCategory(final RaceSpec spec, final int k)
    {
        for (int j = 0; j < k; j++)
        {
            if (spec.categoryCode0[j] == spec.categoryCode0[k] && spec.categoryCode1[j] == spec.categoryCode1[k])
            {
                return result.reject(ResultCode.INVALID_ARGUMENT, 0, "categories.code");
            }
        }
        if (spec.capacity[k] < 1 || spec.capacity[k] > maxEntries)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "categories.capacity");
        }
        if (spec.feeFen[k] < 0)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "categories.feeFen");
        }
        if (spec.minAge[k] < 0 || spec.maxAge[k] < spec.minAge[k] || spec.maxAge[k] > Races.AGE_MAX)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "categories.minAge");
        }
        if (spec.bibFrom[k] < 1 || (long)spec.bibFrom[k] + maxEntries > Integer.MAX_VALUE)
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "categories.bibFrom");
        }
        long reserved = 0;
        for (int p = 0; p < spec.poolCount[k]; p++)
        {
            final int row = spec.poolStart[k] + p;
            if (spec.poolPlaces[row] < 1)
            {
                return result.reject(ResultCode.INVALID_ARGUMENT, 0, "categories.pools.places");
            }
            reserved += spec.poolPlaces[row];
            for (int q = 0; q < p; q++)
            {
                final int other = spec.poolStart[k] + q;
                if (spec.poolCode0[other] == spec.poolCode0[row] && spec.poolCode1[other] == spec.poolCode1[row])
                {
                    return result.reject(ResultCode.INVALID_ARGUMENT, 0, "categories.pools.code");
                }
            }
        }
        if (reserved > spec.capacity[k])
        {
            return result.reject(ResultCode.INVALID_ARGUMENT, 0, "categories.pools.places");
        }
        return ResultCode.OK;
    }

    /** How many different pool codes the race's categories name, a code shared by several counted once. */
    private static int distinctPools(final RaceSpec spec)
    {
        int distinctPools = 0;
        for (int k = 0; k < spec.categoryCount; k++)
        {
            for (int p = 0; p < spec.poolCount[k]; p++)
            {
                if (!poolCodeSeenBefore(spec, k, spec.poolStart[k] + p))
                {
                    distinctPools++;
                }
            }
        }
        return distinctPools;
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
        long candidate = races.count;
        for (int attempts = 0; attempts <= races.capacity(); attempts++)
        {
            if (races.indexOf(candidate) == NONE && candidate > 0)
            {
                return candidate;
            }
            candidate++;
        }
        return 0;
    }
}
