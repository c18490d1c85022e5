package com.caddyshop.orders;

import java.time.LocalDateTime;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code idempotency_keys}: one row per (user, key). The row is inserted and completed inside the
 * checkout transaction, so every committed row carries its response; the primary key makes a
 * concurrent duplicate wait for the first request and then fail instead of ordering twice.
 */
@RegisterConstructorMapper(IdempotencyRecord.class)
public interface IdempotencyDao {

    @SqlQuery("""
            SELECT request_hash, response_status, response_body, resource_id, expires_at
            FROM idempotency_keys
            WHERE user_id = :userId AND idempotency_key = :key AND response_status IS NOT NULL""")
    Optional<IdempotencyRecord> find(@Bind("userId") long userId, @Bind("key") String key);

    @SqlUpdate("""
            INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, expires_at)
            VALUES (:userId, :key, :requestHash, :expiresAt)""")
    void claim(@Bind("userId") long userId, @Bind("key") String key, @Bind("requestHash") String requestHash,
               @Bind("expiresAt") LocalDateTime expiresAt);

    @SqlUpdate("""
            UPDATE idempotency_keys SET response_status = :status, response_body = :body, resource_id = :resourceId
            WHERE user_id = :userId AND idempotency_key = :key""")
    void complete(@Bind("userId") long userId, @Bind("key") String key, @Bind("status") int status,
                  @Bind("body") String body, @Bind("resourceId") long resourceId);

    /** Frees a user's expired keys so they can be used again; the primary key prefix bounds the scan. */
    @SqlUpdate("DELETE FROM idempotency_keys WHERE user_id = :userId AND expires_at <= :now")
    int deleteExpired(@Bind("userId") long userId, @Bind("now") LocalDateTime now);
}
