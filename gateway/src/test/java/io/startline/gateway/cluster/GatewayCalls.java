package io.startline.gateway.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Calls to a gateway on this host as API.md's clients make them: a bearer token, a JSON body, and
 * an {@code Idempotency-Key} when the caller has one. A null token, body or key is left out.
 */
final class GatewayCalls
{
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> send(final int port, final String method, final String path, final String token,
        final String body, final String key) throws IOException
    {
        try
        {
            return http.send(request(port, method, path, token, body, key), HttpResponse.BodyHandlers.ofString());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException(ex);
        }
    }

    CompletableFuture<HttpResponse<String>> sendAsync(final int port, final String method, final String path,
        final String token, final String body, final String key)
    {
        return http.sendAsync(request(port, method, path, token, body, key), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(final int port, final String method, final String path, final String token,
        final String body, final String key)
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null)
        {
            request.header("Content-Type", "application/json");
        }
        if (key != null)
        {
            request.header("Idempotency-Key", key);
        }
        return request.build();
    }
}
