package io.startline.gateway.node;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.startline.gateway.http.AccessLog;
import io.startline.gateway.http.AccessLogs;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node logs in one structured format, JSON lines, and the access log's fields are fields of
 * their own in it.
 */
class JsonLinesTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theNodesLoggingIsConfiguredToJsonLines()
    {
        final LoggerContext context = (LoggerContext)LoggerFactory.getILoggerFactory();
        final var appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("json");
        assertThat(appender).as("JsonLogConfigurator's appender").isInstanceOf(OutputStreamAppender.class);
        assertThat(((OutputStreamAppender<ILoggingEvent>)appender).getEncoder()).isInstanceOf(JsonLines.class);
    }

    @Test
    void eachLineParsesAsOneJsonObjectWithItsKeyValuesAndItsStackTrace() throws IOException
    {
        final LoggerContext context = (LoggerContext)LoggerFactory.getILoggerFactory();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        final JsonLines encoder = new JsonLines();
        encoder.setContext(context);
        encoder.start();
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        final Logger test = context.getLogger("startline.test.jsonlines");
        final Logger access = context.getLogger(AccessLog.LOGGER);
        test.addAppender(appender);
        access.addAppender(appender);
        try
        {
            test.error("a \"quoted\" {}\nsecond line", "argument", new IllegalStateException("boom"));
            final AccessLog log = new AccessLog(1 << 16, AccessLog.toLogger());
            AccessLogs.record(log, "0badcafe-000000000001", "POST", "/api/campaigns/7/claims",
                "POST /api/campaigns/{campaignId}/claims", 409, "SOLD_OUT", 1_234_000, 1001, 95);
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (log.written() == 0 && System.nanoTime() < deadline)
            {
                Thread.onSpinWait();
            }
            log.close();
        }
        finally
        {
            test.detachAppender(appender);
            access.detachAppender(appender);
            appender.stop();
        }
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : out.toString(StandardCharsets.UTF_8).split("\n"))
        {
            lines.add(MAPPER.readTree(line));
        }
        assertThat(lines).hasSize(2);
        final JsonNode error = lines.get(0);
        assertThat(error.get("level").asText()).isEqualTo("ERROR");
        assertThat(error.get("logger").asText()).isEqualTo("startline.test.jsonlines");
        assertThat(error.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(error.get("msg").asText()).isEqualTo("a \"quoted\" argument\nsecond line");
        assertThat(error.get("error").asText()).contains("IllegalStateException: boom").contains("at io.startline");
        assertThat(error.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

        final JsonNode line = lines.get(1);
        assertThat(line.get("logger").asText()).isEqualTo(AccessLog.LOGGER);
        assertThat(line.get("thread").asText()).isEqualTo("startline-access-log");
        assertThat(line.get("requestId").asText()).isEqualTo("0badcafe-000000000001");
        assertThat(line.get("method").asText()).isEqualTo("POST");
        assertThat(line.get("path").asText()).isEqualTo("/api/campaigns/7/claims");
        assertThat(line.get("route").asText()).isEqualTo("POST /api/campaigns/{campaignId}/claims");
        assertThat(line.get("status").isInt() && line.get("status").asInt() == 409).isTrue();
        assertThat(line.get("errorCode").asText()).isEqualTo("SOLD_OUT");
        assertThat(line.get("latencyUs").asLong()).isEqualTo(1_234);
        assertThat(line.get("userId").asLong()).isEqualTo(1001);
        assertThat(line.get("bytes").asInt()).isEqualTo(95);
    }
}
