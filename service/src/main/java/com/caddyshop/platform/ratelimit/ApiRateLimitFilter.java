package com.caddyshop.platform.ratelimit;

import com.codahale.metrics.Counter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts every request under {@code /api} against the API budget ({@code THROTTLER_LIMIT} per
 * {@code THROTTLER_TTL} seconds) of its caller: the user of a valid bearer token, otherwise the
 * client address. A JAX-RS filter, pre-matching and ahead of authentication, so unknown paths and
 * bad tokens are counted too, the 429 comes out in the one error shape, and the health endpoints
 * (outside {@code /api}) and the admin port (not Jersey) are never limited. The Redis read a
 * registered {@link ReadAlong} names for the request rides along in the same round trip.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 500)
public final class ApiRateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private final RateLimiter limiter;
    private final RateLimit policy;
    private final CallerIdentity callers;
    private final List<ReadAlong> readAlongs;
    private final Counter rejections;

    /** {@code readAlongs} may still grow until the server starts (features register after this filter). */
    public ApiRateLimitFilter(RateLimiter limiter, RateLimit policy, CallerIdentity callers,
                              List<ReadAlong> readAlongs, Counter rejections) {
        this.limiter = limiter;
        this.policy = policy;
        this.callers = callers;
        this.readAlongs = readAlongs;
        this.rejections = rejections;
    }

    static boolean isApi(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals("api") || p.startsWith("api/");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!isApi(request.getUriInfo().getPath())) {
            return;
        }
        // The caller first: verifying its token is what lets the accounts feature name a key to read.
        String callerKey = callerKey(request);
        CountedRead counted = limiter.consumeAndRead(policy, callerKey, readKeys(request));
        if (!counted.fetches().values().isEmpty()) {
            request.setProperty(ReadAlong.PROPERTY, counted.fetches());
        }
        RateLimitDecision decision = counted.decision();
        RateLimitHeaders.remember(request, decision);
        if (!decision.allowed()) {
            rejections.inc();
            request.abortWith(TooManyRequests.response(decision));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        RateLimitDecision decision = RateLimitHeaders.remembered(request);
        if (decision != null) {
            RateLimitHeaders.addMissing(response.getHeaders(), decision);
        }
    }

    private String callerKey(ContainerRequestContext request) {
        String token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token != null) {
            var subject = callers.subjectOf(request, token);
            if (subject.isPresent()) {
                return "user:" + subject.get();
            }
        }
        return "addr:" + ClientAddresses.budgetKey(ClientAddresses.of(request));
    }

    private List<String> readKeys(ContainerRequestContext request) {
        List<String> keys = List.of();
        for (ReadAlong readAlong : readAlongs) {
            List<String> more = readAlong.keysFor(request);
            if (!more.isEmpty()) {
                if (keys.isEmpty()) {
                    keys = more;
                } else {
                    keys = new ArrayList<>(keys);
                    keys.addAll(more);
                }
            }
        }
        return keys;
    }

    private static String bearerToken(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
