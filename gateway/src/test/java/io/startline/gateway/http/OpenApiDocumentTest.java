package io.startline.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.startline.engine.codec.ResultCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document is kept by hand, so it is held to what the node registers: the same
 * operations both ways, and for each the same roles, the same body limit, its path parameters and,
 * on a write, the Idempotency-Key header; each engine refusal it names under the status Rejections
 * gives it. And the node serves it, without a token.
 */
class OpenApiDocumentTest
{
    private static final String RESOURCE = "/openapi/openapi.json";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    /** Where an answer's schema narrows the error's code to the codes the route can give with that status. */
    private static final String ERROR_CODES =
        "/content/application~1json/schema/allOf/1/properties/error/properties/code/enum";

    @TempDir
    static Path dataDir;

    private static TestNode node;
    private static JsonNode document;
    /** "METHOD template" to what was registered, e.g. "POST /api/races/{raceId}/draw". */
    private static Map<String, HttpApi.RegisteredRoute> registered;
    /** "METHOD template" to the document's operation. */
    private static Map<String, JsonNode> documented;

    @BeforeAll
    static void start() throws IOException
    {
        node = new TestNode(dataDir);
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(RESOURCE))
        {
            assertThat(in).as(RESOURCE + " on the classpath").isNotNull();
            document = Json.MAPPER.readTree(in);
        }
        registered = new TreeMap<>();
        for (final HttpApi.RegisteredRoute route : node.node.routes())
        {
            assertThat(registered.put(route.method() + " " + route.template(), route)).as("registered twice").isNull();
        }
        documented = new TreeMap<>();
        final Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext())
        {
            final Map.Entry<String, JsonNode> path = paths.next();
            final Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext())
            {
                final Map.Entry<String, JsonNode> operation = operations.next();
                documented.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), operation.getValue());
            }
        }
    }

    @AfterAll
    static void stop()
    {
        node.close();
    }

    @Test
    void isOpenApi31()
    {
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
    }

    @Test
    void everyRegisteredRouteIsDocumented()
    {
        assertThat(documented.keySet()).containsAll(registered.keySet());
    }

    @Test
    void everyDocumentedOperationIsRegistered()
    {
        assertThat(registered.keySet()).containsAll(documented.keySet());
    }

    @Test
    void eachOperationNamesTheRolesItsRouteAdmits()
    {
        registered.forEach((operation, route) ->
        {
            final JsonNode documentedOperation = documented.get(operation);
            if (documentedOperation == null)
            {
                return;
            }
            if (route.open())
            {
                assertThat(documentedOperation.path("security").isArray() && documentedOperation.path("security")
                    .isEmpty()).as(operation + " needs no token: security []").isTrue();
                assertThat(documentedOperation.has("x-roles")).as(operation + " has no roles").isFalse();
            }
            else
            {
                assertThat(documentedOperation.has("security")).as(operation + " takes the document's bearer token")
                    .isFalse();
                final Set<String> roles = new TreeSet<>();
                route.roles().forEach(role -> roles.add(role.json()));
                assertThat(documentedOperation.path("x-roles").isArray()).as(operation + " x-roles (empty: any token)")
                    .isTrue();
                assertThat(texts(documentedOperation.path("x-roles"))).as(operation + " x-roles").isEqualTo(roles);
            }
        });
    }

    @Test
    void eachOperationStatesItsRoutesBodyLimitAndBodyOnlyWhereItTakesOne()
    {
        registered.forEach((operation, route) ->
        {
            final JsonNode documentedOperation = documented.get(operation);
            if (documentedOperation == null)
            {
                return;
            }
            if (route.maxBodyBytes() > 0)
            {
                assertThat(documentedOperation.path("x-max-body-bytes").asLong(-1)).as(operation + " x-max-body-bytes")
                    .isEqualTo(route.maxBodyBytes());
                assertThat(documentedOperation.has("requestBody")).as(operation + " documents its body").isTrue();
            }
            else
            {
                assertThat(documentedOperation.has("x-max-body-bytes")).as(operation + " takes no body").isFalse();
                assertThat(documentedOperation.has("requestBody")).as(operation + " takes no body").isFalse();
            }
        });
    }

    @Test
    void everyWriteWithATokenDocumentsTheIdempotencyKey()
    {
        registered.forEach((operation, route) ->
        {
            final JsonNode documentedOperation = documented.get(operation);
            if (documentedOperation == null || route.open())
            {
                return;
            }
            final boolean write = "POST".equals(route.method()) || "DELETE".equals(route.method()) ||
                "PATCH".equals(route.method());
            assertThat(parameters(documentedOperation, "header")).as(operation + " header parameters")
                .isEqualTo(write ? Set.of("Idempotency-Key") : Set.of());
        });
    }

    @Test
    void everyPathParameterOfATemplateIsDeclaredAndNoOther()
    {
        registered.forEach((operation, route) ->
        {
            final JsonNode documentedOperation = documented.get(operation);
            if (documentedOperation == null)
            {
                return;
            }
            final Set<String> inTemplate = new TreeSet<>();
            final Matcher matcher = PATH_PARAMETER.matcher(route.template());
            while (matcher.find())
            {
                inTemplate.add(matcher.group(1));
            }
            assertThat(parameters(documentedOperation, "path")).as(operation + " path parameters").isEqualTo(inTemplate);
        });
    }

    @Test
    void eachEngineCodeIsDocumentedUnderTheStatusItsRefusalMapsTo()
    {
        final Set<String> engineCodes = new TreeSet<>();
        for (final ResultCode code : ResultCode.values())
        {
            engineCodes.add(code.name());
        }
        final List<String> checked = new ArrayList<>();
        documented.forEach((operation, documentedOperation) -> documentedOperation.path("responses").fields()
            .forEachRemaining(response ->
            {
                for (final JsonNode code : response.getValue().at(ERROR_CODES))
                {
                    // The gateway's own codes (IDEMPOTENCY_IN_PROGRESS, …) are no engine refusal.
                    if (engineCodes.contains(code.asText()))
                    {
                        assertThat(response.getKey()).as(operation + ": the status of " + code.asText())
                            .isEqualTo(Integer.toString(Rejections.status(ResultCode.valueOf(code.asText()))));
                        checked.add(code.asText());
                    }
                }
            }));
        assertThat(checked).as("engine codes documented").isNotEmpty();
    }

    @Test
    void theNodeServesTheDocumentWithoutAToken()
    {
        final TestNode.Response response = node.get("/openapi.json", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json()).isEqualTo(document);
    }

    @Test
    void theNodeRendersTheDocumentWithSwaggerUiFromItsOwnJar()
    {
        final TestNode.Response page = node.get("/api-docs/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("url: \"/openapi.json\"", "src=\"swagger-ui-bundle.js\"");

        for (final String file : List.of("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"))
        {
            final TestNode.Response served = node.get("/api-docs/" + file, null);
            assertThat(served.status()).as(file).isEqualTo(200);
            assertThat(served.body().length).as(file).isGreaterThan(10_000);
        }
        assertThat(node.get("/api-docs/no-such-file.js", null).status()).isEqualTo(404);
    }

    /** The names of an operation's parameters that are {@code in} the given place, references resolved. */
    private static Set<String> parameters(final JsonNode operation, final String in)
    {
        final Set<String> names = new TreeSet<>();
        for (final JsonNode parameter : operation.path("parameters"))
        {
            final JsonNode resolved = parameter.has("$ref") ? document.at(parameter.get("$ref").asText().substring(1))
                : parameter;
            assertThat(resolved.isMissingNode()).as("parameter " + parameter + " resolves").isFalse();
            if (in.equals(resolved.path("in").asText()))
            {
                names.add(resolved.path("name").asText());
            }
        }
        return names;
    }

    private static Set<String> texts(final JsonNode array)
    {
        final Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
