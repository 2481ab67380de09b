package io.startline.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.startline.engine.EngineContext;
import io.startline.engine.testkit.EngineDriver;
import io.startline.gateway.node.StartlineNode;
import io.startline.gateway.pipeline.PipelineContext;
import io.startline.persistence.PersistenceContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real node on a free port with ticks off (so the journal moves only when a request makes
 * it), and a real HTTP client speaking to it.
 */
final class TestNode implements AutoCloseable
{
    static final String SECRET = "test-secret-test-secret-test-secret-0123456789";
    static final byte[] PERSON_KEY_SECRET = "person-key-secret-for-tests-0123456789".getBytes(
        java.nio.charset.StandardCharsets.UTF_8);

    final StartlineNode node;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final Tokens tokens = new Tokens(SECRET);

    TestNode(final Path dataDir, final GatewayContext gateway, final EngineContext engine)
    {
        node = new StartlineNode(gateway.host("127.0.0.1").port(0), new PipelineContext().tickIntervalMs(0),
            new PersistenceContext().dataDir(dataDir), engine, SECRET, PERSON_KEY_SECRET);
    }

    /** With a pipeline of the test's own, such as a small ring; ticks stay off. */
    TestNode(final Path dataDir, final PipelineContext pipeline)
    {
        node = new StartlineNode(unlimited().host("127.0.0.1").port(0), pipeline.tickIntervalMs(0),
            new PersistenceContext().dataDir(dataDir), EngineDriver.smallContext(), SECRET, PERSON_KEY_SECRET);
    }

    /** With storage of the test's own, such as a disk that fills; ticks stay off. */
    TestNode(final PipelineContext pipeline, final PersistenceContext persistence)
    {
        node = new StartlineNode(unlimited().host("127.0.0.1").port(0), pipeline.tickIntervalMs(0), persistence,
            EngineDriver.smallContext(), SECRET, PERSON_KEY_SECRET);
    }

    private TestNode(final StartlineNode node)
    {
        this.node = node;
    }

    /** With the pipeline's ticks on, as a real node runs: registration closes and drops end on time. */
    static TestNode ticking(final Path dataDir)
    {
        return new TestNode(new StartlineNode(unlimited().host("127.0.0.1").port(0), new PipelineContext(),
            new PersistenceContext().dataDir(dataDir), EngineDriver.smallContext(), SECRET, PERSON_KEY_SECRET));
    }

    TestNode(final Path dataDir, final GatewayContext gateway)
    {
        this(dataDir, gateway, EngineDriver.smallContext());
    }

    /** With engine limits of the test's own, such as a small results page. */
    TestNode(final Path dataDir, final EngineContext engine)
    {
        this(dataDir, unlimited(), engine);
    }

    TestNode(final Path dataDir)
    {
        this(dataDir, unlimited());
    }

    private static GatewayContext unlimited()
    {
        return new GatewayContext().rateLimitPerSecond(100_000).rateLimitBurst(100_000);
    }

    String token(final Role role, final long userId)
    {
        return tokens.mint(role, userId, role == Role.MERCHANT ? 101 : 0, role == Role.GATE ? 1 : 0,
            Instant.now().plusSeconds(3600));
    }

    String merchant(final long storeId)
    {
        return tokens.mint(Role.MERCHANT, 5000 + storeId, storeId, 0, Instant.now().plusSeconds(3600));
    }

    long journaled()
    {
        return node.pipeline().journaledSequence();
    }

    /** One exchange; {@code token} null sends no Authorization header. */
    Response send(final String method, final String path, final String token, final String contentType,
        final byte[] body, final String... headers)
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null)
        {
            builder.header("Authorization", "Bearer " + token);
        }
        if (contentType != null)
        {
            builder.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2)
        {
            builder.header(headers[i], headers[i + 1]);
        }
        try
        {
            final HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.body(), response.headers().firstValue("Retry-After")
                .orElse(null), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Startline-Request-Id").orElse(null));
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    Response post(final String path, final String token, final String json, final String... headers)
    {
        return send("POST", path, token, "application/json", json == null ? null :
            json.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    Response get(final String path, final String token)
    {
        return send("GET", path, token, null, null);
    }

    @Override
    public void close()
    {
        node.close();
    }

    /** What came back. */
    record Response(int status, byte[] body, String retryAfter, String contentType, String requestId)
    {
        Response(final int status, final byte[] body, final String retryAfter, final String contentType)
        {
            this(status, body, retryAfter, contentType, null);
        }

        JsonNode json()
        {
            try
            {
                return Json.MAPPER.readTree(body);
            }
            catch (final IOException ex)
            {
                throw new AssertionError("not JSON: " + text(), ex);
            }
        }

        String text()
        {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        String errorCode()
        {
            return json().path("error").path("code").asText();
        }

        @Override
        public String toString()
        {
            return status + " " + text();
        }
    }
}
