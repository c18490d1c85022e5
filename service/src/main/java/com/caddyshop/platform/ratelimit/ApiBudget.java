package com.caddyshop.platform.ratelimit;

import com.codahale.metrics.Counter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Counts an {@code /api} request against its caller's budget ({@code THROTTLER_LIMIT} per
 * {@code THROTTLER_TTL} seconds): the user of a valid bearer token, otherwise the client address.
 * A request is counted once, wherever that happens first: in {@link ApiRateLimitFilter} inside
 * Jersey, or in front of Jersey by a feature that may answer the request itself from what was read
 * along ({@link #count}); the filter then finds the count on the request and does not count again.
 */
public final class ApiBudget {
    /** The request attribute holding the {@link CountedRead} of a request already counted. */
    static final String COUNTED = ApiBudget.class.getName();

    private final RateLimiter limiter;
    private final RateLimit policy;
    private final CallerIdentity callers;
    private final Counter rejections;

    ApiBudget(RateLimiter limiter, RateLimit policy, CallerIdentity callers, Counter rejections) {
        this.limiter = limiter;
        this.policy = policy;
        this.callers = callers;
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
        String callerKey = callerKey(request, authorization, clientAddress);
        CountedRead counted = limiter.consumeAndRead(policy, callerKey, readKeys);
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

    private String callerKey(RequestAttributes request, String authorization, String clientAddress) {
        String token = bearerToken(authorization);
        if (token != null) {
            Optional<String> subject = callers.subjectOf(request, token);
            if (subject.isPresent()) {
                return "user:" + subject.get();
            }
        }
        return "addr:" + ClientAddresses.budgetKey(clientAddress);
    }

    private static String bearerToken(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
