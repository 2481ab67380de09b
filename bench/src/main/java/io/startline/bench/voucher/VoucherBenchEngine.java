package io.startline.bench.voucher;

import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.codec.CampaignCreatedDecoder;
import io.startline.engine.codec.ClaimVoucherEncoder;
import io.startline.engine.codec.CreateCampaignEncoder;
import io.startline.engine.codec.CreateDropEncoder;
import io.startline.engine.codec.DropCreatedDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.TickEncoder;
import io.startline.engine.codec.VoucherClaimedDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.SplittableRandom;

/**
 * An engine sized for benchmark runs, with the set-up commands (campaigns, drops) the
 * benchmarks need, and a fixed shuffled order of one million users so that claims arrive
 * from users in no particular order, as they do at a drop.
 */
final class VoucherBenchEngine
{
    static final int USERS = 1_000_000;
    static final int DROP_QUANTITY = 100_000;
    static final long FACE_VALUE_FEN = 5_000;
    static final long THRESHOLD_FEN = 20_000;
    static final long STORE_ID = 101;
    static final long START_MS = 1_800_000_000_000L;

    final Engine engine;
    final UnsafeBuffer command = new UnsafeBuffer(new byte[4096]);
    final UnsafeBuffer result;
    final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    final long[] userOrder = new long[USERS];
    /** The codes of the last drop claimed by {@link #claimAll}, reused so set-up allocates nothing per iteration. */
    final long[] codes = new long[DROP_QUANTITY];
    long sequence;
    long nowMs = START_MS;
    private final int maxVouchers;
    private int dropsCreated;

    VoucherBenchEngine(final int maxVouchers, final int maxRedemptions)
    {
        this.maxVouchers = maxVouchers;
        engine = new Engine(new EngineContext()
            .maxCampaigns(512)
            .maxVenues(1)
            .maxCalendarSlots(1024)
            .maxReservations(1024)
            .maxDrops(512)
            .maxVouchers(maxVouchers)
            .maxRedemptions(maxRedemptions)
            .maxIdempotencyKeys(1024)
            .idempotencyResultBytes(64 << 10)
            .codeKey(0x1234_5678_9abc_def0L, 0x0fed_cba9_8765_4321L));
        result = new UnsafeBuffer(new byte[engine.maxResultLength()]);

        for (int i = 0; i < USERS; i++)
        {
            userOrder[i] = i + 1;
        }
        final SplittableRandom random = new SplittableRandom(20261122);
        for (int i = USERS - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final long swap = userOrder[i];
            userOrder[i] = userOrder[j];
            userOrder[j] = swap;
        }
    }

    /**
     * A fresh campaign holding exactly one open drop of {@link #DROP_QUANTITY} vouchers, one per user.
     *
     * @return {campaignId, dropId}
     */
    long[] newCampaignWithDrop()
    {
        final CreateCampaignEncoder campaign = new CreateCampaignEncoder()
            .wrapAndApplyHeader(command, 0, headerEncoder)
            .budgetFen(DROP_QUANTITY * FACE_VALUE_FEN)
            .validUntil(START_MS + 365L * 86_400_000L)
            .validDaysAfterClaim(30)
            .perUserLimit(1);
        campaign.tiersCount(1).next().code("T50").faceValueFen(FACE_VALUE_FEN).thresholdFen(THRESHOLD_FEN);
        campaign.storesCount(1).next().storeId(STORE_ID);
        campaign.name("benchmark");
        apply();
        final long campaignId = new CampaignCreatedDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH,
            headerDecoder.wrap(result, 0).blockLength(), headerDecoder.version()).campaignId();

        new CreateDropEncoder().wrapAndApplyHeader(command, 0, headerEncoder)
            .campaignId(campaignId)
            .tierCode("T50")
            .quantity(DROP_QUANTITY)
            .perUserLimit(1)
            .startsAt(nowMs)
            .endsAt(CreateDropEncoder.endsAtNullValue());
        apply();
        final long dropId = new DropCreatedDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH,
            headerDecoder.wrap(result, 0).blockLength(), headerDecoder.version()).dropId();
        if (campaignId <= 0 || dropId <= 0)
        {
            throw new IllegalStateException("set-up refused: template " + headerDecoder.templateId());
        }
        dropsCreated++;
        // The node's idle ticks before the drop opens: with its creation, two of them compute
        // every code the drop can issue, as they would on a node waiting for the rush.
        for (int i = 0; i < 2; i++)
        {
            new TickEncoder().wrapAndApplyHeader(command, 0, headerEncoder);
            apply();
        }
        return new long[] {campaignId, dropId};
    }

    /**
     * Claims the whole drop from the next {@link #DROP_QUANTITY} users, returning the codes.
     */
    long[] claimAll(final long campaignId, final long dropId, final int firstUser)
    {
        final ClaimVoucherEncoder claim = new ClaimVoucherEncoder().wrapAndApplyHeader(command, 0, headerEncoder)
            .campaignId(campaignId)
            .dropId(dropId);
        final VoucherClaimedDecoder claimed = new VoucherClaimedDecoder();
        for (int i = 0; i < DROP_QUANTITY; i++)
        {
            claim.userId(userOrder[(firstUser + i) % USERS]);
            apply();
            if (headerDecoder.wrap(result, 0).templateId() != VoucherClaimedDecoder.TEMPLATE_ID)
            {
                throw new IllegalStateException("claim " + i + " refused");
            }
            codes[i] = claimed.wrap(result, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
                headerDecoder.version()).voucherCode();
        }
        return codes;
    }

    /** The index after {@code userIndex} in {@link #userOrder}, wrapping round to the first. */
    static int nextUserIndex(final int userIndex)
    {
        return userIndex + 1 == USERS ? 0 : userIndex + 1;
    }

    /** Vouchers this engine can still issue, every drop so far being claimed in full. */
    int vouchersLeft()
    {
        return maxVouchers - dropsCreated * DROP_QUANTITY;
    }

    int apply()
    {
        return apply(command);
    }

    int apply(final UnsafeBuffer someCommand)
    {
        return engine.apply(++sequence, nowMs, someCommand, 0, result, 0);
    }
}
