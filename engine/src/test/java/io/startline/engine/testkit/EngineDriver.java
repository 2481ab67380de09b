package io.startline.engine.testkit;

import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.codec.CancelDropEncoder;
import io.startline.engine.codec.ClaimVoucherEncoder;
import io.startline.engine.codec.CreateCampaignEncoder;
import io.startline.engine.codec.CreateDropEncoder;
import io.startline.engine.codec.GetCampaignStatsEncoder;
import io.startline.engine.codec.ListDropsEncoder;
import io.startline.engine.codec.GetRedemptionEncoder;
import io.startline.engine.codec.GetUserVouchersEncoder;
import io.startline.engine.codec.IdempotentEncoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RedeemVoucherEncoder;
import io.startline.engine.codec.RedemptionRefundedDecoder;
import io.startline.engine.codec.RedemptionViewDecoder;
import io.startline.engine.codec.RefundRedemptionEncoder;
import io.startline.engine.codec.RejectedDecoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.TickEncoder;
import io.startline.engine.codec.CampaignCreatedDecoder;
import io.startline.engine.codec.DropCancelledDecoder;
import io.startline.engine.codec.DropCreatedDecoder;
import io.startline.engine.codec.DropEditedDecoder;
import io.startline.engine.codec.EditDropEncoder;
import io.startline.engine.codec.UserVouchersDecoder;
import io.startline.engine.codec.VoucherClaimedDecoder;
import io.startline.engine.codec.VoucherRedeemedDecoder;
import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.VoucherStatus;
import io.startline.engine.voucher.CampaignStats;
import io.startline.engine.voucher.DropList;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Drives an {@link Engine} the way the pipeline does, one sequenced, time-stamped command
 * at a time, and decodes its results into plain records for tests to read. Every command
 * is also offered to an optional journal listener, so the same stream can be replayed.
 */
public final class EngineDriver
{
    public static final long CODE_KEY_0 = 0x0123456789abcdefL;
    public static final long CODE_KEY_1 = 0x0fedcba987654321L;

    private final Engine engine;
    private final ExpandableArrayBuffer command = new ExpandableArrayBuffer(1024);
    private final UnsafeBuffer result;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final RejectedDecoder rejectedDecoder = new RejectedDecoder();
    private final List<JournalEntry> journal;
    private long sequence;
    private long nowMs;
    private String lastField = "";
    private long[] pendingKey;

    /** One command as the journal would hold it. */
    public record JournalEntry(long sequence, long timestampMs, byte[] command)
    {
    }

    public record Created(ResultCode code, long id, String field)
    {
    }

    public record Claimed(
        ResultCode code, long voucherId, long voucherCode, long campaignId, long dropId,
        long faceValueFen, long thresholdFen, long expiresAt, long subjectId)
    {
    }

    public record Redeemed(ResultCode code, long redemptionId, long voucherId, long discountFen, long payableFen,
        boolean replayed, String field)
    {
    }

    public record Refunded(ResultCode code, long redemptionId, boolean voucherRestored)
    {
    }

    public record UserVoucher(
        long voucherId, long voucherCode, long campaignId, long dropId, String tierCode,
        long faceValueFen, long thresholdFen, VoucherStatus status, long expiresAt)
    {
    }

    public record Tier(String code, long faceValueFen, long thresholdFen)
    {
    }

    public EngineDriver(final EngineContext context, final long startMs)
    {
        this(context, startMs, false);
    }

    public EngineDriver(final EngineContext context, final long startMs, final boolean recordJournal)
    {
        engine = new Engine(context);
        result = new UnsafeBuffer(new byte[engine.maxResultLength()]);
        journal = recordJournal ? new ArrayList<>() : null;
        nowMs = startMs;
    }

    /**
     * Drives an engine that already holds state, for example one just loaded from a snapshot:
     * the next command gets the sequence after its last one, at its time.
     */
    public EngineDriver(final Engine restored)
    {
        engine = restored;
        result = new UnsafeBuffer(new byte[engine.maxResultLength()]);
        journal = null;
        sequence = restored.lastSequence();
        nowMs = restored.nowMs();
    }

