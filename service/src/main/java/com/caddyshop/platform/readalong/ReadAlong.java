package com.caddyshop.platform.readalong;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import java.util.Optional;

/**
 * A Redis read that a request is about to make (a cached product, a token revocation), fetched in
 * the rate limiter's round trip instead of a round trip of its own whenever the budget is counted
 * in Redis for this request (a caller's first request of a window, a reservation of units, every
 * request near the limit; see {@code platform.ratelimit.LeasingRateLimiter}). Otherwise nothing is
 * fetched and the reader reads itself. Features register one for the requests they know; the values
 * land in a request property. A room of its own: the rate limiter carries these reads, the caches and
 * the token checks consume them, and neither side needs the other to name them.
 */
@FunctionalInterface
public interface ReadAlong {
    /** The request property holding the {@link Fetches}. */
    String PROPERTY = ReadAlong.class.getName();

    /** The Redis keys this request will read; empty when it reads none (or they must not be prefetched now). */
    List<String> keysFor(ContainerRequestContext request);

    /** What was fetched with this request's budget; nothing when the limiter could not (read it yourself then). */
    static Fetches fetches(ContainerRequestContext request) {
        return request.getProperty(PROPERTY) instanceof Fetches fetches ? fetches : Fetches.NONE;
    }

    /** {@code value} is {@code null} when the key did not exist. */
    record Fetched(String key, String value) {
    }

    /** The keys fetched for one request, with their values. */
    record Fetches(List<Fetched> values) {
        public static final Fetches NONE = new Fetches(List.of());

        public Fetches {
            values = List.copyOf(values);
        }

        /** The fetched entry for {@code key}, or empty when it was not fetched. */
        public Optional<Fetched> find(String key) {
            for (Fetched fetched : values) {
                if (fetched.key().equals(key)) {
                    return Optional.of(fetched);
                }
            }
            return Optional.empty();
        }
    }
}
