package io.startline.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where one run's files go: {@code <directory>/<stem>.json}, {@code <stem>.hlog}, the charts,
 * and whatever a scenario exports for its check (a marathon's ballot files).
 */
public record RunFiles(Path directory, String stem)
{
    public RunFiles
    {
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + directory, ex);
        }
    }

    /** {@code <directory>/<stem><suffix>}. */
    public Path file(final String suffix)
    {
        return directory.resolve(stem + suffix);
    }

    /** Writes a text file of this run, named {@code <stem><suffix>}. */
    public Path write(final String suffix, final String text)
    {
        final Path file = file(suffix);
        try
        {
            Files.writeString(file, text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
        return file;
    }
}
