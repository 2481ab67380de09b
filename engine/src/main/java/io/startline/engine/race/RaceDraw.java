package io.startline.engine.race;

import io.startline.engine.codec.EntryStatus;

/**
 * Runs a race's ballot, category by category, on its frozen entry list: each entry or group is
 * one ballot unit; {@link BallotDraw} orders the units and picks their pools, and the outcome is
 * written back to every member.
 */
final class RaceDraw
{
    private static final byte WAITLISTED = (byte)EntryStatus.WAITLISTED.value();
    private static final int NONE = EntryTable.NONE;

    private final RaceTable races;
    private final CategoryTable categories;
    private final EntryTable entries;
    private final GroupTable groups;
    private final Places places;
    private final Waitlist waitlist;
    private final RaceResult result;
    private final BallotDraw ballot;
    private final int[] drawPoolBits;
    private final int[] drawPoolPlaces;
    private final int[] selectionOrder;
    /** A ballot unit's first member, by unit index. */
    private final int[] unitFirstMember;

    RaceDraw(final RaceTable races, final CategoryTable categories, final EntryTable entries, final GroupTable groups,
        final Places places, final Waitlist waitlist, final RaceResult result)
    {
        this.races = races;
        this.categories = categories;
        this.entries = entries;
        this.groups = groups;
        this.places = places;
        this.waitlist = waitlist;
        this.result = result;
        ballot = new BallotDraw(entries.capacity(), Races.SEED_MAX_BYTES);
        drawPoolBits = new int[races.maxPoolsPerRace];
        drawPoolPlaces = new int[races.maxPoolsPerRace];
        selectionOrder = new int[races.maxPoolsPerRace];
        unitFirstMember = new int[entries.capacity()];
    }

    /** Keeps the seed, marks the race drawn and draws every category; the caller has checked the request. */
    void draw(final int r, final byte[] seedBytes, final int seedBytesLength, final long nowMs)
    {
        System.arraycopy(seedBytes, 0, races.seed, r * Races.SEED_MAX_BYTES, seedBytesLength);
        races.seedLength[r] = seedBytesLength;
        races.drawn[r] = true;
        result.drawWinners = 0;
        result.drawWaitlisted = 0;
        for (int c = races.firstCategory[r]; c < races.firstCategory[r] + races.categoryCount[r]; c++)
        {
            addUnits(r, c);
            final int pools = categories.poolsInSelectionOrder(c, selectionOrder);
            for (int i = 0; i < pools; i++)
            {
                drawPoolBits[i] = categories.poolBit[selectionOrder[i]];
                drawPoolPlaces[i] = categories.poolPlaces[selectionOrder[i]];
            }
            ballot.draw(seedBytes, seedBytesLength, races.raceId[r], categories.capacity[c], drawPoolBits,
                drawPoolPlaces, pools);
            applyOutcome(c, nowMs);
        }
    }

    /**
     * Puts the category's listed entries into the ballot: a single entry as itself, a group once,
     * at its first member, with its members' smallest weight and the pools all of them share.
     */
    private void addUnits(final int r, final int c)
    {
        final EntryTable t = entries;
        ballot.reset();
        for (int e = races.firstEntry[r]; e != NONE; e = t.nextInRace[e])
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
    }

    /** Writes each unit's draw rank and outcome to its members, in draw order. */
    private void applyOutcome(final int c, final long nowMs)
    {
        final EntryTable t = entries;
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
                    categories.setStatus(t, m, WAITLISTED);
                    result.drawWaitlisted++;
                }
                else
                {
                    places.win(m, chosen == BallotDraw.GENERAL ? EntryTable.POOL_GENERAL : chosen, nowMs);
                    result.drawWinners++;
                }
            }
            if (chosen == BallotDraw.WAITLISTED)
            {
                waitlist.append(c, first);
                categories.waitlistPositions[c] = ballot.waitlistPosition(u);
            }
        }
    }
}
