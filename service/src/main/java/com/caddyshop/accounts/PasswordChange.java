package com.caddyshop.accounts;

import com.caddyshop.accounts.validation.Utf8Length;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code PUT /api/users/me/password}: the current password, and a new one under the registration rules. */
public record PasswordChange(
        @NotNull @Size(max = 1024) String currentPassword,
        @NotNull @Utf8Length(min = 8, max = PasswordHasher.MAX_PASSWORD_BYTES) String newPassword) {

    @Override
    public String toString() {
        return "PasswordChange[<hidden>]";
    }
}
