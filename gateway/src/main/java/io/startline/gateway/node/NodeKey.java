package io.startline.gateway.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The node's own secret key, kept in the data directory ({@code node.key}, owner-only): it
 * keys the engine's voucher and check-in codes, so it must outlive restarts and must not
 * change with the JWT secret. Made once, on the first start.
 */
final class NodeKey
{
    static final String FILE_NAME = "node.key";
    private static final int BYTES = 32;

    private final byte[] key;

    private NodeKey(final byte[] key)
    {
        this.key = key;
    }

    /**
     * A key made ahead, by {@code startline keygen}: every member of a cluster and every gateway reads
     * the same one, since codes and person keys must agree wherever they are made.
     *
     * @throws IllegalArgumentException when the file is missing or not a key.
     */
    static NodeKey load(final Path file)
    {
        try
        {
            final byte[] key = Files.readAllBytes(file);
            if (key.length != BYTES)
            {
                throw new IllegalArgumentException(file + " is not a node key (" + key.length + " bytes, " + BYTES +
                    " expected; make one with startline keygen)");
            }
            return new NodeKey(key);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read the node key " + file + ": " + ex.getMessage());
        }
    }

    /** Writes a new random key to {@code file}, owner-only; an existing file is never overwritten. */
    static void create(final Path file)
    {
        final byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        writeOwnerOnly(file, key);
    }

    static void writeOwnerOnly(final Path file, final byte[] content)
    {
        try
        {
            if (Files.exists(file))
            {
                throw new IllegalArgumentException(file + " exists already: keys are never overwritten");
            }
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix"))
            {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            else
            {
                Files.createFile(file);
            }
            Files.write(file, content, StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot write " + file + ": " + ex.getMessage());
        }
    }

    static NodeKey loadOrCreate(final Path dataDir)
    {
        final Path file = dataDir.resolve(FILE_NAME);
        try
        {
            Files.createDirectories(dataDir);
            if (Files.exists(file))
            {
                final byte[] key = Files.readAllBytes(file);
                if (key.length != BYTES)
                {
                    throw new IllegalStateException(file + " is not a node key (" + key.length + " bytes, " + BYTES +
                        " expected): restore it, or codes already issued stop working");
                }
                return new NodeKey(key);
            }
            final byte[] key = new byte[BYTES];
            new SecureRandom().nextBytes(key);
            // Owner-only from the moment it exists, where the file system has POSIX permissions.
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix"))
            {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            else
            {
                Files.createFile(file);
            }
            Files.write(file, key, StandardOpenOption.WRITE);
            return new NodeKey(key);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read or create the node key " + file, ex);
        }
    }

    /** A second key for person IDs, derived so it never equals the code key. */
    byte[] personKeySecret()
    {
        try
        {
            final java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update("startline person key|".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return sha.digest(key);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    long part(final int index)
    {
        return ByteBuffer.wrap(key).getLong(index * Long.BYTES);
    }
}
