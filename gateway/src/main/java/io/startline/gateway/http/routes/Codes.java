package io.startline.gateway.http.routes;

import io.startline.gateway.http.ApiException;
import io.startline.gateway.http.JsonBody;

/**
 * The organiser-chosen codes (tiers, categories, pools, resources): 1 to 16 printable ASCII
 * characters, the engine's {@code Code} type. Engine-issued codes (vouchers, check-in) are
 * 64-bit numbers carried as decimal strings, as API.md's "{@code …Code}" names say.
 */
final class Codes
{
    static final int MAX_LENGTH = 16;

    private Codes()
    {
    }

    static String code(final JsonBody body, final String field)
    {
        final String value = body.string(field, MAX_LENGTH);
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E)
            {
                throw ApiException.badRequest(body.pathOf(field), body.pathOf(field) +
                    " must be printable ASCII without spaces");
            }
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
