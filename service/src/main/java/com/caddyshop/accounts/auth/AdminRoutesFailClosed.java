package com.caddyshop.accounts.auth;

import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.platform.errors.ApiException;
import io.dropwizard.auth.Authorizer;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * {@code @RolesAllowed}: the token's role must be the one required, and a role-protected (admin)
 * route also needs the token's revocation to have been checked. While Redis cannot answer, a
 * logged-out admin token cannot be told from a live one, so admin routes answer 503 with
 * {@code Retry-After} rather than serve it; customer routes go on (the generation was still checked
 * against the database, and the token is short-lived).
 */
public final class AdminRoutesFailClosed implements Authorizer<AuthenticatedUser> {
    static final String UNCHECKED = AdminRoutesFailClosed.class.getName() + ".unchecked";
    static final long RETRY_AFTER_SECONDS = 5;
    static final String MESSAGE = "Sign-in checks are unavailable; admin requests are refused until they are back";

    static void markUnchecked(ContainerRequestContext request) {
        request.setProperty(UNCHECKED, Boolean.TRUE);
    }

    @Override
    public boolean authorize(AuthenticatedUser user, String role, ContainerRequestContext request) {
        if (!user.role().name().equals(role)) {
            return false;
        }
        if (request != null && Boolean.TRUE.equals(request.getProperty(UNCHECKED))) {
            throw ApiException.busy(MESSAGE, RETRY_AFTER_SECONDS);
        }
        return true;
    }
}
