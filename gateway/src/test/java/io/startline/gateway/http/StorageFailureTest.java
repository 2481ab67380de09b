package io.startline.gateway.http;

import io.startline.gateway.pipeline.PipelineContext;
import io.startline.persistence.PersistenceContext;
import io.startline.persistence.StorageFaults;
import io.startline.persistence.WriteFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A disk that fills, or a process out of file descriptors, makes the journal's and the
 * snapshots' writes fail. The node says so on {@code /health} and {@code /metrics}, acknowledges
 * nothing it has not journaled, and carries on by itself once the writes work again.
 */
class StorageFailureTest
{
    private static final String DISK_FULL = "No space left on device";

    @TempDir
    Path dataDir;

    private volatile StorageFaults.Write failing;

    @Test
    void whileTheJournalCannotBeWrittenAClaimWaitsUnansweredAndIsJournaledOnceTheDiskHasRoom() throws Exception
    {
        final long campaignId;
        final long dropId;
        try (TestNode node = new TestNode(new PipelineContext(), persistence()))
        {
            final String admin = node.token(Role.ADMIN, 1);
            campaignId = Vouchers.createCampaign(node, admin);
            dropId = Vouchers.openDrop(node, admin, campaignId, 10);

            failing = StorageFaults.Write.JOURNAL;
            final CompletableFuture<TestNode.Response> claim =
                CompletableFuture.supplyAsync(() -> Vouchers.claim(node, campaignId, dropId, 1001));
            final TestNode.Response down = awaitHealth(node, 503);
            assertThat(down.json().get("journalFailure").asText()).contains(DISK_FULL);
            assertThat(node.get("/metrics", null).text()).contains("startline_storage_write_failing{write=\"journal\"} 1.0");
            assertThat(claim).as("nothing is answered before it is journaled").isNotDone();

            failing = null;
            final TestNode.Response claimed = claim.get(30, TimeUnit.SECONDS);
            assertThat(claimed.status()).as(claimed.toString()).isEqualTo(201);
            assertThat(awaitHealth(node, 200).json().has("journalFailure")).isFalse();
            assertThat(node.get("/metrics", null).text())
                .contains("startline_storage_write_failing{write=\"journal\"} 0.0")
                .containsPattern("startline_storage_write_failures_total\\{write=\"journal\"} [1-9]");
        }
        try (TestNode restarted = new TestNode(new PipelineContext(), persistence()))
        {
            assertThat(restarted.get("/api/vouchers/me", restarted.token(Role.PARTICIPANT, 1001)).json().get("vouchers"))
                .as("the claim acknowledged after the disk had room is in the journal, once").hasSize(1);
        }
    }

    @Test
    void aSnapshotThatCannotBeWrittenIsReportedWhileClaimsGoOnAndTheNextOneIsWritten() throws Exception
    {
        try (TestNode node = new TestNode(new PipelineContext().snapshotIntervalCommands(4), persistence()))
        {
            final String admin = node.token(Role.ADMIN, 1);
            final long campaignId = Vouchers.createCampaign(node, admin);
            final long dropId = Vouchers.openDrop(node, admin, campaignId, 100);

            failing = StorageFaults.Write.SNAPSHOT;
            final long snapshotsBefore = snapshotFiles();
            claimAll(node, campaignId, dropId, 1001, 1010);
            final TestNode.Response degraded = node.get("/health", null);
            assertThat(degraded.status()).as("claims are still journaled: " + degraded).isEqualTo(200);
            assertThat(degraded.json().get("snapshotFailure").asText()).contains(DISK_FULL);
            assertThat(snapshotFiles()).isEqualTo(snapshotsBefore);

            failing = null;
            claimAll(node, campaignId, dropId, 1011, 1020);
            assertThat(node.get("/health", null).json().has("snapshotFailure")).isFalse();
            assertThat(snapshotFiles()).isGreaterThan(snapshotsBefore);
        }
    }

    private PersistenceContext persistence()
    {
        final WriteFault diskFull = write ->
        {
            if (write == failing)
            {
                throw new IOException(DISK_FULL);
            }
        };
        return new PersistenceContext().dataDir(dataDir).writeFault(diskFull);
    }

    private static void claimAll(final TestNode node, final long campaignId, final long dropId, final long firstUserId,
        final long lastUserId)
    {
        for (long userId = firstUserId; userId <= lastUserId; userId++)
        {
            final TestNode.Response claimed = Vouchers.claim(node, campaignId, dropId, userId);
            assertThat(claimed.status()).as(claimed.toString()).isEqualTo(201);
        }
    }

    private static TestNode.Response awaitHealth(final TestNode node, final int status) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        TestNode.Response health = node.get("/health", null);
        while (health.status() != status)
        {
            assertThat(System.nanoTime()).as("health " + status + " within 10 s, last " + health).isLessThan(deadlineNs);
            Thread.sleep(5);
            health = node.get("/health", null);
        }
        return health;
    }

    private long snapshotFiles() throws IOException
    {
        try (Stream<Path> files = Files.list(dataDir.resolve("snapshots")))
        {
            return files.filter(file -> file.toString().endsWith(".snap")).count();
        }
    }
}
