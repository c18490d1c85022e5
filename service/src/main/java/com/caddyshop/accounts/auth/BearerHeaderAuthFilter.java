package com.caddyshop.accounts.auth;

import com.caddyshop.accounts.AuthenticatedUser;
import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Reads the access token from {@code Authorization: Bearer ...} only. Dropwizard's OAuth filter
 * also accepts an {@code access_token} query parameter, which leaks tokens into access logs,
 * proxies and browser history; this one does not.
 */
@Priority(Priorities.AUTHENTICATION)
public final class BearerHeaderAuthFilter extends AuthFilter<BearerToken, AuthenticatedUser> {
    static final String SCHEME = "Bearer";

    @Override
    public void filter(ContainerRequestContext request) {
        String token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token == null || !authenticate(request, new BearerToken(token, request), SCHEME)) {
            throw unauthorizedHandler.buildException(prefix, realm);
        }
    }

    static String bearerToken(String header) {
        if (header == null) {
            return null;
        }
        int space = header.indexOf(' ');
        if (space <= 0 || !SCHEME.equalsIgnoreCase(header.substring(0, space))) {
            return null;
        }
        String token = header.substring(space + 1).trim();
        return token.isEmpty() ? null : token;
    }

    /** Builds the filter the way Dropwizard's auth filters are built. */
    public static final class Builder extends AuthFilterBuilder<BearerToken, AuthenticatedUser, BearerHeaderAuthFilter> {
        @Override
        protected BearerHeaderAuthFilter newInstance() {
            return new BearerHeaderAuthFilter();
        }
    }
}
