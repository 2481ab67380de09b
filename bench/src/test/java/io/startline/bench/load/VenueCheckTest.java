package io.startline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The venue release's end check on canned API answers: two courts of three hourly slots; one
 * one-slot hold paid for, one two-slot hold not yet.
 */
class VenueCheckTest
{
    private static final long VENUE = 5;
    private static final long HOUR = 3_600_000;
    private static final long S0 = 1_800_000_000_000L;
    private static final VenueCheck.Hold PAID = new VenueCheck.Hold(1, 100, "C1", S0, 1, true);
    private static final VenueCheck.Hold UNPAID = new VenueCheck.Hold(2, 101, "C2", S0 + HOUR, 2, false);

    @Test
    void passesWhenTheGridAndEveryUsersListShowExactlyTheAnsweredHolds() throws IOException
    {
        final CheckResult check = VenueCheck.check(ledger(List.of(PAID, UNPAID), sample()),
            grid("BOOKED", "FREE", "FREE", "FREE", "HELD", "HELD"));

        assertThat(check.failures()).isEmpty();
        assertThat(check.facts()).containsEntry("holds", 2).containsEntry("slotsTaken", 3L)
            .containsEntry("slotsOnGrid", 6).containsEntry("confirmed", 1L);
    }

    @Test
    void failsWhenTwoHoldsWereAnsweredForTheSameSlot() throws IOException
    {
        final VenueCheck.Hold overlapping = new VenueCheck.Hold(3, 102, "C2", S0 + 2 * HOUR, 1, false);

        final CheckResult check = VenueCheck.check(ledger(List.of(PAID, UNPAID, overlapping), List.of()),
            grid("BOOKED", "FREE", "FREE", "FREE", "HELD", "HELD"));

        assertThat(check.failures()).contains("slot C2@" + (S0 + 2 * HOUR) + " was given to hold 2 and hold 3",
            "slots answered 201 to two holds: expected 0, got 1");
    }

    @Test
    void failsWhenTheGridShowsATakenSlotNoAnswerGaveOrMissesOne() throws IOException
    {
        final CheckResult check = VenueCheck.check(ledger(List.of(PAID, UNPAID), List.of()),
            grid("HELD", "HELD", "FREE", "FREE", "HELD", "FREE"));

        assertThat(check.failures()).containsExactly(
            "grid: C1 at " + S0 + " is HELD, the rush's answers make it BOOKED",
            "grid: C1 at " + (S0 + HOUR) + " is HELD, the rush's answers make it FREE",
            "grid: C2 at " + (S0 + 2 * HOUR) + " is FREE, the rush's answers make it HELD",
            "grid slots disagreeing with the rush's answers: expected 0, got 3");
    }

    @Test
    void failsWhenAUsersOwnListDisagreesWithTheirAnswers() throws IOException
    {
        final List<VenueCheck.SampledUser> sample = List.of(
            new VenueCheck.SampledUser(100, PAID, json("{\"holds\":[{\"holdId\":1,\"venueId\":5,\"resourceCode\":" +
                "\"C1\",\"startAt\":" + S0 + ",\"slots\":1}],\"bookings\":[]}")),
            new VenueCheck.SampledUser(103, null, json("{\"holds\":[{\"holdId\":9,\"venueId\":5}],\"bookings\":[]}")),
            new VenueCheck.SampledUser(104, null, null));

        final CheckResult check = VenueCheck.check(ledger(List.of(PAID, UNPAID), sample),
            grid("BOOKED", "FREE", "FREE", "FREE", "HELD", "HELD"));

        assertThat(check.failures()).hasSize(4);
        assertThat(check.failures().get(0)).startsWith("user 100: lists holds [").endsWith("expected hold 1 as a booking");
        assertThat(check.failures().get(1)).startsWith("user 103: got no hold in the rush but lists");
        assertThat(check.failures().get(2)).isEqualTo("user 104: no answer to GET /api/bookings/me");
        assertThat(check.failures().get(3)).isEqualTo("sampled users whose own list disagrees: expected 0, got 3");
    }

    private static List<VenueCheck.SampledUser> sample() throws IOException
    {
        return List.of(
            new VenueCheck.SampledUser(100, PAID, json("{\"holds\":[],\"bookings\":[{\"bookingId\":1,\"venueId\":5," +
                "\"resourceCode\":\"C1\",\"startAt\":" + S0 + ",\"slots\":1,\"status\":\"BOOKED\"}]}")),
            new VenueCheck.SampledUser(101, UNPAID, json("{\"holds\":[{\"holdId\":2,\"venueId\":5,\"resourceCode\":" +
                "\"C2\",\"startAt\":" + (S0 + HOUR) + ",\"slots\":2}],\"bookings\":[]}")),
            new VenueCheck.SampledUser(102, null, json("{\"holds\":[],\"bookings\":[{\"bookingId\":7,\"venueId\":9}]}")));
    }

    private static VenueCheck.Ledger ledger(final List<VenueCheck.Hold> holds, final List<VenueCheck.SampledUser> sample)
    {
        return new VenueCheck.Ledger(VENUE, HOUR, holds, sample);
    }

    /** C1's three slots, then C2's. */
    private static JsonNode grid(final String... statuses) throws IOException
    {
        final StringBuilder json = new StringBuilder("{\"date\":\"2027-01-08\",\"resources\":[");
        for (int court = 0; court < 2; court++)
        {
            json.append(court == 0 ? "" : ",").append("{\"code\":\"C").append(court + 1).append("\",\"slots\":[");
            for (int slot = 0; slot < 3; slot++)
            {
                json.append(slot == 0 ? "" : ",").append("{\"startAt\":").append(S0 + slot * HOUR)
                    .append(",\"status\":\"").append(statuses[court * 3 + slot]).append("\"}");
            }
            json.append("]}");
        }
        return json(json.append("]}").toString());
    }

    private static JsonNode json(final String text) throws IOException
    {
        return new ObjectMapper().readTree(text);
    }
}
