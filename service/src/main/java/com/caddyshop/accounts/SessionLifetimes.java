package com.caddyshop.accounts;

import com.caddyshop.accounts.auth.JwtSettings;
import java.time.Duration;
import java.time.Instant;

/**
 * How long refresh sessions live: each token {@code sliding} from its issue, the whole family (one
 * login) at most {@code maxAge}; and how soon a just-rotated token may be presented again for the
 * same successor ({@code grace}, zero for never).
 */
public record SessionLifetimes(Duration sliding, Duration maxAge, Duration grace) {

    public static SessionLifetimes of(JwtSettings settings) {
        return new SessionLifetimes(Duration.ofMillis(settings.getRefreshExpiresIn().toMilliseconds()),
                Duration.ofMillis(settings.getSessionMaxAge().toMilliseconds()),
                Duration.ofMillis(settings.getRefreshGrace().toMilliseconds()));
    }

    /** A token issued now in a family that ends at {@code familyEnd} expires at the earlier of the two limits. */
    Instant tokenExpiry(Instant now, Instant familyEnd) {
        Instant slid = now.plus(sliding);
        return slid.isBefore(familyEnd) ? slid : familyEnd;
    }

    /** Whether a token rotated at {@code rotatedAt} may still be presented for its successor. */
    boolean withinGrace(Instant rotatedAt, Instant now) {
        return !grace.isZero() && !now.isAfter(rotatedAt.plus(grace));
    }
}
