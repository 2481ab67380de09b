package io.startline.bench.load;

import java.util.List;

/**
 * What a scenario run produced: its phases, in the order they ran, and its end check.
 */
public record ScenarioOutcome(List<PhaseSummary> phases, CheckResult endCheck)
{
}
