package io.startline.engine.booking;

import io.startline.engine.SnapshotSink;
import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.ReservationRecordsDecoder;
import io.startline.engine.codec.ReservationRecordsEncoder;
import io.startline.engine.codec.ReservationStatus;
import io.startline.engine.codec.StrikeRecordsDecoder;
import io.startline.engine.codec.StrikeRecordsEncoder;
import io.startline.engine.codec.VenueDomainRecordDecoder;
import io.startline.engine.codec.VenueDomainRecordEncoder;
import io.startline.engine.codec.VenueRecordDecoder;
import io.startline.engine.codec.VenueRecordEncoder;
import io.startline.engine.support.Codes;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Writes the venue domain's state as snapshot records and reads it back. The calendar cells,
 * the rows' slot counts, the users' newest reservations and the strike index and filter are
 * rebuilt from the reservations on load rather than stored; the state hash in the snapshot
 * proves the rebuild.
 */
final class BookingSnapshot
{
    /** Rows per ReservationRecords / StrikeRecords message, well inside a uint16 group count. */
    static final int ROWS_PER_RECORD = 4096;

    private final Venues venues;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final byte[] codeBytes = new byte[Codes.LENGTH];

    private int expectedVenues = -1;
    private int expectedReservations;
    private int expectedStrikes;
    private long expectedNextDeadlineMs;

    BookingSnapshot(final Venues venues)
    {
        this.venues = venues;
    }

    /**
     * @return the number of records written.
     */
    int write(final SnapshotSink sink)
    {
        // The users' lists are written with the reservations: complete them first.
        venues.linkPending();
        final ReservationTable t = venues.reservations;
        final StrikeTable strikes = venues.strikes;

        final VenueDomainRecordEncoder domain = new VenueDomainRecordEncoder().wrapAndApplyHeader(buffer, 0, header)
            .venueCount(venues.venueCount())
            .reservationCount(t.count)
            .strikeRecordCount(strikes.count)
            .nextDeadlineMs(venues.nextDeadlineMs());
        sink.record(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + domain.encodedLength());
        return 1 + writeVenues(sink) + writeReservations(sink, t) + writeStrikes(sink, strikes);
    }

    private int writeVenues(final SnapshotSink sink)
    {
        final VenueRecordEncoder venueRecord = new VenueRecordEncoder();
        for (int v = 0; v < venues.venueCount(); v++)
        {
            final Venue venue = venues.venueAt(v);
            venueRecord.wrapAndApplyHeader(buffer, 0, header)
                .utcOffsetMinutes(venue.utcOffsetMinutes)
                .opensMinuteOfDay(venue.opensMinuteOfDay)
                .closesMinuteOfDay(venue.closesMinuteOfDay)
                .slotMinutes(venue.slotMinutes)
                .priceFen(venue.priceFen)
                .releaseDaysAhead(venue.releaseDaysAhead)
                .releaseMinuteOfDay(venue.releaseMinuteOfDay)
                .maxSlotsPerUserPerDay(venue.maxSlotsPerUserPerDay)
                .holdTimeoutMs(venue.holdTimeoutMs)
                .cancelCutoffMs(venue.cancelCutoffMs)
                .checkInEarlyMs(venue.checkInEarlyMs)
                .checkInLateMs(venue.checkInLateMs)
                .noShowStrikesForBan(venue.noShowStrikesForBan)
                .banDays(venue.banDays)
                .holdQueueHead(venue.holdQueueHead)
                .holdQueueTail(venue.holdQueueTail)
                .noShowDay(venue.noShowDay)
                .noShowSlot(venue.noShowSlot);
            final VenueRecordEncoder.ResourcesEncoder resources = venueRecord.resourcesCount(venue.resourceCount);
            for (int r = 0; r < venue.resourceCount; r++)
            {
                resources.next().putCode(venue.resourceCodeBytes[r], 0);
            }
            final VenueRecordEncoder.CalendarDaysEncoder days = venueRecord.calendarDaysCount(venue.calendarDays);
            for (int row = 0; row < venue.calendarDays; row++)
            {
                days.next().epochDay(venue.rowDay[row]);
            }
            venueRecord.putName(venue.name, 0, venue.name.length);
            sink.record(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + venueRecord.encodedLength());
        }
        return venues.venueCount();
    }

