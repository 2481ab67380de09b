package io.startline.gateway.pipeline;

import io.startline.engine.Engine;
import io.startline.engine.EngineContext;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Empty engines for recovery, the first one built on a thread of its own as soon as this is made.
 * An engine at the default limits takes 0.3 to 3 seconds to allocate and zero its tables, and
 * opening the journal about a second (Chronicle's set-up and class loading): side by side they
 * overlap where a core is free. On two cores, busy with class loading and the JIT, this saved
 * 3-6 % of the start (bench/RESULTS.md, start-up).
 */
final class EmptyEngines implements Supplier<Engine>
{
    private final EngineContext context;
    private CompletableFuture<Engine> first;

    EmptyEngines(final EngineContext context)
    {
        context.validate();
        this.context = context;
        first = CompletableFuture.supplyAsync(() -> new Engine(context), runnable ->
        {
            final Thread builder = new Thread(runnable, "startline-engine-build");
            builder.setDaemon(true);
            builder.start();
        });
    }

    /** The engine built ahead on the first call; a fresh one on each later call (one per snapshot tried). */
    @Override
    public Engine get()
    {
        if (first == null)
        {
            return new Engine(context);
        }
        try
        {
            return first.join();
        }
        catch (final CompletionException ex)
        {
            if (ex.getCause() instanceof RuntimeException cause)
            {
                throw cause;
            }
            if (ex.getCause() instanceof Error error)
            {
                throw error;
            }
            throw ex;
        }
        finally
        {
            first = null;
        }
    }
}
