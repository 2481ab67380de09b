package io.startline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reading the node's answers: their JSON, and the outcome they are counted under — the status
 * alone for a success, the status and API.md's error code for a refusal
 * ({@code 409 SOLD_OUT}), so that an expected business refusal is told apart from a failure
 * with the same status.
 */
public final class Answers
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FIRST_ERROR_STATUS = 400;

    private Answers()
    {
    }

    public static String outcome(final int status, final byte[] body)
    {
        if (status < FIRST_ERROR_STATUS)
        {
            return Integer.toString(status);
        }
        final String code = errorCode(body);
        return code == null ? Integer.toString(status) : status + " " + code;
    }

    /** An answer's JSON body; an unreadable one is an exception, which the runner counts as an error. */
    public static JsonNode json(final byte[] body)
    {
        try
        {
            return JSON.readTree(body);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("an answer is not JSON", ex);
        }
    }

    /** The {@code error.code} of API.md's error body, or null when the body is not one. */
    static String errorCode(final byte[] body)
    {
        if (body == null || body.length == 0)
        {
            return null;
        }
        try
        {
            final JsonNode code = JSON.readTree(body).path("error").path("code");
            return code.isTextual() ? code.textValue() : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }
}
