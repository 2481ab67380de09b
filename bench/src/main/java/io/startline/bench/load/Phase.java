package io.startline.bench.load;

import java.util.Set;

/**
 * One phase of a scenario: a fixed number of requests sent at a constant rate, the answers the
 * scenario allows, and where each answer goes (the scenario's ledger, for its end check).
 */
public interface Phase
{
    /** Short and stable: it tags the phase's histograms in the log. */
    String name();

    int requests();

    /**
     * Outcomes as {@link Answers#outcome} spells them, for example {@code 201} and
     * {@code 409 SOLD_OUT}; any other is an error.
     */
    Set<String> expectedOutcomes();

    /** Request {@code index}, built when it is due; everything costly (tokens, bodies' parts) is made beforehand. */
    PlannedRequest request(int index);

    /**
     * Hears the answer to request {@code index}, on one of the client's threads, concurrently
     * with other answers. Not called for requests that failed or timed out.
     */
    void onAnswer(int index, int status, byte[] body);
}
