package io.startline.gateway.node;

import io.startline.gateway.pipeline.PipelineContext;
import io.startline.persistence.PersistenceContext;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.util.Map;

/**
 * The contexts' system properties that a command's flag also sets. The flag always wins (its
 * default included), so such a property would be ignored without a word: it is refused by name
 * instead, naming the flag. Properties no flag sets (the ring's size, the wait strategy, …) stay
 * honoured, and {@code --latency-target-ms} gives way to its property when not given.
 */
final class FlagOwnedProperties
{
    private static final Map<String, String> OPTION_BY_PROPERTY = Map.of(
        PersistenceContext.SYNC_POLICY_PROP_NAME, "--sync",
        PipelineContext.SNAPSHOT_INTERVAL_PROP_NAME, "--snapshot-interval",
        PersistenceContext.SNAPSHOTS_RETAINED_PROP_NAME, "--snapshots-retained");

    private FlagOwnedProperties()
    {
    }

    /** @throws ParameterException for the first such property set beside a command that has its flag. */
    static void refuse(final CommandLine command)
    {
        OPTION_BY_PROPERTY.forEach((property, option) ->
        {
            if (System.getProperty(property) != null && command.getCommandSpec().findOption(option) != null)
            {
                final String key = option.substring(2);
                throw new ParameterException(command, "-D" + property + " is not read by " +
                    command.getCommandName() + ": set " + option + " (or " + OptionDefaults.environmentName(key) +
                    ", or " + key + "= in --config)");
            }
        });
    }
}
