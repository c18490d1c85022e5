package com.caddyshop.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The OpenAPI document as the tests read it: operations, and references resolved within the document. */
final class OpenApiDocument {
    /** The source file, before the build filters in the version: what people edit. */
    static final Path SOURCE = Path.of("src/main/resources" + OpenApiResource.RESOURCE);
    static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** One documented operation. */
    record Operation(String method, String path, JsonNode node, JsonNode pathItem) {
        String key() {
            return method + " " + path;
        }
    }

    private final JsonNode root;

    OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    static OpenApiDocument fromSource(ObjectMapper mapper) {
        try {
            return new OpenApiDocument(mapper.readTree(Files.readAllBytes(SOURCE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return root;
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : fields(root.path("paths"))) {
            for (Map.Entry<String, JsonNode> item : fields(path.getValue())) {
                if (HTTP_METHODS.contains(item.getKey())) {
                    operations.add(new Operation(item.getKey().toUpperCase(Locale.ROOT), path.getKey(), item.getValue(),
                            path.getValue()));
                }
            }
        }
        return operations;
    }

    /** Follows a local {@code $ref} (possibly several); other nodes come back as they are. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            if (hops > 10) {
                throw new IllegalStateException("reference cycle at " + node);
            }
            current = target(current.get("$ref").asText());
        }
        return current;
    }

    /** The node a {@code #/...} reference names, or a missing node. */
    JsonNode target(String ref) {
        if (!ref.startsWith("#/")) {
            return MissingNode.getInstance();
        }
        JsonNode node = root;
        for (String token : ref.substring(2).split("/")) {
            node = node.path(token.replace("~1", "/").replace("~0", "~"));
        }
        return node;
    }

    /** Path-item and operation parameters, references resolved. */
    List<JsonNode> parameters(Operation operation) {
        List<JsonNode> parameters = new ArrayList<>();
        operation.pathItem().path("parameters").forEach(p -> parameters.add(resolve(p)));
        operation.node().path("parameters").forEach(p -> parameters.add(resolve(p)));
        return parameters;
    }

    static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return node.properties();
    }
}
