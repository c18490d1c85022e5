package com.caddyshop.platform.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jersey's own failures (unknown path, wrong method, unsupported media type, ...) in our error shape.
 * Server-side ones (5xx) are treated as unexpected: logged with an id, their message hidden.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    private static final Logger LOG = LoggerFactory.getLogger(WebApplicationExceptionMapper.class);

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return UnexpectedErrorMapper.logAndHide(LOG, exception);
        }
        Response.StatusType statusInfo = original.getStatusInfo();
        String reason = statusInfo.getReasonPhrase() == null ? "Request failed" : statusInfo.getReasonPhrase();
        Response.ResponseBuilder builder = Response.fromResponse(ErrorResponses.of(status, reason));
        // Keep headers such as Allow (405) or WWW-Authenticate (401) that the original carried.
        original.getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }
}
