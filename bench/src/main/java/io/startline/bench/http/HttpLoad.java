package io.startline.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.startline.gateway.http.Role;
import io.startline.gateway.http.Tokens;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A constant-rate HTTP load against a running node: voucher claims at one drop from distinct
 * users, or slot holds at one sports centre from distinct users, each request due at a fixed
 * time and its latency measured from then (HdrHistogram), so a slow node cannot slow the
 * offered load down and hide it. It sets up its own campaign or venue with an admin token.
 * Requests beyond {@code --max-in-flight} outstanding are not sent and are counted: that is
 * the generator, not the node, running out of room.
 */
@Command(name = "http-load", mixinStandardHelpOptions = true,
    description = "Constant-rate voucher claims or slot holds against a running Startline node.")
public final class HttpLoad implements Runnable
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", description = "the node (default ${DEFAULT-VALUE})")
    private String url = "http://127.0.0.1:8080";

    @Option(names = "--jwt-secret", required = true, description = "the node's JWT secret, to mint callers' tokens")
    private String secret;

    @Option(names = "--scenario", description = "claims or holds (default ${DEFAULT-VALUE})")
    private String scenario = "claims";

    @Option(names = "--rate", description = "requests per second offered (default ${DEFAULT-VALUE})")
    private int rate = 1_000;

    @Option(names = "--seconds", description = "measured seconds (default ${DEFAULT-VALUE})")
    private int seconds = 10;

    @Option(names = "--warmup-seconds", description = "unmeasured seconds first (default ${DEFAULT-VALUE})")
    private int warmupSeconds = 5;

    @Option(names = "--max-in-flight", description = "outstanding requests at most (default ${DEFAULT-VALUE})")
    private int maxInFlight = 2_000;

    @Option(names = "--first-user", description = "user ids start here; use a fresh range per run (default ${DEFAULT-VALUE})")
    private long firstUser = 1_000_000;

    private final Histogram histogram = new Histogram(TimeUnit.MINUTES.toNanos(2), 3);
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> codes = new ConcurrentHashMap<>();
    private final AtomicLong notSent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private HttpClient client;
    private Tokens tokens;

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new HttpLoad()).execute(args));
    }

    @Override
    public void run()
    {
        tokens = new Tokens(secret);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(2)).connectTimeout(Duration.ofSeconds(10)).build();
        final String admin = tokens.mint(Role.ADMIN, 1, 0, 0, Instant.now().plusSeconds(3600));
        final int total = rate * (warmupSeconds + seconds);
        final String[] userTokens = new String[total];
        for (int i = 0; i < total; i++)
        {
            userTokens[i] = tokens.mint(Role.PARTICIPANT, firstUser + i, 0, 0, Instant.now().plusSeconds(3600));
        }
        final RequestMaker maker = "holds".equals(scenario) ? holds(admin) : claims(admin, total);
        System.out.printf("http-load: %s at %,d/s for %d s (after %d s warm-up) against %s, %d cores, java %s%n",
            scenario, rate, seconds, warmupSeconds, url, Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"));

        final Semaphore inFlight = new Semaphore(maxInFlight);
        final long intervalNs = 1_000_000_000L / rate;
        final long startNs = System.nanoTime();
        final long measureFromNs = startNs + TimeUnit.SECONDS.toNanos(warmupSeconds);
        for (int i = 0; i < total; i++)
        {
            final long due = startNs + i * intervalNs;
            long early;
            while ((early = due - System.nanoTime()) > 0)
            {
                LockSupport.parkNanos(early);
            }
            final boolean measured = due >= measureFromNs;
            if (!inFlight.tryAcquire())
            {
                if (measured)
                {
                    notSent.incrementAndGet();
                }
                continue;
            }
            client.sendAsync(maker.make(i, userTokens[i]), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, error) ->
                {
                    final long latency = System.nanoTime() - due;
                    inFlight.release();
                    if (!measured)
                    {
                        return;
                    }
                    if (error != null)
                    {
                        failed.incrementAndGet();
                        return;
                    }
                    synchronized (histogram)
                    {
                        histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
                    }
                    statuses.computeIfAbsent(response.statusCode(), k -> new AtomicLong()).incrementAndGet();
                    if (response.statusCode() >= 400)
                    {
                        codes.computeIfAbsent(errorCode(response.body()), k -> new AtomicLong()).incrementAndGet();
                    }
                });
        }
        inFlight.acquireUninterruptibly(maxInFlight);
        synchronized (histogram)
        {
            System.out.printf("%s: offered %,d/s for %d s; answered %,d (%,.0f/s); statuses %s; refusals %s; " +
                "not sent (generator full) %,d; failed %,d%n", scenario, rate, seconds, histogram.getTotalCount(),
                histogram.getTotalCount() / (double)seconds, new TreeMap<>(statuses), new TreeMap<>(codes), notSent.get(),
                failed.get());
            System.out.printf("latency from due time: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(90)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getValueAtPercentile(99.9)),
                ms(histogram.getMaxValue()));
        }
    }

    @FunctionalInterface
    private interface RequestMaker
    {
        HttpRequest make(int index, String token);
    }

    private RequestMaker claims(final String admin, final int total)
    {
        final long now = System.currentTimeMillis();
        final long campaignId = post(admin, "/api/campaigns", "{\"name\":\"load\",\"budgetFen\":" + (total * 100L) +
            ",\"validDaysAfterClaim\":7,\"validUntil\":" + (now + TimeUnit.DAYS.toMillis(30)) + ",\"perUserLimit\":1," +
            "\"tiers\":[{\"code\":\"T1\",\"faceValueFen\":100,\"thresholdFen\":400}],\"storeIds\":[101]}")
            .get("campaignId").asLong();
        final long dropId = post(admin, "/api/campaigns/" + campaignId + "/drops", "{\"tierCode\":\"T1\",\"quantity\":" +
            total + ",\"startsAt\":" + now + ",\"perUserLimit\":1}").get("dropId").asLong();
        final String body = "{\"dropId\":" + dropId + "}";
        final URI uri = URI.create(url + "/api/campaigns/" + campaignId + "/claims");
        return (index, token) -> json(uri, token, body);
    }

    /** Holds spread over a week of 64 courts in half-hour slots: early ones win, later ones find slots taken. */
    private RequestMaker holds(final String admin)
    {
        final StringBuilder resources = new StringBuilder();
        for (int r = 1; r <= 64; r++)
        {
            resources.append(r == 1 ? "" : ",").append("{\"code\":\"C").append(r).append("\",\"name\":\"Court ")
                .append(r).append("\"}");
        }
        final long venueId = post(admin, "/api/venues", "{\"name\":\"load\",\"utcOffsetMinutes\":0,\"resources\":[" +
            resources + "],\"opensMinuteOfDay\":0,\"closesMinuteOfDay\":1440,\"slotMinutes\":30,\"priceFen\":1000," +
            "\"releaseDaysAhead\":7,\"releaseMinuteOfDay\":0,\"maxSlotsPerUserPerDay\":2,\"holdTimeoutMs\":600000," +
            "\"cancelCutoffMs\":3600000,\"checkInEarlyMs\":900000,\"checkInLateMs\":900000,\"noShowStrikesForBan\":3," +
            "\"banDays\":30}").get("venueId").asLong();
        final long tomorrow = (System.currentTimeMillis() / 86_400_000 + 1) * 86_400_000;
        final URI uri = URI.create(url + "/api/venues/" + venueId + "/holds");
        return (index, token) ->
        {
            final long mixed = (index * 0x9E3779B97F4A7C15L) >>> 1;
            final int court = 1 + (int)(mixed % 64);
            final long slot = (mixed / 64) % (6 * 48);
            return json(uri, token, "{\"resourceCode\":\"C" + court + "\",\"startAt\":" + (tomorrow + slot * 1_800_000) +
                ",\"slots\":1}");
        };
    }

    private static HttpRequest json(final URI uri, final String token, final String body)
    {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private JsonNode post(final String token, final String path, final String body)
    {
        try
        {
            final HttpResponse<String> response = client.send(json(URI.create(url + path), token, body),
                HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201)
            {
                throw new IllegalStateException(path + " → " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static String errorCode(final String body)
    {
        try
        {
            return JSON.readTree(body).path("error").path("code").asText("?");
        }
        catch (final IOException ex)
        {
            return "unparsable";
        }
    }

    private static double ms(final long ns)
    {
        return ns / 1e6;
    }
}
