package io.startline.gateway.http;

/**
 * A request answered with an error: the HTTP status and API.md's error body.
 */
public final class ApiException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String field;

    public ApiException(final int status, final String code, final String message, final String field)
    {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiException badRequest(final String field, final String message)
    {
        return new ApiException(400, "INVALID_ARGUMENT", message, field);
    }

    public static ApiException unauthorized(final String message)
    {
        return new ApiException(401, "UNAUTHORIZED", message, null);
    }

    public static ApiException forbidden(final String message)
    {
        return new ApiException(403, "FORBIDDEN", message, null);
    }

    public static ApiException notFound(final String code, final String message)
    {
        return new ApiException(404, code, message, null);
    }

    public int status()
    {
        return status;
    }

    public String code()
    {
        return code;
    }

    public String field()
    {
        return field;
    }
}
