package io.startline.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/**
 * A finished answer: status, content type and body bytes. Kept as bytes so an idempotent
 * retry can be answered with exactly the first response.
 */
public record Reply(int status, String contentType, byte[] body)
{
    public static final String JSON = "application/json";
    public static final String CSV = "text/csv; charset=utf-8";

    public static Reply json(final int status, final JsonNode body)
    {
        return new Reply(status, JSON, Json.bytes(body));
    }

    public static Reply csv(final String body)
    {
        return new Reply(200, CSV, body.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply error(final ApiException ex)
    {
        final var error = Json.object();
        error.putObject("error")
            .put("code", ex.code())
            .put("message", ex.getMessage())
            .put("field", ex.field());
        return json(ex.status(), error);
    }
}
