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

    /** An answer written straight to its bytes, for the answers of the rush (claims and refusals). */
    public static Reply json(final int status, final Json.Writer body)
    {
        return new Reply(status, JSON, Json.bytes(body));
    }

    public static Reply csv(final String body)
    {
        return new Reply(200, CSV, body.getBytes(StandardCharsets.UTF_8));
    }

    /** API.md's error shape: {@code {"error":{"code","message","field"}}}, field null when none. */
    public static Reply error(final ApiException ex)
    {
        return json(ex.status(), generator ->
        {
            generator.writeStartObject();
            generator.writeObjectFieldStart("error");
            generator.writeStringField("code", ex.code());
            generator.writeStringField("message", ex.getMessage());
            generator.writeStringField("field", ex.field());
            generator.writeEndObject();
            generator.writeEndObject();
        });
    }
}