    private int writeReservations(final SnapshotSink sink, final ReservationTable t)
    {
        int records = 0;
        final ReservationRecordsEncoder reservationRecords = new ReservationRecordsEncoder();
        for (int first = 0; first < t.count; first += ROWS_PER_RECORD)
        {
            final int rows = Math.min(ROWS_PER_RECORD, t.count - first);
            final ReservationRecordsEncoder.ReservationsEncoder group = reservationRecords
                .wrapAndApplyHeader(buffer, 0, header)
                .firstIndex(first)
                .reservationsCount(rows);
            for (int h = first; h < first + rows; h++)
            {
                group.next()
                    .venueIndex(t.venueIndex[h])
                    .resourceIndex(t.resourceIndex[h])
                    .userId(t.userId[h])
                    .epochDay(t.epochDay[h])
                    .firstSlot(t.firstSlot[h])
                    .slots(t.slots[h])
                    .status(ReservationStatus.get(t.status[h]))
                    .expiresAt(t.expiresAt[h])
                    .paymentRefHash(t.paymentRefHash[h])
                    .refundable(t.refundable[h] ? BooleanType.TRUE : BooleanType.FALSE)
                    .previousOfUser(t.previousOfUser[h])
                    .nextInHoldQueue(t.nextInHoldQueue[h])
                    .previousStrike(t.previousStrike[h]);
            }
            sink.record(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + reservationRecords.encodedLength());
            records++;
        }
        return records;
    }

    private int writeStrikes(final SnapshotSink sink, final StrikeTable strikes)
    {
        int records = 0;
        final StrikeRecordsEncoder strikeRecords = new StrikeRecordsEncoder();
        for (int first = 0; first < strikes.count; first += ROWS_PER_RECORD)
        {
            final int rows = Math.min(ROWS_PER_RECORD, strikes.count - first);
            final StrikeRecordsEncoder.StrikesEncoder group = strikeRecords.wrapAndApplyHeader(buffer, 0, header)
                .firstIndex(first)
                .strikesCount(rows);
            for (int s = first; s < first + rows; s++)
            {
                group.next()
                    .venueIndex(strikes.venueIndex[s])
                    .userId(strikes.userId[s])
                    .latestNoShow(strikes.latestNoShow[s])
                    .bannedUntil(strikes.bannedUntil[s]);
            }
            sink.record(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + strikeRecords.encodedLength());
            records++;
        }
        return records;
    }

