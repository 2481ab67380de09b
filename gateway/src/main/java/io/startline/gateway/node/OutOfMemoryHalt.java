package io.startline.gateway.node;

/**
 * A thread that dies of an {@link OutOfMemoryError} ends the process. Left alone, the JVM would
 * carry on without that thread (an IO thread, the ticker) and look alive while serving nothing;
 * ended, it is restarted by its supervisor and recovers from the journal, which holds everything
 * acknowledged. (The JVM flag {@code -XX:+ExitOnOutOfMemoryError} does the same for every
 * allocation; this covers a node started without it.)
 */
final class OutOfMemoryHalt implements Thread.UncaughtExceptionHandler
{
    static final int EXIT_CODE = 3;

    private final Thread.UncaughtExceptionHandler otherwise;

    private OutOfMemoryHalt(final Thread.UncaughtExceptionHandler otherwise)
    {
        this.otherwise = otherwise;
    }

    static void install()
    {
        Thread.setDefaultUncaughtExceptionHandler(new OutOfMemoryHalt(Thread.getDefaultUncaughtExceptionHandler()));
    }

    @Override
    public void uncaughtException(final Thread thread, final Throwable ex)
    {
        if (causedByOutOfMemory(ex))
        {
            // halt, not exit: shutdown hooks would allocate, and a journal needs no flushing to be recovered.
            System.err.println("startline: out of memory in thread " + thread.getName() + ", stopping the process");
            Runtime.getRuntime().halt(EXIT_CODE);
        }
        if (otherwise != null)
        {
            otherwise.uncaughtException(thread, ex);
        }
        else
        {
            thread.getThreadGroup().uncaughtException(thread, ex);
        }
    }

    static boolean causedByOutOfMemory(final Throwable ex)
    {
        for (Throwable cause = ex; cause != null; cause = cause.getCause())
        {
            if (cause instanceof OutOfMemoryError)
            {
                return true;
            }
        }
        return false;
    }
}
