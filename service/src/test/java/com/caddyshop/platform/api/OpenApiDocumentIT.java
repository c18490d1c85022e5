package com.caddyshop.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.platform.BuildInfo;
import com.caddyshop.platform.api.OpenApiDocument.Operation;
import com.caddyshop.platform.api.RegisteredEndpoints.Endpoint;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.glassfish.jersey.media.multipart.FormDataParam;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keeps the OpenAPI document true: the running application's registered resources and the
 * document must name the same (method, path) pairs, and each operation must agree with its Java
 * method on authentication, roles, parameters and request body. Adding an endpoint without
 * documenting it, or documenting one that does not exist, fails here.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class OpenApiDocumentIT {
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("openapi").extension();

    private static OpenApiDocument document;
    private static Map<String, Endpoint> registered;
    private static Map<String, Operation> documented;

    @BeforeAll
    static void read() {
        document = OpenApiDocument.fromSource(APP.getObjectMapper());
        registered = RegisteredEndpoints.of(APP.getEnvironment().jersey().getResourceConfig()).stream()
                .collect(Collectors.toMap(Endpoint::key, Function.identity()));
        documented = document.operations().stream().collect(Collectors.toMap(Operation::key, Function.identity()));
    }

    @Test
    void documentNamesExactlyTheRegisteredEndpoints() {
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(registered.keySet()).as("registered endpoints").contains(
                "GET /api/products", "POST /api/orders", "GET /health", "GET /api/openapi.json", "GET /uploads/{name}");
        Set<String> undocumented = new TreeSet<>(registered.keySet());
        undocumented.removeAll(documented.keySet());
        Set<String> nonexistent = new TreeSet<>(documented.keySet());
        nonexistent.removeAll(registered.keySet());
        softly.assertThat(undocumented).as("registered endpoints missing from " + OpenApiDocument.SOURCE).isEmpty();
        softly.assertThat(nonexistent).as("documented endpoints that no resource serves").isEmpty();
        softly.assertAll();
    }

    /** Operations with a 403 that is not about a role: checkout by an account whose address is not verified. */
    private static final Set<String> FORBIDDEN_WITHOUT_ROLE = Set.of("POST /api/orders");

    @Test
    void authenticatedOperationsDeclareSecurityRolesAndTheirErrors() {
        SoftAssertions softly = new SoftAssertions();
        for (Endpoint endpoint : registered.values()) {
            Operation operation = documented.get(endpoint.key());
            if (operation == null) {
                continue;
            }
            String name = endpoint.key();
            JsonNode responses = operation.node().path("responses");
            boolean secured = operation.node().has("security") ? !operation.node().get("security").isEmpty()
                    : !document.root().path("security").isEmpty();
            softly.assertThat(secured).as(name + " declares security exactly when its Java method requires a token")
                    .isEqualTo(endpoint.requiresAuthentication());
            if (secured) {
                softly.assertThat(operation.node().at("/security/0").has("bearerAuth")).as(name + " uses bearerAuth").isTrue();
                softly.assertThat(responses.has("401")).as(name + " documents 401").isTrue();
            }
            Set<String> roles = new TreeSet<>();
            operation.node().path("x-roles").forEach(role -> roles.add(role.asText()));
            softly.assertThat(roles).as(name + " x-roles equals @RolesAllowed").isEqualTo(new TreeSet<>(endpoint.roles()));
            softly.assertThat(responses.has("403")).as(name + " documents 403 exactly when it needs a role, or refuses for another reason")
                    .isEqualTo(!endpoint.roles().isEmpty() || FORBIDDEN_WITHOUT_ROLE.contains(name));
            if (endpoint.path().startsWith("/api/")) {
                softly.assertThat(responses.has("429")).as(name + " is rate-limited, so documents 429").isTrue();
            }
        }
        softly.assertAll();
    }

    @Test
    void parametersMatchTheJavaSignatures() {
        SoftAssertions softly = new SoftAssertions();
        Pattern template = Pattern.compile("\\{([^}]+)}");
        for (Endpoint endpoint : registered.values()) {
            Operation operation = documented.get(endpoint.key());
            if (operation == null) {
                continue;
            }
            String name = endpoint.key();
            List<JsonNode> parameters = document.parameters(operation);
            Set<String> inPath = new TreeSet<>();
            for (Matcher m = template.matcher(endpoint.path()); m.find(); ) {
                inPath.add(m.group(1));
            }
            softly.assertThat(names(parameters, "path")).as(name + " path parameters").isEqualTo(inPath);
            softly.assertThat(new TreeSet<>(endpoint.parameterNames(PathParam.class))).as(name + " @PathParam").isEqualTo(inPath);
            softly.assertThat(names(parameters, "query")).as(name + " query parameters")
                    .isEqualTo(new TreeSet<>(endpoint.parameterNames(QueryParam.class)));
            softly.assertThat(names(parameters, "header")).as(name + " header parameters")
                    .isEqualTo(new TreeSet<>(endpoint.parameterNames(HeaderParam.class)));
            softly.assertThat(names(parameters, "cookie")).as(name + " cookie parameters")
                    .isEqualTo(new TreeSet<>(endpoint.parameterNames(CookieParam.class)));
            for (JsonNode parameter : parameters) {
                if (parameter.path("in").asText().equals("path")) {
                    softly.assertThat(parameter.path("required").asBoolean()).as(name + " path parameters are required").isTrue();
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void requestBodiesMatchTheJavaSignatures() {
        SoftAssertions softly = new SoftAssertions();
        for (Endpoint endpoint : registered.values()) {
            Operation operation = documented.get(endpoint.key());
            if (operation == null) {
                continue;
            }
            String name = endpoint.key();
            JsonNode body = operation.node().has("requestBody") ? document.resolve(operation.node().get("requestBody")) : null;
            Optional<Parameter> entity = endpoint.entity();
            Set<String> formParts = endpoint.parameterNames(FormDataParam.class);
            if (entity.isEmpty() && formParts.isEmpty()) {
                softly.assertThat(body).as(name + " takes no body, so documents none").isNull();
                continue;
            }
            softly.assertThat(body).as(name + " takes a body, so documents it").isNotNull();
            if (body == null) {
                continue;
            }
            List<String> types = new ArrayList<>();
            body.path("content").fieldNames().forEachRemaining(types::add);
            softly.assertThat(types).as(name + " body media types").isNotEmpty();
            for (String type : types) {
                MediaType documentedType = MediaType.valueOf(type);
                softly.assertThat(endpoint.consumes().isEmpty()
                        || endpoint.consumes().stream().anyMatch(consumed -> consumed.isCompatible(documentedType)))
                        .as(name + " consumes " + type).isTrue();
            }
            if (entity.isPresent()) {
                softly.assertThat(body.path("required").asBoolean(false)).as(name + " body required exactly when @NotNull")
                        .isEqualTo(RegisteredEndpoints.Endpoint.required(entity.get()));
            } else {
                JsonNode schema = document.resolve(body.at("/content/multipart~1form-data/schema"));
                Set<String> parts = new TreeSet<>();
                schema.path("properties").fieldNames().forEachRemaining(parts::add);
                softly.assertThat(parts).as(name + " multipart parts").isEqualTo(new TreeSet<>(formParts));
            }
        }
        softly.assertAll();
    }

    @Test
    void successResponsesUseTheProducedMediaTypes() {
        SoftAssertions softly = new SoftAssertions();
        for (Endpoint endpoint : registered.values()) {
            Operation operation = documented.get(endpoint.key());
            if (operation == null) {
                continue;
            }
            operation.node().path("responses").properties().forEach(response -> {
                if (!response.getKey().startsWith("2")) {
                    return;
                }
                document.resolve(response.getValue()).path("content").fieldNames().forEachRemaining(type -> {
                    MediaType documentedType = MediaType.valueOf(type);
                    softly.assertThat(endpoint.produces().isEmpty()
                            || endpoint.produces().stream().anyMatch(p -> p.isCompatible(documentedType)))
                            .as(endpoint.key() + " " + response.getKey() + " produces " + type).isTrue();
                });
            });
        }
        softly.assertAll();
    }

    @Test
    void servedDocumentIsThePackagedFileWithTheServiceVersion() throws Exception {
        byte[] packaged;
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.RESOURCE)) {
            packaged = in.readAllBytes();
        }
        String etag;
        try (Response response = get(null)) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)).isTrue();
            assertThat(response.getHeaderString(HttpHeaders.CACHE_CONTROL)).isEqualTo("public, max-age=300");
            assertThat(response.getHeaderString("X-RateLimit-Limit")).as("counted like any /api request").isNotNull();
            etag = response.getHeaderString(HttpHeaders.ETAG);
            assertThat(etag).isNotBlank();
            assertThat(response.readEntity(byte[].class)).isEqualTo(packaged);
        }
        JsonNode served = APP.getObjectMapper().readTree(packaged);
        assertThat(served.at("/info/version").asText()).isEqualTo(BuildInfo.current().version()).doesNotContain("${");
        // Apart from the version the build fills in, the packaged document is the source file.
        ObjectNode source = document.root().deepCopy();
        ((ObjectNode) source.get("info")).put("version", BuildInfo.current().version());
        assertThat(served).isEqualTo(source);

        try (Response again = get(etag)) {
            assertThat(again.getStatus()).as("conditional GET with the ETag").isEqualTo(304);
        }
    }

    private static Response get(String ifNoneMatch) {
        var request = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/api/openapi.json").request();
        if (ifNoneMatch != null) {
            request.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
        }
        return request.get();
    }

    private static Set<String> names(List<JsonNode> parameters, String in) {
        return parameters.stream().filter(p -> p.path("in").asText().equals(in)).map(p -> p.path("name").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
