package io.startline.gateway.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's signals: a request id on every answer and in every error body, the access log's
 * line per request with that id, the snapshot's figures in /metrics, and /health and /metrics
 * counted under their own route labels.
 */
class SignalsTest
{
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{12}");

    @TempDir
    Path dataDir;

    @Test
    void everyAnswerHasARequestIdOfItsOwnAndAnErrorBodyRepeatsIt()
    {
        try (TestNode node = new TestNode(dataDir))
        {
            final Set<String> ids = new HashSet<>();
            final List<TestNode.Response> answers = new ArrayList<>();
            answers.add(node.get("/health", null));
            answers.add(node.get("/metrics", null));
            answers.add(node.get("/api/campaigns", null));
            answers.add(node.get("/api/campaigns", node.token(Role.PARTICIPANT, 7)));
            answers.add(node.get("/no/such/route", null));
            answers.add(node.post("/api/campaigns", node.token(Role.ADMIN, 1), "{not json"));
            answers.add(node.get("/api/campaigns", node.token(Role.ADMIN, 1)));
            for (final TestNode.Response answer : answers)
            {
                assertThat(answer.requestId()).as(answer.toString()).matches(REQUEST_ID);
                ids.add(answer.requestId());
                if (answer.status() >= 400)
                {
                    final var error = answer.json().get("error");
                    assertThat(error.get("requestId").asText()).as(answer.toString()).isEqualTo(answer.requestId());
                    assertThat(error.has("code") && error.has("message") && error.has("field")).isTrue();
                }
            }
            assertThat(ids).as("one id per request").hasSize(answers.size());
            assertThat(answers.get(2).status()).isEqualTo(401);
            assertThat(answers.get(3).status()).isEqualTo(403);
            assertThat(answers.get(4).status()).isEqualTo(404);
            assertThat(answers.get(5).status()).isEqualTo(400);
        }
    }

    @Test
    void anIdempotentRetryOfAnErrorCarriesItsOwnRequestId()
    {
        try (TestNode node = new TestNode(dataDir))
        {
            final String admin = node.token(Role.ADMIN, 1);
            final long campaignId = Vouchers.createCampaign(node, admin);
            final long dropId = Vouchers.openDrop(node, admin, campaignId, 1);
            assertThat(Vouchers.claim(node, campaignId, dropId, 1001).status()).isEqualTo(201);
            final String path = "/api/campaigns/" + campaignId + "/claims";
            final String participant = node.token(Role.PARTICIPANT, 1002);
            final String body = "{\"dropId\":" + dropId + "}";
            final TestNode.Response first = node.post(path, participant, body, "Idempotency-Key", "k1");
            final TestNode.Response retry = node.post(path, participant, body, "Idempotency-Key", "k1");
            assertThat(first.status()).as(first.toString()).isEqualTo(409);
            assertThat(retry.status()).isEqualTo(409);
            assertThat(retry.requestId()).isNotEqualTo(first.requestId());
            assertThat(retry.json().get("error").get("requestId").asText()).isEqualTo(retry.requestId());
            assertThat(retry.errorCode()).isEqualTo(first.errorCode());
        }
    }

