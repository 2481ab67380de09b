package io.startline.gateway.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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

    static
    {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING)
            .maxStringLength(MAX_STRING_CHARS)
            .maxNumberLength(32)
            .build());
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
        try
        {
            node = MAPPER.readTree(bytes);
        }
        catch (final IOException ex)
        {
            throw ApiException.badRequest(null, "the body is not valid JSON: " + firstLine(ex));
        }
        if (node == null || !node.isObject())
        {
            throw ApiException.badRequest(null, "the body must be a JSON object");
        }
        return new JsonBody((ObjectNode)node, "");
    }

    public static ObjectNode object()
    {
        return MAPPER.createObjectNode();
    }

    public static byte[] bytes(final JsonNode node)
    {
        try
        {
            return MAPPER.writeValueAsBytes(node);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
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
