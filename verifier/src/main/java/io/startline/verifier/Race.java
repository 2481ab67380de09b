package io.startline.verifier;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The race file: its id, its seed when published with it, and its categories with their reserved
 * pools in declared order.
 * <p>
 * Unknown fields are refused rather than ignored: a misspelt {@code "guaranteed"} would otherwise
 * silently change the pool order and so the draw being checked.
 *
 * @param seedHex null when the file has no seed (it must then be given on the command line).
 */
public record Race(long raceId, String seedHex, Map<String, Draw.Category> categories)
{
    /** Pool codes that results files use for something else: a declared pool may not take them. */
    private static final Set<String> RESERVED_POOL_CODES = Set.of(Draw.GENERAL, ResultsCheck.WAITLIST);

    private static final JsonMapper JSON = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    public static Race read(final Path file) throws InputException
    {
        final JsonNode root;
        try
        {
            root = JSON.readTree(Csv.read(file));
        }
        catch (final JacksonException e)
        {
            // Jackson names the source "REDACTED" in its messages; the file name already says which it is.
            final String message = e.getOriginalMessage().replaceAll("\\[Source: [^;]*; ", "[");
            throw new InputException(file, "invalid JSON: " + message + locationOf(e), e);
        }
        catch (final IOException e)
        {
            throw new InputException(file, "cannot parse: " + e, e);
        }
        final Reader reader = new Reader(file);
        reader.object(root, "the document", Set.of("raceId", "seed", "categories"));
        final long raceId = reader.integer(root, "", "raceId", Long.MIN_VALUE, Long.MAX_VALUE);
        final JsonNode seed = root.get("seed");
        final String seedHex;
        if (seed == null || seed.isNull())
        {
            seedHex = null;
        }
        else if (seed.isTextual())
        {
            seedHex = normaliseSeed(seed.textValue(), file + ": seed");
        }
        else
        {
            throw new InputException(file, "seed must be a string of hex digits");
        }
        return new Race(raceId, seedHex, reader.categories(root.get("categories")));
    }

    /**
     * The seed as lowercase hex, the form the summary prints; upper case is accepted since only the
     * decoded bytes enter the keys.
     *
     * @param what names the seed's source in an error.
     */
    static String normaliseSeed(final String hex, final String what) throws InputException
    {
        if (hex.isEmpty() || hex.length() % 2 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0))
        {
            throw new InputException(what + " '" + hex + "' is not a non-empty even number of hex digits");
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    private static String locationOf(final JacksonException e)
    {
        return e.getLocation() == null ? "" :
            " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** Walks the tree, naming each field by its path so that an error says where it is. */
    private record Reader(Path file)
    {
        Map<String, Draw.Category> categories(final JsonNode node) throws InputException
        {
            if (node == null || !node.isObject())
            {
                throw new InputException(file, "categories must be an object of category code to category");
            }
            final Map<String, Draw.Category> categories = new LinkedHashMap<>();
            for (final Map.Entry<String, JsonNode> field : node.properties())
            {
                final String code = field.getKey();
                final String path = "categories." + code;
                if (!Csv.isCode(code))
                {
                    throw new InputException(file, path + ": a category code must be non-empty, " +
                        "with no comma, white space or control character");
                }
                final JsonNode category = field.getValue();
                object(category, path, Set.of("capacity", "pools"));
                final int capacity = (int)integer(category, path, "capacity", 0, Integer.MAX_VALUE);
                categories.put(code, new Draw.Category(capacity, pools(category.get("pools"), path + ".pools")));
            }
            return Collections.unmodifiableMap(categories);
        }

        private List<Draw.Pool> pools(final JsonNode node, final String path) throws InputException
        {
            if (node == null)
            {
                return List.of();
            }
            if (!node.isArray())
            {
                throw new InputException(file, path + " must be an array of pools in declared order");
            }
            final List<Draw.Pool> pools = new ArrayList<>();
            final Set<String> codes = new HashSet<>();
            for (int i = 0; i < node.size(); i++)
            {
                final JsonNode pool = node.get(i);
                final String poolPath = path + "[" + i + "]";
                object(pool, poolPath, Set.of("code", "places", "guaranteed"));
                final JsonNode code = pool.get("code");
                if (code == null || !code.isTextual() || !Csv.isCode(code.textValue()))
                {
                    throw new InputException(file, poolPath + ".code must be a non-empty string " +
                        "with no comma, white space or control character");
                }
                if (RESERVED_POOL_CODES.contains(code.textValue()))
                {
                    throw new InputException(file, poolPath + ".code " + code.textValue() +
                        " is reserved: results files use it for " +
                        (Draw.GENERAL.equals(code.textValue()) ? "the general pool" : "promotion from the waitlist"));
                }
                if (!codes.add(code.textValue()))
                {
                    throw new InputException(file, poolPath + ".code " + code.textValue() + " is declared twice");
                }
                final int places = (int)integer(pool, poolPath, "places", 0, Integer.MAX_VALUE);
                final JsonNode guaranteed = pool.get("guaranteed");
                if (guaranteed != null && !guaranteed.isBoolean())
                {
                    throw new InputException(file, poolPath + ".guaranteed must be true or false");
                }
                pools.add(new Draw.Pool(code.textValue(), places, guaranteed != null && guaranteed.booleanValue()));
            }
            return List.copyOf(pools);
        }

        void object(final JsonNode node, final String path, final Set<String> allowed) throws InputException
        {
            if (node == null || !node.isObject())
            {
                throw new InputException(file, path + " must be a JSON object");
            }
            for (final Map.Entry<String, JsonNode> field : node.properties())
            {
                final String name = field.getKey();
                if (!allowed.contains(name))
                {
                    throw new InputException(file, path + " has an unknown field '" + name + "' (allowed: " +
                        String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }

        long integer(final JsonNode parent, final String parentPath, final String name, final long min, final long max)
            throws InputException
        {
            final String path = parentPath.isEmpty() ? name : parentPath + "." + name;
            final JsonNode node = parent.get(name);
            if (node == null || !node.isIntegralNumber() || !node.canConvertToLong())
            {
                throw new InputException(file, path + " must be an integer");
            }
            final long value = node.longValue();
            if (value < min || value > max)
            {
                throw new InputException(file, path + " is " + value + ", outside " + min + ".." + max);
            }
            return value;
        }
    }
}
