package io.startline.gateway.node;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where an option's value comes from when the command line does not give it: the environment
 * ({@code STARTLINE_<OPTION>}), then the {@code --config} properties file, then the option's own
 * default. The file's keys are the command's long option names without their dashes; a key the
 * command does not take, or a file that cannot be read, is refused by name before the command runs
 * ({@link #check}), never skipped.
 */
final class OptionDefaults implements CommandLine.IDefaultValueProvider
{
    private static final String CONFIG_OPTION = "--config";
    /** Options that are never a setting of the node, so never a key of the file. */
    private static final Set<String> NOT_KEYS = Set.of("config", "help", "version");

    private final Properties file = new Properties();
    private final String configPath;
    private final String unreadable;

    /** Reads the file that {@code --config FILE} or {@code --config=FILE} names, if any. */
    OptionDefaults(final String[] args)
    {
        configPath = configPath(args);
        unreadable = configPath == null ? null : load(configPath);
    }

    @Override
    public String defaultValue(final ArgSpec argSpec)
    {
        if (!(argSpec instanceof OptionSpec option))
        {
            return null;
        }
        final String key = key(option);
        final String env = System.getenv(environmentName(key));
        if (env != null)
        {
            return env;
        }
        final String fromFile = file.getProperty(key);
        return fromFile != null ? fromFile : option.defaultValue();
    }

    /**
     * @throws ParameterException when the file could not be read, or holds a key that {@code command}
     *                            does not take.
     */
    void check(final CommandLine command)
    {
        if (unreadable != null)
        {
            throw new ParameterException(command, unreadable);
        }
        final Set<String> keys = new TreeSet<>();
        for (final OptionSpec option : command.getCommandSpec().options())
        {
            keys.add(key(option));
        }
        keys.removeAll(NOT_KEYS);
        for (final String key : new TreeSet<>(file.stringPropertyNames()))
        {
            if (!keys.contains(key))
            {
                throw new ParameterException(command, CONFIG_OPTION + " " + configPath + ": '" + key + "' is not an " +
                    "option of " + command.getCommandName() + " (its keys: " + String.join(", ", keys) + ")");
            }
        }
    }

    /** The environment variable an option's value may come from: {@code --data-dir} is {@code STARTLINE_DATA_DIR}. */
    static String environmentName(final String key)
    {
        return "STARTLINE_" + key.toUpperCase().replace('-', '_');
    }

    private static String key(final OptionSpec option)
    {
        return option.longestName().replaceFirst("^--", "");
    }

    private static String configPath(final String[] args)
    {
        for (int i = 0; i < args.length; i++)
        {
            if (CONFIG_OPTION.equals(args[i]) && i + 1 < args.length)
            {
                return args[i + 1];
            }
            if (args[i].startsWith(CONFIG_OPTION + "="))
            {
                return args[i].substring(CONFIG_OPTION.length() + 1);
            }
        }
        return null;
    }

    /** @return null when read, else why not. */
    private String load(final String path)
    {
        try (InputStream in = Files.newInputStream(Path.of(path)))
        {
            file.load(in);
            return null;
        }
        catch (final NoSuchFileException ex)
        {
            return "cannot read " + CONFIG_OPTION + " " + path + ": no such file";
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            return "cannot read " + CONFIG_OPTION + " " + path + ": " + ex.getMessage();
        }
    }
}
