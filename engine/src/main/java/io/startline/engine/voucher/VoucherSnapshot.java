package io.startline.engine.voucher;

import io.startline.engine.codec.VoucherStatus;
import io.startline.engine.SnapshotSink;
import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.CampaignRecordDecoder;
import io.startline.engine.codec.CampaignRecordEncoder;
import io.startline.engine.codec.CancelledDropsRecordDecoder;
import io.startline.engine.codec.CancelledDropsRecordEncoder;
import io.startline.engine.codec.DropRecordDecoder;
import io.startline.engine.codec.DropRecordEncoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RedemptionRecordsDecoder;
import io.startline.engine.codec.RedemptionRecordsEncoder;
import io.startline.engine.codec.VoucherDomainRecordDecoder;
import io.startline.engine.codec.VoucherDomainRecordEncoder;
import io.startline.engine.codec.VoucherRecordsDecoder;
import io.startline.engine.codec.VoucherRecordsEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Writes the voucher domain's state as snapshot records and reads it back. What can be
 * derived (the user and transaction indexes, the open-drop list, each campaign's drop list)
 * is rebuilt on load rather than stored.
 */
final class VoucherSnapshot
{
    /** Rows per VoucherRecords / RedemptionRecords message, well inside a uint16 group count. */
    static final int ROWS_PER_RECORD = 4096;

    private final VoucherCampaigns campaigns;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final byte[] txnId = new byte[RedemptionTable.TXN_ID_MAX_LENGTH];

    private CampaignSpec spec;
    private int expectedCampaigns = -1;
    private int expectedDrops;
    private int expectedVouchers;
    private int expectedRedemptions;
    private long expectedNextDeadlineMs;

    VoucherSnapshot(final VoucherCampaigns campaigns)
    {
        this.campaigns = campaigns;
    }

    /**
     * @return the number of records written.
     */
    int write(final SnapshotSink sink)
    {
        final VoucherTable vouchers = campaigns.vouchers();
        final RedemptionTable redemptions = campaigns.redemptions();

        final VoucherDomainRecordEncoder domain = new VoucherDomainRecordEncoder().wrapAndApplyHeader(buffer, 0, header)
            .campaignCount(campaigns.campaignCount())
            .dropCount(campaigns.dropCount())
            .voucherCount(vouchers.count)
            .redemptionCount(redemptions.count)
            .nextDeadlineMs(campaigns.nextDeadlineMs());
        sink.record(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + domain.encodedLength());
        return 1 + writeCampaigns(sink) + writeDrops(sink) + writeVouchers(sink, vouchers) +
            writeRedemptions(sink, redemptions) + writeCancelledDrops(sink);
    }

    private int writeCampaigns(final SnapshotSink sink)
    {
        final CampaignRecordEncoder campaignRecord = new CampaignRecordEncoder();
        for (int c = 0; c < campaigns.campaignCount(); c++)
        {
            final Campaign campaign = campaigns.campaignAt(c);
            campaignRecord.wrapAndApplyHeader(buffer, 0, header)
                .budgetFen(campaign.budgetFen)
                .budgetLeftFen(campaign.budgetLeftFen)
                .validUntil(campaign.validUntil)
                .validDaysAfterClaim(campaign.validDaysAfterClaim)
                .perUserLimit(campaign.perUserLimit)
                .firstVoucherIndex(campaign.firstVoucherIndex)
                .expiryHead(campaign.expiryHead)
                .expiryTail(campaign.expiryTail);
            final CampaignRecordEncoder.TiersEncoder tiers = campaignRecord.tiersCount(campaign.tierCount);
            for (int t = 0; t < campaign.tierCount; t++)
            {
                tiers.next()
                    .putCode(campaign.tierCodes, t * TierCodes.LENGTH)
                    .faceValueFen(campaign.tierFaceValueFen[t])
                    .thresholdFen(campaign.tierThresholdFen[t]);
            }
            final CampaignRecordEncoder.StoresEncoder stores = campaignRecord.storesCount(campaign.storeIds.length);
            for (int s = 0; s < campaign.storeIds.length; s++)
            {
                stores.next()
                    .storeId(campaign.storeIds[s])
                    .redeemed(campaign.storeRedeemed[s])
                    .refunded(campaign.storeRefunded[s])
                    .subsidyPaidFen(campaign.storeSubsidyPaidFen[s])
                    .consumerSpendFen(campaign.storeConsumerSpendFen[s]);
            }
            campaignRecord.putName(campaign.name, 0, campaign.name.length);
            sink.record(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + campaignRecord.encodedLength());
        }
        return campaigns.campaignCount();
    }

    private int writeDrops(final SnapshotSink sink)
    {
        final DropRecordEncoder dropRecord = new DropRecordEncoder();
        for (int d = 0; d < campaigns.dropCount(); d++)
        {
            final Drop drop = campaigns.dropAt(d);
            dropRecord.wrapAndApplyHeader(buffer, 0, header)
                .campaignIndex(drop.campaign.index)
                .tierIndex(drop.tierIndex)
                .quantity(drop.quantity)
                .perUserLimit(drop.perUserLimit)
                .startsAt(drop.startsAt)
                .endsAt(drop.endsAt)
                .claimed(drop.claimed)
                .ended(drop.ended ? BooleanType.TRUE : BooleanType.FALSE)
                .redeemed(drop.redeemed)
                .refunded(drop.refunded)
                .expired(drop.expired)
                .unclaimedReturned(drop.unclaimedReturned)
                .recycledFen(drop.recycledFen)
                .subsidyPaidFen(drop.subsidyPaidFen)
                .consumerSpendFen(drop.consumerSpendFen);
            sink.record(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + dropRecord.encodedLength());
        }
        return campaigns.dropCount();
    }

    private int writeVouchers(final SnapshotSink sink, final VoucherTable vouchers)
    {
        int records = 0;
        final VoucherRecordsEncoder voucherRecords = new VoucherRecordsEncoder();
        for (int first = 0; first < vouchers.count; first += ROWS_PER_RECORD)
        {
            final int rows = Math.min(ROWS_PER_RECORD, vouchers.count - first);
            final VoucherRecordsEncoder.VouchersEncoder group = voucherRecords.wrapAndApplyHeader(buffer, 0, header)
                .firstIndex(first)
                .vouchersCount(rows);
            for (int v = first; v < first + rows; v++)
            {
                group.next()
                    .dropIndex(vouchers.dropIndex[v])
                    .userId(vouchers.userId[v])
                    .expiresAt(vouchers.expiresAt[v])
                    .status(VoucherStatus.get(vouchers.status[v]))
                    .nextInCampaign(vouchers.nextInCampaign[v])
                    .previousOfUser(vouchers.previousOfUser[v]);
            }
            sink.record(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + voucherRecords.encodedLength());
            records++;
        }
        return records;
    }

    private int writeRedemptions(final SnapshotSink sink, final RedemptionTable redemptions)
    {
        int records = 0;
        final RedemptionRecordsEncoder redemptionRecords = new RedemptionRecordsEncoder();
        for (int first = 0; first < redemptions.count; first += ROWS_PER_RECORD)
        {
            final int rows = Math.min(ROWS_PER_RECORD, redemptions.count - first);
            final RedemptionRecordsEncoder.RedemptionsEncoder group = redemptionRecords
                .wrapAndApplyHeader(buffer, 0, header)
                .firstIndex(first)
                .redemptionsCount(rows);
            for (int r = first; r < first + rows; r++)
            {
                group.next()
                    .voucherIndex(redemptions.voucherIndex[r])
                    .storeId(redemptions.storeId[r])
                    .orderAmountFen(redemptions.orderAmountFen[r])
                    .refunded(redemptions.refunded[r] ? BooleanType.TRUE : BooleanType.FALSE)
                    .putMerchantTxnId(redemptions.txnIds, r * RedemptionTable.TXN_ID_MAX_LENGTH,
                        redemptions.txnIdLength[r]);
            }
            sink.record(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + redemptionRecords.encodedLength());
            records++;
        }
        return records;
    }

    /**
     * The cancelled drops' indices, only when there are some: a snapshot without cancellations is
     * written as before they existed, and one written before them loads with none cancelled.
     */
    private int writeCancelledDrops(final SnapshotSink sink)
    {
        int records = 0;
        final CancelledDropsRecordEncoder record = new CancelledDropsRecordEncoder();
        int d = 0;
        for (int left = campaigns.cancelledDropCount(); left > 0; records++)
        {
            final int rows = Math.min(ROWS_PER_RECORD, left);
            final CancelledDropsRecordEncoder.DropsEncoder group = record.wrapAndApplyHeader(buffer, 0, header)
                .dropsCount(rows);
            for (int written = 0; written < rows; d++)
            {
                if (campaigns.dropAt(d).cancelled)
                {
                    group.next().dropIndex(d);
                    written++;
                }
            }
            left -= rows;
            sink.record(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + record.encodedLength());
        }
        return records;
    }

    /**
     * Loads one record of this domain. Records must come in the order {@link #write} made them.
     *
     * @throws IllegalStateException when a record is out of place or breaks a limit.
     */
    void load(final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset)
    {
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case VoucherDomainRecordDecoder.TEMPLATE_ID:
            {
                final VoucherDomainRecordDecoder d = new VoucherDomainRecordDecoder()
                    .wrap(buffer, bodyOffset, blockLength, version);
                expectedCampaigns = d.campaignCount();
                expectedDrops = d.dropCount();
                expectedVouchers = d.voucherCount();
                expectedRedemptions = d.redemptionCount();
                expectedNextDeadlineMs = d.nextDeadlineMs();
                spec = campaigns.newSpec();
                break;
            }
            case CampaignRecordDecoder.TEMPLATE_ID:
                loadCampaign(new CampaignRecordDecoder().wrap(buffer, bodyOffset, blockLength, version));
                break;
            case DropRecordDecoder.TEMPLATE_ID:
                loadDrop(new DropRecordDecoder().wrap(buffer, bodyOffset, blockLength, version));
                break;
            case VoucherRecordsDecoder.TEMPLATE_ID:
                loadVouchers(new VoucherRecordsDecoder().wrap(buffer, bodyOffset, blockLength, version));
                break;
            case RedemptionRecordsDecoder.TEMPLATE_ID:
                loadRedemptions(new RedemptionRecordsDecoder().wrap(buffer, bodyOffset, blockLength, version));
                break;
            case CancelledDropsRecordDecoder.TEMPLATE_ID:
                requireAnnounced();
                for (final CancelledDropsRecordDecoder.DropsDecoder row : new CancelledDropsRecordDecoder()
                    .wrap(buffer, bodyOffset, blockLength, version).drops())
                {
                    campaigns.restoreCancelledDrop(row.dropIndex());
                }
                break;
            default:
                throw new IllegalStateException("not a voucher snapshot record: template " + header.templateId());
        }
    }

    /**
     * Rebuilds what was not stored and checks that everything announced arrived.
     */
    void finish()
    {
        if (expectedCampaigns < 0)
        {
            throw new IllegalStateException("snapshot has no voucher domain record");
        }
        check(campaigns.campaignCount() == expectedCampaigns, "campaigns", campaigns.campaignCount(), expectedCampaigns);
        check(campaigns.dropCount() == expectedDrops, "drops", campaigns.dropCount(), expectedDrops);
        check(campaigns.vouchers().count == expectedVouchers, "vouchers", campaigns.vouchers().count, expectedVouchers);
        check(campaigns.redemptions().count == expectedRedemptions, "redemptions", campaigns.redemptions().count,
            expectedRedemptions);
        campaigns.rebuildDerivedState(expectedNextDeadlineMs);
    }

    private void loadCampaign(final CampaignRecordDecoder d)
    {
        requireAnnounced();
        spec.budgetFen = d.budgetFen();
        spec.validUntil = d.validUntil();
        spec.validDaysAfterClaim = d.validDaysAfterClaim();
        spec.perUserLimit = d.perUserLimit();
        final long budgetLeftFen = d.budgetLeftFen();
        final int firstVoucherIndex = d.firstVoucherIndex();
        final int expiryHead = d.expiryHead();
        final int expiryTail = d.expiryTail();

        final CampaignRecordDecoder.TiersDecoder tiers = d.tiers();
        spec.tierCount = tiers.count();
        check(spec.tierCount <= spec.tierFaceValueFen.length, "tiers", spec.tierCount, spec.tierFaceValueFen.length);
        int t = 0;
        for (final CampaignRecordDecoder.TiersDecoder tier : tiers)
        {
            tier.getCode(spec.tierCodes, t * TierCodes.LENGTH);
            spec.tierFaceValueFen[t] = tier.faceValueFen();
            spec.tierThresholdFen[t] = tier.thresholdFen();
            t++;
        }
        final CampaignRecordDecoder.StoresDecoder stores = d.stores();
        spec.storeCount = stores.count();
        check(spec.storeCount <= spec.storeIds.length, "stores", spec.storeCount, spec.storeIds.length);
        final long[][] storeFigures = new long[4][spec.storeCount];
        int s = 0;
        for (final CampaignRecordDecoder.StoresDecoder store : stores)
        {
            spec.storeIds[s] = store.storeId();
            storeFigures[0][s] = store.redeemed();
            storeFigures[1][s] = store.refunded();
            storeFigures[2][s] = store.subsidyPaidFen();
            storeFigures[3][s] = store.consumerSpendFen();
            s++;
        }
        final int nameLength = d.nameLength();
        check(nameLength <= spec.name.length, "name bytes", nameLength, spec.name.length);
        spec.nameLength = d.getName(spec.name, 0, nameLength);

        final Campaign campaign = campaigns.restoreCampaign(spec, firstVoucherIndex);
        campaign.budgetLeftFen = budgetLeftFen;
        campaign.expiryHead = expiryHead;
        campaign.expiryTail = expiryTail;
        // Store ids were written in the campaign's sorted order, so the figures line up.
        for (int i = 0; i < spec.storeCount; i++)
        {
            campaign.storeRedeemed[i] = storeFigures[0][i];
            campaign.storeRefunded[i] = storeFigures[1][i];
            campaign.storeSubsidyPaidFen[i] = storeFigures[2][i];
            campaign.storeConsumerSpendFen[i] = storeFigures[3][i];
        }
    }

    private void loadDrop(final DropRecordDecoder d)
    {
        requireAnnounced();
        final Drop drop = campaigns.restoreDrop(
            d.campaignIndex(), d.tierIndex(), d.quantity(), d.perUserLimit(), d.startsAt(), d.endsAt());
        drop.claimed = d.claimed();
        drop.ended = d.ended() == BooleanType.TRUE;
        drop.redeemed = d.redeemed();
        drop.refunded = d.refunded();
        drop.expired = d.expired();
        drop.unclaimedReturned = d.unclaimedReturned();
        drop.recycledFen = d.recycledFen();
        drop.subsidyPaidFen = d.subsidyPaidFen();
        drop.consumerSpendFen = d.consumerSpendFen();
    }

    private void loadVouchers(final VoucherRecordsDecoder d)
    {
        requireAnnounced();
        final VoucherTable vouchers = campaigns.vouchers();
        final int first = d.firstIndex();
        check(first == vouchers.count, "voucher run start", first, vouchers.count);
        final VoucherRecordsDecoder.VouchersDecoder rows = d.vouchers();
        check(first + rows.count() <= vouchers.capacity, "vouchers", first + rows.count(), vouchers.capacity);
        for (final VoucherRecordsDecoder.VouchersDecoder row : rows)
        {
            final int v = vouchers.count++;
            vouchers.dropIndex[v] = row.dropIndex();
            vouchers.userId[v] = row.userId();
            vouchers.expiresAt[v] = row.expiresAt();
            vouchers.status[v] = (byte)row.status().value();
            vouchers.nextInCampaign[v] = row.nextInCampaign();
            vouchers.previousOfUser[v] = row.previousOfUser();
        }
    }

    private void loadRedemptions(final RedemptionRecordsDecoder d)
    {
        requireAnnounced();
        final RedemptionTable redemptions = campaigns.redemptions();
        final int first = d.firstIndex();
        check(first == redemptions.count, "redemption run start", first, redemptions.count);
        final RedemptionRecordsDecoder.RedemptionsDecoder rows = d.redemptions();
        check(first + rows.count() <= redemptions.capacity, "redemptions", first + rows.count(), redemptions.capacity);
        for (final RedemptionRecordsDecoder.RedemptionsDecoder row : rows)
        {
            final int r = redemptions.count++;
            redemptions.voucherIndex[r] = row.voucherIndex();
            redemptions.storeId[r] = row.storeId();
            redemptions.orderAmountFen[r] = row.orderAmountFen();
            redemptions.refunded[r] = row.refunded() == BooleanType.TRUE;
            final int length = row.merchantTxnIdLength();
            check(length >= 1 && length <= txnId.length, "merchant transaction id length", length, txnId.length);
            row.getMerchantTxnId(txnId, 0, length);
            redemptions.txnIds.putBytes(r * RedemptionTable.TXN_ID_MAX_LENGTH, txnId, 0, length);
            redemptions.txnIdLength[r] = (byte)length;
        }
    }

    private void requireAnnounced()
    {
        if (expectedCampaigns < 0)
        {
            throw new IllegalStateException("voucher snapshot record before the voucher domain record");
        }
    }

    private static void check(final boolean condition, final String what, final long actual, final long expected)
    {
        if (!condition)
        {
            throw new IllegalStateException("snapshot " + what + ": " + actual + " against " + expected);
        }
    }
}
