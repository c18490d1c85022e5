package com.caddyshop.accounts.admin;

import com.caddyshop.accounts.AccessRevocation;
import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.accounts.ClientInfo;
import com.caddyshop.accounts.Role;
import com.caddyshop.accounts.UserDao;
import com.caddyshop.accounts.UserRecord;
import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.errors.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Admins manage accounts: list and search them, disable and enable them, change their role. Each
 * change is written to {@code admin_audit} in its own transaction (who, when, what, from which
 * address), and ends the account's access tokens at once where it takes something away: disabling
 * ends every session, a role change every access token (the next refresh carries the new role).
 *
 * <p>The shop never loses its last active admin: a change that would disable or demote it is
 * refused with 409, whoever makes it (an admin demoting or disabling themselves included). The
 * active admins are locked while this is decided, so two admins demoting each other at once cannot
 * both succeed.
 */
public final class AdminUserService {
    static final String USER_DISABLED = "USER_DISABLED";
    static final String USER_ENABLED = "USER_ENABLED";
    static final String ROLE_CHANGED = "ROLE_CHANGED";
    static final String LAST_ADMIN = "The shop must keep at least one active admin: make another account admin first";
    static final String NOT_PUBLISHED =
            "The change is saved, but the account's access tokens could not be ended yet; repeat the request";

    private final RetryableTransactions transactions;
    private final AccessRevocation revocation;
    private final Clock clock;

    public AdminUserService(RetryableTransactions transactions, AccessRevocation revocation, Clock clock) {
        this.transactions = transactions;
        this.revocation = revocation;
        this.clock = clock;
    }

    public UserPage list(UserFilter filter, int limit) {
        List<AdminUserView> rows = transactions.inTransaction(handle -> handle.attach(UserDirectoryDao.class)
                .page(filter.sql(), filter.emailPattern(), filter.role(), filter.status(), filter.after(), limit + 1));
        boolean more = rows.size() > limit;
        List<AdminUserView> items = more ? rows.subList(0, limit) : rows;
        return new UserPage(List.copyOf(items), more ? Long.toString(items.get(items.size() - 1).id()) : null);
    }

    public AdminUserView get(long id) {
        return transactions.inTransaction(handle -> handle.attach(UserDao.class).findById(id))
                .map(AdminUserView::of).orElseThrow(AdminUserService::notFound);
    }

    public AuditPage audit(Long userId, Long after, int limit) {
        List<AuditEntry> rows = transactions.inTransaction(handle -> {
            AuditDao audit = handle.attach(AuditDao.class);
            Optional<Instant> before = after == null ? Optional.empty() : audit.createdAt(after);
            if (after != null && before.isEmpty()) {
                return List.of();
            }
            return audit.page(userId == null ? "" : AuditDao.FOR_USER, after == null ? "" : AuditDao.AFTER_CURSOR,
                    userId, before.orElse(null), after, limit + 1);
        });
        boolean more = rows.size() > limit;
        List<AuditEntry> items = more ? rows.subList(0, limit) : rows;
        return new AuditPage(List.copyOf(items), more ? Long.toString(items.get(items.size() - 1).id()) : null);
    }

    public AdminUserView changeStatus(AuthenticatedUser admin, long id, StatusChange change, String clientAddress) {
        return apply(id, (handle, target) -> {
            if (target.status().equals(change.status())) {
                return target.tokenGeneration();
            }
            boolean disabling = UserRecord.DISABLED.equals(change.status());
            if (disabling) {
                requireAnotherActiveAdmin(handle, target);
            }
            handle.attach(UserDao.class).updateStatus(id, change.status());
            audit(handle, admin, disabling ? USER_DISABLED : USER_ENABLED, target, target.status(), change.status(),
                    change.reason(), clientAddress);
            return disabling ? revocation.endEverySession(handle, id) : target.tokenGeneration();
        });
    }

    public AdminUserView changeRole(AuthenticatedUser admin, long id, RoleChange change, String clientAddress) {
        Role role = Role.valueOf(change.role());
        return apply(id, (handle, target) -> {
            if (target.role() == role) {
                return target.tokenGeneration();
            }
            if (role != Role.ADMIN) {
                requireAnotherActiveAdmin(handle, target);
            }
            handle.attach(UserDao.class).updateRole(id, role);
            audit(handle, admin, ROLE_CHANGED, target, target.role().name(), role.name(), change.reason(), clientAddress);
            return revocation.bumpGeneration(handle, id);
        });
    }

    /**
     * Runs a change on the locked account; then publishes the account's token generation, also when
     * nothing changed, so repeating a request whose publication failed completes it.
     */
    private AdminUserView apply(long id, Change change) {
        Applied applied = transactions.inTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            UserRecord target = users.lockById(id).orElseThrow(AdminUserService::notFound);
            long generation = change.apply(handle, target);
            return new Applied(AdminUserView.of(users.findById(id).orElseThrow()), generation);
        });
        if (!revocation.publish(id, applied.generation())) {
            throw ApiException.busy(NOT_PUBLISHED, 5);
        }
        return applied.user();
    }

    /** When {@code target} is an active admin, another active admin must remain. */
    private static void requireAnotherActiveAdmin(Handle handle, UserRecord target) {
        if (target.role() != Role.ADMIN || !target.isActive()) {
            return;
        }
        List<Long> admins = handle.attach(UserDao.class).lockActiveAdmins();
        if (admins.stream().noneMatch(admin -> admin != target.id())) {
            throw ApiException.conflict(LAST_ADMIN, List.of());
        }
    }

    private void audit(Handle handle, AuthenticatedUser admin, String action, UserRecord target, String from, String to,
                       String reason, String clientAddress) {
        // ClientInfo bounds the address to its column, as it does for sessions.
        handle.attach(AuditDao.class).insert(clock.instant(), admin.id(), admin.email(), action, target.id(), from, to,
                reason == null || reason.isBlank() ? null : reason.strip(), new ClientInfo(clientAddress, null).address());
    }

    private static ApiException notFound() {
        return ApiException.notFound("Account not found");
    }

    /** A change of one locked account, in the transaction; returns the account's token generation afterwards. */
    @FunctionalInterface
    private interface Change {
        long apply(Handle handle, UserRecord target);
    }

    private record Applied(AdminUserView user, long generation) {
    }
}
