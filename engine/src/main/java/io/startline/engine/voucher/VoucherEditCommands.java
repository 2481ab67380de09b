package io.startline.engine.voucher;

import io.startline.engine.ResultWriter;
import io.startline.engine.codec.CampaignRenamedEncoder;
import io.startline.engine.codec.CancelDropDecoder;
import io.startline.engine.codec.DropCancelledEncoder;
import io.startline.engine.codec.DropEditedEncoder;
import io.startline.engine.codec.EditDropDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RenameCampaignDecoder;
import io.startline.engine.codec.ResultCode;
import org.agrona.DirectBuffer;

/**
 * Decodes the organiser's edits of campaigns and drops (rename, a drop's window, a drop's
 * cancellation), calls {@link VoucherCampaigns}, and encodes the one result. Kept apart from
 * {@link VoucherCommandAdapter}, which hands these three commands here.
 */
final class VoucherEditCommands
{
    private final VoucherCampaigns campaigns;
    private final VoucherOutcome outcome;
    private final byte[] name = new byte[CampaignSpec.NAME_MAX_BYTES];

    private final RenameCampaignDecoder renameDecoder = new RenameCampaignDecoder();
    private final EditDropDecoder editDropDecoder = new EditDropDecoder();
    private final CancelDropDecoder cancelDropDecoder = new CancelDropDecoder();
    private final CampaignRenamedEncoder renamedEncoder = new CampaignRenamedEncoder();
    private final DropEditedEncoder dropEditedEncoder = new DropEditedEncoder();
    private final DropCancelledEncoder dropCancelledEncoder = new DropCancelledEncoder();

    VoucherEditCommands(final VoucherCampaigns campaigns)
    {
        this.campaigns = campaigns;
        this.outcome = campaigns.outcome();
    }

    int onCommand(
        final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset, final long nowMs,
        final ResultWriter out)
    {
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case RenameCampaignDecoder.TEMPLATE_ID:
                renameDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onRename(out);
            case EditDropDecoder.TEMPLATE_ID:
                editDropDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onEditDrop(nowMs, out);
            case CancelDropDecoder.TEMPLATE_ID:
                cancelDropDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onCancelDrop(nowMs, out);
            default:
                return out.rejected(ResultCode.UNKNOWN_COMMAND, header.templateId(), "");
        }
    }

    private int onRename(final ResultWriter out)
    {
        final long campaignId = renameDecoder.campaignId();
        final int nameLength = renameDecoder.nameLength();
        if (nameLength > name.length)
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, campaignId, "name");
        }
        final ResultCode code = campaigns.renameCampaign(campaignId, name, renameDecoder.getName(name, 0, nameLength));
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        renamedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header()).campaignId(campaignId);
        return MessageHeaderEncoder.ENCODED_LENGTH + renamedEncoder.encodedLength();
    }

    private int onEditDrop(final long nowMs, final ResultWriter out)
    {
        final EditDropDecoder d = editDropDecoder;
        final long startsAt = d.startsAt() == EditDropDecoder.startsAtNullValue() ? Drop.NO_END : d.startsAt();
        final long endsAt = d.endsAt() == EditDropDecoder.endsAtNullValue() ? Drop.NO_END : d.endsAt();
        final ResultCode code = campaigns.editDrop(d.campaignId(), d.dropId(), startsAt, endsAt, nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        final Drop drop = campaigns.dropAt(outcome.drop);
        dropEditedEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .dropId(drop.id())
            .startsAt(drop.startsAt)
            .endsAt(drop.endsAt == Drop.NO_END ? DropEditedEncoder.endsAtNullValue() : drop.endsAt);
        return MessageHeaderEncoder.ENCODED_LENGTH + dropEditedEncoder.encodedLength();
    }

    private int onCancelDrop(final long nowMs, final ResultWriter out)
    {
        final ResultCode code = campaigns.cancelDrop(cancelDropDecoder.campaignId(), cancelDropDecoder.dropId(), nowMs);
        if (code != ResultCode.OK)
        {
            return rejected(code, out);
        }
        final Drop drop = campaigns.dropAt(outcome.drop);
        dropCancelledEncoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header())
            .dropId(drop.id())
            .returnedFen(outcome.cancelReturnedFen)
            .budgetLeftFen(drop.campaign.budgetLeftFen);
        return MessageHeaderEncoder.ENCODED_LENGTH + dropCancelledEncoder.encodedLength();
    }

    private int rejected(final ResultCode code, final ResultWriter out)
    {
        return out.rejected(code, outcome.rejectedSubjectId, outcome.rejectedField);
    }
}
