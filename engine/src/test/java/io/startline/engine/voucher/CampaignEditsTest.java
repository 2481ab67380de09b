package io.startline.engine.voucher;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.startline.engine.Engine;
import io.startline.engine.codec.CampaignListDecoder;
import io.startline.engine.codec.CancelDropEncoder;
import io.startline.engine.codec.CancelledDropsRecordDecoder;
import io.startline.engine.codec.DropCancelledDecoder;
import io.startline.engine.codec.DropEditedDecoder;
import io.startline.engine.codec.EditDropEncoder;
import io.startline.engine.codec.ListCampaignsEncoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RenameCampaignEncoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.domain.TemplateIds;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.Snapshots;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.startline.engine.voucher.VoucherFixture.BUDGET_FEN;
import static io.startline.engine.voucher.VoucherFixture.HOUR;
import static io.startline.engine.voucher.VoucherFixture.VALID_UNTIL;
import static io.startline.engine.voucher.VoucherFixture.assertRefusalChangesNothing;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organiser's safe edits of a campaign: its name at any time; a drop's window, or the drop
 * itself, only before the drop opens. A cancelled drop's value returns to the budget left, and
 * claims on it are refused.
 */
class CampaignEditsTest
{
    private static final long FACE_T50 = 5_000;

    private final VoucherFixture f = new VoucherFixture();

    // ------------------------------------------------------------------ rename

    @Test
    void aCampaignIsRenamedAtAnyTimeEvenWhileItsDropsAreClaimed()
    {
        final long dropId = f.openDrop(10);
        f.claimOk(1, dropId);

        assertThat(rename(f.engine, f.campaignId, "Summer sports vouchers")).isEqualTo(ResultCode.OK);

        assertThat(campaignName(f.engine, f.campaignId)).isEqualTo("Summer sports vouchers");
        assertThat(f.claimOk(2, dropId).code()).as("claims go on under the new name").isEqualTo(ResultCode.OK);
    }

    @Test
    void aNewNameKeepsTheCreationRules()
    {
        assertThat(rename(f.engine, f.campaignId, "")).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(f.engine.lastRejectedField()).isEqualTo("name");
        assertThat(rename(f.engine, f.campaignId, "x".repeat(VoucherCampaigns.NAME_MAX_BYTES + 1)))
            .isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(rename(f.engine, f.campaignId, "x".repeat(VoucherCampaigns.NAME_MAX_BYTES))).isEqualTo(ResultCode.OK);
        assertThat(rename(f.engine, 99, "Elsewhere")).isEqualTo(ResultCode.CAMPAIGN_NOT_FOUND);
        assertRefusalChangesNothing(g -> { }, g -> assertThat(rename(g.engine, g.campaignId, ""))
            .isEqualTo(ResultCode.INVALID_ARGUMENT));
    }

    @Test
    void aRenameChangesTheStateHash()
    {
        final long before = f.engine.engine().stateHash();
        rename(f.engine, f.campaignId, "Renamed");
        assertThat(f.engine.engine().stateHash()).isNotEqualTo(before);
    }

    // ------------------------------------------------------------------ a drop's window

    @Test
    void aDropsWindowIsEditedBeforeItOpensAndClaimsFollowTheNewWindow()
    {
        final long now = f.engine.nowMs();
        final long dropId = f.drop("T50", 10, 1, now + HOUR, now + 3 * HOUR);

        final DropEditedDecoder edited = editDrop(f.engine, f.campaignId, dropId, now + 2 * HOUR, now + 5 * HOUR);
        assertThat(edited).isNotNull();
        assertThat(edited.startsAt()).isEqualTo(now + 2 * HOUR);
        assertThat(edited.endsAt()).isEqualTo(now + 5 * HOUR);

        f.engine.advanceTo(now + HOUR + HOUR / 2);
        assertThat(f.engine.claim(1, f.campaignId, dropId).code()).as("the old start").isEqualTo(ResultCode.NOT_OPEN);
        f.engine.advanceTo(now + 4 * HOUR);
        assertThat(f.engine.claim(1, f.campaignId, dropId).code()).as("past the old end").isEqualTo(ResultCode.OK);
        f.engine.advanceTo(now + 5 * HOUR);
        assertThat(f.engine.claim(2, f.campaignId, dropId).code()).as("the new end").isEqualTo(ResultCode.CLOSED);
    }

