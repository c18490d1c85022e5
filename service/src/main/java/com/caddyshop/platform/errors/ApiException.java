package com.caddyshop.platform.errors;

import java.util.List;

/**
 * A domain failure with the HTTP status it maps to. Services throw these; one mapper turns them
 * into {@link ApiError}. The message is shown to clients, so it must never carry internals.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<?> details;

    public ApiException(int status, String message) {
        this(status, message, List.of());
    }

    public ApiException(int status, String message, List<?> details) {
        super(message, null, false, false);
        this.status = status;
        this.details = List.copyOf(details);
    }

    public int status() {
        return status;
    }

    public List<?> details() {
        return details;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message, List<?> details) {
        return new ApiException(409, message, details);
    }

    public static ApiException unprocessable(String message, List<?> details) {
        return new ApiException(422, message, details);
    }
}
