package io.startline.gateway.node;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the node's JWT secret comes from, as options every command that needs it mixes in:
 * {@code --jwt-secret} (or STARTLINE_JWT_SECRET), or a file named by {@code --jwt-secret-file} (or
 * STARTLINE_JWT_SECRET_FILE). A flag's value is visible to every user of the machine in
 * {@code ps}; a file readable by the node's user alone, or the environment, is not.
 */
final class JwtSecret
{
    /** A secret file is read whole; anything this long is not a secret file. */
    private static final long MAX_FILE_BYTES = 4096;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--jwt-secret", paramLabel = "SECRET", description = "HS256 secret, at least 32 bytes (env STARTLINE_JWT_SECRET); " +
        "visible in ps: in production use the environment or --jwt-secret-file")
    String flag;

    @Option(names = "--jwt-secret-file", paramLabel = "FILE", description = "a file holding the HS256 secret " +
        "(env STARTLINE_JWT_SECRET_FILE)")
    Path file;

    /**
     * @return the secret, or null when neither is given.
     * @throws IllegalArgumentException both given, or the file unreadable, too long or empty.
     */
    String given()
    {
        if (flag != null && file != null)
        {
            throw new IllegalArgumentException("--jwt-secret and --jwt-secret-file are both given: name one");
        }
        return file == null ? flag : read(file);
    }

    /** As {@link #given()}, and a usage error of the command when neither is given. */
    String required()
    {
        final String secret = given();
        if (secret == null)
        {
            throw new CommandLine.ParameterException(command.commandLine(), "a JWT secret is required: " +
                "STARTLINE_JWT_SECRET, --jwt-secret-file or --jwt-secret (at least 32 bytes)");
        }
        return secret;
    }

    /** The file's text without the line ending an editor or {@code echo} leaves at its end. */
    private static String read(final Path file)
    {
        try
        {
            if (Files.size(file) > MAX_FILE_BYTES)
            {
                throw new IllegalArgumentException("--jwt-secret-file " + file + " is over " + MAX_FILE_BYTES + " bytes");
            }
            final String secret = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("(\r?\n)+$", "");
            if (secret.isEmpty())
            {
                throw new IllegalArgumentException("--jwt-secret-file " + file + " is empty");
            }
            return secret;
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read --jwt-secret-file " + file + ": " + ex);
        }
    }
}
