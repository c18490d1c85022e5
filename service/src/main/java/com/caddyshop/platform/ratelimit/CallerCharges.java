package com.caddyshop.platform.ratelimit;

import java.util.List;
import java.util.Optional;

/**
 * What a request is charged to under one policy: always its client address, and for signed-in
 * traffic its user as well. So one user spread over many addresses has one budget, and many
 * accounts behind one address share that address's budget instead of multiplying it.
 */
final class CallerCharges {
    private final CallerIdentity callers;

    CallerCharges(CallerIdentity callers) {
        this.callers = callers;
    }

    List<Charge> of(RateLimit policy, RequestAttributes request, String authorization, String clientAddress) {
        Charge byAddress = new Charge(policy, "addr:" + ClientAddresses.budgetKey(clientAddress));
        String token = bearerToken(authorization);
        if (token != null) {
            Optional<String> subject = callers.subjectOf(request, token);
            if (subject.isPresent()) {
                return List.of(new Charge(policy, "user:" + subject.get()), byAddress);
            }
        }
        return List.of(byAddress);
    }

    private static String bearerToken(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
