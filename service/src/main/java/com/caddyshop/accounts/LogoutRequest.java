package com.caddyshop.accounts;

import jakarta.validation.constraints.Size;

/** {@code POST /api/auth/logout}: the refresh token to end along with the access token, if the client has one. */
public record LogoutRequest(@Size(max = 128) String refreshToken) {
    @Override
    public String toString() {
        return "LogoutRequest[<hidden>]";
    }
}
