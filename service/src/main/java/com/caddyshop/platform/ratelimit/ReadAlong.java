package com.caddyshop.platform.ratelimit;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;

/**
 * A Redis read that a request is about to make (a cached product), fetched in the rate limiter's
 * round trip instead of a round trip of its own: every {@code /api} request pays one Redis call
 * for its budget anyway, and on the hottest path that call is the only one needed. Features
 * register one for the requests they know; the value lands in a request property for the resource.
 */
@FunctionalInterface
public interface ReadAlong {
    /** The request property holding a {@link Fetched}. */
    String PROPERTY = ReadAlong.class.getName();

    /** The Redis key this request will read, or {@code null} when it reads none (or must not be prefetched now). */
    String keyFor(ContainerRequestContext request);

    /** What was fetched with this request's budget, or empty when nothing was (read it yourself). Check its key. */
    static Optional<Fetched> fetched(ContainerRequestContext request) {
        return request.getProperty(PROPERTY) instanceof Fetched fetched ? Optional.of(fetched) : Optional.empty();
    }

    /** {@code value} is {@code null} when the key did not exist. */
    record Fetched(String key, String value) {
    }
}
