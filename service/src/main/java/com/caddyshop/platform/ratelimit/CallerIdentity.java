package com.caddyshop.platform.ratelimit;

import java.util.Optional;

/**
 * Who a bearer token belongs to, for counting: the accounts feature supplies it (a signature and
 * expiry check, no database or Redis round trip). An invalid token gives empty, and the request is
 * counted by its address, so made-up tokens cannot buy fresh budgets.
 */
@FunctionalInterface
public interface CallerIdentity {
    Optional<String> subjectOf(String bearerToken);
}
