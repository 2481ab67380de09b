package io.startline.engine.voucher;

import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.KeyedPermutation;
import io.startline.engine.testkit.EngineDriver;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static io.startline.engine.voucher.VoucherFixture.DAY;
import static io.startline.engine.voucher.VoucherFixture.HOUR;
import static io.startline.engine.voucher.VoucherFixture.T0;
import static io.startline.engine.voucher.VoucherFixture.VALID_UNTIL;
import static io.startline.engine.voucher.VoucherFixture.assertRefusalChangesNothing;
import static org.assertj.core.api.Assertions.assertThat;

class ClaimTest
{
    private final VoucherFixture f = new VoucherFixture();

    @Test
    void aClaimReturnsAVoucherWithTheTierTermsAndAnExpiry()
    {
        final long dropId = f.openDrop(10);
        final EngineDriver.Claimed claimed = f.claimOk(7, dropId);

        assertThat(claimed.voucherId()).isEqualTo(1);
        assertThat(claimed.campaignId()).isEqualTo(f.campaignId);
        assertThat(claimed.dropId()).isEqualTo(dropId);
        assertThat(claimed.faceValueFen()).isEqualTo(5_000);
        assertThat(claimed.thresholdFen()).isEqualTo(20_000);
        assertThat(claimed.expiresAt()).as("validDaysAfterClaim after the claim").isEqualTo(T0 + 7 * DAY);
        assertThat(f.engine.vouchersOf(7)).singleElement().satisfies(v ->
        {
            assertThat(v.voucherCode()).isEqualTo(claimed.voucherCode());
            assertThat(v.tierCode()).isEqualTo("T50");
        });
    }

    @Test
    void expiryIsCappedByTheCampaignsValidUntil()
    {
        final long dropId = f.openDrop(10);
        f.engine.advanceTo(VALID_UNTIL - 2 * DAY);
        assertThat(f.claimOk(7, dropId).expiresAt()).isEqualTo(VALID_UNTIL);
    }

    @Test
    void claimsBeforeTheDropStartsAreNotOpen()
    {
        final long dropId = f.drop("T50", 10, 1, T0 + HOUR, null);
        assertThat(f.engine.claim(1, f.campaignId, dropId).code()).isEqualTo(ResultCode.NOT_OPEN);
        f.engine.advanceTo(T0 + HOUR - 1);
        assertThat(f.engine.claim(1, f.campaignId, dropId).code()).isEqualTo(ResultCode.NOT_OPEN);
        f.engine.advanceTo(T0 + HOUR);
        assertThat(f.engine.claim(1, f.campaignId, dropId).code()).as("from the start millisecond").isEqualTo(ResultCode.OK);
    }

    @Test
    void claimsFromTheEndOfTheDropAreClosed()
    {
        final long dropId = f.drop("T50", 10, 1, T0, T0 + HOUR);
        f.engine.advanceTo(T0 + HOUR - 1);
        assertThat(f.engine.claim(1, f.campaignId, dropId).code()).isEqualTo(ResultCode.OK);
        f.engine.advanceTo(T0 + HOUR);
        assertThat(f.engine.claim(2, f.campaignId, dropId).code()).isEqualTo(ResultCode.CLOSED);
    }

    @Test
    void aDropWithoutAnEndClosesWhenTheCampaignsVouchersStopBeingValid()
    {
        final long dropId = f.openDrop(10);
        f.engine.advanceTo(VALID_UNTIL);
        assertThat(f.engine.claim(1, f.campaignId, dropId).code()).isEqualTo(ResultCode.CLOSED);
    }

    @Test
    void claimsStopWhenTheStockIsGone()
    {
        final long dropId = f.openDrop(3);
        for (long user = 1; user <= 3; user++)
        {
            f.claimOk(user, dropId);
        }
        assertThat(f.engine.claim(4, f.campaignId, dropId).code()).isEqualTo(ResultCode.SOLD_OUT);
        assertThat(f.stats().total().claimed()).isEqualTo(3);
        assertRefusalChangesNothing(
            g -> g.claimOk(1, g.openDrop(1)),
            g -> assertThat(g.engine.claim(2, g.campaignId, 1).code()).isEqualTo(ResultCode.SOLD_OUT));
    }

    @Test
    void aUserCannotClaimMoreThanTheDropsLimit()
    {
        final long dropId = f.drop("T50", 10, 1, T0, null);
        f.claimOk(1, dropId);
        assertThat(f.engine.claim(1, f.campaignId, dropId).code()).isEqualTo(ResultCode.LIMIT_REACHED);
        assertThat(f.engine.claim(2, f.campaignId, dropId).code()).as("others still can").isEqualTo(ResultCode.OK);
        assertRefusalChangesNothing(
            g -> g.claimOk(1, g.openDrop(5)),
            g -> assertThat(g.engine.claim(1, g.campaignId, 1).code()).isEqualTo(ResultCode.LIMIT_REACHED));
    }

    @Test
    void aUserCannotClaimMoreThanTheCampaignsLimitAcrossDrops()
    {
        final long first = f.drop("T50", 10, 2, T0, null);
        final long second = f.drop("T20", 10, 2, T0, null);
        f.claimOk(1, first);
        f.claimOk(1, second);
        assertThat(f.engine.claim(1, f.campaignId, first).code()).as("campaign limit is 2")
            .isEqualTo(ResultCode.LIMIT_REACHED);
        assertThat(f.engine.claim(1, f.campaignId, second).code()).isEqualTo(ResultCode.LIMIT_REACHED);
    }

