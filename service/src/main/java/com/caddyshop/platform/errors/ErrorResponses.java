package com.caddyshop.platform.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds the JSON error response; the one place that knows the error shape's media type. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static Response of(int status, String message) {
        return of(new ApiError(status, message, List.of()));
    }

    public static Response of(ApiError error) {
        return Response.status(error.code()).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