    @Test
    void theAccessLogWritesALinePerRequestWithItsId() throws InterruptedException
    {
        final BlockingQueue<String[]> lines = new LinkedBlockingQueue<>();
        final GatewayContext gateway = new GatewayContext().rateLimitPerSecond(100_000).rateLimitBurst(100_000)
            .accessLog(true).accessLogSink(entry -> lines.add(new String[] {entry.requestId, entry.method, entry.path,
                entry.route, Integer.toString(entry.status), String.valueOf(entry.errorCode),
                Long.toString(entry.userId), Integer.toString(entry.bytes), Long.toString(entry.latencyUs),
                Long.toString(entry.epochMs)}));
        try (TestNode node = new TestNode(dataDir, gateway))
        {
            final long before = System.currentTimeMillis();
            final TestNode.Response health = node.get("/health", null);
            final TestNode.Response list = node.get("/api/races?limit=5", node.token(Role.PARTICIPANT, 42));
            final TestNode.Response refused = node.get("/api/campaigns", node.token(Role.PARTICIPANT, 43));
            final TestNode.Response unknown = node.get("/nowhere", null);

            final String[] healthLine = next(lines);
            assertThat(healthLine).startsWith(health.requestId(), "GET", "/health", "GET /health", "200", "null", "-1");
            assertThat(Integer.parseInt(healthLine[7])).isEqualTo(health.body().length);
            assertThat(Long.parseLong(healthLine[8])).isNotNegative();
            assertThat(Long.parseLong(healthLine[9])).isBetween(before, System.currentTimeMillis());
            assertThat(next(lines)).startsWith(list.requestId(), "GET", "/api/races", "GET /api/races", "200", "null",
                "42");
            assertThat(next(lines)).startsWith(refused.requestId(), "GET", "/api/campaigns", "GET /api/campaigns",
                "403", "FORBIDDEN", "43", Integer.toString(refused.body().length));
            assertThat(next(lines)).startsWith(unknown.requestId(), "GET", "/nowhere", "unrouted", "404", "NOT_FOUND");
            assertThat(lines.poll(200, TimeUnit.MILLISECONDS)).as("one line per request").isNull();
            assertThat(node.get("/metrics", null).text()).contains("startline_access_log_dropped_total 0.0")
                .contains("startline_access_log_lines_total 4.0");
        }
    }

    @Test
    void theSnapshotsAgeDurationAndSequenceAppearAfterOne() throws InterruptedException
    {
        try (TestNode node = new TestNode(dataDir))
        {
            assertThat(node.get("/metrics", null).text()).doesNotContain("startline_snapshot_last_sequence ");
            final String admin = node.token(Role.ADMIN, 1);
            Vouchers.createCampaign(node, admin);
            final long before = System.currentTimeMillis();
            final TestNode.Response asked = node.post("/api/admin/snapshot", admin, "");
            assertThat(asked.status()).as(asked.toString()).isBetween(200, 202);
            String metrics = node.get("/metrics", null).text();
            final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!metrics.contains("startline_snapshot_last_sequence ") && System.nanoTime() < deadline)
            {
                Thread.sleep(20);
                metrics = node.get("/metrics", null).text();
            }
            assertThat(value(metrics, "startline_snapshot_last_sequence")).isGreaterThanOrEqualTo(1);
            assertThat(value(metrics, "startline_snapshot_last_completed_timestamp_seconds") * 1000)
                .isBetween(before - 1000.0, System.currentTimeMillis() + 1000.0);
            assertThat(value(metrics, "startline_snapshot_last_duration_seconds")).isBetween(0.0, 60.0);
            assertThat(value(metrics, "startline_snapshots_total")).isEqualTo(1.0);
        }
    }

    @Test
    void healthAndMetricsAreCountedUnderTheirOwnRoutes()
    {
        try (TestNode node = new TestNode(dataDir))
        {
            node.get("/health", null);
            node.get("/metrics", null);
            final String metrics = node.get("/metrics", null).text();
            assertThat(metrics).contains("startline_http_requests_total{route=\"GET /health\",status=\"200\"} 1.0")
                .contains("startline_http_requests_total{route=\"GET /metrics\",status=\"200\"} 1.0")
                .doesNotContain("route=\"unrouted\",status=\"200\"");
        }
    }

    private static String[] next(final BlockingQueue<String[]> lines) throws InterruptedException
    {
        final String[] line = lines.poll(10, TimeUnit.SECONDS);
        assertThat(line).as("an access-log line").isNotNull();
        return line;
    }

    private static double value(final String metrics, final String name)
    {
        final Matcher matcher = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(metrics);
        assertThat(matcher.find()).as(name + " in\n" + metrics).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
