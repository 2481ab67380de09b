package io.startline.gateway.http;

import java.util.Set;

/**
 * A route: method and path template, the roles allowed (empty: any valid token), whether it
 * takes a JSON body, and its handler.
 */
public record RouteSpec(String method, String template, Set<Role> roles, boolean takesBody, RouteHandler handler)
{
    /** The route's label in /metrics: method and template, never a concrete id. */
    public String label()
    {
        return method + " " + template;
    }
}
