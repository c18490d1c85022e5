package com.caddyshop.accounts.auth;

import jakarta.ws.rs.container.ContainerRequestContext;

/** The credentials of a request: its bearer token, with the request it came with (see {@link VerifiedTokens}). */
public record BearerToken(String value, ContainerRequestContext request) {
}
