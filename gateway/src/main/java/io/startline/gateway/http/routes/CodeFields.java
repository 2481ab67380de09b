package io.startline.gateway.http.routes;

import io.startline.engine.support.Codes;
import io.startline.gateway.http.ApiException;
import io.startline.gateway.http.JsonBody;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Codes as request fields. Organiser-chosen codes (tiers, categories, pools, resources) follow
 * the engine's one rule, {@link Codes#isValid}: 1 to 16 letters, digits, '-' or '_'. Engine-issued
 * codes (vouchers, check-in) are 64-bit numbers carried as decimal strings, as API.md's
 * "{@code …Code}" names say.
 */
final class CodeFields
{
    static final int MAX_LENGTH = Codes.LENGTH;

    private CodeFields()
    {
    }

    /** The organiser-chosen code at {@code field}, named by its path in the body when refused. */
    static String code(final JsonBody body, final String field)
    {
        final String value = body.string(field, MAX_LENGTH);
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Codes.LENGTH || !Codes.isValid(Arrays.copyOf(bytes, Codes.LENGTH)))
        {
            throw ApiException.badRequest(body.pathOf(field), body.pathOf(field) + " must be 1 to " + Codes.LENGTH +
                " letters, digits, '-' or '_'");
        }
        return value;
    }

    /** An engine-issued code given back by a caller: a decimal string of a 64-bit number. */
    static long issued(final JsonBody body, final String field)
    {
        final String value = body.string(field, 20);
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw ApiException.badRequest(field, field + " must be a code as issued (a decimal string)");
        }
    }

    static String issued(final long code)
    {
        return Long.toString(code);
    }
}
