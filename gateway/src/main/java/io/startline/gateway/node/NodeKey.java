package io.startline.gateway.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
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
    /** A fingerprint of the key (never the key): a primary and its standby must have the same one. */
    long fingerprint()
    {
        try
        {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(key)).getLong();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }

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
