package io.startline.engine.race;

import io.startline.engine.support.FingerprintIndex;
import io.startline.engine.support.StateHasher;

/**
 * Finds a race's entry by person and by user: one entry per person and one per user in each
 * race. Derived from the entry table, so a snapshot load rebuilds it rather than storing it.
 */
final class EntryIndex
{
    private final EntryTable entries;
    private final FingerprintIndex entryByPerson;
    private final FingerprintIndex entryByUser;

    EntryIndex(final EntryTable entries)
    {
        this.entries = entries;
        entryByPerson = new FingerprintIndex(entries.capacity());
        entryByUser = new FingerprintIndex(entries.capacity());
    }

    void add(final int e)
    {
        final int r = entries.raceIndex[e];
        entryByPerson.insert(personHash(r, entries.personKey0[e], entries.personKey1[e]), e);
        entryByUser.insert(userHash(r, entries.userId[e]), e);
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
        return EntryTable.NONE;
    }

    int entryOfPerson(final int r, final long key0, final long key1)
    {
        for (int e = entryByPerson.find(personHash(r, key0, key1)); e != FingerprintIndex.MISSING;
            e = entryByPerson.findNext())
        {
            if (entries.personKey0[e] == key0 && entries.personKey1[e] == key1 && entries.raceIndex[e] == r)
            {
                return e;
            }
        }
        return EntryTable.NONE;
    }

    static long personHash(final int r, final long key0, final long key1)
    {
        return StateHasher.mix(key0 * 31 + StateHasher.mix(key1 ^ r));
    }

    private static long userHash(final int r, final long userId)
    {
        return StateHasher.mix(userId * 0x9E3779B97F4A7C15L + r);
    }
}
