package com.caddyshop.accounts;

import java.time.Duration;
import java.time.Instant;

/**
 * A {@code user_sessions} row: one refresh token of a login's token family. {@code familyExpiresAt}
 * is the family's absolute end; rows written before it existed have none, and their end is counted
 * from the row's creation. {@code rotatedAt} is set when a refresh replaced the token ({@code revokedAt}
 * too is set then, and also when a logout ended it).
 */
public record SessionRecord(long id, long userId, String familyId, Instant createdAt, Instant expiresAt,
                            Instant familyExpiresAt, Instant revokedAt, Instant rotatedAt) {

    Instant familyEnd(Duration maxAge) {
        return familyExpiresAt != null ? familyExpiresAt : createdAt.plus(maxAge);
    }
}
