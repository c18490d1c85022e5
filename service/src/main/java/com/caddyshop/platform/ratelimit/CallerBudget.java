package com.caddyshop.platform.ratelimit;

import com.codahale.metrics.Counter;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;

/**
 * A budget of its own for one kind of request, charged on top of the API budget to the same callers
 * (address, and user when signed in): {@link ApiBudget#alongside}. Its decision joins the
 * request's rate-limit headers; a refusal is the usual 429.
 */
public final class CallerBudget {
    private final RateLimiter limiter;
    private final RateLimit policy;
    private final CallerCharges charges;
    private final Counter rejections;

    CallerBudget(RateLimiter limiter, RateLimit policy, CallerCharges charges, Counter rejections) {
        this.limiter = limiter;
        this.policy = policy;
        this.charges = charges;
        this.rejections = rejections;
    }

    /** Counts the request; throws {@link RateLimitedException} when this budget is spent. */
    public void charge(ContainerRequestContext request) {
        RequestAttributes attributes = RequestAttributes.of(request);
        RateLimitDecision decision = limiter.consumeAndRead(charges.of(policy, attributes,
                request.getHeaderString(HttpHeaders.AUTHORIZATION), ClientAddresses.of(request)), List::of).decision();
        RateLimitHeaders.remember(attributes, decision);
        if (!decision.allowed()) {
            rejections.inc();
            throw new RateLimitedException(decision);
        }
    }
}
