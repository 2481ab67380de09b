package io.startline.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One JSON object of a request, read field by field with API.md's rules: unknown fields,
 * numbers given as strings, fractions where integers are due and values out of range are
 * 400s that name the field (with its path inside arrays, like {@code tiers[1].code}).
 */
public final class JsonBody
{
    private final ObjectNode node;
    private final String path;

    JsonBody(final ObjectNode node, final String path)
    {
        this.node = node;
        this.path = path;
    }

    /** Refuses any field not in {@code allowed}. */
    public JsonBody only(final Set<String> allowed)
    {
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            if (!allowed.contains(name))
            {
                throw ApiException.badRequest(path + name, "unknown field " + path + name);
            }
        }
        return this;
    }

    /** The names of the fields the body has, in its order. */
    public List<String> fieldNames()
    {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A field's name as errors give it: with its path inside arrays, like {@code resources[1].code}. */
    public String pathOf(final String field)
    {
        return path + field;
    }

    public boolean has(final String field)
    {
        final JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public long longValue(final String field, final long min, final long max)
    {
        return integral(required(field), field, min, max);
    }

    public long longValue(final String field, final long min, final long max, final long absent)
    {
        return has(field) ? integral(node.get(field), field, min, max) : absent;
    }

    public int intValue(final String field, final int min, final int max)
    {
        return (int)integral(required(field), field, min, max);
    }

    public int intValue(final String field, final int min, final int max, final int absent)
    {
        return has(field) ? (int)integral(node.get(field), field, min, max) : absent;
    }

    public boolean booleanValue(final String field, final boolean absent)
    {
        if (!has(field))
        {
            return absent;
        }
        final JsonNode value = node.get(field);
        if (!value.isBoolean())
        {
            throw ApiException.badRequest(path + field, path + field + " must be true or false");
        }
        return value.booleanValue();
    }

    /** A string of 1 to {@code maxUtf8Bytes} bytes. */
    public String string(final String field, final int maxUtf8Bytes)
    {
        return text(required(field), field, maxUtf8Bytes);
    }

    public String string(final String field, final int maxUtf8Bytes, final String absent)
    {
        return has(field) ? text(node.get(field), field, maxUtf8Bytes) : absent;
    }

    /**
     * Text people read (names): no control characters, no lone surrogates and no blank at either
     * end, as the engine requires of names.
     */
    public String displayText(final String field, final int maxUtf8Bytes)
    {
        final String value = string(field, maxUtf8Bytes);
        final boolean printable = value.charAt(0) != ' ' && value.charAt(value.length() - 1) != ' ' &&
            value.codePoints().noneMatch(c -> c < 0x20 || c >= 0x7F && c < 0xA0 || c >= 0xD800 && c <= 0xDFFF);
        if (!printable)
        {
            throw ApiException.badRequest(pathOf(field), pathOf(field) +
                " must be printable, without control characters or a blank at either end");
        }
        return value;
    }

    /**
     * A reference from another system (a payment reference) that the wire carries as ASCII:
     * printable ASCII without a blank at either end, since anything else would be flattened
     * into another reference.
     */
    public String asciiText(final String field, final int maxLength)
    {
        final String value = string(field, maxLength);
        final boolean blankEnd = value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ';
        if (blankEnd || value.chars().anyMatch(c -> c < 0x20 || c > 0x7E))
        {
            throw ApiException.badRequest(pathOf(field), pathOf(field) +
                " must be printable ASCII without a blank at either end");
        }
        return value;
    }

    /** One of {@code values}, spelled exactly. */
    public String oneOf(final String field, final String... values)
    {
        final String value = text(required(field), field, 64);
        for (final String allowed : values)
        {
            if (allowed.equals(value))
            {
                return value;
            }
        }
        throw ApiException.badRequest(path + field, path + field + " must be one of " + String.join(", ", values));
    }

    public LocalDate date(final String field)
    {
        final String value = text(required(field), field, 10);
        try
        {
            return LocalDate.parse(value);
        }
        catch (final DateTimeParseException ex)
        {
            throw ApiException.badRequest(path + field, path + field + " must be a date like 2027-04-12");
        }
    }

    /** The objects of an array field, 0 to {@code maxItems} of them. */
    public List<JsonBody> objects(final String field, final int minItems, final int maxItems)
    {
        final JsonNode array = array(field, minItems, maxItems);
        final List<JsonBody> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++)
        {
            final JsonNode item = array.get(i);
            if (!item.isObject())
            {
                throw ApiException.badRequest(path + field + "[" + i + "]", path + field + "[" + i + "] must be an object");
            }
            items.add(new JsonBody((ObjectNode)item, path + field + "[" + i + "]."));
        }
        return items;
    }

    public long[] longs(final String field, final int minItems, final int maxItems, final long min, final long max)
    {
        final JsonNode array = array(field, minItems, maxItems);
        final long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = integral(array.get(i), field + "[" + i + "]", min, max);
        }
        return values;
    }

    public List<String> strings(final String field, final int minItems, final int maxItems, final int maxUtf8Bytes)
    {
        final JsonNode array = array(field, minItems, maxItems);
        final List<String> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++)
        {
            values.add(text(array.get(i), field + "[" + i + "]", maxUtf8Bytes));
        }
        return values;
    }

    private JsonNode array(final String field, final int minItems, final int maxItems)
    {
        final JsonNode array = required(field);
        if (!array.isArray())
        {
            throw ApiException.badRequest(path + field, path + field + " must be an array");
        }
        if (array.size() < minItems || array.size() > maxItems)
        {
            throw ApiException.badRequest(path + field, path + field + " must have " + minItems + " to " + maxItems +
                " items");
        }
        return array;
    }

    private JsonNode required(final String field)
    {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull())
        {
            throw ApiException.badRequest(path + field, path + field + " is required");
        }
        return value;
    }

    private long integral(final JsonNode value, final String field, final long min, final long max)
    {
        if (!value.isIntegralNumber() || !value.canConvertToLong())
        {
            throw ApiException.badRequest(path + field, path + field + " must be an integer" +
                (value.isTextual() ? ", not a string" : value.isFloatingPointNumber() ? ", not a fraction" : ""));
        }
        final long number = value.longValue();
        if (number < min || number > max)
        {
            throw ApiException.badRequest(path + field, path + field + " must be in [" + min + ", " + max + "]");
        }
        return number;
    }

    private String text(final JsonNode value, final String field, final int maxUtf8Bytes)
    {
        if (!value.isTextual())
        {
            throw ApiException.badRequest(path + field, path + field + " must be a string");
        }
        final String text = value.textValue();
        final int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > maxUtf8Bytes)
        {
            throw ApiException.badRequest(path + field, path + field + " must be 1 to " + maxUtf8Bytes + " bytes");
        }
        return text;
    }
}
