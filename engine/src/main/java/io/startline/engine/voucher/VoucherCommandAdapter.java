package io.startline.engine.voucher;

import io.startline.engine.SnapshotSink;
import io.startline.engine.EngineContext;
import io.startline.engine.ResultWriter;
import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.CampaignCreatedEncoder;
import io.startline.engine.codec.CampaignListEncoder;
import io.startline.engine.codec.CampaignStatsEncoder;
import io.startline.engine.codec.CancelDropDecoder;
import io.startline.engine.codec.CancelledDropsRecordDecoder;
import io.startline.engine.codec.ClaimVoucherDecoder;
import io.startline.engine.codec.CreateCampaignDecoder;
import io.startline.engine.codec.CreateDropDecoder;
import io.startline.engine.codec.DropCreatedEncoder;
import io.startline.engine.codec.DropListEncoder;
import io.startline.engine.codec.EditDropDecoder;
import io.startline.engine.codec.GetCampaignStatsDecoder;
import io.startline.engine.codec.GetRedemptionDecoder;
import io.startline.engine.codec.GetUserVouchersDecoder;
import io.startline.engine.codec.ListCampaignsDecoder;
import io.startline.engine.codec.ListDropsDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RedeemVoucherDecoder;
import io.startline.engine.codec.RedemptionRecordsDecoder;
import io.startline.engine.codec.RedemptionRefundedEncoder;
import io.startline.engine.codec.RedemptionViewEncoder;
import io.startline.engine.codec.RefundRedemptionDecoder;
import io.startline.engine.codec.RenameCampaignDecoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.UserVouchersEncoder;
import io.startline.engine.codec.VoucherClaimedEncoder;
import io.startline.engine.codec.VoucherDomainRecordDecoder;
import io.startline.engine.codec.VoucherRedeemedEncoder;
import io.startline.engine.codec.VoucherStatus;
import io.startline.engine.domain.Domain;
import io.startline.engine.domain.IdRange;
import io.startline.engine.domain.ListPage;
import io.startline.engine.domain.SchemaBlock;
import io.startline.engine.support.StateHasher;
import org.agrona.DirectBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

import java.util.List;

/**
 * Decodes voucher commands and queries, calls {@link VoucherCampaigns}, and encodes the one
 * result. Decoders and encoders are reused fields: nothing allocates per command.
 */
public final class VoucherCommandAdapter implements Domain
{
    private static final SchemaBlock SCHEMA_BLOCK = new SchemaBlock("vouchers",
        new IdRange(CreateCampaignDecoder.TEMPLATE_ID, CancelDropDecoder.TEMPLATE_ID),
        new IdRange(GetCampaignStatsDecoder.TEMPLATE_ID, ListDropsDecoder.TEMPLATE_ID),
        new IdRange(VoucherDomainRecordDecoder.TEMPLATE_ID, CancelledDropsRecordDecoder.TEMPLATE_ID));

    private final int maxResultLength;

    private final VoucherCampaigns campaigns;
    private final VoucherOutcome outcome;
    private final VoucherSnapshot snapshot;
    private final VoucherEditCommands editCommands;
    private final CampaignSpec spec;
    private final byte[] tierCode = new byte[TierCodes.LENGTH];
    private final int maxVouchersListed;
    private final RedemptionRequest redemptionRequest = new RedemptionRequest();

    private final CreateCampaignDecoder createCampaignDecoder = new CreateCampaignDecoder();
    private final CreateDropDecoder createDropDecoder = new CreateDropDecoder();
    private final ClaimVoucherDecoder claimDecoder = new ClaimVoucherDecoder();
    private final ClaimVoucherDecoder prefetchClaimDecoder = new ClaimVoucherDecoder();
    private final RedeemVoucherDecoder redeemDecoder = new RedeemVoucherDecoder();
    private final RefundRedemptionDecoder refundDecoder = new RefundRedemptionDecoder();
    private final GetCampaignStatsDecoder statsQueryDecoder = new GetCampaignStatsDecoder();
    private final GetUserVouchersDecoder userVouchersQueryDecoder = new GetUserVouchersDecoder();
    private final GetRedemptionDecoder redemptionQueryDecoder = new GetRedemptionDecoder();
    private final ListCampaignsDecoder listCampaignsDecoder = new ListCampaignsDecoder();
    private final ListDropsDecoder listDropsDecoder = new ListDropsDecoder();

