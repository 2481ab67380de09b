package io.startline.bench.booking;

import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.codec.CreateVenueEncoder;
import io.startline.engine.codec.HoldConfirmedDecoder;
import io.startline.engine.codec.HoldPlacedDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.PlaceHoldEncoder;
import io.startline.engine.codec.RejectedDecoder;
import io.startline.engine.codec.VenueCreatedDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.SplittableRandom;

/**
 * An engine sized for benchmark runs, with a city's worth of venues in the shape of API.md's
 * example (UTC+8, 08:00 to 22:00 in hours, released seven days ahead), and a fixed shuffled
 * order of one million users so that holds arrive from users in no particular order.
 */
final class VenueBenchEngine
{
    static final int USERS = 1_000_000;
    static final int RESOURCES = 20;
    static final int OPENS_MINUTE = 8 * 60;
    static final int SLOTS_PER_DAY = 14;
    static final int RELEASE_DAYS_AHEAD = 7;
    static final long DAY_MS = 86_400_000L;
    /** 2027-01-04 00:00 in UTC+8: every slot of the next seven days is released by then. */
    static final long START_MS = 1_798_992_000_000L;
    static final String[] RESOURCE_CODES = new String[RESOURCES];

    static
    {
        for (int r = 0; r < RESOURCES; r++)
        {
            RESOURCE_CODES[r] = "COURT-" + (r + 1);
        }
    }

    final Engine engine;
    final UnsafeBuffer command = new UnsafeBuffer(new byte[4096]);
    final UnsafeBuffer result;
    final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final HoldPlacedDecoder holdPlaced = new HoldPlacedDecoder();
    final long[] userOrder = new long[USERS];
    final SplittableRandom random = new SplittableRandom(20261122);
    long sequence;
    long nowMs = START_MS;

    VenueBenchEngine(final int maxVenues, final int maxReservations)
    {
        engine = new Engine(new EngineContext()
            .maxCampaigns(1)
            .maxDrops(1)
            .maxVouchers(1)
            .maxRedemptions(1)
            .maxEntries(1)
            .maxGroups(1)
            .maxEntitlements(1)
            .maxVenues(maxVenues)
            .maxResourcesPerVenue(RESOURCES)
            .maxCalendarSlots(maxVenues * RESOURCES * SLOTS_PER_DAY * (RELEASE_DAYS_AHEAD + 2))
            .maxReservations(maxReservations)
            .maxIdempotencyKeys(1024)
            .idempotencyResultBytes(64 << 10)
            .codeKey(0x1234_5678_9abc_def0L, 0x0fed_cba9_8765_4321L));
        result = new UnsafeBuffer(new byte[engine.maxResultLength()]);
        for (int i = 0; i < USERS; i++)
        {
            userOrder[i] = i + 1;
        }
        shuffle(userOrder);
    }

    /**
     * @return the new venue's id.
     */
    long createVenue()
    {
        final CreateVenueEncoder venue = new CreateVenueEncoder()
            .wrapAndApplyHeader(command, 0, headerEncoder)
            .utcOffsetMinutes(480)
            .opensMinuteOfDay(OPENS_MINUTE)
            .closesMinuteOfDay(OPENS_MINUTE + SLOTS_PER_DAY * 60)
            .slotMinutes(60)
            .priceFen(5000)
            .releaseDaysAhead(RELEASE_DAYS_AHEAD)
            .releaseMinuteOfDay(0)
            .maxSlotsPerUserPerDay(4)
            .holdTimeoutMs(600_000)
            .cancelCutoffMs(DAY_MS)
            .checkInEarlyMs(900_000)
            .checkInLateMs(900_000)
            .noShowStrikesForBan(3)
            .banDays(30);
        final CreateVenueEncoder.ResourcesEncoder resources = venue.resourcesCount(RESOURCES);
        for (final String code : RESOURCE_CODES)
        {
            resources.next().code(code);
        }
        venue.name("benchmark sports centre");
        apply();
        if (headerDecoder.wrap(result, 0).templateId() != VenueCreatedDecoder.TEMPLATE_ID)
        {
            throw new IllegalStateException("venue refused");
        }
        return new VenueCreatedDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH,
            headerDecoder.blockLength(), headerDecoder.version()).venueId();
    }

    /** The start of slot {@code slot} on the day {@code daysAhead} after {@link #START_MS}'s local day. */
    static long slotStartAt(final int daysAhead, final int slot)
    {
        return START_MS + daysAhead * DAY_MS + OPENS_MINUTE * 60_000L + slot * 3_600_000L;
    }

    PlaceHoldEncoder holdEncoder()
    {
        return new PlaceHoldEncoder().wrapAndApplyHeader(command, 0, headerEncoder).slots(1);
    }

    int apply()
    {
        return apply(command, 0);
    }

    /** Applies the command encoded at {@code offset}, as the next in sequence; returns the result's template. */
    int apply(final UnsafeBuffer commands, final int offset)
    {
        engine.apply(++sequence, nowMs, commands, offset, result, 0);
        return headerDecoder.wrap(result, 0).templateId();
    }

    /** What a refused command said, for the benchmark's failure message. */
    String refusal()
    {
        if (headerDecoder.wrap(result, 0).templateId() != RejectedDecoder.TEMPLATE_ID)
        {
            return "template " + headerDecoder.templateId();
        }
        final RejectedDecoder rejected = new RejectedDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH,
            headerDecoder.blockLength(), headerDecoder.version());
        return rejected.code() + " " + rejected.field();
    }

    long holdIdOfResult()
    {
        return holdPlaced.wrap(result, MessageHeaderDecoder.ENCODED_LENGTH,
            headerDecoder.blockLength(), headerDecoder.version()).holdId();
    }

    static boolean isConfirmed(final int templateId)
    {
        return templateId == HoldConfirmedDecoder.TEMPLATE_ID;
    }

    void shuffle(final long[] values)
    {
        for (int i = values.length - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final long swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
