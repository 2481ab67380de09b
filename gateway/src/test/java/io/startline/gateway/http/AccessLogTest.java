package io.startline.gateway.http;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The access log's ring: a full one drops lines and counts them, never holding up the IO thread. */
class AccessLogTest
{
    @Test
    void aFullRingDropsAndCountsLinesAndWhatItHeldIsWrittenAtClose() throws InterruptedException
    {
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> written = new ArrayList<>();
        final AccessLog log = new AccessLog(4096, entry ->
        {
            try
            {
                release.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            written.add(entry.requestId);
        });
        final int lines = 1_000;
        for (int i = 0; i < lines; i++)
        {
            log.record("00000000-" + String.format("%012x", i), "GET", "/health", "GET /health", 200, null, 1_000, -1,
                56);
        }
        assertThat(log.dropped()).as("4 KiB holds a few dozen lines").isGreaterThan(lines / 2);
        release.countDown();
        log.close();
        assertThat(written).hasSize((int)(lines - log.dropped()));
        assertThat(log.written()).isEqualTo(written.size());
        assertThat(written.get(0)).isEqualTo("00000000-000000000000");
    }

    @Test
    void textIsCutAtItsBoundAndWrittenAsAscii() throws InterruptedException
    {
        final List<AccessLog.Entry> copies = new ArrayList<>();
        final AccessLog log = new AccessLog(1 << 16, entry ->
        {
            final AccessLog.Entry copy = new AccessLog.Entry();
            copy.path = entry.path;
            copy.errorCode = entry.errorCode;
            copy.userId = entry.userId;
            copies.add(copy);
        });
        log.record("id", "GET", "/caf\u00e9/" + "x".repeat(1_000), "unrouted", 404, "NOT_FOUND", 5, 7, 0);
        log.close();
        assertThat(copies).hasSize(1);
        assertThat(copies.get(0).path).hasSize(512).startsWith("/caf?/xxx");
        assertThat(copies.get(0).errorCode).isEqualTo("NOT_FOUND");
        assertThat(copies.get(0).userId).isEqualTo(7);
    }
}