    /**
     * Limits small enough for unit tests to build many engines quickly.
     */
    public static EngineContext smallContext()
    {
        return new EngineContext()
            .maxCampaigns(16)
            .maxDrops(64)
            .maxDropsPerCampaign(16)
            .maxStoresPerCampaign(64)
            .maxVouchers(4096)
            .maxRedemptions(4096)
            .maxRaces(8)
            .maxEntries(8192)
            .maxGroups(2048)
            .maxEntitlements(8192)
            .maxVenues(8)
            .maxCalendarSlots(1 << 16)
            .maxReservations(8192)
            .maxIdempotencyKeys(4096)
            .idempotencyResultBytes(1 << 20)
            .codeKey(CODE_KEY_0, CODE_KEY_1);
    }

    public Engine engine()
    {
        return engine;
    }

    public List<JournalEntry> journal()
    {
        return journal;
    }

    public long nowMs()
    {
        return nowMs;
    }

    public void advanceTo(final long timestampMs)
    {
        if (timestampMs < nowMs)
        {
            throw new IllegalArgumentException("time only moves forward: " + nowMs + " -> " + timestampMs);
        }
        nowMs = timestampMs;
    }

    public void advanceBy(final long durationMs)
    {
        advanceTo(nowMs + durationMs);
    }

    public ResultCode tick()
    {
        final int length = new TickEncoder().wrapAndApplyHeader(command, 0, headerEncoder).encodedLength();
        apply(MessageHeaderEncoder.ENCODED_LENGTH + length);
        return headerDecoder.templateId() == RejectedDecoder.TEMPLATE_ID ? rejectedDecoder.code() : ResultCode.OK;
    }

