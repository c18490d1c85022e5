package com.caddyshop.accounts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/auth/refresh}. */
public record RefreshRequest(@NotBlank @Size(max = 128) String refreshToken) {
    @Override
    public String toString() {
        return "RefreshRequest[<hidden>]";
    }
}
