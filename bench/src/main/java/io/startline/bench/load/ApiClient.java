package io.startline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One call at a time to the node's public API, for what is not load: creating a scenario's
 * campaign, race or venue, and reading what the end check compares. Anything but the
 * expected status is an exception naming the call and the node's answer.
 */
public final class ApiClient
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CALL_TIMEOUT_SECONDS = 120;
    /** A results export of a million entries is about 40 MB of CSV. */
    private static final int MAX_ANSWER_BYTES = 256 << 20;

    private final HttpClient client;
    private final URI node;

    public ApiClient(final HttpClient client, final URI node)
    {
        this.client = client;
        this.node = node;
    }

    public JsonNode post(final String authorization, final String path, final String jsonBody, final int expectedStatus)
    {
        final Request request = request(HttpMethod.POST, authorization, path)
            .body(new StringRequestContent("application/json", jsonBody));
        return readJson("POST " + path, call("POST " + path, request, expectedStatus));
    }

    public JsonNode get(final String authorization, final String path)
    {
        return readJson("GET " + path, call("GET " + path, request(HttpMethod.GET, authorization, path), 200));
    }

    /** A CSV export, as text. */
    public String getText(final String authorization, final String path)
    {
        return call("GET " + path, request(HttpMethod.GET, authorization, path), 200);
    }

    private Request request(final HttpMethod method, final String authorization, final String path)
    {
        return client.newRequest(node.resolve(path))
            .method(method)
            .timeout(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .headers(headers -> headers.put(HttpHeader.AUTHORIZATION, authorization));
    }

    private static String call(final String what, final Request request, final int expectedStatus)
    {
        final ContentResponse response;
        try
        {
            response = new CompletableResponseListener(request, MAX_ANSWER_BYTES).send()
                .get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", ex);
        }
        catch (final TimeoutException | ExecutionException ex)
        {
            throw new IllegalStateException(what + " failed: " + ex.getMessage(), ex);
        }
        if (response.getStatus() != expectedStatus)
        {
            throw new IllegalStateException(what + " answered " + response.getStatus() + " (expected " +
                expectedStatus + "): " + response.getContentAsString());
        }
        return response.getContentAsString();
    }

    /** Parses an answer body, naming the call when it is not JSON. */
    private static JsonNode readJson(final String what, final String body)
    {
        try
        {
            return JSON.readTree(body);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(what + " answered something that is not JSON: " + body, ex);
        }
    }
}
