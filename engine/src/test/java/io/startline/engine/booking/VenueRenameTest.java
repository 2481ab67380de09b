package io.startline.engine.booking;

import java.nio.charset.StandardCharsets;

import io.startline.engine.codec.ListVenuesEncoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RenameVenueEncoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.VenueListDecoder;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.Snapshots;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A venue's one safe edit is its name, at any time, by the creation's rules; everything else of a
 * venue is in effect from its creation (its slots are released at once), so nothing else is edited.
 */
class VenueRenameTest
{
    private final VenueFixture f = new VenueFixture();

    @Test
    void aVenueIsRenamedAtAnyTimeAndHoldsGoOn()
    {
        final long before = f.engine.engine().stateHash();

        assertThat(rename(f.engine, f.venueId, "Riverside Sports Centre")).isEqualTo(ResultCode.OK);

        assertThat(venueName(f.engine)).isEqualTo("Riverside Sports Centre");
        assertThat(f.engine.engine().stateHash()).isNotEqualTo(before);
    }

    @Test
    void aNewNameKeepsTheCreationRules()
    {
        assertThat(rename(f.engine, f.venueId, "")).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(f.engine.lastRejectedField()).isEqualTo("name");
        assertThat(rename(f.engine, f.venueId, "x".repeat(VenueSpec.NAME_MAX_BYTES + 1)))
            .isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(rename(f.engine, f.venueId, " leading blank")).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(rename(f.engine, f.venueId + 1, "Elsewhere")).isEqualTo(ResultCode.VENUE_NOT_FOUND);
        assertThat(rename(f.engine, f.venueId, "x".repeat(VenueSpec.NAME_MAX_BYTES))).isEqualTo(ResultCode.OK);
    }

    @Test
    void aSnapshotKeepsTheNewName()
    {
        rename(f.engine, f.venueId, "Renamed");

        final EngineDriver restored = new EngineDriver(
            Snapshots.load(f.context, Snapshots.take(f.engine.engine())));

        assertThat(restored.engine().stateHash()).isEqualTo(f.engine.engine().stateHash());
        assertThat(venueName(restored)).isEqualTo("Renamed");
    }

    static ResultCode rename(final EngineDriver engine, final long venueId, final String name)
    {
        final RenameVenueEncoder e = new RenameVenueEncoder()
            .wrapAndApplyHeader(engine.commandBuffer(), 0, engine.headerEncoder()).venueId(venueId);
        final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        e.putName(bytes, 0, bytes.length);
        engine.send(MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
        return engine.lastRejection();
    }

    private static String venueName(final EngineDriver engine)
    {
        new ListVenuesEncoder().wrapAndApplyHeader(engine.commandBuffer(), 0, engine.headerEncoder())
            .afterVenueId(0).maxRows(1);
        final DirectBuffer buffer = engine.ask();
        final byte[] bytes = new byte[buffer.capacity()];
        buffer.getBytes(0, bytes);
        final DirectBuffer result = new UnsafeBuffer(bytes);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(result, 0);
        return new VenueListDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
            header.version()).venues().next().name();
    }
}
