package io.startline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The flash drop's end check: exactly the drop's vouchers were claimed, no one holds two, and
 * the sponsor's statistics and settlement agree with every answer the rush got. Pure: it
 * compares the generator's ledger with the API's answers handed to it.
 */
public final class FlashDropCheck
{
    /** Enough to see what kind of disagreement it is. */
    private static final int MAX_LISTED = 10;
    private static final double RATIO_TOLERANCE = 1e-9;

    private FlashDropCheck()
    {
    }

    /**
     * What the generator saw.
     *
     * @param vouchers                 the drop's quantity
     * @param faceValueFen             each voucher's face value
     * @param claimsAccepted           201 answers to claims
     * @param distinctVoucherCodes     different voucher codes among them
     * @param usersAnsweredTwice       users who got a second 201
     * @param redemptionsAccepted      201 answers to redemptions
     * @param redemptionsMisreckoned   201 answers whose discount or payable amount was wrong
     * @param byStore                  accepted redemptions and their order amounts, per store
     * @param sample                   users who looked at their own vouchers afterwards
     */
    public record Ledger(long vouchers, long faceValueFen, long claimsAccepted, long distinctVoucherCodes,
        long usersAnsweredTwice, long redemptionsAccepted, long redemptionsMisreckoned,
        Map<Long, StoreTally> byStore, List<SampledUser> sample)
    {
    }

    public record StoreTally(long redemptions, long orderAmountFen)
    {
    }

    /**
     * @param wonCode     the voucher code the user's claim was answered with, or null if it was refused
     * @param listedCodes this campaign's vouchers in the user's {@code /api/vouchers/me}, or null if unanswered
     */
    public record SampledUser(long userId, String wonCode, List<String> listedCodes)
    {
    }

    public static CheckResult check(final Ledger ledger, final JsonNode stats, final String settlementCsv)
    {
        final CheckResult check = new CheckResult();
        final long face = ledger.faceValueFen();
        check.requireEqual("claims answered 201", ledger.vouchers(), ledger.claimsAccepted())
            .requireEqual("different voucher codes among the 201 answers", ledger.claimsAccepted(),
                ledger.distinctVoucherCodes())
            .requireEqual("users answered 201 twice", 0, ledger.usersAnsweredTwice())
            .requireEqual("redemptions answered with a wrong discount or payable amount", 0,
                ledger.redemptionsMisreckoned());

        final long issued = stats.path("issued").asLong(-1);
        final long claimed = stats.path("claimed").asLong(-1);
        final long redeemed = stats.path("redeemed").asLong(-1);
        final long subsidyPaid = stats.path("subsidyPaidFen").asLong(-1);
        final long consumerSpend = stats.path("consumerSpendFen").asLong(-1);
        long orderAmounts = 0;
        for (final StoreTally tally : ledger.byStore().values())
        {
            orderAmounts += tally.orderAmountFen();
        }
        check.requireEqual("stats: issued", ledger.vouchers(), issued)
            .requireEqual("stats: claimed", ledger.vouchers(), claimed)
            .requireEqual("stats: redeemed", ledger.redemptionsAccepted(), redeemed)
            .requireEqual("stats: refunded", 0, stats.path("refunded").asLong(-1))
            .requireEqual("stats: expired", 0, stats.path("expired").asLong(-1))
            .requireEqual("stats: subsidyPaidFen", ledger.redemptionsAccepted() * face, subsidyPaid)
            .requireEqual("stats: consumerSpendFen", orderAmounts, consumerSpend)
            .requireEqual("stats: budgetFen", ledger.vouchers() * face, stats.path("budgetFen").asLong(-1));
        // budget left + unclaimed stock + active vouchers + subsidy paid = budget (README, "Expiry and recycling").
        final long accounted = stats.path("budgetLeftFen").asLong(-1) + (issued - claimed) * face +
            (claimed - redeemed) * face + subsidyPaid;
        check.requireEqual("stats: budget left + unclaimed + active + paid", ledger.vouchers() * face, accounted);
        if (claimed > 0)
        {
            check.require(Math.abs(stats.path("redemptionRate").asDouble(-1) - redeemed / (double)claimed) < RATIO_TOLERANCE,
                "stats: redemptionRate " + stats.path("redemptionRate") + " is not redeemed ÷ claimed");
        }
        if (subsidyPaid > 0)
        {
            check.require(Math.abs(stats.path("leverage").asDouble(-1) - consumerSpend / (double)subsidyPaid) <
                RATIO_TOLERANCE * Math.max(1, consumerSpend / (double)subsidyPaid),
                "stats: leverage " + stats.path("leverage") + " is not consumerSpendFen ÷ subsidyPaidFen");
        }
        final JsonNode drops = stats.path("byDrop");
        check.require(drops.size() == 1 && drops.path(0).path("claimed").asLong(-1) == ledger.vouchers(),
            "stats: byDrop should be one drop with every voucher claimed: " + drops);

        checkStores(check, ledger, stats.path("byStore"));
        checkSettlement(check, ledger, settlementCsv);
        checkSample(check, ledger.sample());
        return check.fact("vouchersClaimed", claimed)
            .fact("redeemed", redeemed)
            .fact("redemptionRate", stats.path("redemptionRate").asDouble())
            .fact("subsidyPaidFen", subsidyPaid)
            .fact("consumerSpendFen", consumerSpend)
            .fact("leverage", stats.path("leverage").asDouble())
            .fact("usersSampled", ledger.sample().size());
    }