    void load(final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset)
    {
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case VenueDomainRecordDecoder.TEMPLATE_ID:
                loadDomain(new VenueDomainRecordDecoder().wrap(buffer, bodyOffset, blockLength, version));
                break;
            case VenueRecordDecoder.TEMPLATE_ID:
                loadVenue(new VenueRecordDecoder().wrap(buffer, bodyOffset, blockLength, version));
                break;
            case ReservationRecordsDecoder.TEMPLATE_ID:
                loadReservations(new ReservationRecordsDecoder().wrap(buffer, bodyOffset, blockLength, version));
                break;
            case StrikeRecordsDecoder.TEMPLATE_ID:
                loadStrikes(new StrikeRecordsDecoder().wrap(buffer, bodyOffset, blockLength, version));
                break;
            default:
                throw new IllegalStateException("not a venue snapshot record: " + header.templateId());
        }
    }

    void finish()
    {
        if (expectedVenues < 0)
        {
            throw new IllegalStateException("snapshot has no venue domain record");
        }
        if (venues.venueCount() != expectedVenues || venues.reservations.count != expectedReservations ||
            venues.strikes.count != expectedStrikes)
        {
            throw new IllegalStateException("venue snapshot incomplete: " + venues.venueCount() + "/" + expectedVenues +
                " venues, " + venues.reservations.count + "/" + expectedReservations + " reservations, " +
                venues.strikes.count + "/" + expectedStrikes + " strike records");
        }
        venues.restoreDerivedState(expectedNextDeadlineMs);
    }

    private void loadDomain(final VenueDomainRecordDecoder decoder)
    {
        if (expectedVenues >= 0)
        {
            throw new IllegalStateException("a second venue domain record");
        }
        expectedVenues = decoder.venueCount();
        expectedReservations = decoder.reservationCount();
        expectedStrikes = decoder.strikeRecordCount();
        expectedNextDeadlineMs = decoder.nextDeadlineMs();
        if (expectedReservations > venues.reservations.capacity)
        {
            throw new IllegalStateException("snapshot holds " + expectedReservations +
                " reservations, more than maxReservations " + venues.reservations.capacity);
        }
    }

    private void loadVenue(final VenueRecordDecoder decoder)
    {
        final VenueSpec spec = venues.specForLoad();
        spec.utcOffsetMinutes = decoder.utcOffsetMinutes();
        spec.opensMinuteOfDay = decoder.opensMinuteOfDay();
        spec.closesMinuteOfDay = decoder.closesMinuteOfDay();
        spec.slotMinutes = decoder.slotMinutes();
        spec.priceFen = decoder.priceFen();
        spec.releaseDaysAhead = decoder.releaseDaysAhead();
        spec.releaseMinuteOfDay = decoder.releaseMinuteOfDay();
        spec.maxSlotsPerUserPerDay = decoder.maxSlotsPerUserPerDay();
        spec.holdTimeoutMs = decoder.holdTimeoutMs();
        spec.cancelCutoffMs = decoder.cancelCutoffMs();
        spec.checkInEarlyMs = decoder.checkInEarlyMs();
        spec.checkInLateMs = decoder.checkInLateMs();
        spec.noShowStrikesForBan = decoder.noShowStrikesForBan();
        spec.banDays = decoder.banDays();
        final int holdQueueHead = decoder.holdQueueHead();
        final int holdQueueTail = decoder.holdQueueTail();
        final int noShowDay = decoder.noShowDay();
        final int noShowSlot = decoder.noShowSlot();
        final VenueRecordDecoder.ResourcesDecoder resources = decoder.resources();
        spec.resourceCount = resources.count();
        int r = 0;
        for (final VenueRecordDecoder.ResourcesDecoder resource : resources)
        {
            resource.getCode(codeBytes, 0);
            spec.resourceCode0[r] = Codes.word0(codeBytes);
            spec.resourceCode1[r] = Codes.word1(codeBytes);
            r++;
        }
        final VenueRecordDecoder.CalendarDaysDecoder days = decoder.calendarDays();
        if (days.count() != spec.calendarDays())
        {
            throw new IllegalStateException("venue record with " + days.count() + " calendar days, expected " +
                spec.calendarDays());
        }
        final int[] rowDay = new int[days.count()];
        int row = 0;
        for (final VenueRecordDecoder.CalendarDaysDecoder day : days)
        {
            rowDay[row++] = day.epochDay();
        }
        spec.nameLength = decoder.getName(spec.name, 0, spec.name.length);

        final Venue venue = venues.restoreVenue(spec);
        System.arraycopy(rowDay, 0, venue.rowDay, 0, rowDay.length);
        venue.holdQueueHead = holdQueueHead;
        venue.holdQueueTail = holdQueueTail;
        venue.noShowDay = noShowDay;
        venue.noShowSlot = noShowSlot;
    }

    private void loadReservations(final ReservationRecordsDecoder decoder)
    {
        final ReservationTable t = venues.reservations;
        if (decoder.firstIndex() != t.count)
        {
            throw new IllegalStateException("reservation run from " + decoder.firstIndex() + " after " + t.count);
        }
        for (final ReservationRecordsDecoder.ReservationsDecoder row : decoder.reservations())
        {
            final int h = t.count++;
            t.venueIndex[h] = row.venueIndex();
            t.resourceIndex[h] = row.resourceIndex();
            t.userId[h] = row.userId();
            t.epochDay[h] = row.epochDay();
            t.firstSlot[h] = row.firstSlot();
            t.slots[h] = row.slots();
            t.status[h] = (byte)row.statusRaw();
            t.expiresAt[h] = row.expiresAt();
            t.paymentRefHash[h] = row.paymentRefHash();
            t.refundable[h] = row.refundable() == BooleanType.TRUE;
            t.previousOfUser[h] = row.previousOfUser();
            t.nextInHoldQueue[h] = row.nextInHoldQueue();
            t.previousStrike[h] = row.previousStrike();
        }
    }

    private void loadStrikes(final StrikeRecordsDecoder decoder)
    {
        final StrikeTable strikes = venues.strikes;
        if (decoder.firstIndex() != strikes.count)
        {
            throw new IllegalStateException("strike run from " + decoder.firstIndex() + " after " + strikes.count);
        }
        for (final StrikeRecordsDecoder.StrikesDecoder row : decoder.strikes())
        {
            final int s = strikes.count++;
            strikes.venueIndex[s] = row.venueIndex();
            strikes.userId[s] = row.userId();
            strikes.latestNoShow[s] = row.latestNoShow();
            strikes.bannedUntil[s] = row.bannedUntil();
        }
    }
}
