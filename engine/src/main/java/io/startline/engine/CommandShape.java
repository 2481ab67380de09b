package io.startline.engine;

import io.startline.engine.codec.CancelBookingDecoder;
import io.startline.engine.codec.CheckInDecoder;
import io.startline.engine.codec.ClaimVoucherDecoder;
import io.startline.engine.codec.CloseWaitlistDecoder;
import io.startline.engine.codec.ConfirmHoldDecoder;
import io.startline.engine.codec.CreateCampaignDecoder;
import io.startline.engine.codec.CreateDropDecoder;
import io.startline.engine.codec.CreateGroupDecoder;
import io.startline.engine.codec.CreateRaceDecoder;
import io.startline.engine.codec.CreateVenueDecoder;
import io.startline.engine.codec.DrawBallotDecoder;
import io.startline.engine.codec.GetAvailabilityDecoder;
import io.startline.engine.codec.GetBallotDecoder;
import io.startline.engine.codec.GetCampaignStatsDecoder;
import io.startline.engine.codec.GetOwnEntryDecoder;
import io.startline.engine.codec.GetRaceDecoder;
import io.startline.engine.codec.GetRaceResultsDecoder;
import io.startline.engine.codec.GetRedemptionDecoder;
import io.startline.engine.codec.GetReservationDecoder;
import io.startline.engine.codec.GetUserBookingsDecoder;
import io.startline.engine.codec.GetUserVouchersDecoder;
import io.startline.engine.codec.GrantEntitlementsDecoder;
import io.startline.engine.codec.IdempotentDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.PlaceHoldDecoder;
import io.startline.engine.codec.RecordPaymentDecoder;
import io.startline.engine.codec.RedeemVoucherDecoder;
import io.startline.engine.codec.RefundRedemptionDecoder;
import io.startline.engine.codec.ReleaseHoldDecoder;
import io.startline.engine.codec.SubmitEntryDecoder;
import io.startline.engine.codec.TakeSnapshotDecoder;
import io.startline.engine.codec.TickDecoder;
import io.startline.engine.codec.WithdrawEntryDecoder;
import org.agrona.DirectBuffer;

/**
 * Checks that a command's bytes hold the message its header names: a block at least as long as
 * the schema's, and groups and variable-length fields that end within the command's length. The
 * engine decodes without such checks (the gateway encodes every command itself), so a command cut
 * short, or with a group count or a length field changed, would have it read past the command,
 * out of bounds or into bytes of another. The edges that take commands from outside the process
 * (the single node's pipeline, the cluster's service) ask this first and refuse what fails.
 * <p>
 * One instance a thread: it keeps a decoder for every message. It reads and never allocates.
 */
