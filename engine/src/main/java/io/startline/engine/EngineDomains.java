package io.startline.engine;

import java.util.List;
import io.startline.engine.booking.BookingCommandAdapter;
import io.startline.engine.domain.DomainType;
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
    public static final List<DomainType> STANDARD = List.of(
        new DomainType(VoucherCommandAdapter::new, VoucherCommandAdapter::inboundDecoders),
        new DomainType(RaceCommandAdapter::new, RaceCommandAdapter::inboundDecoders),
        new DomainType(BookingCommandAdapter::new, BookingCommandAdapter::inboundDecoders));

    private EngineDomains()
    {
    }
}
