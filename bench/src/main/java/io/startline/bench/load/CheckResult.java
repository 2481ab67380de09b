package io.startline.bench.load;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The end check of a scenario: the facts it read through the public API and every
 * disagreement it found. It passes when nothing disagrees.
 */
public final class CheckResult
{
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    /** Records a failure unless {@code holds}. */
    public CheckResult require(final boolean holds, final String failure)
    {
        if (!holds)
        {
            failures.add(failure);
        }
        return this;
    }

    /** Records a failure unless the two counts are equal, naming both. */
    public CheckResult requireEqual(final String what, final long expected, final long actual)
    {
        return require(expected == actual, what + ": expected " + expected + ", got " + actual);
    }

    /** Records a failure unless the two texts are equal, naming both. */
    public CheckResult requireEqual(final String what, final String expected, final String actual)
    {
        return require(Objects.equals(expected, actual), what + ": expected " + expected + ", got " + actual);
    }

    public CheckResult fact(final String name, final Object value)
    {
        facts.put(name, value);
        return this;
    }

    @JsonProperty("passed")
    public boolean passed()
    {
        return failures.isEmpty();
    }

    @JsonProperty("failures")
    public List<String> failures()
    {
        return List.copyOf(failures);
    }

    @JsonProperty("facts")
    public Map<String, Object> facts()
    {
        return new LinkedHashMap<>(facts);
    }
}
