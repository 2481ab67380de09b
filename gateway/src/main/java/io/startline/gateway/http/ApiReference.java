package io.startline.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;

/**
 * The API reference, all from the jar: the OpenAPI document at {@link #DOCUMENT_PATH}, and
 * swagger-ui (its WebJar's own files) rendering it at {@link #PAGE_PATH}. Nothing is fetched
 * from a CDN, so the reference works on a node with no way out.
 */
final class ApiReference
{
    static final String DOCUMENT_PATH = "/openapi.json";
    static final String PAGE_PATH = "/api-docs/";
    /** The OpenAPI document of every route, kept by hand beside the code; OpenApiDocumentTest holds them together. */
    private static final String DOCUMENT_RESOURCE = "/openapi/openapi.json";
    private static final String PAGE_RESOURCE = "/api-docs/index.html";
    private static final String SWAGGER_UI_POM = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final int SWAGGER_UI_CACHE_SECONDS = 86_400;

    private final byte[] document = read(DOCUMENT_RESOURCE);
    private final byte[] page = read(PAGE_RESOURCE);
    private final ResourceHandler swaggerUiFiles;

    ApiReference()
    {
        final String root = "META-INF/resources/webjars/swagger-ui/" + ConsolePages.webJarVersion(SWAGGER_UI_POM) + "/";
        swaggerUiFiles = new ResourceHandler(new ClassPathResourceManager(ApiReference.class.getClassLoader(), root))
            .setDirectoryListingEnabled(false)
            .setCacheTime(SWAGGER_UI_CACHE_SECONDS);
    }

    Reply document()
    {
        return new Reply(200, Reply.JSON, document);
    }

    Reply page()
    {
        return new Reply(200, "text/html; charset=utf-8", page);
    }

    /** One of swagger-ui's files, named by the route's {@code {file}}: a single path segment, so nothing else is reachable. */
    void swaggerUiFile(final HttpServerExchange exchange) throws Exception
    {
        exchange.setRelativePath("/" + exchange.getQueryParameters().get("file").getFirst());
        swaggerUiFiles.handleRequest(exchange);
    }

    /** Read once: these files are part of the build, and a node without them is a broken build. */
    private static byte[] read(final String resource)
    {
        try (InputStream in = open(resource))
        {
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static InputStream open(final String resource)
    {
        final InputStream in = ApiReference.class.getResourceAsStream(resource);
        if (in == null)
        {
            throw new IllegalStateException(resource + " is missing from the classpath");
        }
        return in;
    }
}
