package io.startline.engine.voucher;

import io.startline.engine.codec.CampaignStatsDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign's statistics as the sponsor reads them, decoded from the engine's
 * {@code CampaignStats} result: totals, and the same counters per drop, per tier and per
 * store, with the derived redemption rate and leverage.
 * <p>
 * Reader side (gateway, exports, tests): it allocates freely and never runs on the engine thread.
 */
public record CampaignStats(
    long campaignId,
    long budgetFen,
    long budgetLeftFen,
    Counters total,
    List<Row> byDrop,
    List<Row> byTier,
    List<Row> byStore)
{
    /**
     * @param issued            vouchers put on offer in drops.
     * @param claimed           vouchers claimed.
     * @param redeemed          vouchers redeemed and not refunded.
     * @param refunded          redemptions refunded.
     * @param expired           vouchers that expired unredeemed.
     * @param unclaimedReturned vouchers of ended drops never claimed.
     * @param recycledFen       face value returned to the budget: expired vouchers and unclaimed stock.
     * @param subsidyPaidFen    face value of redeemed vouchers.
     * @param consumerSpendFen  order amounts of redeemed orders.
     */
    public record Counters(
        long issued,
        long claimed,
        long redeemed,
        long refunded,
        long expired,
        long unclaimedReturned,
        long recycledFen,
        long subsidyPaidFen,
        long consumerSpendFen)
    {
        public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0);

        /**
         * Redeemed ÷ claimed; 0 when nothing was claimed.
         */
        public double redemptionRate()
        {
            return claimed == 0 ? 0.0 : (double)redeemed / claimed;
        }

        /**
         * Consumer spend pulled in per fen of subsidy; 0 when no subsidy was paid.
         */
        public double leverage()
        {
            return subsidyPaidFen == 0 ? 0.0 : (double)consumerSpendFen / subsidyPaidFen;
        }

        public Counters plus(final Counters o)
        {
            return new Counters(
                issued + o.issued, claimed + o.claimed, redeemed + o.redeemed, refunded + o.refunded,
                expired + o.expired, unclaimedReturned + o.unclaimedReturned, recycledFen + o.recycledFen,
                subsidyPaidFen + o.subsidyPaidFen, consumerSpendFen + o.consumerSpendFen);
        }
    }

    /**
     * One breakdown row: {@code key} is the drop id, the tier code or the store id.
     */
    public record Row(String key, Counters counters)
    {
    }

    /**
     * One line of the per-store settlement: what the sponsor owes each store.
     */
    public record Settlement(long storeId, long redemptions, long orderAmountFen, long subsidyFen)
    {
    }

    public List<Settlement> settlement()
    {
        final List<Settlement> lines = new ArrayList<>(byStore.size());
        for (final Row row : byStore)
        {
            lines.add(new Settlement(
                Long.parseLong(row.key()),
                row.counters().redeemed(),
                row.counters().consumerSpendFen(),
                row.counters().subsidyPaidFen()));
        }
        return lines;
    }

    public static CampaignStats decode(final DirectBuffer buffer, final int offset)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        if (header.templateId() != CampaignStatsDecoder.TEMPLATE_ID)
        {
            throw new IllegalArgumentException("not a CampaignStats result: template " + header.templateId());
        }
        final CampaignStatsDecoder decoder = new CampaignStatsDecoder().wrapAndApplyHeader(buffer, offset, header);

        final List<Row> byDrop = new ArrayList<>();
        final Map<String, Counters> tiers = new LinkedHashMap<>();
        Counters total = Counters.ZERO;
        for (final CampaignStatsDecoder.DropsDecoder drop : decoder.drops())
        {
            final Counters counters = new Counters(
                drop.issued(), drop.claimed(), drop.redeemed(), drop.refunded(), drop.expired(),
                drop.unclaimedReturned(), drop.recycledFen(), drop.subsidyPaidFen(), drop.consumerSpendFen());
            byDrop.add(new Row(Long.toString(drop.dropId()), counters));
            tiers.merge(drop.tierCode(), counters, Counters::plus);
            total = total.plus(counters);
        }
        final List<Row> byTier = new ArrayList<>();
        tiers.forEach((code, counters) -> byTier.add(new Row(code, counters)));

        final List<Row> byStore = new ArrayList<>();
        for (final CampaignStatsDecoder.StoresDecoder store : decoder.stores())
        {
            byStore.add(new Row(Long.toString(store.storeId()), new Counters(
                0, 0, store.redeemed(), store.refunded(), 0, 0, 0, store.subsidyPaidFen(), store.consumerSpendFen())));
        }
        return new CampaignStats(
            decoder.campaignId(), decoder.budgetFen(), decoder.budgetLeftFen(), total,
            Collections.unmodifiableList(byDrop), Collections.unmodifiableList(byTier),
            Collections.unmodifiableList(byStore));
    }
}