    private final CampaignCreatedEncoder campaignCreatedEncoder = new CampaignCreatedEncoder();
    private final DropCreatedEncoder dropCreatedEncoder = new DropCreatedEncoder();
    private final VoucherClaimedEncoder claimedEncoder = new VoucherClaimedEncoder();
    private final VoucherRedeemedEncoder redeemedEncoder = new VoucherRedeemedEncoder();
    private final RedemptionRefundedEncoder refundedEncoder = new RedemptionRefundedEncoder();
    private final CampaignStatsEncoder statsEncoder = new CampaignStatsEncoder();
    private final UserVouchersEncoder userVouchersEncoder = new UserVouchersEncoder();
    private final RedemptionViewEncoder redemptionViewEncoder = new RedemptionViewEncoder();
    private final CampaignListEncoder campaignListEncoder = new CampaignListEncoder();
    private final DropListEncoder dropListEncoder = new DropListEncoder();
    private final ListPage page = new ListPage();

    public VoucherCommandAdapter(final EngineContext context)
    {
        campaigns = new VoucherCampaigns(context);
        outcome = campaigns.outcome();
        maxResultLength = maxResultLength(context);
        snapshot = new VoucherSnapshot(campaigns);
        editCommands = new VoucherEditCommands(campaigns);
        spec = new CampaignSpec(context);
        maxVouchersListed = context.maxVouchersListedPerUser();
    }

    /** New decoders of this domain's commands and queries, for the edges' shape checks. */
    public static List<MessageDecoderFlyweight> inboundDecoders()
    {
        return List.of(
            new CreateCampaignDecoder(),
            new CreateDropDecoder(),
            new ClaimVoucherDecoder(),
            new RedeemVoucherDecoder(),
            new RefundRedemptionDecoder(),
            new RenameCampaignDecoder(),
            new EditDropDecoder(),
            new CancelDropDecoder(),
            new GetCampaignStatsDecoder(),
            new GetUserVouchersDecoder(),
            new GetRedemptionDecoder(),
            new ListCampaignsDecoder(),
            new ListDropsDecoder());
    }

    @Override
    public SchemaBlock schemaBlock()
    {
        return SCHEMA_BLOCK;
    }

    @Override
    public int maxResultLength()
    {
        return maxResultLength;
    }

    /**
     * The largest result this domain can write with the given limits: the stats of a campaign
     * with every drop and store it may have, the longest voucher list, or a page of campaigns.
     */
    private static int maxResultLength(final EngineContext context)
    {
        final int stats = MessageHeaderEncoder.ENCODED_LENGTH + CampaignStatsEncoder.BLOCK_LENGTH +
            2 * 4 + context.maxDropsPerCampaign() * CampaignStatsEncoder.DropsEncoder.sbeBlockLength() +
            context.maxStoresPerCampaign() * CampaignStatsEncoder.StoresEncoder.sbeBlockLength();
        final int list = MessageHeaderEncoder.ENCODED_LENGTH + UserVouchersEncoder.BLOCK_LENGTH + 4 +
            context.maxVouchersListedPerUser() * UserVouchersEncoder.VouchersEncoder.sbeBlockLength();
        final int page = MessageHeaderEncoder.ENCODED_LENGTH + CampaignListEncoder.BLOCK_LENGTH + 4 +
            EngineContext.LIST_PAGE_ROWS_MAX * (CampaignListEncoder.CampaignsEncoder.sbeBlockLength() + 4 +
            CampaignSpec.NAME_MAX_BYTES);
        final int drops = MessageHeaderEncoder.ENCODED_LENGTH + DropListEncoder.BLOCK_LENGTH + 4 +
            context.maxDropsPerCampaign() * DropListEncoder.DropsEncoder.sbeBlockLength();
        return Math.max(Math.max(stats, list), Math.max(page, drops));
    }

