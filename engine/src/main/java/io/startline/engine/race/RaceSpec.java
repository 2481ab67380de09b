package io.startline.engine.race;

import io.startline.engine.EngineContext;

/**
 * A decoded {@code CreateRace} request, reused for every one: the adapter fills it from the
 * flyweight, {@link Races#createRace} checks it whole before anything is created.
 */
final class RaceSpec
{
    static final int NAME_MAX_BYTES = 128;

    long requestedRaceId;
    int raceDateEpochDay;
    byte mode;
    long registrationOpensAt;
    long registrationClosesAt;
    long paymentWindowMs;
    int maxGroupSize;
    final byte[] name = new byte[NAME_MAX_BYTES];
    int nameLength;

    int categoryCount;
    final long[] categoryCode0;
    final long[] categoryCode1;
    final int[] capacity;
    final long[] feeFen;
    final int[] minAge;
    final int[] maxAge;
    final int[] bibFrom;
    final int[] poolStart;
    final int[] poolCount;

    int poolRows;
    final long[] poolCode0;
    final long[] poolCode1;
    final int[] poolPlaces;
    final boolean[] poolGuaranteed;

    RaceSpec(final EngineContext context)
    {
        final int categories = context.maxCategoriesPerRace();
        categoryCode0 = new long[categories];
        categoryCode1 = new long[categories];
        capacity = new int[categories];
        feeFen = new long[categories];
        minAge = new int[categories];
        maxAge = new int[categories];
        bibFrom = new int[categories];
        poolStart = new int[categories];
        poolCount = new int[categories];
        final int pools = categories * context.maxPoolsPerRace();
        poolCode0 = new long[pools];
        poolCode1 = new long[pools];
        poolPlaces = new int[pools];
        poolGuaranteed = new boolean[pools];
    }
}
