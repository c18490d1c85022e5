package com.caddyshop.platform.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The one error body every 4xx and 5xx carries. {@code errorId} appears only on unexpected 500s. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int code, String message, List<Object> details, String errorId) {
    public ApiError(int code, String message) {
        this(code, message, List.of(), null);
    }

    public ApiError(int code, String message, List<?> details) {
        this(code, message, List.copyOf(details), null);
    }
}
