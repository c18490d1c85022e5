package com.caddyshop.platform.ratelimit;

import com.caddyshop.platform.errors.ErrorResponses;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 429 in the one error shape, with the headers that tell the client when to come back. */
@Provider
public final class TooManyRequests implements ExceptionMapper<RateLimitedException> {
    static final int STATUS = 429;

    static Response response(RateLimitDecision decision) {
        Response.ResponseBuilder response = Response.fromResponse(ErrorResponses.of(STATUS,
                "Too many requests; retry after " + decision.resetSeconds() + " s"));
        RateLimitHeaders.of(decision).forEach(response::header);
        return response.build();
    }

    @Override
    public Response toResponse(RateLimitedException exception) {
        return response(exception.decision());
    }
}
