package io.startline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The venue release's end check: no slot held by two holds, the availability grid showing
 * exactly the slots the rush's holds took (HELD, or BOOKED once paid) and every other slot
 * FREE, and every sampled user's own list showing exactly their hold or booking. Pure: it
 * compares the generator's ledger with the API's answers handed to it.
 */
public final class VenueCheck
{
    private static final int MAX_LISTED = 10;

    private VenueCheck()
    {
    }

    /** A hold the rush was answered 201 for, and whether the payment callback then confirmed it. */
    public record Hold(long holdId, long userId, String resourceCode, long startAt, int slots, boolean confirmed)
    {
    }

    /**
     * @param hold       the user's hold from the rush, or null if the user got none
     * @param bookingsMe the user's {@code GET /api/bookings/me}, or null if unanswered
     */
    public record SampledUser(long userId, Hold hold, JsonNode bookingsMe)
    {
    }

    /**
     * @param venueId the venue
     * @param slotMs  the length of one slot
     * @param holds   every hold answered 201
     * @param sample  users who looked at their own holds and bookings afterwards
     */
    public record Ledger(long venueId, long slotMs, List<Hold> holds, List<SampledUser> sample)
    {
    }

    public static CheckResult check(final Ledger ledger, final JsonNode availability)
    {
        final CheckResult check = new CheckResult();
        final Map<String, Hold> slotHolders = new HashMap<>();
        int heldTwice = 0;
        long slotsTaken = 0;
        for (final Hold hold : ledger.holds())
        {
            for (int s = 0; s < hold.slots(); s++)
            {
                final String slot = slotKey(hold.resourceCode(), hold.startAt() + s * ledger.slotMs());
                final Hold earlier = slotHolders.put(slot, hold);
                slotsTaken++;
                if (earlier != null)
                {
                    if (heldTwice < MAX_LISTED)
                    {
                        check.require(false, "slot " + slot + " was given to hold " + earlier.holdId() + " and hold " +
                            hold.holdId());
                    }
                    heldTwice++;
                }
            }
        }
        check.requireEqual("slots answered 201 to two holds", 0, heldTwice);

        int gridSlotsTaken = 0;
        int disagreements = 0;
        for (final JsonNode resource : availability.path("resources"))
        {
            final String code = resource.path("code").asText();
            for (final JsonNode slot : resource.path("slots"))
            {
                final Hold holder = slotHolders.remove(slotKey(code, slot.path("startAt").asLong()));
                final String status = slot.path("status").asText();
                final String expected = holder == null ? "FREE" : holder.confirmed() ? "BOOKED" : "HELD";
                gridSlotsTaken += "HELD".equals(status) || "BOOKED".equals(status) ? 1 : 0;
                if (!expected.equals(status))
                {
                    if (disagreements < MAX_LISTED)
                    {
                        check.require(false, "grid: " + code + " at " + slot.path("startAt").asLong() + " is " + status +
                            ", the rush's answers make it " + expected);
                    }
                    disagreements++;
                }
            }
        }
        check.requireEqual("grid slots disagreeing with the rush's answers", 0, disagreements)
            .requireEqual("slots held or booked on the grid", slotsTaken - heldTwice, gridSlotsTaken)
            .require(slotHolders.isEmpty(), "held slots missing from the grid: " + slotHolders.keySet());
        final int sampleDisagreements = checkSample(check, ledger);
        check.requireEqual("sampled users whose own list disagrees", 0, sampleDisagreements);
        return check.fact("holds", ledger.holds().size())
            .fact("slotsTaken", slotsTaken)
            .fact("slotsOnGrid", gridSlotsOnGrid(availability))
            .fact("confirmed", ledger.holds().stream().filter(Hold::confirmed).count())
            .fact("usersSampled", ledger.sample().size());
    }

    private static int gridSlotsOnGrid(final JsonNode availability)
    {
        int slots = 0;
        for (final JsonNode resource : availability.path("resources"))
        {
            slots += resource.path("slots").size();
        }
        return slots;
    }

    /** A holder sees their hold (or booking, once paid) at this venue and nothing else there; anyone else sees nothing. */
    private static int checkSample(final CheckResult check, final Ledger ledger)
    {
        int wrong = 0;
        for (final SampledUser user : ledger.sample())
        {
            final String problem = sampleProblem(ledger.venueId(), user);
            if (problem != null)
            {
                if (wrong < MAX_LISTED)
                {
                    check.require(false, "user " + user.userId() + ": " + problem);
                }
                wrong++;
            }
        }
        return wrong;
    }

    private static String sampleProblem(final long venueId, final SampledUser user)
    {
        if (user.bookingsMe() == null)
        {
            return "no answer to GET /api/bookings/me";
        }
        final List<JsonNode> holds = atVenue(user.bookingsMe().path("holds"), venueId);
        final List<JsonNode> bookings = atVenue(user.bookingsMe().path("bookings"), venueId);
        final Hold hold = user.hold();
        if (hold == null)
        {
            return holds.isEmpty() && bookings.isEmpty() ? null : "got no hold in the rush but lists " + holds + " " +
                bookings;
        }
        final List<JsonNode> listed = hold.confirmed() ? bookings : holds;
        final List<JsonNode> other = hold.confirmed() ? holds : bookings;
        if (listed.size() != 1 || !other.isEmpty())
        {
            return "lists holds " + holds + " and bookings " + bookings + " at the venue; expected hold " + hold.holdId() +
                (hold.confirmed() ? " as a booking" : " as a hold");
        }
        final JsonNode entry = listed.get(0);
        final long id = hold.confirmed() ? entry.path("bookingId").asLong() : entry.path("holdId").asLong();
        final boolean same = id == hold.holdId() && hold.resourceCode().equals(entry.path("resourceCode").asText()) &&
            entry.path("startAt").asLong() == hold.startAt() && entry.path("slots").asInt() == hold.slots() &&
            (!hold.confirmed() || "BOOKED".equals(entry.path("status").asText()));
        return same ? null : "lists " + entry + "; the rush's answers make it " + hold;
    }

    private static List<JsonNode> atVenue(final JsonNode items, final long venueId)
    {
        final List<JsonNode> matching = new ArrayList<>();
        for (final JsonNode item : items)
        {
            if (item.path("venueId").asLong() == venueId)
            {
                matching.add(item);
            }
        }
        return matching;
    }

    private static String slotKey(final String resourceCode, final long startAt)
    {
        return resourceCode + "@" + startAt;
    }
}
