package io.startline.gateway.http;

/**
 * The verified caller of one request.
 *
 * @param storeId a merchant's store, else 0.
 * @param venueId a gate's venue, else 0.
 */
public record Caller(long userId, Role role, long storeId, long venueId)
{
    /** The idempotency scope API.md names: the same key from another caller is another request. */
    public String scope()
    {
        return role.json() + ":" + userId;
    }
}
