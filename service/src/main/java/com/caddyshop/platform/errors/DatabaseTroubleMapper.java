package com.caddyshop.platform.errors;

import com.caddyshop.platform.db.DatabaseTrouble;
import com.codahale.metrics.Counter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every database failure a request meets. When the database is busy or out of reach (see
 * {@link DatabaseTrouble}) the answer is 503 with {@code Retry-After}, as the API promises, and the
 * log gets one WARN line rather than a stack trace per request of an outage; anything else is an
 * unexpected error like any other.
 */
@Provider
public class DatabaseTroubleMapper implements ExceptionMapper<JdbiException> {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseTroubleMapper.class);

    private final Counter unavailable;

    public DatabaseTroubleMapper(Counter unavailable) {
        this.unavailable = unavailable;
    }

    @Override
    public Response toResponse(JdbiException exception) {
        Optional<DatabaseTrouble> trouble = DatabaseTrouble.of(exception);
        if (trouble.isEmpty()) {
            return UnexpectedErrorMapper.logAndHide(LOG, exception);
        }
        unavailable.inc();
        LOG.warn("database {}, answering 503: {}", trouble.get(), rootCause(exception));
        return Response.fromResponse(ErrorResponses.of(503, trouble.get().message()))
                .header(HttpHeaders.RETRY_AFTER, trouble.get().retryAfterSeconds()).build();
    }

    private static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