    private static void checkStores(final CheckResult check, final Ledger ledger, final JsonNode byStore)
    {
        final Map<Long, JsonNode> rows = new HashMap<>();
        for (final JsonNode row : byStore)
        {
            rows.put(row.path("storeId").asLong(), row);
        }
        for (final Map.Entry<Long, StoreTally> store : ledger.byStore().entrySet())
        {
            final JsonNode row = rows.get(store.getKey());
            check.require(row != null, "stats: byStore has no row for store " + store.getKey());
            if (row != null)
            {
                check.requireEqual("stats: store " + store.getKey() + " redeemed", store.getValue().redemptions(),
                    row.path("redeemed").asLong(-1))
                    .requireEqual("stats: store " + store.getKey() + " consumerSpendFen",
                        store.getValue().orderAmountFen(), row.path("consumerSpendFen").asLong(-1));
            }
        }
        for (final Map.Entry<Long, JsonNode> row : rows.entrySet())
        {
            if (!ledger.byStore().containsKey(row.getKey()))
            {
                check.requireEqual("stats: store " + row.getKey() + " (no redemption answered 201) redeemed", 0,
                    row.getValue().path("redeemed").asLong(-1));
            }
        }
    }

    /** {@code storeId,redemptions,orderAmountFen,subsidyFen}, one line per store. */
    private static void checkSettlement(final CheckResult check, final Ledger ledger, final String csv)
    {
        final String[] lines = csv.split("\n");
        check.requireEqual("settlement header", "storeId,redemptions,orderAmountFen,subsidyFen", lines[0]);
        final Map<Long, long[]> settled = new HashMap<>();
        for (int i = 1; i < lines.length; i++)
        {
            final String[] fields = lines[i].split(",");
            check.require(fields.length == 4, "settlement line " + (i + 1) + " is not four fields: " + lines[i]);
            if (fields.length == 4)
            {
                settled.put(Long.parseLong(fields[0]), new long[]{Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                    Long.parseLong(fields[3])});
            }
        }
        for (final Map.Entry<Long, StoreTally> store : ledger.byStore().entrySet())
        {
            final long[] line = settled.getOrDefault(store.getKey(), new long[3]);
            check.requireEqual("settlement: store " + store.getKey() + " redemptions", store.getValue().redemptions(),
                line[0])
                .requireEqual("settlement: store " + store.getKey() + " orderAmountFen",
                    store.getValue().orderAmountFen(), line[1])
                .requireEqual("settlement: store " + store.getKey() + " subsidyFen",
                    store.getValue().redemptions() * ledger.faceValueFen(), line[2]);
        }
        for (final Map.Entry<Long, long[]> line : settled.entrySet())
        {
            if (!ledger.byStore().containsKey(line.getKey()))
            {
                check.requireEqual("settlement: store " + line.getKey() + " (no redemption answered 201) redemptions",
                    0, line.getValue()[0]);
            }
        }
    }

    /** A winner sees exactly the voucher the claim answered with; anyone else sees none of this campaign's. */
    private static void checkSample(final CheckResult check, final List<SampledUser> sample)
    {
        int wrong = 0;
        for (final SampledUser user : sample)
        {
            final List<String> expected = user.wonCode() == null ? List.of() : List.of(user.wonCode());
            if (!expected.equals(user.listedCodes()))
            {
                if (wrong < MAX_LISTED)
                {
                    check.require(false, "user " + user.userId() + " lists " + user.listedCodes() +
                        " of this campaign's vouchers; the claims were answered with " + expected);
                }
                wrong++;
            }
        }
        check.require(wrong <= MAX_LISTED, (wrong - MAX_LISTED) + " more sampled users disagree");
    }
}
