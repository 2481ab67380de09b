package io.startline.gateway.node;

import io.startline.engine.testkit.ChildJvm;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thread of the node that dies of an OutOfMemoryError ends the process with exit code 3, for its
 * supervisor to restart; the process does not stay up without it. Tried in a child JVM with a
 * small heap, whose one worker thread allocates until it runs out.
 */
class OutOfMemoryHaltTest
{
    @Test
    void aThreadOutOfMemoryEndsTheProcessWithExitCode3() throws Exception
    {
        final Process child = ChildJvm.command(List.of("-Xmx32m"), Child.class, List.of())
            .redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the process ended").isTrue();
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isEqualTo(OutOfMemoryHalt.EXIT_CODE);
        assertThat(output).contains("startline: out of memory in thread hungry, stopping the process");
    }

    /** The child: the node's handler installed, a thread that takes all the heap, a main thread that would live on. */
    public static final class Child
    {
        private Child()
        {
        }

        public static void main(final String[] args) throws InterruptedException
        {
            OutOfMemoryHalt.install();
            final Thread hungry = new Thread(() ->
            {
                final List<long[]> held = new ArrayList<>();
                while (true)
                {
                    held.add(new long[1 << 16]);
                }
            }, "hungry");
            hungry.start();
            Thread.sleep(60_000);
        }
    }
}
