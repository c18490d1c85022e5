package com.caddyshop.accounts.admin;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.AllowUnusedBindings;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Accounts listed and searched for admins, in e-mail order ({@link UserFilter}); never the password hash. */
@RegisterConstructorMapper(AdminUserView.class)
public interface UserDirectoryDao {
    @SqlQuery("SELECT id, email, role, status, created_at FROM users WHERE <filter> ORDER BY email LIMIT :limit")
    @AllowUnusedBindings
    List<AdminUserView> page(@Define("filter") String filter, @Bind("emailPattern") String emailPattern,
                             @Bind("role") String role, @Bind("status") String status, @Bind("after") Long after,
                             @Bind("limit") int limit);
}
