package com.caddyshop.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON value against an OpenAPI 3.0 schema, for the subset the document uses: $ref,
 * type, nullable, enum, required, properties, additionalProperties, items, anyOf, date-time.
 * Stricter than OpenAPI on one point: an object field the schema does not name is a problem unless
 * additionalProperties allows it, because an undocumented field is exactly what this is meant to catch.
 */
final class SchemaConformance {
    private final OpenApiDocument document;

    SchemaConformance(OpenApiDocument document) {
        this.document = document;
    }

    List<String> problems(JsonNode value, JsonNode schemaOrRef, String where) {
        List<String> problems = new ArrayList<>();
        check(value, schemaOrRef, where, problems);
        return problems;
    }

    private void check(JsonNode value, JsonNode schemaOrRef, String where, List<String> problems) {
        JsonNode schema = document.resolve(schemaOrRef);
        if (value == null || value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                problems.add(where + ": null, but the schema is not nullable");
            }
            return;
        }
        if (schema.has("anyOf")) {
            for (JsonNode option : schema.get("anyOf")) {
                if (problems(value, option, where).isEmpty()) {
                    return;
                }
            }
            problems.add(where + ": matches none of anyOf: " + value);
            return;
        }
        switch (schema.path("type").asText("")) {
            case "object" -> checkObject(value, schema, where, problems);
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(where + ": not an array: " + value);
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), schema.path("items"), where + "[" + i + "]", problems);
                }
            }
            case "string" -> checkString(value, schema, where, problems);
            case "integer" -> expect(value.isIntegralNumber(), where + ": not an integer: " + value, problems);
            case "number" -> expect(value.isNumber(), where + ": not a number: " + value, problems);
            case "boolean" -> expect(value.isBoolean(), where + ": not a boolean: " + value, problems);
            default -> problems.add(where + ": schema without a type: " + schema);
        }
    }

    private void checkObject(JsonNode value, JsonNode schema, String where, List<String> problems) {
        if (!value.isObject()) {
            problems.add(where + ": not an object: " + value);
            return;
        }
        schema.path("required").forEach(name -> expect(value.has(name.asText()),
                where + ": required field " + name.asText() + " is missing", problems));
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        for (Map.Entry<String, JsonNode> field : OpenApiDocument.fields(value)) {
            String at = where + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), at, problems);
            } else if (additional.isObject()) {
                check(field.getValue(), additional, at, problems);
            } else if (!additional.asBoolean(false)) {
                problems.add(at + ": a field the schema does not document");
            }
        }
    }

    private static void checkString(JsonNode value, JsonNode schema, String where, List<String> problems) {
        if (!value.isTextual()) {
            problems.add(where + ": not a string: " + value);
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.asText().equals(value.asText());
            }
            expect(listed, where + ": " + value + " is not in " + schema.get("enum"), problems);
        }
        if ("date-time".equals(schema.path("format").asText())) {
            try {
                Instant.parse(value.asText());
            } catch (DateTimeParseException e) {
                problems.add(where + ": not an ISO-8601 date-time: " + value);
            }
        }
    }

    private static void expect(boolean ok, String problem, List<String> problems) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