    @Test
    void anEarlierEndClosesTheDropAndReturnsItsStockThen()
    {
        final long now = f.engine.nowMs();
        final long dropId = f.drop("T50", 10, 1, now + HOUR, now + 10 * HOUR);
        editDrop(f.engine, f.campaignId, dropId, null, now + 2 * HOUR);

        f.engine.advanceTo(now + 2 * HOUR);
        f.engine.tick();

        assertThat(f.stats().budgetLeftFen()).as("the unclaimed stock came back at the new end").isEqualTo(BUDGET_FEN);
        assertThat(f.stats().byDrop().get(0).counters().unclaimedReturned()).isEqualTo(10);
    }

    @Test
    void anAbsentFieldKeepsTheDropsValue()
    {
        final long now = f.engine.nowMs();
        final long dropId = f.drop("T50", 10, 1, now + HOUR, now + 3 * HOUR);

        final DropEditedDecoder edited = editDrop(f.engine, f.campaignId, dropId, now + 2 * HOUR, null);

        assertThat(edited.startsAt()).isEqualTo(now + 2 * HOUR);
        assertThat(edited.endsAt()).as("the end stands").isEqualTo(now + 3 * HOUR);
    }

    @Test
    void aDropsWindowIsCheckedAsANewDropsIs()
    {
        final long now = f.engine.nowMs();
        final long dropId = f.drop("T50", 10, 1, now + HOUR, now + 3 * HOUR);

        assertThat(editDrop(f.engine, f.campaignId, dropId, VALID_UNTIL, null)).isNull();
        assertThat(f.engine.lastRejectedField()).isEqualTo("startsAt");
        assertThat(editDrop(f.engine, f.campaignId, dropId, now + 4 * HOUR, null)).as("past the end it keeps").isNull();
        assertThat(f.engine.lastRejectedField()).isEqualTo("endsAt");
        assertThat(editDrop(f.engine, f.campaignId, dropId, null, now + HOUR)).isNull();
        assertThat(f.engine.lastRejection()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(f.engine.lastRejectedField()).isEqualTo("endsAt");
        assertThat(editDrop(f.engine, 99, dropId, now + 2 * HOUR, null)).isNull();
        assertThat(f.engine.lastRejection()).isEqualTo(ResultCode.CAMPAIGN_NOT_FOUND);
        assertThat(editDrop(f.engine, f.campaignId, dropId + 1, now + 2 * HOUR, null)).isNull();
        assertThat(f.engine.lastRejection()).isEqualTo(ResultCode.DROP_NOT_FOUND);
    }

    @Test
    void aDropThatHasOpenedCannotBeEdited()
    {
        final long now = f.engine.nowMs();
        final long dropId = f.drop("T50", 10, 1, now + HOUR, null);
        f.engine.advanceTo(now + HOUR);

        assertThat(editDrop(f.engine, f.campaignId, dropId, now + 2 * HOUR, null)).isNull();
        assertThat(f.engine.lastRejection()).isEqualTo(ResultCode.NOT_EDITABLE);
        assertThat(f.engine.lastRejectedSubjectId()).isEqualTo(dropId);
        assertRefusalChangesNothing(g -> g.openDrop(5), g ->
        {
            assertThat(editDrop(g.engine, g.campaignId, 1, g.engine.nowMs() + HOUR, null)).isNull();
            assertThat(g.engine.lastRejection()).isEqualTo(ResultCode.NOT_EDITABLE);
        });
    }

    // ------------------------------------------------------------------ cancelling a drop

    @Test
    void cancellingADropBeforeItOpensReturnsItsReservedValueToTheBudgetLeft()
    {
        final long now = f.engine.nowMs();
        final long dropId = f.drop("T50", 100, 1, now + HOUR, null);
        assertThat(f.stats().budgetLeftFen()).isEqualTo(BUDGET_FEN - 100 * FACE_T50);

        final DropCancelledDecoder cancelled = cancel(f.engine, f.campaignId, dropId);

        assertThat(cancelled.returnedFen()).isEqualTo(100 * FACE_T50);
        assertThat(cancelled.budgetLeftFen()).isEqualTo(BUDGET_FEN);
        assertThat(f.stats().budgetLeftFen()).isEqualTo(BUDGET_FEN);
        final CampaignStats.Counters row = f.stats().byDrop().get(0).counters();
        assertThat(row.unclaimedReturned()).isEqualTo(100);
        assertThat(row.recycledFen()).isEqualTo(100 * FACE_T50);
        assertThat(f.engine.createDrop(f.campaignId, "T50", 200, 1, now, null).code())
            .as("the whole budget is there for a new drop").isEqualTo(ResultCode.OK);
    }

    @Test
    void claimsOnACancelledDropAreRefusedBeforeAndAfterItsStart()
    {
        final long now = f.engine.nowMs();
        final long dropId = f.drop("T50", 10, 1, now + HOUR, null);
        cancel(f.engine, f.campaignId, dropId);

        assertThat(f.engine.claim(1, f.campaignId, dropId).code()).isEqualTo(ResultCode.DROP_CANCELLED);
        f.engine.advanceTo(now + 2 * HOUR);
        assertThat(f.engine.claim(1, f.campaignId, dropId).code()).isEqualTo(ResultCode.DROP_CANCELLED);
        assertThat(f.stats().budgetLeftFen()).as("its value returned once, not again at its end").isEqualTo(BUDGET_FEN);
        final DropList.Row listed = f.engine.drops(f.campaignId).get(0);
        assertThat(listed.status(now + 2 * HOUR)).isEqualTo("CANCELLED");
        assertThat(listed.stockLeft()).isZero();
    }

    @Test
    void aCancelledDropIsNeitherCancelledAgainNorEdited()
    {
        final long now = f.engine.nowMs();
        final long dropId = f.drop("T50", 10, 1, now + HOUR, null);
        cancel(f.engine, f.campaignId, dropId);

        assertThat(cancel(f.engine, f.campaignId, dropId)).isNull();
        assertThat(f.engine.lastRejection()).isEqualTo(ResultCode.DROP_CANCELLED);
        assertThat(editDrop(f.engine, f.campaignId, dropId, now + 2 * HOUR, null)).isNull();
        assertThat(f.engine.lastRejection()).isEqualTo(ResultCode.DROP_CANCELLED);
        assertThat(f.stats().budgetLeftFen()).isEqualTo(BUDGET_FEN);
    }

    @Test
    void anOpenOrClosedDropCannotBeCancelled()
    {
        final long now = f.engine.nowMs();
        final long open = f.openDrop(10);
        final long closed = f.drop("T50", 10, 1, now, now + HOUR);
        f.engine.advanceTo(now + HOUR);

        assertThat(cancel(f.engine, f.campaignId, open)).isNull();
        assertThat(f.engine.lastRejection()).isEqualTo(ResultCode.NOT_EDITABLE);
        assertThat(cancel(f.engine, f.campaignId, closed)).isNull();
        assertThat(f.engine.lastRejection()).isEqualTo(ResultCode.NOT_EDITABLE);
        assertRefusalChangesNothing(g -> g.openDrop(5), g ->
        {
            assertThat(cancel(g.engine, g.campaignId, 1)).isNull();
            assertThat(g.engine.lastRejection()).isEqualTo(ResultCode.NOT_EDITABLE);
        });
    }

    @Test
    void aCancellationChangesTheStateHash()
    {
        final long dropId = f.drop("T50", 10, 1, f.engine.nowMs() + HOUR, null);
        final long before = f.engine.engine().stateHash();
        cancel(f.engine, f.campaignId, dropId);
        assertThat(f.engine.engine().stateHash()).isNotEqualTo(before);
    }

    // ------------------------------------------------------------------ snapshots

    @Test
    void aSnapshotKeepsTheNewNameTheEditedWindowAndTheCancellation()
    {
        final long now = f.engine.nowMs();
        final long edited = f.drop("T50", 10, 1, now + HOUR, now + 3 * HOUR);
        final long cancelled = f.drop("T20", 10, 1, now + HOUR, null);
        rename(f.engine, f.campaignId, "Renamed campaign");
        editDrop(f.engine, f.campaignId, edited, now + 2 * HOUR, now + 4 * HOUR);
        cancel(f.engine, f.campaignId, cancelled);

        final List<byte[]> records = Snapshots.take(f.engine.engine());
        assertThat(records).anyMatch(r -> templateId(r) == CancelledDropsRecordDecoder.TEMPLATE_ID);
        final Engine loaded = Snapshots.load(EngineDriver.smallContext(), records);
        assertThat(loaded.stateHash()).isEqualTo(f.engine.engine().stateHash());

        final EngineDriver restored = new EngineDriver(loaded);
        assertThat(campaignName(restored, f.campaignId)).isEqualTo("Renamed campaign");
        assertThat(restored.stats(f.campaignId)).isEqualTo(f.stats());
        assertThat(restored.claim(1, f.campaignId, cancelled).code()).isEqualTo(ResultCode.DROP_CANCELLED);
        restored.advanceTo(now + HOUR + HOUR / 2);
        assertThat(restored.claim(1, f.campaignId, edited).code()).isEqualTo(ResultCode.NOT_OPEN);
        restored.advanceTo(now + 2 * HOUR);
        assertThat(restored.claim(1, f.campaignId, edited).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void aSnapshotWithNoCancelledDropIsWrittenAsBeforeCancellingExisted()
    {
        f.drop("T50", 10, 1, f.engine.nowMs() + HOUR, null);
        rename(f.engine, f.campaignId, "Renamed");

        final List<byte[]> records = Snapshots.take(f.engine.engine());

        assertThat(records).noneMatch(r -> templateId(r) == CancelledDropsRecordDecoder.TEMPLATE_ID);
        assertThat(Snapshots.load(EngineDriver.smallContext(), records).stateHash())
            .isEqualTo(f.engine.engine().stateHash());
    }

    // ------------------------------------------------------------------ commands and queries

    static ResultCode rename(final EngineDriver engine, final long campaignId, final String name)
    {
        final RenameCampaignEncoder e = new RenameCampaignEncoder()
            .wrapAndApplyHeader(engine.commandBuffer(), 0, engine.headerEncoder()).campaignId(campaignId);
        final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        e.putName(bytes, 0, bytes.length);
        engine.send(MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
        return engine.lastRejection();
    }

    /** @return the result, or null when refused ({@link EngineDriver#lastRejection()} says why). */
    static DropEditedDecoder editDrop(final EngineDriver engine, final long campaignId, final long dropId,
        final Long startsAt, final Long endsAt)
    {
        final EditDropEncoder e = new EditDropEncoder()
            .wrapAndApplyHeader(engine.commandBuffer(), 0, engine.headerEncoder())
            .campaignId(campaignId).dropId(dropId)
            .startsAt(startsAt == null ? EditDropEncoder.startsAtNullValue() : startsAt)
            .endsAt(endsAt == null ? EditDropEncoder.endsAtNullValue() : endsAt);
        final DirectBuffer result = copy(engine.send(MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength()));
        if (engine.lastRejection() != ResultCode.OK)
        {
            return null;
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(result, 0);
        return new DropEditedDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
            header.version());
    }

    /** @return the result, or null when refused. */
    static DropCancelledDecoder cancel(final EngineDriver engine, final long campaignId, final long dropId)
    {
        final CancelDropEncoder e = new CancelDropEncoder()
            .wrapAndApplyHeader(engine.commandBuffer(), 0, engine.headerEncoder()).campaignId(campaignId).dropId(dropId);
        final DirectBuffer result = copy(engine.send(MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength()));
        if (engine.lastRejection() != ResultCode.OK)
        {
            return null;
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(result, 0);
        return new DropCancelledDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
            header.version());
    }

    static String campaignName(final EngineDriver engine, final long campaignId)
    {
        new ListCampaignsEncoder().wrapAndApplyHeader(engine.commandBuffer(), 0, engine.headerEncoder())
            .afterCampaignId(campaignId - 1).maxRows(1);
        final DirectBuffer result = copy(engine.ask());
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(result, 0);
        final CampaignListDecoder list = new CampaignListDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH,
            header.blockLength(), header.version());
        return list.campaigns().next().name();
    }

    private static DirectBuffer copy(final DirectBuffer buffer)
    {
        final byte[] bytes = new byte[buffer.capacity()];
        buffer.getBytes(0, bytes);
        return new UnsafeBuffer(bytes);
    }

    private static int templateId(final byte[] record)
    {
        return TemplateIds.templateId(new UnsafeBuffer(record), 0);
    }
}
