package com.caddyshop.platform.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.stream.Collectors;

/** Malformed or mistyped JSON in a request body: 400 naming the field, never the parser's internals. */
@Provider
public class JsonInputExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException exception) {
        if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String problem = exception instanceof UnrecognizedPropertyException ? "unknown field"
                    : exception instanceof InvalidFormatException ? "wrong type or format" : "invalid value";
            return ErrorResponses.of(new ApiError(400, "Malformed JSON request body",
                    List.of(new FieldProblem(field, problem))));
        }
        return ErrorResponses.of(400, "Malformed JSON request body");
    }
}
