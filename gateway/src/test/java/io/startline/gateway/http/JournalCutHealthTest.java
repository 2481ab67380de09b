package io.startline.gateway.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a power loss under sync NONE the node starts by itself, and its {@code /health} says the
 * journal was cut and where the damaged one is, while it serves on: here the journal holds writes
 * past a hole, which a power loss leaves when a later page reached the disk and an earlier one not.
 */
class JournalCutHealthTest
{
    private static final String FORCED_MARK = "journal-forced.mark";

    @TempDir
    Path dataDir;

    @Test
    void aJournalCutAtPowerLossDamageIsNamedOnHealthAndTheNodeServesOn() throws IOException
    {
        final long campaignId;
        final long dropId;
        try (TestNode node = new TestNode(dataDir))
        {
            final String admin = node.token(Role.ADMIN, 1);
            campaignId = Vouchers.createCampaign(node, admin);
            dropId = Vouchers.openDrop(node, admin, campaignId, 10);
            assertThat(Vouchers.claim(node, campaignId, dropId, 1001).status()).isEqualTo(201);
        }
        // The power went before the stop forced the journal, and a page past its end reached the disk.
        Files.delete(dataDir.resolve(FORCED_MARK));
        writeAfterAHole(journalFile());

        try (TestNode restarted = new TestNode(dataDir))
        {
            final TestNode.Response health = restarted.get("/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("journalCut").asText()).contains("journal cut after sequence")
                .contains("a hole at byte").contains("kept in");
            assertThat(Vouchers.claim(restarted, campaignId, dropId, 1001).status()).as("the claim was kept")
                .isEqualTo(409);
            assertThat(Vouchers.claim(restarted, campaignId, dropId, 1002).status()).isEqualTo(201);
        }
        try (TestNode again = new TestNode(dataDir))
        {
            assertThat(again.get("/health", null).json().has("journalCut")).as("the cut journal is whole").isFalse();
        }
    }

    private Path journalFile() throws IOException
    {
        try (Stream<Path> files = Files.list(dataDir.resolve("journal")))
        {
            return files.filter(file -> file.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    /** Eight bytes, a page past the last byte written. */
    private static void writeAfterAHole(final Path file) throws IOException
    {
        try (RandomAccessFile journal = new RandomAccessFile(file.toFile(), "rw"))
        {
            final byte[] bytes = new byte[(int)Math.min(journal.length(), 8 << 20)];
            journal.readFully(bytes);
            int last = bytes.length - 1;
            while (last > 0 && bytes[last] == 0)
            {
                last--;
            }
            journal.seek(last + 8192);
            journal.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }
    }
}