    public Created createCampaign(
        final String name, final long budgetFen, final int validDaysAfterClaim, final long validUntil,
        final int perUserLimit, final List<Tier> tiers, final long... storeIds)
    {
        final CreateCampaignEncoder encoder = new CreateCampaignEncoder().wrapAndApplyHeader(command, 0, headerEncoder)
            .budgetFen(budgetFen)
            .validUntil(validUntil)
            .validDaysAfterClaim(validDaysAfterClaim)
            .perUserLimit(perUserLimit);
        final CreateCampaignEncoder.TiersEncoder tierRows = encoder.tiersCount(tiers.size());
        for (final Tier tier : tiers)
        {
            tierRows.next().code(tier.code()).faceValueFen(tier.faceValueFen()).thresholdFen(tier.thresholdFen());
        }
        final CreateCampaignEncoder.StoresEncoder storeRows = encoder.storesCount(storeIds.length);
        for (final long storeId : storeIds)
        {
            storeRows.next().storeId(storeId);
        }
        encoder.name(name);
        apply(MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        if (isRejected())
        {
            return new Created(rejectedDecoder.code(), 0, field());
        }
        return new Created(ResultCode.OK, new CampaignCreatedDecoder().wrap(result, bodyOffset(), blockLength(), version())
            .campaignId(), "");
    }

    public Created createDrop(
        final long campaignId, final String tierCode, final int quantity, final int perUserLimit,
        final long startsAt, final Long endsAt)
    {
        final CreateDropEncoder encoder = new CreateDropEncoder().wrapAndApplyHeader(command, 0, headerEncoder)
            .campaignId(campaignId)
            .tierCode(tierCode)
            .quantity(quantity)
            .perUserLimit(perUserLimit)
            .startsAt(startsAt)
            .endsAt(endsAt == null ? CreateDropEncoder.endsAtNullValue() : endsAt);
        apply(MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        if (isRejected())
        {
            return new Created(rejectedDecoder.code(), 0, field());
        }
        return new Created(ResultCode.OK, new DropCreatedDecoder().wrap(result, bodyOffset(), blockLength(), version())
            .dropId(), "");
    }

    /** A drop's window; null keeps the start or the end. The id of the answer is the drop's. */
    public Created editDrop(final long campaignId, final long dropId, final Long startsAt, final Long endsAt)
    {
        final EditDropEncoder encoder = new EditDropEncoder().wrapAndApplyHeader(command, 0, headerEncoder)
            .campaignId(campaignId)
            .dropId(dropId)
            .startsAt(startsAt == null ? EditDropEncoder.startsAtNullValue() : startsAt)
            .endsAt(endsAt == null ? EditDropEncoder.endsAtNullValue() : endsAt);
        apply(MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        if (isRejected())
        {
            return new Created(rejectedDecoder.code(), 0, field());
        }
        return new Created(ResultCode.OK, new DropEditedDecoder().wrap(result, bodyOffset(), blockLength(), version())
            .dropId(), "");
    }

    /** Cancels a drop before it opens. The id of the answer is the drop's. */
    public Created cancelDrop(final long campaignId, final long dropId)
    {
        final CancelDropEncoder encoder = new CancelDropEncoder().wrapAndApplyHeader(command, 0, headerEncoder)
            .campaignId(campaignId)
            .dropId(dropId);
        apply(MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        if (isRejected())
        {
            return new Created(rejectedDecoder.code(), 0, field());
        }
        return new Created(ResultCode.OK, new DropCancelledDecoder().wrap(result, bodyOffset(), blockLength(),
            version()).dropId(), "");
    }

    public Claimed claim(final long userId, final long campaignId, final long dropId)
    {
        final ClaimVoucherEncoder encoder = new ClaimVoucherEncoder().wrapAndApplyHeader(command, 0, headerEncoder)
            .userId(userId)
            .campaignId(campaignId)
            .dropId(dropId);
        apply(MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        if (isRejected())
        {
            return new Claimed(rejectedDecoder.code(), 0, 0, 0, 0, 0, 0, 0, rejectedDecoder.subjectId());
        }
        final VoucherClaimedDecoder d = new VoucherClaimedDecoder().wrap(result, bodyOffset(), blockLength(), version());
        return new Claimed(ResultCode.OK, d.voucherId(), d.voucherCode(), d.campaignId(), d.dropId(),
            d.faceValueFen(), d.thresholdFen(), d.expiresAt(), 0);
    }

    public Redeemed redeem(final long storeId, final long voucherCode, final long orderAmountFen, final String txnId)
    {
        final RedeemVoucherEncoder encoder = new RedeemVoucherEncoder().wrapAndApplyHeader(command, 0, headerEncoder)
            .storeId(storeId)
            .voucherCode(voucherCode)
            .orderAmountFen(orderAmountFen)
            .merchantTxnId(txnId);
        apply(MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        if (isRejected())
        {
            return new Redeemed(rejectedDecoder.code(), 0, 0, 0, 0, false, field());
        }
        final VoucherRedeemedDecoder d = new VoucherRedeemedDecoder().wrap(result, bodyOffset(), blockLength(), version());
        return new Redeemed(ResultCode.OK, d.redemptionId(), d.voucherId(), d.discountFen(), d.payableFen(),
            d.replayed() == BooleanType.TRUE, "");
    }

    public Refunded refund(final long storeId, final long redemptionId)
    {
        final RefundRedemptionEncoder encoder = new RefundRedemptionEncoder().wrapAndApplyHeader(command, 0, headerEncoder)
            .storeId(storeId)
            .redemptionId(redemptionId);
        apply(MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        if (isRejected())
        {
            return new Refunded(rejectedDecoder.code(), 0, false);
        }
        final RedemptionRefundedDecoder d = new RedemptionRefundedDecoder()
            .wrap(result, bodyOffset(), blockLength(), version());
        return new Refunded(ResultCode.OK, d.redemptionId(), d.voucherRestored() == BooleanType.TRUE);
    }

    /**
     * @return the campaign's statistics, or null when the engine refused the query.
     */
    public CampaignStats stats(final long campaignId)
    {
        new GetCampaignStatsEncoder().wrapAndApplyHeader(command, 0, headerEncoder).campaignId(campaignId);
        query();
        return isRejected() ? null : CampaignStats.decode(result, 0);
    }

    /**
     * @return the campaign's drops, or null when the engine refused the query.
     */
    public List<DropList.Row> drops(final long campaignId)
    {
        new ListDropsEncoder().wrapAndApplyHeader(command, 0, headerEncoder).campaignId(campaignId);
        query();
        return isRejected() ? null : DropList.decode(result, 0);
    }

    public record RedemptionView(ResultCode code, long storeId, boolean refunded)
    {
    }

    public RedemptionView redemption(final long redemptionId)
    {
        new GetRedemptionEncoder().wrapAndApplyHeader(command, 0, headerEncoder).redemptionId(redemptionId);
        query();
        if (isRejected())
        {
            return new RedemptionView(rejectedDecoder.code(), 0, false);
        }
        final RedemptionViewDecoder d = new RedemptionViewDecoder().wrap(result, bodyOffset(), blockLength(), version());
        return new RedemptionView(ResultCode.OK, d.storeId(), d.refunded() == BooleanType.TRUE);
    }

    public List<UserVoucher> vouchersOf(final long userId)
    {
        new GetUserVouchersEncoder().wrapAndApplyHeader(command, 0, headerEncoder).userId(userId);
        query();
        final List<UserVoucher> list = new ArrayList<>();
        final UserVouchersDecoder decoder = new UserVouchersDecoder().wrap(result, bodyOffset(), blockLength(), version());
        for (final UserVouchersDecoder.VouchersDecoder v : decoder.vouchers())
        {
            list.add(new UserVoucher(v.voucherId(), v.voucherCode(), v.campaignId(), v.dropId(), v.tierCode(),
                v.faceValueFen(), v.thresholdFen(), v.status(), v.expiresAt()));
        }
        return list;
    }

    /** Where the next command is encoded, from offset 0, for drivers of other domains. */
    public ExpandableArrayBuffer commandBuffer()
    {
        return command;
    }

    public MessageHeaderEncoder headerEncoder()
    {
        return headerEncoder;
    }

    /**
     * Applies the command encoded in {@link #commandBuffer()} as the next journaled command.
     *
     * @return the result, from offset 0; a {@code Rejected} when {@link #lastRejection()} is not OK.
     */
    public UnsafeBuffer send(final int length)
    {
        apply(length);
        return result;
    }

    /** Runs the query encoded in {@link #commandBuffer()}; the result is at offset 0. */
    public UnsafeBuffer ask()
    {
        query();
        return result;
    }

    /** The refused field of the last refusal, "" when it named none. */
    public String lastRejectedField()
    {
        return isRejected() ? field() : "";
    }

    public long lastRejectedSubjectId()
    {
        return isRejected() ? rejectedDecoder.subjectId() : 0;
    }

    /** The code of the last refusal, for tests that send raw commands. */
    public ResultCode lastRejection()
    {
        return isRejected() ? rejectedDecoder.code() : ResultCode.OK;
    }

    /**
     * Applies raw bytes as the next command (for unknown or malformed commands).
     */
    public ResultCode applyRaw(final byte[] bytes)
    {
        command.putBytes(0, bytes);
        apply(bytes.length);
        return lastRejection();
    }

    /**
     * Sends the next command as a keyed one: wrapped in {@code Idempotent} with this key and
     * request digest, as the gateway sends a POST that carries an {@code Idempotency-Key}.
     */
    public EngineDriver keyed(final long keyHigh, final long keyLow, final long requestDigest)
    {
        pendingKey = new long[] {keyHigh, keyLow, requestDigest};
        return this;
    }

    private void apply(final int commandLength)
    {
        int length = commandLength;
        if (pendingKey != null)
        {
            final byte[] inner = new byte[length];
            command.getBytes(0, inner);
            final int prefix = MessageHeaderEncoder.ENCODED_LENGTH + new IdempotentEncoder()
                .wrapAndApplyHeader(command, 0, headerEncoder)
                .keyHigh(pendingKey[0])
                .keyLow(pendingKey[1])
                .requestDigest(pendingKey[2])
                .encodedLength();
            command.putBytes(prefix, inner);
            length += prefix;
            pendingKey = null;
        }
        sequence++;
        if (journal != null)
        {
            final byte[] copy = new byte[length];
            command.getBytes(0, copy);
            journal.add(new JournalEntry(sequence, nowMs, copy));
        }
        engine.apply(sequence, nowMs, command, 0, result, 0);
        decodeHeader();
    }

    private void query()
    {
        engine.query(command, 0, result, 0);
        decodeHeader();
    }

    private void decodeHeader()
    {
        headerDecoder.wrap(result, 0);
        lastField = "";
        if (isRejected())
        {
            rejectedDecoder.wrap(result, bodyOffset(), blockLength(), version());
            lastField = rejectedDecoder.field();
        }
    }

    private boolean isRejected()
    {
        return headerDecoder.templateId() == RejectedDecoder.TEMPLATE_ID;
    }

    private String field()
    {
        return lastField;
    }

    private int bodyOffset()
    {
        return MessageHeaderDecoder.ENCODED_LENGTH;
    }

    private int blockLength()
    {
        return headerDecoder.blockLength();
    }

    private int version()
    {
        return headerDecoder.version();
    }
}
