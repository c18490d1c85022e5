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
    /** Seconds for a {@code Retry-After} header; 0 for none. */
    private final long retryAfterSeconds;

    public ApiException(int status, String message) {
        this(status, message, List.of());
    }

    public ApiException(int status, String message, List<?> details) {
        this(status, message, details, 0);
    }

    private ApiException(int status, String message, List<?> details, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.details = List.copyOf(details);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public List<?> details() {
        return details;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** 503: the service cannot take this request now; clients may retry after the given seconds. */
    public static ApiException busy(String message, long retryAfterSeconds) {
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("Retry-After must be at least 1 second, got " + retryAfterSeconds);
        }
        return new ApiException(503, message, List.of(), retryAfterSeconds);
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

    /** 412: a precondition the client sent (If-Match) does not hold; the resource changed meanwhile. */
    public static ApiException preconditionFailed(String message, List<?> details) {
        return new ApiException(412, message, details);
    }

    public static ApiException unprocessable(String message, List<?> details) {
        return new ApiException(422, message, details);
    }

    /** 428: this write must be conditional (If-Match) so that it cannot overwrite a change it never saw. */
    public static ApiException preconditionRequired(String message, List<?> details) {
        return new ApiException(428, message, details);
    }
}
