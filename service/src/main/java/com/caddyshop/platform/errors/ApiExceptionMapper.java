package com.caddyshop.platform.errors;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException exception) {
        Response response = ErrorResponses.of(new ApiError(exception.status(), exception.getMessage(), exception.details()));
        if (exception.retryAfterSeconds() > 0) {
            return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, exception.retryAfterSeconds()).build();
        }
        return response;
    }
}
