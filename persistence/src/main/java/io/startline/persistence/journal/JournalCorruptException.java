package io.startline.persistence.journal;

/**
 * The journal is damaged where it cannot be a torn last write: start-up must stop, because
 * skipping the damage would silently lose or reorder acknowledged commands.
 */
public final class JournalCorruptException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public JournalCorruptException(final String message)
    {
        super(message);
    }

    public JournalCorruptException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
