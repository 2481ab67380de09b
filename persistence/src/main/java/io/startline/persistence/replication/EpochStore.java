package io.startline.persistence.replication;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's durable epoch and the history behind it: for each epoch, the first sequence
 * written in it. A promotion adds an epoch starting after the last sequence the standby
 * had; a node rejoining from an older epoch keeps exactly the sequences before the next
 * epoch's start, because anything later in its journal was never acknowledged by the node
 * that took over.
 * <p>
 * Kept in {@code <dataDir>/epoch}, one {@code epoch firstSequence} line per epoch, replaced
 * atomically (written aside, forced, renamed).
 */
public final class EpochStore
{
    public static final String FILE_NAME = "epoch";

    private final Path file;
    private final List<long[]> epochs = new ArrayList<>();

    public EpochStore(final Path dataDir)
    {
        file = dataDir.resolve(FILE_NAME);
        try
        {
            if (Files.exists(file))
            {
                read();
            }
            else
            {
                epochs.add(new long[]{1, 1});
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IllegalStateException("cannot read the epoch file " + file + ": " + ex.getMessage(), ex);
        }
    }

    public synchronized long epoch()
    {
        return epochs.get(epochs.size() - 1)[0];
    }

    /** The first sequence of the current epoch. */
    public synchronized long epochStartSequence()
    {
        return epochs.get(epochs.size() - 1)[1];
    }

    /**
     * The first sequence written in a later epoch than {@code epoch}: everything from there on
     * in a journal of that epoch was never part of this history. {@link Long#MAX_VALUE} when
     * {@code epoch} is the current one.
     */
    public synchronized long firstSequenceAfterEpoch(final long epoch)
    {
        for (final long[] entry : epochs)
        {
            if (entry[0] > epoch)
            {
                return entry[1];
            }
        }
        return Long.MAX_VALUE;
    }

    /** Starts epoch {@code epoch} at {@code firstSequence}, durably, before returning. */
    public synchronized void begin(final long epoch, final long firstSequence)
    {
        if (epoch <= epoch())
        {
            throw new IllegalStateException("epoch " + epoch + " is not after " + epoch());
        }
        if (firstSequence < epochStartSequence())
        {
            throw new IllegalStateException("epoch " + epoch + " cannot start at " + firstSequence +
                ", before epoch " + epoch() + " started at " + epochStartSequence());
        }
        epochs.add(new long[]{epoch, firstSequence});
        write();
    }

    /** Adopts another node's history from {@code epoch} on: its epoch started at {@code firstSequence}. */
    public synchronized void adopt(final long epoch, final long firstSequence)
    {
        if (epoch > epoch())
        {
            epochs.add(new long[]{epoch, Math.max(firstSequence, epochStartSequence())});
            write();
        }
    }

    private void read() throws IOException
    {
        for (final String line : Files.readAllLines(file, StandardCharsets.US_ASCII))
        {
            if (line.isBlank())
            {
                continue;
            }
            final String[] parts = line.trim().split("\\s+");
            if (parts.length != 2)
            {
                throw new IllegalStateException("a line is not 'epoch firstSequence': " + line);
            }
            final long epoch = Long.parseLong(parts[0]);
            final long first = Long.parseLong(parts[1]);
            if (!epochs.isEmpty() && (epoch <= epoch() || first < epochStartSequence()))
            {
                throw new IllegalStateException("epochs out of order at: " + line);
            }
            epochs.add(new long[]{epoch, first});
        }
        if (epochs.isEmpty())
        {
            throw new IllegalStateException("the file is empty");
        }
    }

    private void write()
    {
        final StringBuilder text = new StringBuilder();
        for (final long[] entry : epochs)
        {
            text.append(entry[0]).append(' ').append(entry[1]).append('\n');
        }
        final Path aside = file.resolveSibling(FILE_NAME + ".tmp");
        try
        {
            try (FileChannel channel = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING))
            {
                channel.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ))
            {
                dir.force(true);
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot write the epoch file " + file + ": " + ex.getMessage(), ex);
        }
    }
}
