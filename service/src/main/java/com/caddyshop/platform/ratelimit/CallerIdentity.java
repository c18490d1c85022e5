package com.caddyshop.platform.ratelimit;

import java.util.Optional;

/**
 * Who a bearer token belongs to, for counting: the accounts feature supplies it (a signature and
 * expiry check, no database or Redis round trip). An invalid token gives empty, and the request is
 * counted by its address, so made-up tokens cannot buy fresh budgets. The request's attributes are
 * passed so that the verification can be kept for authentication later in the same request.
 */
@FunctionalInterface
public interface CallerIdentity {
    Optional<String> subjectOf(RequestAttributes request, String bearerToken);
}
