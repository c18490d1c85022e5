package com.caddyshop.accounts;

import com.caddyshop.accounts.auth.RefreshTokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Single-use tokens sent by mail: 256 random bits, of which only the SHA-256 is stored. Used inside the
 * caller's transaction, so a token is issued with the mail that carries it and spent with the change it
 * allows.
 */
public final class AccountTokens {
    private static final int TOKEN_BYTES = 32;

    /** What a token allows, and how long. */
    public enum Purpose {
        PASSWORD_RESET(Duration.ofMinutes(30)),
        VERIFY_EMAIL(Duration.ofHours(48));

        private final Duration validity;

        Purpose(Duration validity) {
            this.validity = validity;
        }

        public Duration validity() {
            return validity;
        }

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public AccountTokens(Clock clock) {
        this.clock = clock;
    }

    /** A new token for the account; the caller mails it in the same transaction. */
    public String issue(Handle tx, long userId, Purpose purpose) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        tx.attach(AccountTokenDao.class).insert(RefreshTokens.hash(token), purpose.code(), userId, now,
                now.plus(purpose.validity()));
        return token;
    }

    /**
     * Spends a token: the account it belongs to if it is unused and unexpired, after which it (and every
     * other open token of that account for the purpose) can no longer be used. Empty otherwise.
     */
    public Optional<Long> spend(Handle tx, String token, Purpose purpose) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        AccountTokenDao tokens = tx.attach(AccountTokenDao.class);
        Instant now = clock.instant();
        Optional<Long> userId = tokens.lockUsable(RefreshTokens.hash(token), purpose.code(), now);
        userId.ifPresent(id -> tokens.useAll(id, purpose.code(), now));
        return userId;
    }

    /** Deletes up to {@code limit} tokens that are expired or used; returns how many (the purge-expired task). */
    public int purgeUnusable(Handle handle, int limit) {
        return handle.attach(AccountTokenDao.class).purgeUnusable(clock.instant(), limit);
    }
}
