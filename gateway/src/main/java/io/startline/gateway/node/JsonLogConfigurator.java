package io.startline.gateway.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The node's one log format: every line one flat JSON object on standard error ({@link JsonLines}:
 * {@code time}, {@code level}, {@code thread}, {@code logger}, {@code msg}, the SLF4J key-values
 * as fields, such as the access log's, and {@code error}, a stack trace). Found by logback through {@code META-INF/services}, so no XML is parsed
 * at start-up. {@code -Dlogback.configurationFile=...} still takes over, for an operator's own format.
 * <p>
 * Levels: INFO; Chronicle's file-growth chatter, XNIO's and Undertow's banners only when they warn.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class JsonLogConfigurator extends ContextAwareBase implements Configurator
{
    static final String[] QUIET_LIBRARIES = {"net.openhft", "org.xnio", "io.undertow", "org.jboss"};

    @Override
    public ExecutionStatus configure(final LoggerContext context)
    {
        if (System.getProperty("logback.configurationFile") != null)
        {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        final JsonLines encoder = new JsonLines();
        encoder.setContext(context);
        encoder.start();
        final ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("json");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        for (final String library : QUIET_LIBRARIES)
        {
            context.getLogger(library).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