    /**
     * @return the number of records written.
     */
    @Override
    public int writeSnapshot(final SnapshotSink sink)
    {
        return snapshot.write(sink);
    }

    @Override
    public void loadSnapshotRecord(final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset)
    {
        snapshot.load(header, buffer, bodyOffset);
    }

    @Override
    public void finishSnapshotLoad()
    {
        snapshot.finish();
    }

    @Override
    public void advanceTime(final long nowMs)
    {
        campaigns.advanceTime(nowMs);
    }

    /** An idle tick: time to compute voucher codes ahead of a drop's rush. */
    @Override
    public void onTick()
    {
        campaigns.computeCodesAhead();
    }

    @Override
    public void hashInto(final StateHasher hasher)
    {
        campaigns.hashInto(hasher);
    }

    @Override
    public int onCommand(
        final MessageHeaderDecoder header,
        final DirectBuffer buffer,
        final int bodyOffset,
        final long nowMs,
        final ResultWriter out)
    {
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case ClaimVoucherDecoder.TEMPLATE_ID:
                claimDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onClaim(nowMs, out);
            case RedeemVoucherDecoder.TEMPLATE_ID:
                redeemDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onRedeem(nowMs, out);
            case RefundRedemptionDecoder.TEMPLATE_ID:
                refundDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onRefund(nowMs, out);
            case CreateDropDecoder.TEMPLATE_ID:
                createDropDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onCreateDrop(nowMs, out);
            case CreateCampaignDecoder.TEMPLATE_ID:
                createCampaignDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onCreateCampaign(nowMs, out);
            case RenameCampaignDecoder.TEMPLATE_ID:
            case EditDropDecoder.TEMPLATE_ID:
            case CancelDropDecoder.TEMPLATE_ID:
                return editCommands.onCommand(header, buffer, bodyOffset, nowMs, out);
            default:
                return out.rejected(ResultCode.UNKNOWN_COMMAND, header.templateId(), "");
        }
    }

    /**
     * Reads the state a command will look up at random, changing nothing: a claim's user in
     * the index of users' newest vouchers, the one cache miss of every claim at a rush.
     *
     * @return what was read, for the caller to keep so the read is not optimised away.
     */
    @Override
    public long prefetch(final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset)
    {
        if (header.templateId() != ClaimVoucherDecoder.TEMPLATE_ID ||
            buffer.capacity() < bodyOffset + ClaimVoucherDecoder.BLOCK_LENGTH)
        {
            return 0;
        }
        prefetchClaimDecoder.wrap(buffer, bodyOffset, header.blockLength(), header.version());
        return campaigns.touchUser(prefetchClaimDecoder.userId());
    }

    @Override
    public int onQuery(
        final MessageHeaderDecoder header,
        final DirectBuffer buffer,
        final int bodyOffset,
        final long nowMs,
        final ResultWriter out)
    {
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case GetCampaignStatsDecoder.TEMPLATE_ID:
                statsQueryDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onStatsQuery(out);
            case GetUserVouchersDecoder.TEMPLATE_ID:
                userVouchersQueryDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onUserVouchersQuery(out);
            case GetRedemptionDecoder.TEMPLATE_ID:
                redemptionQueryDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onRedemptionQuery(out);
            case ListCampaignsDecoder.TEMPLATE_ID:
                listCampaignsDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onListCampaigns(out);
            case ListDropsDecoder.TEMPLATE_ID:
                listDropsDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onListDrops(out);
            default:
                return out.rejected(ResultCode.UNKNOWN_COMMAND, header.templateId(), "");
        }
    }

    private int onCreateCampaign(final long nowMs, final ResultWriter out)
    {
        final CreateCampaignDecoder decoder = createCampaignDecoder;
        spec.budgetFen = decoder.budgetFen();
        spec.validUntil = decoder.validUntil();
        spec.validDaysAfterClaim = decoder.validDaysAfterClaim();
        spec.perUserLimit = decoder.perUserLimit();

        final CreateCampaignDecoder.TiersDecoder tiers = decoder.tiers();
        spec.tierCount = tiers.count();
        if (spec.tierCount > spec.tierFaceValueFen.length)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, 0, "tiers");
        }
        int t = 0;
        for (final CreateCampaignDecoder.TiersDecoder tier : tiers)
        {
            tier.getCode(spec.tierCodes, t * TierCodes.LENGTH);
            spec.tierFaceValueFen[t] = tier.faceValueFen();
            spec.tierThresholdFen[t] = tier.thresholdFen();
            t++;
        }

        final CreateCampaignDecoder.StoresDecoder stores = decoder.stores();
        spec.storeCount = stores.count();
        if (spec.storeCount > spec.storeIds.length)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, 0, "storeIds");
        }
        int s = 0;
        for (final CreateCampaignDecoder.StoresDecoder store : stores)
        {
            spec.storeIds[s++] = store.storeId();
        }

        final int nameLength = decoder.nameLength();
        if (nameLength > spec.name.length)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, 0, "name");
        }
        spec.nameLength = decoder.getName(spec.name, 0, nameLength);

        final ResultCode code = campaigns.createCampaign(spec, nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        campaignCreatedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .campaignId(outcome.campaign + 1L);
        return MessageHeaderEncoder.ENCODED_LENGTH + campaignCreatedEncoder.encodedLength();
    }

    private int onCreateDrop(final long nowMs, final ResultWriter out)
    {
        final CreateDropDecoder decoder = createDropDecoder;
        decoder.getTierCode(tierCode, 0);
        final ResultCode code = campaigns.createDrop(
            decoder.campaignId(),
            tierCode,
            decoder.quantity(),
            decoder.perUserLimit(),
            decoder.startsAt(),
            decoder.endsAt() == CreateDropDecoder.endsAtNullValue() ? Drop.NO_END : decoder.endsAt(),
            nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        dropCreatedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .dropId(outcome.drop + 1L);
        return MessageHeaderEncoder.ENCODED_LENGTH + dropCreatedEncoder.encodedLength();
    }

    private int onClaim(final long nowMs, final ResultWriter out)
    {
        final ResultCode code = campaigns.claim(
            claimDecoder.userId(), claimDecoder.campaignId(), claimDecoder.dropId(), nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        final int v = outcome.voucher;
        final VoucherTable vouchers = campaigns.vouchers();
        final Drop drop = campaigns.dropAt(vouchers.dropIndex[v]);
        claimedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .voucherId(v + 1L)
            .voucherCode(campaigns.codeOf(v))
            .campaignId(drop.campaign.id())
            .dropId(drop.id())
            .faceValueFen(drop.faceValueFen)
            .thresholdFen(drop.thresholdFen)
            .expiresAt(vouchers.expiresAt[v]);
        return MessageHeaderEncoder.ENCODED_LENGTH + claimedEncoder.encodedLength();
    }

    private int onRedeem(final long nowMs, final ResultWriter out)
    {
        final RedeemVoucherDecoder decoder = redeemDecoder;
        final RedemptionRequest request = redemptionRequest;
        request.storeId = decoder.storeId();
        request.voucherCode = decoder.voucherCode();
        request.orderAmountFen = decoder.orderAmountFen();
        request.txnIdLength = decoder.merchantTxnIdLength();
        request.txnIdOffset = decoder.limit() + RedeemVoucherDecoder.merchantTxnIdHeaderLength();
        request.txnIdBuffer = decoder.buffer();
        final ResultCode code = campaigns.redeem(request, nowMs);
        decoder.skipMerchantTxnId();
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        final int r = outcome.redemption;
        final RedemptionTable redemptions = campaigns.redemptions();
        final int v = redemptions.voucherIndex[r];
        final Drop drop = campaigns.dropAt(campaigns.vouchers().dropIndex[v]);
        final long orderFen = redemptions.orderAmountFen[r];
        redeemedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .redemptionId(r + 1L)
            .voucherId(v + 1L)
            .discountFen(drop.faceValueFen)
            .payableFen(orderFen - drop.faceValueFen)
            .replayed(outcome.redemptionReplayed ? BooleanType.TRUE : BooleanType.FALSE);
        return MessageHeaderEncoder.ENCODED_LENGTH + redeemedEncoder.encodedLength();
    }

    private int onRefund(final long nowMs, final ResultWriter out)
    {
        final long redemptionId = refundDecoder.redemptionId();
        final ResultCode code = campaigns.refund(refundDecoder.storeId(), redemptionId, nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        refundedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .redemptionId(redemptionId)
            .voucherRestored(outcome.refundRestoredVoucher ? BooleanType.TRUE : BooleanType.FALSE);
        return MessageHeaderEncoder.ENCODED_LENGTH + refundedEncoder.encodedLength();
    }

    private int onStatsQuery(final ResultWriter out)
    {
        final long campaignId = statsQueryDecoder.campaignId();
        final Campaign campaign = campaigns.campaignById(campaignId);
        if (campaign == null)
        {
            return out.rejected(ResultCode.CAMPAIGN_NOT_FOUND, campaignId, "");
        }
        final CampaignStatsEncoder encoder = statsEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .campaignId(campaignId)
            .budgetFen(campaign.budgetFen)
            .budgetLeftFen(campaign.budgetLeftFen);

        final CampaignStatsEncoder.DropsEncoder rows = encoder.dropsCount(campaign.dropIndices.size());
        for (int i = 0; i < campaign.dropIndices.size(); i++)
        {
            final Drop drop = campaigns.dropAt(campaign.dropIndices.getInt(i));
            rows.next()
                .dropId(drop.id())
                .putTierCode(campaign.tierCodes, drop.tierIndex * TierCodes.LENGTH)
                .faceValueFen(drop.faceValueFen)
                .issued(drop.quantity)
                .claimed(drop.claimed)
                .redeemed(drop.redeemed)
                .refunded(drop.refunded)
                .expired(drop.expired)
                .unclaimedReturned(drop.unclaimedReturned)
                .recycledFen(drop.recycledFen)
                .subsidyPaidFen(drop.subsidyPaidFen)
                .consumerSpendFen(drop.consumerSpendFen);
        }

        final CampaignStatsEncoder.StoresEncoder stores = encoder.storesCount(campaign.storeIds.length);
        for (int s = 0; s < campaign.storeIds.length; s++)
        {
            stores.next()
                .storeId(campaign.storeIds[s])
                .redeemed(campaign.storeRedeemed[s])
                .refunded(campaign.storeRefunded[s])
                .subsidyPaidFen(campaign.storeSubsidyPaidFen[s])
                .consumerSpendFen(campaign.storeConsumerSpendFen[s]);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int onRedemptionQuery(final ResultWriter out)
    {
        final long redemptionId = redemptionQueryDecoder.redemptionId();
        final long storeId = campaigns.redemptionStore(redemptionId);
        if (storeId == 0)
        {
            return out.rejected(ResultCode.REDEMPTION_NOT_FOUND, redemptionId, "");
        }
        redemptionViewEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .redemptionId(redemptionId)
            .storeId(storeId)
            .refunded(campaigns.isRefunded(redemptionId) ? BooleanType.TRUE : BooleanType.FALSE);
        return MessageHeaderEncoder.ENCODED_LENGTH + redemptionViewEncoder.encodedLength();
    }

    /** A page of campaigns in id order; ids are 1, 2, 3, …, so the page after id {@code n} starts at index {@code n}. */
    private int onListCampaigns(final ResultWriter out)
    {
        final String invalid = page.select(listCampaignsDecoder.afterCampaignId(), listCampaignsDecoder.maxRows(),
            campaigns.campaignCount());
        if (invalid != null)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, 0, invalid);
        }
        final CampaignListEncoder encoder = campaignListEncoder.wrapAndApplyHeader(out.buffer(), out.offset(),
            out.header()).nextAfterCampaignId(page.nextAfter());
        final CampaignListEncoder.CampaignsEncoder list = encoder.campaignsCount(page.rows());
        for (int i = page.first(); i < page.end(); i++)
        {
            final Campaign campaign = campaigns.campaignById(i + 1);
            list.next()
                .campaignId(i + 1)
                .budgetFen(campaign.budgetFen)
                .budgetLeftFen(campaign.budgetLeftFen)
                .validUntil(campaign.validUntil)
                .drops(campaign.dropIndices.size())
                .putName(campaign.name, 0, campaign.name.length);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int onListDrops(final ResultWriter out)
    {
        final long campaignId = listDropsDecoder.campaignId();
        final Campaign campaign = campaigns.campaignById(campaignId);
        if (campaign == null)
        {
            return out.rejected(ResultCode.CAMPAIGN_NOT_FOUND, campaignId, "");
        }
        final DropListEncoder encoder = dropListEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header());
        final DropListEncoder.DropsEncoder rows = encoder.dropsCount(campaign.dropIndices.size());
        for (int i = 0; i < campaign.dropIndices.size(); i++)
        {
            final Drop drop = campaigns.dropAt(campaign.dropIndices.getInt(i));
            rows.next()
                .dropId(drop.id())
                .putTierCode(campaign.tierCodes, drop.tierIndex * TierCodes.LENGTH)
                .faceValueFen(drop.faceValueFen)
                .quantity(drop.quantity)
                .claimed(drop.claimed)
                .perUserLimit(drop.perUserLimit)
                .startsAt(drop.startsAt)
                .closesAt(drop.closesAt)
                .ended(drop.ended ? BooleanType.TRUE : BooleanType.FALSE)
                .cancelled(drop.cancelled ? BooleanType.TRUE : BooleanType.FALSE);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int onUserVouchersQuery(final ResultWriter out)
    {
        final long userId = userVouchersQueryDecoder.userId();
        final VoucherTable vouchers = campaigns.vouchers();
        int listed = 0;
        for (int v = campaigns.newestVoucherOf(userId); v != VoucherTable.NONE && listed < maxVouchersListed;
            v = vouchers.previousOfUser[v])
        {
            listed++;
        }

        final UserVouchersEncoder.VouchersEncoder rows = userVouchersEncoder
            .wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .vouchersCount(listed);
        int v = campaigns.newestVoucherOf(userId);
        for (int i = 0; i < listed; i++, v = vouchers.previousOfUser[v])
        {
            final Drop drop = campaigns.dropAt(vouchers.dropIndex[v]);
            rows.next()
                .voucherId(v + 1L)
                .voucherCode(campaigns.codeOf(v))
                .campaignId(drop.campaign.id())
                .dropId(drop.id())
                .putTierCode(drop.campaign.tierCodes, drop.tierIndex * TierCodes.LENGTH)
                .faceValueFen(drop.faceValueFen)
                .thresholdFen(drop.thresholdFen)
                .status(VoucherStatus.get(vouchers.status[v]))
                .expiresAt(vouchers.expiresAt[v]);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + userVouchersEncoder.encodedLength();
    }

    private int rejected(final ResultCode code, final ResultWriter out)
    {
        return out.rejected(code, outcome.rejectedSubjectId, outcome.rejectedField);
    }
}
