package com.caddyshop.platform.ratelimit;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code X-RateLimit-*} headers, on every limited response. A request may be counted against
 * more than one budget (login is); the request remembers the strictest decision, and that one is
 * reported. {@code X-RateLimit-Reset} is in seconds from now, like {@code Retry-After}.
 */
public final class RateLimitHeaders {
    public static final String LIMIT = "X-RateLimit-Limit";
    public static final String REMAINING = "X-RateLimit-Remaining";
    public static final String RESET = "X-RateLimit-Reset";
    public static final String RETRY_AFTER = "Retry-After";
    /** The servlet request attribute holding the decision. */
    static final String ATTRIBUTE = RateLimitHeaders.class.getName();

    private RateLimitHeaders() {
    }

    /** Keeps the stricter of this and any earlier decision for the request. */
    public static void remember(ServletRequest request, RateLimitDecision decision) {
        remember(RequestAttributes.of(request), decision);
    }

    /** The same for a request seen through its attributes (a JAX-RS filter's, or a servlet filter's). */
    static void remember(RequestAttributes request, RateLimitDecision decision) {
        Object earlier = request.get(ATTRIBUTE);
        request.set(ATTRIBUTE, decision.stricter(earlier instanceof RateLimitDecision d ? d : null));
    }

    static RateLimitDecision remembered(ContainerRequestContext request) {
        return request.getProperty(ATTRIBUTE) instanceof RateLimitDecision d ? d : null;
    }

    /** The headers for a response written in front of Jersey (a servlet filter answering itself). */
    public static void set(HttpServletResponse response, RateLimitDecision decision) {
        of(decision).forEach((name, value) -> response.setHeader(name, value.toString()));
    }

    static Map<String, Object> of(RateLimitDecision decision) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(LIMIT, decision.limit());
        headers.put(REMAINING, decision.remaining());
        headers.put(RESET, decision.resetSeconds());
        if (!decision.allowed()) {
            headers.put(RETRY_AFTER, decision.resetSeconds());
        }
        return headers;
    }

    /** Adds the headers a response does not carry yet (a 429 from a login budget already has its own). */
    static void addMissing(MultivaluedMap<String, Object> headers, RateLimitDecision decision) {
        of(decision).forEach((name, value) -> {
            if (!headers.containsKey(name)) {
                headers.putSingle(name, value);
            }
        });
    }
}
