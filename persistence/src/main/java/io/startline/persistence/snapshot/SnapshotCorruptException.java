package io.startline.persistence.snapshot;

/**
 * A snapshot file that cannot be trusted: recovery falls back to an older one.
 */
public final class SnapshotCorruptException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public SnapshotCorruptException(final String message)
    {
        super(message);
    }

    public SnapshotCorruptException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
