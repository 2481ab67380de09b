package io.startline.engine.testkit;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM for process-level tests (crash, halted writer, failover): the
 * same java, the same class path, and the Java 17 flags this test JVM was given, so the child
 * runs as the node would.
 */
public final class ChildJvm
{
    private ChildJvm()
    {
    }

    /**
     * @param jvmOptions options of the child's own, such as its heap ({@code -Xmx512m}).
     * @param mainClass  the class whose {@code main} the child runs.
     * @param arguments  its arguments.
     */
    public static ProcessBuilder command(final List<String> jvmOptions, final Class<?> mainClass,
        final List<String> arguments)
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle"))
            {
                command.add(argument);
            }
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(arguments);
        return new ProcessBuilder(command);
    }
}
