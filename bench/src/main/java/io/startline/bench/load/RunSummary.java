package io.startline.bench.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One scenario run: its parameters, each phase's figures, and the end check. Saved as JSON
 * beside the HdrHistogram log of the same run.
 *
 * @param scenario             {@code flash-drop}, {@code marathon} or {@code venue-release}
 * @param startedAt            ISO-8601, UTC
 * @param node                 the node's base URL
 * @param offeredRatePerSecond the rate every phase was offered at
 * @param p99LimitMs           the latency limit a sustainable rate must keep p99 under
 * @param parameters           the scenario's sizes and choices (users, vouchers, shares, ids created)
 * @param phases               the phases in the order they ran
 * @param endCheck             what the public API said at the end, and what disagreed
 * @param environment          the machine, and that node and generator share it
 */
public record RunSummary(
    String scenario,
    String startedAt,
    String node,
    long offeredRatePerSecond,
    double p99LimitMs,
    Map<String, Object> parameters,
    List<PhaseSummary> phases,
    CheckResult endCheck,
    Map<String, Object> environment)
{
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Every phase without errors and with p99 under the limit, the generator on schedule, and the end check passed. */
    @JsonProperty("sustainable")
    public boolean sustainable()
    {
        return endCheck.passed() && phases.stream().allMatch(phase -> phase.meets(p99LimitMs));
    }

    /** The highest p99 of any phase: the figure the sustainable-rate test compares with the limit. */
    @JsonProperty("worstP99Ms")
    public double worstP99Ms()
    {
        return phases.stream().mapToDouble(phase -> phase.latencyMs().p99()).max().orElse(0);
    }

    /** Every phase's errors added up. */
    @JsonProperty("errors")
    public long errors()
    {
        return phases.stream().mapToLong(PhaseSummary::errors).sum();
    }

    public String toJson()
    {
        try
        {
            return JSON.writeValueAsString(this);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void writeTo(final Path file)
    {
        try
        {
            Files.writeString(file, toJson() + "\n");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }
}