    @Test
    void whenSeveralRulesFailTheFirstInApiOrderIsReported()
    {
        final long dropId = f.drop("T50", 1, 1, T0, T0 + HOUR);
        f.claimOk(1, dropId);
        assertThat(f.engine.claim(1, f.campaignId, dropId).code()).as("limit before sold out")
            .isEqualTo(ResultCode.LIMIT_REACHED);
        f.engine.advanceTo(T0 + HOUR);
        assertThat(f.engine.claim(1, f.campaignId, dropId).code()).as("closed before limit")
            .isEqualTo(ResultCode.CLOSED);
        assertThat(f.engine.claim(1, f.campaignId, 99).code()).as("not found first")
            .isEqualTo(ResultCode.DROP_NOT_FOUND);
    }

    @Test
    void unknownCampaignsAndDropsAreNotFound()
    {
        final long dropId = f.openDrop(1);
        final long otherCampaign = f.engine.createCampaign("Other", 100_000, 1, VALID_UNTIL, 1,
            VoucherFixture.TIERS, 5).id();
        assertThat(f.engine.claim(1, 42, dropId).code()).isEqualTo(ResultCode.CAMPAIGN_NOT_FOUND);
        assertThat(f.engine.claim(1, f.campaignId, 42).code()).isEqualTo(ResultCode.DROP_NOT_FOUND);
        assertThat(f.engine.claim(1, otherCampaign, dropId).code()).as("a drop of another campaign")
            .isEqualTo(ResultCode.DROP_NOT_FOUND);
    }

    @Test
    void aUserIdOutsideTheSupportedRangeIsInvalid()
    {
        final long dropId = f.openDrop(1);
        assertThat(f.engine.claim(0, f.campaignId, dropId).code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(f.engine.claim(-1, f.campaignId, dropId).code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(f.engine.claim(1L << 53, f.campaignId, dropId).code()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(f.engine.claim((1L << 53) - 1, f.campaignId, dropId).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void voucherCodesAreUniqueAndCannotBeGuessedFromOtherCodes()
    {
        final long dropId = f.drop("T20", 400, 1, T0, null);
        final Set<Long> codes = new HashSet<>();
        long previous = 0;
        int totalBitsChanged = 0;
        for (long user = 1; user <= 400; user++)
        {
            final long code = f.claimOk(user, dropId).voucherCode();
            assertThat(codes.add(code)).as("code %d is new", code).isTrue();
            assertThat(Math.abs(code - previous)).as("not a counter").isGreaterThan(1000);
            totalBitsChanged += Long.bitCount(code ^ previous);
            previous = code;
        }
        assertThat(totalBitsChanged / 400.0).as("consecutive codes differ in about half their bits").isBetween(28.0, 36.0);

        final EngineDriver otherKey = new EngineDriver(EngineDriver.smallContext().codeKey(1, 2), T0);
        final long otherCampaign = otherKey.createCampaign("c", 1_000_000, 7, VALID_UNTIL, 1, VoucherFixture.TIERS, 1)
            .id();
        final long otherDrop = otherKey.createDrop(otherCampaign, "T20", 1, 1, T0, null).id();
        final long sameIdOtherKey = otherKey.claim(1, otherCampaign, otherDrop).voucherCode();
        assertThat(codes).as("the code depends on the secret key").doesNotContain(sameIdOtherKey);
    }

    @Test
    void theCodesMadeWhenADropIsCreatedAreTheKeyedPermutationOfTheVoucherIds()
    {
        final EngineDriver engine = new EngineDriver(EngineDriver.smallContext().codeKey(3, 4), T0);
        final long campaignId = engine.createCampaign("c", 1_000_000, 7, VALID_UNTIL, 2, VoucherFixture.TIERS, 1).id();
        // Two drops open side by side, so their claims interleave and take voucher ids in claim order.
        final long first = engine.createDrop(campaignId, "T20", 30, 1, T0, null).id();
        final long second = engine.createDrop(campaignId, "T20", 30, 1, T0, null).id();
        final KeyedPermutation permutation = new KeyedPermutation(3, 4);
        for (long user = 1; user <= 60; user++)
        {
            final EngineDriver.Claimed claimed = engine.claim(user, campaignId, user % 3 == 0 ? first : second);
            if (claimed.code() == ResultCode.OK)
            {
                assertThat(claimed.voucherCode()).as("code of voucher %d", claimed.voucherId())
                    .isEqualTo(permutation.encode(claimed.voucherId()));
            }
        }
    }

    @Test
    void theVoucherLimitIsReportedWhenReached()
    {
        final EngineDriver engine = new EngineDriver(EngineDriver.smallContext().maxVouchers(2), T0);
        final long campaignId = engine.createCampaign("c", 1_000_000, 7, VALID_UNTIL, 5, VoucherFixture.TIERS, 1).id();
        final long dropId = engine.createDrop(campaignId, "T20", 2, 1, T0, null).id();
        final long second = engine.createDrop(campaignId, "T20", 2, 1, T0, null).id();
        assertThat(engine.claim(1, campaignId, dropId).code()).isEqualTo(ResultCode.OK);
        assertThat(engine.claim(2, campaignId, dropId).code()).isEqualTo(ResultCode.OK);
        assertThat(engine.claim(3, campaignId, second).code()).isEqualTo(ResultCode.CAPACITY_REACHED);
    }

    @Test
    void aUsersVouchersAreListedNewestFirst()
    {
        final long first = f.drop("T50", 10, 1, T0, null);
        final long second = f.drop("T20", 10, 1, T0, null);
        final long a = f.claimOk(3, first).voucherId();
        final long b = f.claimOk(3, second).voucherId();
        f.claimOk(4, first);
        assertThat(f.engine.vouchersOf(3)).extracting(EngineDriver.UserVoucher::voucherId).containsExactly(b, a);
        assertThat(f.engine.vouchersOf(5)).isEmpty();
    }
}
