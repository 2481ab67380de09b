package io.startline.engine.booking;

import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.ConfirmHoldEncoder;
import io.startline.engine.codec.HoldConfirmedDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RejectedDecoder;
import io.startline.engine.codec.ResultCode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot written by an earlier build (commit 7f52c1e) still loads, checks and answers the
 * same: the venue state's format, its state hash and the payment references' hashes are kept
 * across builds, so a node upgraded over its snapshots recovers from them (older journal files
 * are gone by then) and a standby may run either build.
 * <p>
 * The file is the records of {@code Engine.snapshot}, each after its length as a big-endian int:
 * a venue of 20 courts, 757 holds by 400 users over a week, every other one confirmed with
 * the payment reference "PAY-" and its id.
 */
class VenueSnapshotFormatTest
{
    /** What the engine that wrote it hashed to; its check-in code for booking 1. */
    private static final long WRITTEN_STATE_HASH = 0xc27e5289c09b29efL;
    private static final long BOOKING_1_CHECK_IN_CODE = 0x858fb2e5427d4bc6L;

    private final Engine engine = new Engine(new EngineContext()
        .maxCampaigns(1).maxDrops(1).maxVouchers(1).maxRedemptions(1).maxEntries(1).maxGroups(1).maxEntitlements(1)
        .maxVenues(4).maxResourcesPerVenue(20).maxCalendarSlots(4 * 20 * 14 * 9).maxReservations(1 << 16)
        .maxIdempotencyKeys(1024).idempotencyResultBytes(64 << 10)
        .codeKey(0x1234_5678_9abc_def0L, 0x0fed_cba9_8765_4321L));
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[256]);
    private final UnsafeBuffer result = new UnsafeBuffer(new byte[engine.maxResultLength()]);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    @Test
    void aSnapshotOfTheEarlierBuildLoadsAndAnswersTheSame() throws IOException
    {
        try (InputStream file = getClass().getResourceAsStream("/snapshots/venue-rush-7f52c1e.snap");
             DataInputStream in = new DataInputStream(file))
        {
            while (in.available() > 0)
            {
                final byte[] record = new byte[in.readInt()];
                in.readFully(record);
                engine.loadSnapshotRecord(new UnsafeBuffer(record), 0);
            }
        }
        assertThat(engine.stateHash()).isEqualTo(WRITTEN_STATE_HASH);

        confirm(1, "PAY-1");
        assertThat(header.templateId()).isEqualTo(HoldConfirmedDecoder.TEMPLATE_ID);
        final HoldConfirmedDecoder confirmed = new HoldConfirmedDecoder()
            .wrap(result, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertThat(confirmed.replayed()).as("the same payment reference again").isEqualTo(BooleanType.TRUE);
        assertThat(confirmed.checkInCode()).isEqualTo(BOOKING_1_CHECK_IN_CODE);

        confirm(1, "PAY-X");
        assertThat(header.templateId()).isEqualTo(RejectedDecoder.TEMPLATE_ID);
        assertThat(new RejectedDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
            header.version()).code()).as("another payment reference").isEqualTo(ResultCode.ALREADY_CONFIRMED);
    }

    private void confirm(final long holdId, final String paymentRef)
    {
        final byte[] ref = paymentRef.getBytes(StandardCharsets.US_ASCII);
        new ConfirmHoldEncoder().wrapAndApplyHeader(command, 0, new MessageHeaderEncoder())
            .holdId(holdId)
            .putPaymentRef(ref, 0, ref.length);
        engine.apply(engine.lastSequence() + 1, engine.nowMs(), command, 0, result, 0);
        header.wrap(result, 0);
    }
}
