package com.caddyshop.accounts.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.AllowUnusedBindings;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code admin_audit}: appended to in the transaction of each admin change, read newest first. */
@RegisterConstructorMapper(AuditEntry.class)
public interface AuditDao {
    String COLUMNS = "id, created_at, actor_id, actor_email, action, target_user_id, old_value, new_value, reason, client_ip";

    @SqlUpdate("""
            INSERT INTO admin_audit (created_at, actor_id, actor_email, action, target_user_id, old_value, new_value,
                                     reason, client_ip)
            VALUES (:at, :actorId, :actorEmail, :action, :targetUserId, :from, :to, :reason, :clientIp)""")
    void insert(@Bind("at") Instant at, @Bind("actorId") long actorId, @Bind("actorEmail") String actorEmail,
                @Bind("action") String action, @Bind("targetUserId") long targetUserId, @Bind("from") String from,
                @Bind("to") String to, @Bind("reason") String reason, @Bind("clientIp") String clientIp);

    @SqlQuery("SELECT created_at FROM admin_audit WHERE id = :id")
    Optional<Instant> createdAt(@Bind("id") long id);

    /**
     * Newest first, by (created_at, id): ids are not in time order on TiDB (AUTO_RANDOM). The
     * conditions are constant fragments; {@code :userId}, {@code :before} and {@code :beforeId} are bound.
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM admin_audit WHERE 1 = 1 <forUser> <afterCursor>"
            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
    @AllowUnusedBindings
    List<AuditEntry> page(@Define("forUser") String forUser, @Define("afterCursor") String afterCursor,
                          @Bind("userId") Long userId, @Bind("before") Instant before, @Bind("beforeId") Long beforeId,
                          @Bind("limit") int limit);

    String FOR_USER = "AND target_user_id = :userId";
    String AFTER_CURSOR = "AND (created_at < :before OR (created_at = :before AND id < :beforeId))";
}
