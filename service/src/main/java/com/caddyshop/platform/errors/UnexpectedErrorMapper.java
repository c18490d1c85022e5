package com.caddyshop.platform.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything no other mapper claimed: 500 with an id the client can quote and error.log records. */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        return logAndHide(LOG, exception);
    }

    static Response logAndHide(Logger log, Throwable exception) {
        String errorId = UUID.randomUUID().toString();
        log.error("unexpected error, errorId={}", errorId, exception);
        return ErrorResponses.of(new ApiError(500, "Internal server error; quote errorId " + errorId + " when reporting it",
                List.of(), errorId));
    }
}
