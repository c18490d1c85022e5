package com.caddyshop.accounts;

import com.caddyshop.accounts.validation.Utf8Length;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/auth/password-reset/confirm}: the mailed token and the new password (8 to 72 bytes, as at registration). */
public record PasswordResetConfirmation(
        @NotBlank @Size(max = 100) String token,
        @NotNull @Utf8Length(min = 8, max = PasswordHasher.MAX_PASSWORD_BYTES) String newPassword) {

    @Override
    public String toString() {
        return "PasswordResetConfirmation[token=<hidden>, newPassword=<hidden>]";
    }
}
