package io.startline.bench.load;

import java.util.Map;

/**
 * A rehearsal of one kind of peak: it creates its own campaign, race or venue through the
 * admin API, runs its phases at one offered rate, and checks the outcome through the public
 * API. Each run is independent of earlier ones on the same node.
 */
public interface Scenario
{
    /** {@code flash-drop}, {@code marathon} or {@code venue-release}. */
    String name();

    /** The sizes and choices of this run, for its summary. */
    Map<String, Object> parameters();

    /** Runs every phase at {@code offeredRatePerSecond}; anything the check exports goes to {@code files}. */
    ScenarioOutcome run(ScenarioContext context, OpenLoopRunner runner, long offeredRatePerSecond, RunFiles files);
}
