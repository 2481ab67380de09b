package io.startline.verifier;

import java.nio.file.Path;

/**
 * An input the verifier cannot judge: unreadable, malformed, or inconsistent with itself. Distinct
 * from a mismatch, which is a well-formed results file that disagrees with the draw: the first is
 * exit code 2, the second exit code 1.
 */
public final class InputException extends Exception
{
    private static final long serialVersionUID = 1L;

    public InputException(final String message)
    {
        super(message);
    }

    public InputException(final Path file, final String message)
    {
        super(file + ": " + message);
    }

    public InputException(final Path file, final int line, final String message)
    {
        super(file + " line " + line + ": " + message);
    }

    public InputException(final Path file, final String message, final Throwable cause)
    {
        super(file + ": " + message, cause);
    }
}
