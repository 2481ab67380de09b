package io.startline.engine.voucher;

import io.startline.engine.EngineContext;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.RandomizedRun;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine against the reference model over a long random command stream. The default
 * length keeps CI quick; {@code -Dstartline.model.steps=1000000} runs the full million.
 */
class VoucherModelTest
{
    private static final int USERS = 300_000;
    private static final int MAX_VOUCHERS = 1 << 20;
    private static final int MAX_REDEMPTIONS = 1 << 20;

    @Test
    void engineAgreesWithTheReferenceModelAndKeepsItsInvariants()
    {
        final RandomizedRun run = RandomizedRun.of("voucher model", 1_000_000);
        final EngineContext context = new EngineContext()
            .maxCampaigns(VoucherWorkload.MAX_CAMPAIGNS)
            .maxVenues(1)
            .maxCalendarSlots(1024)
            .maxReservations(1024)
            .maxDrops(8192)
            .maxDropsPerCampaign(4096)
            .maxStoresPerCampaign(64)
            .maxVouchers(MAX_VOUCHERS)
            .maxRedemptions(MAX_REDEMPTIONS)
            .codeKey(run.seed(), ~run.seed());
        final EngineDriver engine = new EngineDriver(context, VoucherWorkload.startMs());
        final VoucherWorkload workload = new VoucherWorkload(engine, MAX_VOUCHERS, MAX_REDEMPTIONS, USERS);
        final SplittableRandom random = run.random();

        run.run(step ->
        {
            workload.step(random);
            if (step % 250_000 == 249_999)
            {
                workload.audit();
            }
        });
        workload.audit();

        System.out.printf("voucher model: %d campaigns, %d drops, %d users claimed, %d vouchers won by %d users, " +
            "%d redemptions%n  outcomes %s%n", workload.campaigns(), workload.drops(), workload.claimingUsers(),
            workload.claimedVouchers(), workload.distinctClaimers(), workload.redemptions(), workload.outcomes());

        if (run.steps() >= 1_000_000)
        {
            assertThat(workload.claimingUsers()).as("claims came from at least 100,000 users")
                .isGreaterThanOrEqualTo(100_000);
        }
        if (run.steps() >= 1_000_000)
        {
            assertThat(workload.outcomes()).as("the run reached every rule").containsKeys(
                "claim OK", "claim SOLD_OUT", "claim LIMIT_REACHED", "claim NOT_OPEN", "claim CLOSED",
                "claim CAMPAIGN_NOT_FOUND", "claim DROP_NOT_FOUND", "claim INVALID_ARGUMENT",
                "createDrop OK", "createDrop BUDGET_EXCEEDED", "createDrop INVALID_ARGUMENT", "createDrop CLOSED",
                "createCampaign OK",
                "redeem OK", "redeem replayed OK", "redeem TXN_ID_REUSED", "redeem ALREADY_REDEEMED",
                "redeem EXPIRED", "redeem BELOW_THRESHOLD", "redeem STORE_NOT_ELIGIBLE", "redeem VOUCHER_NOT_FOUND",
                "refund OK", "refund after expiry OK", "refund WRONG_STORE", "refund ALREADY_REFUNDED",
                "refund REDEMPTION_NOT_FOUND",
                "editDrop OK", "editDrop NOT_EDITABLE", "editDrop INVALID_ARGUMENT", "editDrop DROP_CANCELLED",
                "cancelDrop OK", "cancelDrop NOT_EDITABLE", "cancelDrop DROP_CANCELLED", "claim DROP_CANCELLED");
        }
    }
}
