package io.startline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The flash drop's end check on canned API answers: four vouchers claimed, two redeemed at two stores. */
class FlashDropCheckTest
{
    private static final String STATS = """
        {"campaignId":2,"budgetFen":20000,"budgetLeftFen":0,"issued":4,"claimed":4,"redeemed":2,"refunded":0,
         "expired":0,"unclaimedReturned":0,"recycledFen":0,"redemptionRate":0.5,"subsidyPaidFen":10000,
         "consumerSpendFen":50000,"leverage":5.0,
         "byDrop":[{"dropId":3,"issued":4,"claimed":4,"redeemed":2}],
         "byTier":[{"tierCode":"T50","claimed":4}],
         "byStore":[{"storeId":101,"redeemed":1,"consumerSpendFen":20000},
                    {"storeId":102,"redeemed":1,"consumerSpendFen":30000},
                    {"storeId":103,"redeemed":0,"consumerSpendFen":0}]}
        """;
    private static final String SETTLEMENT = "storeId,redemptions,orderAmountFen,subsidyFen\n101,1,20000,5000\n" +
        "102,1,30000,5000\n";

    @Test
    void passesWhenEveryAnswerAgreesWithTheStatistics() throws IOException
    {
        final CheckResult check = FlashDropCheck.check(ledger(4, 4, 0, sample()), json(STATS), SETTLEMENT);

        assertThat(check.failures()).isEmpty();
        assertThat(check.facts()).containsEntry("vouchersClaimed", 4L).containsEntry("redeemed", 2L)
            .containsEntry("usersSampled", 3);
    }

    @Test
    void failsWhenMoreOrFewerThanTheDropWereClaimed() throws IOException
    {
        final CheckResult check = FlashDropCheck.check(ledger(5, 5, 0, sample()),
            json(STATS.replace("\"claimed\":4,\"redeemed\":2,\"refunded\"", "\"claimed\":5,\"redeemed\":2,\"refunded\"")),
            SETTLEMENT);

        assertThat(check.failures()).contains("claims answered 201: expected 4, got 5", "stats: claimed: expected 4, got 5");
    }

    @Test
    void failsWhenAUserWasAnsweredTwiceOrTwoAnswersShareACode() throws IOException
    {
        final CheckResult check = FlashDropCheck.check(ledger(4, 3, 1, sample()), json(STATS), SETTLEMENT);

        assertThat(check.failures()).containsExactly("different voucher codes among the 201 answers: expected 4, got 3",
            "users answered 201 twice: expected 0, got 1");
    }

    @Test
    void failsWhenAStoreOrTheSettlementDisagreesWithTheRedemptionsAnswered() throws IOException
    {
        final CheckResult check = FlashDropCheck.check(ledger(4, 4, 0, sample()),
            json(STATS.replace("{\"storeId\":102,\"redeemed\":1", "{\"storeId\":102,\"redeemed\":2")),
            SETTLEMENT.replace("102,1,30000,5000", "102,1,30000,7000"));

        assertThat(check.failures()).containsExactly("stats: store 102 redeemed: expected 1, got 2",
            "settlement: store 102 subsidyFen: expected 5000, got 7000");
    }

    @Test
    void failsWhenTheTotalsDoNotAddUp() throws IOException
    {
        final CheckResult check = FlashDropCheck.check(ledger(4, 4, 0, sample()),
            json(STATS.replace("\"budgetLeftFen\":0", "\"budgetLeftFen\":5000").replace("\"leverage\":5.0",
                "\"leverage\":4.0")), SETTLEMENT);

        assertThat(check.failures()).hasSize(2);
        assertThat(check.failures().get(0)).startsWith("stats: budget left + unclaimed + active + paid");
        assertThat(check.failures().get(1)).startsWith("stats: leverage 4.0");
    }

    @Test
    void failsWhenASampledUserHoldsOtherVouchersThanTheirAnswersSay() throws IOException
    {
        final List<FlashDropCheck.SampledUser> sample = new ArrayList<>(sample());
        sample.add(new FlashDropCheck.SampledUser(8, "C4", List.of("C4", "C9")));
        sample.add(new FlashDropCheck.SampledUser(9, null, List.of("C5")));
        sample.add(new FlashDropCheck.SampledUser(10, null, null));

        final CheckResult check = FlashDropCheck.check(ledger(4, 4, 0, sample), json(STATS), SETTLEMENT);

        assertThat(check.failures()).containsExactly(
            "user 8 lists [C4, C9] of this campaign's vouchers; the claims were answered with [C4]",
            "user 9 lists [C5] of this campaign's vouchers; the claims were answered with []",
            "user 10 lists null of this campaign's vouchers; the claims were answered with []");
    }

    private static FlashDropCheck.Ledger ledger(final long claimsAccepted, final long distinctCodes,
        final long answeredTwice, final List<FlashDropCheck.SampledUser> sample)
    {
        return new FlashDropCheck.Ledger(4, 5_000, claimsAccepted, distinctCodes, answeredTwice, 2, 0,
            Map.of(101L, new FlashDropCheck.StoreTally(1, 20_000), 102L, new FlashDropCheck.StoreTally(1, 30_000)),
            sample);
    }

    private static List<FlashDropCheck.SampledUser> sample()
    {
        return List.of(new FlashDropCheck.SampledUser(5, "C1", List.of("C1")),
            new FlashDropCheck.SampledUser(6, null, List.of()), new FlashDropCheck.SampledUser(7, "C3", List.of("C3")));
    }

    private static JsonNode json(final String text) throws IOException
    {
        return new ObjectMapper().readTree(text);
    }
}
