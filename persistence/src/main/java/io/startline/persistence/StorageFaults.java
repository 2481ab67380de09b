package io.startline.persistence;

import net.openhft.chronicle.core.io.IORuntimeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the node's storage is failing at now, and how often it has failed: a full disk or a
 * process out of file descriptors makes journal and snapshot writes fail, and the node must say
 * so ({@code /health}, {@code /metrics}, a log line) and go on once the resource returns. The
 * journal stage and the snapshotter report here; the status pages read.
 */
public final class StorageFaults
{
    /** The writes the node cannot do without, and what it does while one fails. */
    public enum Write
    {
        /** Commands are held, unanswered, and retried: nothing is acknowledged before it is journaled. */
        JOURNAL,
        /** The node goes on without it and tries again at the next snapshot. */
        SNAPSHOT
    }

    private final Map<Write, String> failing = new EnumMap<>(Write.class);
    private final AtomicLongArray failures = new AtomicLongArray(Write.values().length);

    /**
     * Records one failed attempt.
     *
     * @return whether this starts a spell of failures (the caller logs it once, not every retry).
     */
    public synchronized boolean failed(final Write write, final Throwable cause)
    {
        failures.incrementAndGet(write.ordinal());
        return failing.put(write, describe(cause)) == null;
    }

    /** @return whether a spell of failures has ended with this success. */
    public synchronized boolean succeeded(final Write write)
    {
        return failing.remove(write) != null;
    }

    /** The failure of the write now failing, or null when it works. */
    public synchronized String failure(final Write write)
    {
        return failing.get(write);
    }

    public long failures(final Write write)
    {
        return failures.get(write.ordinal());
    }

    /**
     * Whether {@code failure} is the storage refusing a write (an I/O error somewhere in its
     * causes: a full disk, too many open files), which may pass, rather than a broken invariant,
     * which never will.
     */
    public static boolean isStorageFailure(final Throwable failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause())
        {
            if (cause instanceof IOException || cause instanceof UncheckedIOException ||
                cause instanceof IORuntimeException)
            {
                return true;
            }
        }
        return false;
    }

    private static String describe(final Throwable cause)
    {
        final StringBuilder text = new StringBuilder(cause.toString());
        for (Throwable inner = cause.getCause(); inner != null && inner != inner.getCause(); inner = inner.getCause())
        {
            text.append(": ").append(inner);
        }
        return text.toString();
    }
}
