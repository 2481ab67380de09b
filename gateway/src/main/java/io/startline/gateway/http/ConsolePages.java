package io.startline.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * The organiser console's static files, all from the jar: its own pages (the {@code console}
 * module's resources) at {@link #PATH}, and the chart library from its WebJar at
 * {@code /console/lib/}. No CDN and no network at run time; the pages sign in with a token and
 * call the API like any client, so nothing here needs a token.
 */
final class ConsolePages
{
    static final String PATH = "/console/";
    private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";
    /** Short: an upgraded node's pages reach the browser within a minute. */
    private static final int CACHE_SECONDS = 60;

    private final ResourceHandler pages;
    private final ResourceHandler chartLibrary;

    ConsolePages()
    {
        final ClassLoader loader = ConsolePages.class.getClassLoader();
        if (loader.getResource("console/index.html") == null)
        {
            throw new IllegalStateException("console/index.html is missing from the classpath (the console module)");
        }
        pages = files(new ClassPathResourceManager(loader, "console/"));
        chartLibrary = files(new ClassPathResourceManager(loader,
            "META-INF/resources/webjars/uplot/" + webJarVersion(UPLOT_POM) + "/"));
    }

    /** {@code /}: the console is what a person opening the node's address wants. */
    static void redirectToConsole(final HttpServerExchange exchange)
    {
        exchange.setStatusCode(StatusCodes.FOUND);
        exchange.getResponseHeaders().put(Headers.LOCATION, PATH);
        exchange.endExchange();
    }

    void page(final HttpServerExchange exchange) throws Exception
    {
        serve(pages, "/index.html", exchange);
    }

    /** One of the console's files, named by the route's {@code {file}}: a single path segment, so nothing else is reachable. */
    void file(final HttpServerExchange exchange) throws Exception
    {
        serve(pages, "/" + exchange.getQueryParameters().get("file").getFirst(), exchange);
    }

    /** uPlot's LICENSE or one of its dist/ files. */
    void chartLibraryFile(final HttpServerExchange exchange) throws Exception
    {
        final String file = exchange.getQueryParameters().get("file").getFirst();
        serve(chartLibrary, "LICENSE".equals(file) ? "/LICENSE" : "/dist/" + file, exchange);
    }

    private static void serve(final ResourceHandler handler, final String path, final HttpServerExchange exchange)
        throws Exception
    {
        exchange.setRelativePath(path);
        handler.handleRequest(exchange);
    }

    private static ResourceHandler files(final ClassPathResourceManager manager)
    {
        return new ResourceHandler(manager).setDirectoryListingEnabled(false).setCacheTime(CACHE_SECONDS);
    }

    /** A WebJar's version, from its own Maven descriptor, so that upgrading it is a pom change only. */
    static String webJarVersion(final String pomProperties)
    {
        final Properties pom = new Properties();
        try (InputStream in = ConsolePages.class.getResourceAsStream(pomProperties))
        {
            if (in == null)
            {
                throw new IllegalStateException(pomProperties + " is missing from the classpath");
            }
            pom.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return pom.getProperty("version");
    }
}
