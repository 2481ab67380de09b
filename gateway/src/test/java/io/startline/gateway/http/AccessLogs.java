package io.startline.gateway.http;

/** Reaches the access log's IO-thread side from tests of other packages. */
public final class AccessLogs
{
    private AccessLogs()
    {
    }

    public static void record(final AccessLog log, final String requestId, final String method, final String path,
        final String route, final int status, final String errorCode, final long latencyNs, final long userId,
        final int bytes)
    {
        log.record(requestId, method, path, route, status, errorCode, latencyNs, userId, bytes);
    }
}
