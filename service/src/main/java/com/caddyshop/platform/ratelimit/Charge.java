package com.caddyshop.platform.ratelimit;

/** One budget a request is counted against: a policy and whose counter in it (an address, a user, an account). */
public record Charge(RateLimit policy, String clientKey) {
}
