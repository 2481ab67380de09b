package io.startline.persistence.journal;

import io.startline.persistence.PersistenceContext;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.TableStoreWriteLock;
import net.openhft.chronicle.threads.Pauser;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One node per data directory, and a restarted node never waits on the write lock its dead
 * predecessor left behind, even when it has the same process id (a container's process 1).
 */
class DataDirectoryLockTest
{
    @TempDir
    Path dataDir;

    private PersistenceContext context()
    {
        return new PersistenceContext().dataDir(dataDir);
    }

    @Test
    void aSecondNodeOnTheSameDataDirectoryIsRefused()
    {
        try (Journal first = new Journal(context()))
        {
            assertThatThrownBy(() -> new Journal(context()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another node is using the data directory " + dataDir);
        }
        new Journal(context()).close();
    }

    @Test
    void aWriteLockLeftByAStoppedNodeWithALiveProcessIdIsReleasedAtOnce()
    {
        new Journal(context()).close();
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(context().journalDir()).build())
        {
            // What a node killed mid-append leaves: the lock held in the name of a process
            // that is running (here this one, as a restarted container's process 1 would be).
            new TableStoreWriteLock(queue.metaStore(), Pauser::balanced, 0L).lock();
        }

        final long startNs = System.nanoTime();
        try (Journal journal = new Journal(context()); JournalWriter writer = journal.writer(0))
        {
            final UnsafeBuffer command = new UnsafeBuffer(new byte[16]);
            writer.append(1, 1, 0, command, 0, 16);
            writer.flush();
        }
        final long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
        System.out.println("open and first append after a stale write lock: " + elapsedMs + " ms");
        assertThat(elapsedMs).as("no wait for Chronicle's lock timeout (15 s)").isLessThan(5_000);
        try (Journal journal = new Journal(context()))
        {
            assertThat(journal.reader().lastSequence()).isEqualTo(1);
        }
    }
}
