package io.startline.engine.booking;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.support.Codes;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.VenueDriver;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One venue to write rule tests against, on a clock anchored on local dates (java.time, here
 * only). By default {@link VenueDriver.Venue#standard standard(4)}: UTC+8, COURT-1..4, 08:00
 * to 22:00 in hours, at most 2 slots a user a day, released at 08:00 seven days ahead. The
 * engine starts at the release of {@link #PLAY_DAY}, so its slots can be held at once.
 * <p>
 * {@link #assertRefused} checks a refusal and that it changed nothing: the engine's state hash
 * covers the command sequence and the clock, so the refused engine is compared with a twin
 * that replayed the same journal and then received a plain tick at the same moment instead.
 */
final class VenueFixture
{
    static final long MINUTE = 60_000L;
    static final long HOUR = 3_600_000L;
    static final long DAY = 86_400_000L;
    static final LocalDate PLAY_DAY = LocalDate.of(2026, 12, 8);

    final EngineContext context;
    final long startMs;
    final EngineDriver engine;
    final VenueDriver venues;
    final VenueDriver.Venue venue;
    final long venueId;

    VenueFixture()
    {
        this(VenueDriver.Venue.standard(4));
    }

    VenueFixture(final VenueDriver.Venue venue)
    {
        this(EngineDriver.smallContext(), venue);
    }

    VenueFixture(final EngineContext context, final VenueDriver.Venue venue)
    {
        this(context, venue, releaseAt(venue, PLAY_DAY));
    }

    /** The venue is created at {@code startMs}; a null venue leaves the engine without one. */
    VenueFixture(final EngineContext context, final VenueDriver.Venue venue, final long startMs)
    {
        this.context = context;
        this.startMs = startMs;
        this.venue = venue;
        engine = new EngineDriver(context, startMs, true);
        venues = new VenueDriver(engine);
        if (venue == null)
        {
            venueId = 0;
        }
        else
        {
            final VenueDriver.Result created = venues.createVenue(venue);
            assertThat(created.code()).as("create the fixture's venue: %s", created.field()).isEqualTo(ResultCode.OK);
            venueId = created.id();
        }
    }

    /** An engine with no venue yet, at the standard venue's release of {@link #PLAY_DAY}. */
    static VenueFixture withoutVenue(final EngineContext context)
    {
        return new VenueFixture(context, null, releaseAt(VenueDriver.Venue.standard(1), PLAY_DAY));
    }

    /**
     * A valid spec for calling {@link Venues} directly, under {@link EngineDriver#smallContext()}:
     * UTC, 08:00 to 22:00 in hours, released seven days ahead, these resources' codes.
     */
    static VenueSpec spec(final String... resourceCodes)
    {
        final VenueSpec spec = new VenueSpec(EngineDriver.smallContext());
        spec.opensMinuteOfDay = 8 * 60;
        spec.closesMinuteOfDay = 22 * 60;
        spec.slotMinutes = 60;
        spec.priceFen = 5000;
        spec.releaseDaysAhead = 7;
        spec.maxSlotsPerUserPerDay = 2;
        spec.holdTimeoutMs = 600_000;
        spec.checkInLateMs = 900_000;
        spec.banDays = 30;
        spec.resourceCount = resourceCodes.length;
        for (int r = 0; r < resourceCodes.length; r++)
        {
            final byte[] code = Arrays.copyOf(resourceCodes[r].getBytes(StandardCharsets.US_ASCII), Codes.LENGTH);
            spec.resourceCode0[r] = Codes.word0(code);
            spec.resourceCode1[r] = Codes.word1(code);
        }
        spec.name[0] = 'V';
        spec.nameLength = 1;
        return spec;
    }

    // ------------------------------------------------------------------ the clock

    /** The instant of local time hh:mm on {@code day} at a venue (hh may be 24). */
    static long at(final VenueDriver.Venue venue, final LocalDate day, final int hh, final int mm)
    {
        final ZoneOffset offset = ZoneOffset.ofTotalSeconds(venue.utcOffsetMinutes() * 60);
        return day.atStartOfDay().plusHours(hh).plusMinutes(mm).toInstant(offset).toEpochMilli();
    }

    /** When the slots of local {@code day} are released at a venue. */
    static long releaseAt(final VenueDriver.Venue venue, final LocalDate day)
    {
        final int minute = venue.releaseMinuteOfDay();
        return at(venue, day.minusDays(venue.releaseDaysAhead()), minute / 60, minute % 60);
    }

    long startAt(final LocalDate day, final int hh, final int mm)
    {
        return at(venue, day, hh, mm);
    }

    /** The slot starting at hh:00 on {@link #PLAY_DAY}. */
    long startAt(final int hh)
    {
        return startAt(PLAY_DAY, hh, 0);
    }

    long releaseAt(final LocalDate day)
    {
        return releaseAt(venue, day);
    }

    long now()
    {
        return engine.nowMs();
    }

    void advanceTo(final long timestampMs)
    {
        engine.advanceTo(timestampMs);
    }

    /** Moves the clock and applies a tick, so deadlines fire and queries see the new time. */
    void tickAt(final long timestampMs)
    {
        engine.advanceTo(timestampMs);
        engine.tick();
    }

    // ------------------------------------------------------------------ commands

    VenueDriver.Hold hold(final long userId, final String resource, final long startAt, final int slots)
    {
        return venues.hold(venueId, userId, resource, startAt, slots);
    }

    /** Holds and returns the hold id, asserting the hold was placed. */
    long held(final long userId, final String resource, final long startAt, final int slots)
    {
        return heldAt(venueId, userId, resource, startAt, slots);
    }

    long heldAt(final long venue, final long userId, final String resource, final long startAt, final int slots)
    {
        final VenueDriver.Hold hold = venues.hold(venue, userId, resource, startAt, slots);
        assertThat(hold.code()).as("hold of user %d on %s: %s", userId, resource, hold.field())
            .isEqualTo(ResultCode.OK);
        return hold.holdId();
    }

    /** Holds and pays ("pay-" + hold id), asserting both; the booking's answer. */
    VenueDriver.Confirmed booked(final long userId, final String resource, final long startAt, final int slots)
    {
        return bookedAt(venueId, userId, resource, startAt, slots);
    }

    VenueDriver.Confirmed bookedAt(
        final long venue, final long userId, final String resource, final long startAt, final int slots)
    {
        final long holdId = heldAt(venue, userId, resource, startAt, slots);
        final VenueDriver.Confirmed confirmed = venues.confirm(holdId, "pay-" + holdId);
        assertThat(confirmed.code()).as("confirm hold %d: %s", holdId, confirmed.field()).isEqualTo(ResultCode.OK);
        return confirmed;
    }

    // ------------------------------------------------------------------ queries

    VenueDriver.Availability grid(final LocalDate day)
    {
        final VenueDriver.Availability grid = venues.availability(venueId, day);
        assertThat(grid.code()).isEqualTo(ResultCode.OK);
        return grid;
    }

    /** What the slot at hh:00 on {@code day} shows, as of the last applied command. */
    String slot(final String resource, final LocalDate day, final int hh)
    {
        final VenueDriver.Availability grid = grid(day);
        final int slot = (int)((startAt(day, hh, 0) - grid.firstSlotStartAt()) / (grid.slotMinutes() * MINUTE));
        return grid.status(resource, slot);
    }

    String slot(final String resource, final int hh)
    {
        return slot(resource, PLAY_DAY, hh);
    }

    VenueDriver.UserBookings bookingsOf(final long userId)
    {
        return venues.bookingsOf(userId);
    }

    // ------------------------------------------------------------------ refusals change nothing

    /**
     * Runs a command that must be refused with {@code code} and no field, and asserts it left the
     * state exactly as a tick at the same moment would have.
     */
    void assertRefused(final ResultCode code, final Runnable command)
    {
        assertRefused(code, "", command);
    }

    void assertRefused(final ResultCode code, final String field, final Runnable command)
    {
        assertChangesNothing(() ->
        {
            command.run();
            assertThat(engine.lastRejection()).as("the command is refused").isEqualTo(code);
            assertThat(engine.lastRejectedField()).as("the field named by the refusal (%s)", code).isEqualTo(field);
        });
    }

    /**
     * Runs one command (a refusal or a replayed answer) and asserts it left the state exactly as a
     * tick at the same moment would have.
     */
    void assertChangesNothing(final Runnable command)
    {
        final EngineDriver twin = replay();
        command.run();
        twin.advanceTo(engine.nowMs());
        twin.tick();
        assertThat(engine.engine().stateHash())
            .as("state after the command (%s) equals state after a tick instead", engine.lastRejection())
            .isEqualTo(twin.engine().stateHash());
    }

    /** A second engine that has applied the same commands at the same times. */
    EngineDriver replay()
    {
        final EngineDriver twin = new EngineDriver(context, startMs);
        for (final EngineDriver.JournalEntry entry : engine.journal())
        {
            twin.advanceTo(entry.timestampMs());
            twin.applyRaw(entry.command());
        }
        assertThat(twin.engine().stateHash()).as("the twin replays to the same state")
            .isEqualTo(engine.engine().stateHash());
        return twin;
    }
}
