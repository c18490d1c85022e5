package com.caddyshop.platform.ratelimit;

import com.caddyshop.platform.readalong.ReadAlong;
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
 * Counts every request under {@code /api} against the API budget of its caller ({@link ApiBudget}).
 * A JAX-RS filter, pre-matching and ahead of authentication, so unknown paths and bad tokens are
 * counted too, the 429 comes out in the one error shape, and the health endpoints (outside
 * {@code /api}) and the admin port (not Jersey) are never limited. The Redis reads registered
 * {@link ReadAlong}s name for the request ride along in the same round trip. A request a feature
 * already counted in front of Jersey (and chose not to answer there) is not counted again; only its
 * 429, if any, is answered here.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 500)
public final class ApiRateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private final ApiBudget budget;
    private final List<ReadAlong> readAlongs;

    /** {@code readAlongs} may still grow until the server starts (features register after this filter). */
    ApiRateLimitFilter(ApiBudget budget, List<ReadAlong> readAlongs) {
        this.budget = budget;
        this.readAlongs = readAlongs;
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
        RequestAttributes attributes = RequestAttributes.of(request);
        RateLimitDecision decision = ApiBudget.counted(attributes)
                .orElseGet(() -> budget.count(attributes, request.getHeaderString(HttpHeaders.AUTHORIZATION),
                        ClientAddresses.of(request), () -> readKeys(request)))
                .decision();
        if (!decision.allowed()) {
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
}
