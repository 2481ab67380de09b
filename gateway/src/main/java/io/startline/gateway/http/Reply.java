package io.startline.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/**
 * A finished answer: status, content type and body bytes. Kept as bytes so an idempotent
 * retry can be answered with exactly the first response. An error ({@link #error}) keeps its
 * exception instead, and its body is written as it is sent, with the request's id in it
 * ({@link #errorBody}): a retry answered with the first error carries its own id.
 *
 * @param body  the bytes to send; null for an error, whose body is {@link #errorBody}.
 * @param error API.md's error this answer is, or null.
 */
public record Reply(int status, String contentType, byte[] body, ApiException error)
{
    public static final String JSON = "application/json";
    public static final String CSV = "text/csv; charset=utf-8";

    public Reply(final int status, final String contentType, final byte[] body)
    {
        this(status, contentType, body, null);
    }

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

    /** An error answer; its body is written when it is sent ({@link #errorBody}). */
    public static Reply error(final ApiException ex)
    {
        return new Reply(ex.status(), JSON, null, ex);
    }

    /** API.md's code of an error answer, for the access log; null for any other. */
    public String errorCode()
    {
        return error == null ? null : error.code();
    }

    /**
     * API.md's error shape, {@code {"error":{"code","message","field","requestId"}}}, field null when
     * none; {@code requestId} the id of the request it answers (the {@code Startline-Request-Id} header's).
     */
    static byte[] errorBody(final ApiException ex, final String requestId)
    {
        return Json.bytes(generator ->
        {
            generator.writeStartObject();
            generator.writeObjectFieldStart("error");
            generator.writeStringField("code", ex.code());
            generator.writeStringField("message", ex.getMessage());
            generator.writeStringField("field", ex.field());
            generator.writeStringField("requestId", requestId);
            generator.writeEndObject();
            generator.writeEndObject();
        });
    }
}
