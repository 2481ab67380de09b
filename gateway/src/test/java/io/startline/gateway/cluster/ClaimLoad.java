package io.startline.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.startline.gateway.http.Json;
import io.startline.gateway.http.Role;
import io.startline.gateway.http.Tokens;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients claiming vouchers through a gateway, one distinct user a claim, as participants at a
 * rush would, and behaving as API.md tells them: a 503 is retried, with the same
 * {@code Idempotency-Key} after {@code OUTCOME_UNKNOWN} (the one the answer names, the gateway's
 * own when the client sent none), until the claim has one definite outcome. Every answer is
 * kept, with the leader that gave it.
 */
final class ClaimLoad implements AutoCloseable
{
    /** A claim acknowledged: the code, and which leader (term, member) at which engine sequence. */
    record Ack(long user, String voucherCode, long epoch, int leader, long sequence, long atNs)
    {
    }

    private static final int ATTEMPTS = 200;

    private final int port;
    private final long campaignId;
    private final long dropId;
    private final Tokens tokens = new Tokens(ClusterHarness.JWT_SECRET);
    private final GatewayCalls calls = new GatewayCalls();
    private final AtomicLong nextUser;
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** Between one client's claims: paced while the cluster is being failed, none for the rush to sell-out. */
    private volatile long pauseMs = 10;
    private final List<Thread> threads = new ArrayList<>();
    final Queue<Ack> acks = new ConcurrentLinkedQueue<>();
    final Map<Long, String> refused = new ConcurrentHashMap<>();
    final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    final AtomicLong outcomeUnknown = new AtomicLong();
    final AtomicLong retried = new AtomicLong();

    ClaimLoad(final int port, final long campaignId, final long dropId, final long firstUser)
    {
        this.port = port;
        this.campaignId = campaignId;
        this.dropId = dropId;
        nextUser = new AtomicLong(firstUser);
    }

    ClaimLoad start(final int clients)
    {
        for (int i = 0; i < clients; i++)
        {
            final Thread thread = new Thread(this::run, "claims-" + i);
            thread.start();
            threads.add(thread);
        }
        return this;
    }

    private void run()
    {
        while (running.get())
        {
            claim(nextUser.getAndIncrement());
            pause(pauseMs);
        }
    }

    /** One user's claim, retried as API.md says until its outcome is definite. */
    void claim(final long user)
    {
        String key = user % 2 == 0 ? "claim-" + user : null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++)
        {
            final HttpResponse<String> response;
            try
            {
                response = post(user, key);
            }
            catch (final IOException ex)
            {
                unexpected.add("user " + user + ": " + ex);
                return;
            }
            final JsonNode body = parse(response.body());
            switch (response.statusCode())
            {
                case 201 ->
                {
                    acks.add(new Ack(user, body.path("voucherCode").asText(), header(response, "Startline-Epoch"),
                        (int)header(response, "Startline-Leader"), header(response, "Startline-Sequence"),
                        System.nanoTime()));
                    return;
                }
                case 409 ->
                {
                    refused.put(user, body.path("error").path("code").asText());
                    return;
                }
                case 503 ->
                {
                    if ("OUTCOME_UNKNOWN".equals(body.path("error").path("code").asText()))
                    {
                        outcomeUnknown.incrementAndGet();
                        key = response.headers().firstValue("Idempotency-Key").orElseThrow();
                    }
                    retried.incrementAndGet();
                    pause(100);
                }
                default ->
                {
                    unexpected.add("user " + user + ": " + response.statusCode() + " " + response.body());
                    return;
                }
            }
        }
        unexpected.add("user " + user + ": no definite outcome after " + ATTEMPTS + " attempts");
    }

    private HttpResponse<String> post(final long user, final String key) throws IOException
    {
        return calls.send(port, "POST", "/api/campaigns/" + campaignId + "/claims", participant(user),
            "{\"dropId\":" + dropId + "}", key);
    }

    String participant(final long user)
    {
        return tokens.mint(Role.PARTICIPANT, user, 0, 0, Instant.now().plusSeconds(3600));
    }

    private static long header(final HttpResponse<String> response, final String name)
    {
        return Long.parseLong(response.headers().firstValue(name).orElse("-1"));
    }

    private static JsonNode parse(final String body)
    {
        try
        {
            return Json.MAPPER.readTree(body);
        }
        catch (final IOException ex)
        {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static void pause(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** From now on the clients claim as fast as they are answered. */
    void rush()
    {
        pauseMs = 0;
    }

    boolean soldOut()
    {
        return refused.containsValue("SOLD_OUT");
    }

    long acksInTermsAfter(final long term)
    {
        return acks.stream().filter(ack -> ack.epoch() > term).count();
    }

    @Override
    public void close()
    {
        running.set(false);
        try
        {
            for (final Thread thread : threads)
            {
                thread.join(120_000);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        threads.clear();
    }
}
