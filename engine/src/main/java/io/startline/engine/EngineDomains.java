package io.startline.engine;

import java.util.List;
import java.util.function.Function;
import io.startline.engine.booking.BookingCommandAdapter;
import io.startline.engine.domain.Domain;
import io.startline.engine.race.RaceCommandAdapter;
import io.startline.engine.voucher.VoucherCommandAdapter;

/**
 * The domains a node runs: the one place a domain is registered.
 */
public final class EngineDomains
{
    /**
     * In the order their state is hashed and written to snapshots, which journals and snapshots
     * already written depend on: a new domain goes at the end, and none is ever reordered.
     */
    public static final List<Function<EngineContext, Domain>> STANDARD = List.of(
        VoucherCommandAdapter::new,
        RaceCommandAdapter::new,
        BookingCommandAdapter::new);

    private EngineDomains()
    {
    }
}
