package com.caddyshop.accounts;

import java.time.Instant;

/** A {@code user_sessions} row: one refresh token of a login's token family. */
public record SessionRecord(long id, long userId, String familyId, Instant expiresAt, Instant revokedAt) {
}
