package com.caddyshop.platform.ratelimit;

import com.caddyshop.platform.readalong.ReadAlong;
import com.codahale.metrics.Counter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Counts an {@code /api} request against its caller's budgets ({@code THROTTLER_LIMIT} per
 * {@code THROTTLER_TTL} seconds each): its client address, and the user of a valid bearer token as
 * well ({@link CallerCharges}); both in one round trip when Redis is asked.
 * A request is counted once, wherever that happens first: in {@link ApiRateLimitFilter} inside
 * Jersey, or in front of Jersey by a feature that may answer the request itself from what was read
 * along ({@link #count}); the filter then finds the count on the request and does not count again.
 */
public final class ApiBudget {
    /** The request attribute holding the {@link CountedRead} of a request already counted. */
    static final String COUNTED = ApiBudget.class.getName();

    private final RateLimiter limiter;
    private final RateLimit policy;
    private final CallerCharges charges;
    private final Counter rejections;

    ApiBudget(RateLimiter limiter, RateLimit policy, CallerIdentity callers, Counter rejections) {
        this.limiter = limiter;
        this.policy = policy;
        this.charges = new CallerCharges(callers);
        this.rejections = rejections;
    }

    /**
     * Counts the request and reads {@code readKeys} in the same round trip; leaves the decision, the
     * values read and the count itself on the request. A rejection is counted in the metrics here;
     * answering it is the caller's (or, when it lets the request through, Jersey's) business.
     *
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param clientAddress the address {@link ClientAddressFilter} resolved
     * @param readKeys asked after the caller is known (verifying its token is what lets the accounts
     *     feature name a key to read), and only when the budget is counted in Redis for this request
     */
    public CountedRead count(RequestAttributes request, String authorization, String clientAddress,
                             Supplier<List<String>> readKeys) {
        CountedRead counted = limiter.consumeAndRead(charges.of(policy, request, authorization, clientAddress), readKeys);
        if (!counted.fetches().values().isEmpty()) {
            request.set(ReadAlong.PROPERTY, counted.fetches());
        }
        RateLimitHeaders.remember(request, counted.decision());
        request.set(COUNTED, counted);
        if (!counted.decision().allowed()) {
            rejections.inc();
        }
        return counted;
    }

    /** The count made earlier for this request, or empty when it was not counted yet. */
    static Optional<CountedRead> counted(RequestAttributes request) {
        return request.get(COUNTED) instanceof CountedRead counted ? Optional.of(counted) : Optional.empty();
    }

    /** A further budget of the same callers, for requests that cost more than most (a search). */
    public CallerBudget alongside(RateLimit other) {
        return new CallerBudget(limiter, other, charges, rejections);
    }
}
