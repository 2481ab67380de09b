package io.startline.engine.booking;

import io.startline.engine.ResultWriter;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RenameVenueDecoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.VenueRenamedEncoder;
import io.startline.engine.support.Text;
import org.agrona.DirectBuffer;

/**
 * The one safe edit of a venue: its name, at any time, by the creation's rules (1 to
 * {@link VenueSpec#NAME_MAX_BYTES} bytes of printable UTF-8). Nothing time-like of a venue can be
 * edited safely: its slots are released for booking from the moment it is created (the days within
 * {@code releaseDaysAhead}), so its hours, slot length, release settings and rules are already in
 * effect; to change them the organiser creates a new venue.
 */
final class VenueRename
{
    private final Venues venues;
    private final RenameVenueDecoder decoder = new RenameVenueDecoder();
    private final VenueRenamedEncoder encoder = new VenueRenamedEncoder();

    VenueRename(final Venues venues)
    {
        this.venues = venues;
    }

    int onCommand(final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset,
        final ResultWriter out)
    {
        decoder.wrap(buffer, bodyOffset, header.blockLength(), header.version());
        final long venueId = decoder.venueId();
        final Venue venue = venues.venue(venueId);
        if (venue == null)
        {
            return out.rejected(ResultCode.VENUE_NOT_FOUND, venueId, "");
        }
        final int nameLength = decoder.nameLength();
        final int nameOffset = decoder.limit() + RenameVenueDecoder.nameHeaderLength();
        if (nameLength < 1 || nameLength > VenueSpec.NAME_MAX_BYTES ||
            !Text.isPrintableUtf8(decoder.buffer(), nameOffset, nameLength))
        {
            return out.rejected(ResultCode.INVALID_ARGUMENT, venueId, "name");
        }
        final byte[] name = new byte[nameLength];
        decoder.getName(name, 0, nameLength);
        venue.name = name;
        encoder.wrapAndApplyHeader(out.buffer(), out.offset(), out.header()).venueId(venueId);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }
}