public final class CommandShape
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TickDecoder tick = new TickDecoder();
    private final TakeSnapshotDecoder takeSnapshot = new TakeSnapshotDecoder();
    private final CreateCampaignDecoder createCampaign = new CreateCampaignDecoder();
    private final CreateDropDecoder createDrop = new CreateDropDecoder();
    private final ClaimVoucherDecoder claimVoucher = new ClaimVoucherDecoder();
    private final RedeemVoucherDecoder redeemVoucher = new RedeemVoucherDecoder();
    private final RefundRedemptionDecoder refundRedemption = new RefundRedemptionDecoder();
    private final CreateRaceDecoder createRace = new CreateRaceDecoder();
    private final GrantEntitlementsDecoder grantEntitlements = new GrantEntitlementsDecoder();
    private final CreateGroupDecoder createGroup = new CreateGroupDecoder();
    private final SubmitEntryDecoder submitEntry = new SubmitEntryDecoder();
    private final WithdrawEntryDecoder withdrawEntry = new WithdrawEntryDecoder();
    private final DrawBallotDecoder drawBallot = new DrawBallotDecoder();
    private final RecordPaymentDecoder recordPayment = new RecordPaymentDecoder();
    private final CloseWaitlistDecoder closeWaitlist = new CloseWaitlistDecoder();
    private final CreateVenueDecoder createVenue = new CreateVenueDecoder();
    private final PlaceHoldDecoder placeHold = new PlaceHoldDecoder();
    private final ConfirmHoldDecoder confirmHold = new ConfirmHoldDecoder();
    private final ReleaseHoldDecoder releaseHold = new ReleaseHoldDecoder();
    private final CancelBookingDecoder cancelBooking = new CancelBookingDecoder();
    private final CheckInDecoder checkIn = new CheckInDecoder();
    private final GetCampaignStatsDecoder getCampaignStats = new GetCampaignStatsDecoder();
    private final GetUserVouchersDecoder getUserVouchers = new GetUserVouchersDecoder();
    private final GetRedemptionDecoder getRedemption = new GetRedemptionDecoder();
    private final GetOwnEntryDecoder getOwnEntry = new GetOwnEntryDecoder();
    private final GetRaceDecoder getRace = new GetRaceDecoder();
    private final GetBallotDecoder getBallot = new GetBallotDecoder();
    private final GetRaceResultsDecoder getRaceResults = new GetRaceResultsDecoder();
    private final GetAvailabilityDecoder getAvailability = new GetAvailabilityDecoder();
    private final GetUserBookingsDecoder getUserBookings = new GetUserBookingsDecoder();
    private final GetReservationDecoder getReservation = new GetReservationDecoder();

    /**
     * @return whether the {@code length} bytes at {@code offset} are one whole command or query of
     *         this schema (a keyed one included), and nothing is read beyond them to say so.
     */
    public boolean isWellFormed(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            return decodedLength(buffer, offset, length, true) == length;
        }
        catch (final IndexOutOfBoundsException | IllegalStateException ex)
        {
            return false;
        }
    }

    /** The length the message decodes to, or -1 when it cannot be one of ours. */
    private int decodedLength(final DirectBuffer buffer, final int offset, final int length, final boolean mayWrap)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return -1;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return -1;
        }
        final int templateId = header.templateId();
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (templateId == IdempotentDecoder.TEMPLATE_ID)
        {
            return mayWrap ? keyedLength(buffer, bodyOffset, length, blockLength) : -1;
        }
        if (bodyOffset + blockLength > offset + length)
        {
            return -1;
        }
        final int bodyLength = bodyLength(templateId, buffer, bodyOffset, blockLength, version);
        return bodyLength < 0 ? -1 : MessageHeaderDecoder.ENCODED_LENGTH + bodyLength;
    }

    /** An Idempotent wrapper's key block, then the whole command it carries, which may not be keyed again. */
    private int keyedLength(final DirectBuffer buffer, final int bodyOffset, final int length, final int blockLength)
    {
        final int wrapperLength = MessageHeaderDecoder.ENCODED_LENGTH + blockLength;
        if (blockLength < IdempotentDecoder.BLOCK_LENGTH || wrapperLength >= length)
        {
            return -1;
        }
        final int inner = decodedLength(buffer, bodyOffset + blockLength, length - wrapperLength, false);
        return inner < 0 ? -1 : wrapperLength + inner;
    }

    private int bodyLength(final int templateId, final DirectBuffer buffer, final int bodyOffset, final int blockLength,
        final int version)
    {
        return switch (templateId)
        {
            case TickDecoder.TEMPLATE_ID -> blockLength < TickDecoder.BLOCK_LENGTH ? -1 :
                tick.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case TakeSnapshotDecoder.TEMPLATE_ID -> blockLength < TakeSnapshotDecoder.BLOCK_LENGTH ? -1 :
                takeSnapshot.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case CreateCampaignDecoder.TEMPLATE_ID -> blockLength < CreateCampaignDecoder.BLOCK_LENGTH ? -1 :
                createCampaign.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case CreateDropDecoder.TEMPLATE_ID -> blockLength < CreateDropDecoder.BLOCK_LENGTH ? -1 :
                createDrop.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case ClaimVoucherDecoder.TEMPLATE_ID -> blockLength < ClaimVoucherDecoder.BLOCK_LENGTH ? -1 :
                claimVoucher.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case RedeemVoucherDecoder.TEMPLATE_ID -> blockLength < RedeemVoucherDecoder.BLOCK_LENGTH ? -1 :
                redeemVoucher.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case RefundRedemptionDecoder.TEMPLATE_ID -> blockLength < RefundRedemptionDecoder.BLOCK_LENGTH ? -1 :
                refundRedemption.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case CreateRaceDecoder.TEMPLATE_ID -> blockLength < CreateRaceDecoder.BLOCK_LENGTH ? -1 :
                createRace.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case GrantEntitlementsDecoder.TEMPLATE_ID -> blockLength < GrantEntitlementsDecoder.BLOCK_LENGTH ? -1 :
                grantEntitlements.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case CreateGroupDecoder.TEMPLATE_ID -> blockLength < CreateGroupDecoder.BLOCK_LENGTH ? -1 :
                createGroup.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case SubmitEntryDecoder.TEMPLATE_ID -> blockLength < SubmitEntryDecoder.BLOCK_LENGTH ? -1 :
                submitEntry.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case WithdrawEntryDecoder.TEMPLATE_ID -> blockLength < WithdrawEntryDecoder.BLOCK_LENGTH ? -1 :
                withdrawEntry.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case DrawBallotDecoder.TEMPLATE_ID -> blockLength < DrawBallotDecoder.BLOCK_LENGTH ? -1 :
                drawBallot.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case RecordPaymentDecoder.TEMPLATE_ID -> blockLength < RecordPaymentDecoder.BLOCK_LENGTH ? -1 :
                recordPayment.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case CloseWaitlistDecoder.TEMPLATE_ID -> blockLength < CloseWaitlistDecoder.BLOCK_LENGTH ? -1 :
                closeWaitlist.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case CreateVenueDecoder.TEMPLATE_ID -> blockLength < CreateVenueDecoder.BLOCK_LENGTH ? -1 :
                createVenue.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case PlaceHoldDecoder.TEMPLATE_ID -> blockLength < PlaceHoldDecoder.BLOCK_LENGTH ? -1 :
                placeHold.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case ConfirmHoldDecoder.TEMPLATE_ID -> blockLength < ConfirmHoldDecoder.BLOCK_LENGTH ? -1 :
                confirmHold.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case ReleaseHoldDecoder.TEMPLATE_ID -> blockLength < ReleaseHoldDecoder.BLOCK_LENGTH ? -1 :
                releaseHold.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case CancelBookingDecoder.TEMPLATE_ID -> blockLength < CancelBookingDecoder.BLOCK_LENGTH ? -1 :
                cancelBooking.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case CheckInDecoder.TEMPLATE_ID -> blockLength < CheckInDecoder.BLOCK_LENGTH ? -1 :
                checkIn.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case GetCampaignStatsDecoder.TEMPLATE_ID -> blockLength < GetCampaignStatsDecoder.BLOCK_LENGTH ? -1 :
                getCampaignStats.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case GetUserVouchersDecoder.TEMPLATE_ID -> blockLength < GetUserVouchersDecoder.BLOCK_LENGTH ? -1 :
                getUserVouchers.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case GetRedemptionDecoder.TEMPLATE_ID -> blockLength < GetRedemptionDecoder.BLOCK_LENGTH ? -1 :
                getRedemption.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case GetOwnEntryDecoder.TEMPLATE_ID -> blockLength < GetOwnEntryDecoder.BLOCK_LENGTH ? -1 :
                getOwnEntry.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case GetRaceDecoder.TEMPLATE_ID -> blockLength < GetRaceDecoder.BLOCK_LENGTH ? -1 :
                getRace.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case GetBallotDecoder.TEMPLATE_ID -> blockLength < GetBallotDecoder.BLOCK_LENGTH ? -1 :
                getBallot.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case GetRaceResultsDecoder.TEMPLATE_ID -> blockLength < GetRaceResultsDecoder.BLOCK_LENGTH ? -1 :
                getRaceResults.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case GetAvailabilityDecoder.TEMPLATE_ID -> blockLength < GetAvailabilityDecoder.BLOCK_LENGTH ? -1 :
                getAvailability.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case GetUserBookingsDecoder.TEMPLATE_ID -> blockLength < GetUserBookingsDecoder.BLOCK_LENGTH ? -1 :
                getUserBookings.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            case GetReservationDecoder.TEMPLATE_ID -> blockLength < GetReservationDecoder.BLOCK_LENGTH ? -1 :
                getReservation.wrap(buffer, bodyOffset, blockLength, version).sbeDecodedLength();
            default -> -1;
        };
    }
}
