package io.startline.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/**
 * A finished answer: status, content type and body bytes. Kept as bytes so an idempotent
 * retry can be answered with exactly the first response (its error body gets the retry's own
 * request id when sent, {@link #withRequestId}).
 *
 * @param errorCode API.md's code of an error answer ({@link #error}), for the access log; null for any other.
 */
public record Reply(int status, String contentType, byte[] body, String errorCode)
{
    private static final byte[] REQUEST_ID_FIELD = ",\"requestId\":\"".getBytes(StandardCharsets.US_ASCII);

    public Reply(final int status, final String contentType, final byte[] body)
    {
        this(status, contentType, body, null);
    }

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

    /**
     * API.md's error shape: {@code {"error":{"code","message","field"}}}, field null when none; the
     * request's id is added to it as it is sent ({@link #withRequestId}).
     */
    public static Reply error(final ApiException ex)
    {
        return new Reply(ex.status(), JSON, Json.bytes(generator ->
        {
            generator.writeStartObject();
            generator.writeObjectFieldStart("error");
            generator.writeStringField("code", ex.code());
            generator.writeStringField("message", ex.getMessage());
            generator.writeStringField("field", ex.field());
            generator.writeEndObject();
            generator.writeEndObject();
        }), ex.code());
    }

    /**
     * An error body with {@code "requestId"} added last inside its {@code error} object: the body
     * Reply.error wrote ends with the two braces that close it, so the field goes before them. One
     * copy of a short body, on the error path only. {@code requestId} is hex and a dash: nothing to escape.
     */
    static byte[] withRequestId(final byte[] errorBody, final String requestId)
    {
        final int end = errorBody.length - 2;
        if (end < 0 || errorBody[end] != '}' || errorBody[end + 1] != '}')
        {
            return errorBody;
        }
        final byte[] out = new byte[errorBody.length + REQUEST_ID_FIELD.length + requestId.length() + 1];
        System.arraycopy(errorBody, 0, out, 0, end);
        int at = end;
        System.arraycopy(REQUEST_ID_FIELD, 0, out, at, REQUEST_ID_FIELD.length);
        at += REQUEST_ID_FIELD.length;
        for (int i = 0; i < requestId.length(); i++)
        {
            out[at++] = (byte)requestId.charAt(i);
        }
        out[at++] = '"';
        out[at++] = '}';
        out[at] = '}';
        return out;
    }
}
