package io.startline.gateway.http;

/**
 * One route's logic: read the request, then reply or call the engine.
 */
@FunctionalInterface
public interface RouteHandler
{
    void handle(ApiRequest request);
}
