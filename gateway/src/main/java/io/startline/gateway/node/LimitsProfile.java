package io.startline.gateway.node;

import io.startline.engine.EngineContext;

/**
 * Named sets of the engine's limits, since a limit is also memory made at start-up. {@code default}
 * is the engine's own (a city's season: a million vouchers, entries and reservations); {@code small}
 * takes an eighth of the big tables, for a laptop, a rehearsal, the tests and three cluster members
 * on one small machine.
 */
public enum LimitsProfile
{
    DEFAULT,
    SMALL;

    public EngineContext engineContext()
    {
        final EngineContext context = new EngineContext();
        if (this == SMALL)
        {
            context.maxCampaigns(128)
                .maxDrops(2_048)
                .maxVouchers(1 << 17)
                .maxRedemptions(1 << 17)
                .maxRaces(16)
                .maxEntries(1 << 17)
                .maxGroups(1 << 15)
                .maxEntitlements(1 << 15)
                .maxVenues(32)
                .maxCalendarSlots(1 << 19)
                .maxReservations(1 << 17)
                // Every cluster write holds a key: room for a rush of 5,000 writes/s to keep its keys
                // for over a minute, well past a gateway's request timeout.
                .maxIdempotencyKeys(1 << 19)
                .idempotencyResultBytes(32 << 20);
        }
        return context;
    }
}
