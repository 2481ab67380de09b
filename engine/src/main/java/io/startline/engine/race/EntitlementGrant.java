package io.startline.engine.race;

/**
 * A decoded {@code GrantEntitlements} request, reused for every one: the adapter fills it from
 * the flyweight, {@link Races#grantEntitlements} checks it whole before anyone is granted.
 */
final class EntitlementGrant
{
    long raceId;
    /** Both 0 when the grant carries no pool. */
    long poolCode0;
    long poolCode1;
    /** 0 when the grant carries no weight. */
    int weight;
    final long[] personKeys0;
    final long[] personKeys1;
    int persons;

    EntitlementGrant(final int maxPersonsPerGrant)
    {
        personKeys0 = new long[maxPersonsPerGrant];
        personKeys1 = new long[maxPersonsPerGrant];
    }

    boolean hasPool()
    {
        return poolCode0 != 0 || poolCode1 != 0;
    }
}
