package io.startline.gateway.node;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import org.slf4j.event.KeyValuePair;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * One log line, one flat JSON object: {@code time} (ISO-8601, UTC), {@code level}, {@code thread},
 * {@code logger}, {@code msg}, then each SLF4J key-value as a field of its own (numbers as
 * numbers, absent values as null: the access log's {@code requestId}, {@code status}, …), and
 * {@code error}, the stack trace, when there is one. Flat rather than logback's own JsonEncoder
 * (whose key-values are a list of one-field objects, every value a string), so that
 * {@code jq 'select(.requestId == "…")'} finds a request in every line that names it.
 */
public final class JsonLines extends EncoderBase<ILoggingEvent>
{
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] NOTHING = new byte[0];

    @Override
    public byte[] headerBytes()
    {
        return NOTHING;
    }

    @Override
    public byte[] encode(final ILoggingEvent event)
    {
        final ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator json = JSON.createGenerator(out))
        {
            json.writeStartObject();
            json.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("thread", event.getThreadName());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("msg", event.getFormattedMessage());
            final List<KeyValuePair> pairs = event.getKeyValuePairs();
            if (pairs != null)
            {
                for (final KeyValuePair pair : pairs)
                {
                    json.writeFieldName(pair.key);
                    write(json, pair.value);
                }
            }
            final IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null)
            {
                json.writeStringField("error", ThrowableProxyUtil.asString(thrown));
            }
            json.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        out.append('\n');
        final byte[] line = out.toByteArray();
        out.release();
        return line;
    }

    private static void write(final JsonGenerator json, final Object value) throws IOException
    {
        if (value == null)
        {
            json.writeNull();
        }
        else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)
        {
            json.writeNumber(((Number)value).longValue());
        }
        else if (value instanceof Number number)
        {
            json.writeNumber(number.doubleValue());
        }
        else if (value instanceof Boolean bool)
        {
            json.writeBoolean(bool);
        }
        else
        {
            json.writeString(value.toString());
        }
    }

    @Override
    public byte[] footerBytes()
    {
        return NOTHING;
    }
}
