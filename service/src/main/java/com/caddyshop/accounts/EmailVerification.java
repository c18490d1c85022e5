package com.caddyshop.accounts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/auth/verify-email}: the {@code token} of the verification mail's link. */
public record EmailVerification(@NotBlank @Size(max = 100) String token) {
    @Override
    public String toString() {
        return "EmailVerification[token=<hidden>]";
    }
}
