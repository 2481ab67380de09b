package io.startline.engine.race;

import io.startline.engine.support.FingerprintIndex;
import io.startline.engine.support.StateHasher;

/**
 * Entitlements, one row per person and race: the race pools the person may take a reserved
 * place from and their ballot weight. Rows are never removed; a later grant adds pools to a
 * person's row and may change the weight.
 */
final class EntitlementTable
{
    final int[] entitlementRace;
    final long[] entitlementKey0;
    final long[] entitlementKey1;
    final int[] entitlementPools;
    final int[] entitlementWeight;
    private final FingerprintIndex entitlementByPerson;
    int count;

    EntitlementTable(final int capacity)
    {
        entitlementRace = new int[capacity];
        entitlementKey0 = new long[capacity];
        entitlementKey1 = new long[capacity];
        entitlementPools = new int[capacity];
        entitlementWeight = new int[capacity];
        entitlementByPerson = new FingerprintIndex(capacity);
    }

    int capacity()
    {
        return entitlementRace.length;
    }

    int entitlementOf(final int r, final long key0, final long key1)
    {
        for (int i = entitlementByPerson.find(EntryIndex.personHash(r, key0, key1)); i != FingerprintIndex.MISSING;
            i = entitlementByPerson.findNext())
        {
            if (entitlementKey0[i] == key0 && entitlementKey1[i] == key1 && entitlementRace[i] == r)
            {
                return i;
            }
        }
        return EntryTable.NONE;
    }

    /** How many of the grant's persons have no row in the race yet. */
    int newPersons(final int r, final EntitlementGrant grant)
    {
        int newPersons = 0;
        for (int i = 0; i < grant.persons; i++)
        {
            if (entitlementOf(r, grant.personKeys0[i], grant.personKeys1[i]) == EntryTable.NONE)
            {
                newPersons++;
            }
        }
        return newPersons;
    }

    /**
     * Grants each of the grant's persons the pool (poolBit, NONE when the grant has none) and the
     * weight (0: no weight), adding a row of weight 1 for a person who has none.
     */
    void grant(final int r, final int poolBit, final EntitlementGrant grant)
    {
        final long[] keys0 = grant.personKeys0;
        final long[] keys1 = grant.personKeys1;
        final int weight = grant.weight;
        for (int i = 0; i < grant.persons; i++)
        {
            int slot = entitlementOf(r, keys0[i], keys1[i]);
            if (slot == EntryTable.NONE)
            {
                slot = count++;
                entitlementRace[slot] = r;
                entitlementKey0[slot] = keys0[i];
                entitlementKey1[slot] = keys1[i];
                entitlementWeight[slot] = 1;
                entitlementByPerson.insert(EntryIndex.personHash(r, keys0[i], keys1[i]), slot);
            }
            if (poolBit != EntryTable.NONE)
            {
                entitlementPools[slot] |= 1 << poolBit;
            }
            if (weight != 0)
            {
                entitlementWeight[slot] = weight;
            }
        }
    }

    /**
     * Fixes an entry's entitled pools and weight from its person's row: a race-wide entitlement
     * counts only where the entry's category has that pool.
     */
    void resolve(final EntryTable entries, final CategoryTable categories, final int e)
    {
        final int slot = entitlementOf(entries.raceIndex[e], entries.personKey0[e], entries.personKey1[e]);
        if (slot == EntryTable.NONE)
        {
            entries.entitledPools[e] = 0;
            entries.weight[e] = 1;
            return;
        }
        entries.entitledPools[e] = entitlementPools[slot] & categories.poolMask(entries.categoryIndex[e]);
        entries.weight[e] = entitlementWeight[slot];
    }

    /** Sets the row count after a snapshot load and rebuilds the person index from the rows. */
    void rebuildAfterLoad(final int rows)
    {
        count = rows;
        for (int i = 0; i < rows; i++)
        {
            final long hash = EntryIndex.personHash(entitlementRace[i], entitlementKey0[i], entitlementKey1[i]);
            entitlementByPerson.insert(hash, i);
        }
    }

    void hashInto(final StateHasher hasher)
    {
        for (int i = 0; i < count; i++)
        {
            hasher.add(entitlementRace[i]).add(entitlementKey0[i]).add(entitlementKey1[i]).add(entitlementPools[i])
                .add(entitlementWeight[i]);
        }
    }
}
