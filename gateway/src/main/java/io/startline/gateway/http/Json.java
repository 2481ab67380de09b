package io.startline.gateway.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * The one JSON mapper, configured as API.md wants it strict: duplicate keys, trailing bytes
 * after the value and invalid UTF-8 are errors, and nesting and string sizes are bounded.
 */
public final class Json
{
    private static final int MAX_NESTING = 16;
    private static final int MAX_STRING_CHARS = 64 * 1024;

    public static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
        .build();
    /**
     * Request bodies: the same limits, with duplicate keys found by {@link #readValue} itself, since
     * the parser's own detector is an object made for every request.
     */
    private static final ObjectMapper BODIES = JsonMapper.builder()
        .disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .build();

    static
    {
        for (final ObjectMapper mapper : new ObjectMapper[] {MAPPER, BODIES})
        {
            mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxStringLength(MAX_STRING_CHARS)
                .maxNumberLength(32)
                .build());
        }
    }

    private Json()
    {
    }

    /**
     * @throws ApiException 400 when the bytes are not one well-formed JSON object.
     */
    public static JsonBody parseObject(final byte[] bytes)
    {
        final JsonNode node;
        try (JsonParser parser = BODIES.createParser(bytes))
        {
            final JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT)
            {
                throw ApiException.badRequest(null, "the body must be a JSON object");
            }
            node = readValue(parser, first);
            if (parser.nextToken() != null)
            {
                throw ApiException.badRequest(null, "the body is not valid JSON: bytes follow its value");
            }
        }
        catch (final IOException ex)
        {
            throw ApiException.badRequest(null, "the body is not valid JSON: " + firstLine(ex));
        }
        return new JsonBody((ObjectNode)node, "");
    }

    /**
     * The tree of one value, built straight from the parser's tokens: what {@code readTree} gives,
     * without the deserialization context it makes for every call (a fifth of a request's garbage).
     * Integers that fit a long are long nodes and the rest big integers, so a range check sees every
     * digit; fractions are doubles. A key twice is refused here, as the parser's own detector would.
     */
    private static JsonNode readValue(final JsonParser parser, final JsonToken token) throws IOException
    {
        final JsonNodeFactory nodes = MAPPER.getNodeFactory();
        return switch (token)
        {
            case START_OBJECT ->
            {
                final ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME)
                {
                    final String name = parser.currentName();
                    if (object.replace(name, readValue(parser, parser.nextToken())) != null)
                    {
                        throw new JsonParseException(parser, "Duplicate field '" + name + "'");
                    }
                }
                yield object;
            }
            case START_ARRAY ->
            {
                final ArrayNode array = nodes.arrayNode();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY)
                {
                    array.add(readValue(parser, next));
                }
                yield array;
            }
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ?
                nodes.numberNode(parser.getBigIntegerValue()) : nodes.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
    }

    public static ObjectNode object()
    {
        return MAPPER.createObjectNode();
    }

    /** What writes one answer's JSON straight to a generator, with no tree in between. */
    @FunctionalInterface
    public interface Writer
    {
        void write(JsonGenerator generator) throws IOException;
    }

    /** A tree's bytes, written by a generator alone: no serializer provider is made for it. */
    public static byte[] bytes(final JsonNode node)
    {
        return bytes(generator -> write(generator, node));
    }

    /** The bytes {@code writer} writes. */
    public static byte[] bytes(final Writer writer)
    {
        final ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out))
        {
            writer.write(generator);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        final byte[] bytes = out.toByteArray();
        out.release();
        return bytes;
    }

    private static void write(final JsonGenerator generator, final JsonNode node) throws IOException
    {
        switch (node.getNodeType())
        {
            case OBJECT ->
            {
                generator.writeStartObject();
                final java.util.Iterator<java.util.Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext())
                {
                    final java.util.Map.Entry<String, JsonNode> field = fields.next();
                    generator.writeFieldName(field.getKey());
                    write(generator, field.getValue());
                }
                generator.writeEndObject();
            }
            case ARRAY ->
            {
                generator.writeStartArray();
                for (final JsonNode element : node)
                {
                    write(generator, element);
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.textValue());
            case NUMBER -> writeNumber(generator, node);
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NULL, MISSING -> generator.writeNull();
            default -> throw new IllegalStateException("no JSON for a " + node.getNodeType() + " node");
        }
    }

    private static void writeNumber(final JsonGenerator generator, final JsonNode node) throws IOException
    {
        if (node.isIntegralNumber())
        {
            if (node.canConvertToLong())
            {
                generator.writeNumber(node.longValue());
            }
            else
            {
                generator.writeNumber(node.bigIntegerValue());
            }
        }
        else if (node.isBigDecimal())
        {
            generator.writeNumber(node.decimalValue());
        }
        else
        {
            generator.writeNumber(node.doubleValue());
        }
    }

    private static String firstLine(final IOException ex)
    {
        final String message = ex instanceof JsonProcessingException processing ? processing.getOriginalMessage() :
            ex.getMessage();
        final int end = message == null ? -1 : message.indexOf('\n');
        return message == null ? "unreadable" : end < 0 ? message : message.substring(0, end);
    }
}
