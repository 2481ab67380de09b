package io.startline.bench.load;

/**
 * One request of a phase, as the scheduler sends it.
 *
 * @param method        {@code GET}, {@code POST} or {@code DELETE}
 * @param path          the path and query, from {@code /api}
 * @param authorization the whole header value, {@code Bearer <token>}, or null for none ({@code /health})
 * @param jsonBody      the body, or null for none
 */
public record PlannedRequest(String method, String path, String authorization, byte[] jsonBody)
{
    public static PlannedRequest get(final String path, final String authorization)
    {
        return new PlannedRequest("GET", path, authorization, null);
    }

    public static PlannedRequest post(final String path, final String authorization, final byte[] jsonBody)
    {
        return new PlannedRequest("POST", path, authorization, jsonBody);
    }
}
