package com.caddyshop.accounts;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code account_tokens}: single-use mailed tokens, by the SHA-256 of the token. */
public interface AccountTokenDao {
    @SqlUpdate("""
            INSERT INTO account_tokens (token_hash, purpose, user_id, created_at, expires_at)
            VALUES (:hash, :purpose, :userId, :now, :expiresAt)""")
    void insert(@Bind("hash") String hash, @Bind("purpose") String purpose, @Bind("userId") long userId,
                @Bind("now") Instant now, @Bind("expiresAt") Instant expiresAt);

    /** The account of an unused, unexpired token, locked: two uses of one token are decided one after the other. */
    @SqlQuery("""
            SELECT user_id FROM account_tokens
            WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > :now FOR UPDATE""")
    Optional<Long> lockUsable(@Bind("hash") String hash, @Bind("purpose") String purpose, @Bind("now") Instant now);

    /** Every open token of the account for this purpose is used up (the one just used and any older ones). */
    @SqlUpdate("UPDATE account_tokens SET used_at = :now WHERE user_id = :userId AND purpose = :purpose AND used_at IS NULL")
    int useAll(@Bind("userId") long userId, @Bind("purpose") String purpose, @Bind("now") Instant now);

    /**
     * Up to {@code limit} tokens that can no longer be used: expired, or used (nothing tells a used token
     * from an unknown one, so keeping it would serve no one). No index on {@code used_at}: the table only
     * ever holds the last couple of days' tokens once this runs daily, so the scan stays small.
     */
    @SqlUpdate("DELETE FROM account_tokens WHERE expires_at <= :now OR used_at IS NOT NULL LIMIT :limit")
    int purgeUnusable(@Bind("now") Instant now, @Bind("limit") int limit);
}
