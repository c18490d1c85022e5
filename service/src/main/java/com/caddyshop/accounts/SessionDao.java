package com.caddyshop.accounts;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code user_sessions}: refresh tokens by their hash, grouped in families (one per login). */
@RegisterConstructorMapper(SessionRecord.class)
public interface SessionDao {
    @SqlUpdate("""
            INSERT INTO user_sessions (user_id, refresh_token_hash, family_id, user_agent, client_ip, created_at, expires_at,
                                       family_expires_at)
            VALUES (:userId, :tokenHash, :familyId, :userAgent, :clientIp, :now, :expiresAt, :familyExpiresAt)""")
    void insert(@Bind("userId") long userId, @Bind("tokenHash") String tokenHash, @Bind("familyId") String familyId,
                @Bind("userAgent") String userAgent, @Bind("clientIp") String clientIp, @Bind("now") Instant now,
                @Bind("expiresAt") Instant expiresAt, @Bind("familyExpiresAt") Instant familyExpiresAt);

    /** Locks the row, so two refreshes with one token are decided one after the other. */
    @SqlQuery("""
            SELECT id, user_id, family_id, created_at, expires_at, family_expires_at, revoked_at, rotated_at FROM user_sessions
            WHERE refresh_token_hash = :tokenHash FOR UPDATE""")
    Optional<SessionRecord> lockByTokenHash(@Bind("tokenHash") String tokenHash);

    /** A refresh replaced the token with its successor. */
    @SqlUpdate("UPDATE user_sessions SET revoked_at = :now, rotated_at = :now WHERE id = :id AND revoked_at IS NULL")
    int rotate(@Bind("id") long id, @Bind("now") Instant now);

    @SqlUpdate("UPDATE user_sessions SET revoked_at = :now WHERE family_id = :familyId AND revoked_at IS NULL")
    int revokeFamily(@Bind("familyId") String familyId, @Bind("now") Instant now);

    /** Every login of the account ends (disable, password change, log out everywhere, reuse). */
    @SqlUpdate("UPDATE user_sessions SET revoked_at = :now WHERE user_id = :userId AND revoked_at IS NULL")
    int revokeAllOfUser(@Bind("userId") long userId, @Bind("now") Instant now);
}
