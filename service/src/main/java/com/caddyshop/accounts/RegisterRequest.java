package com.caddyshop.accounts;

import com.caddyshop.accounts.validation.Utf8Length;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/auth/register}. The password is 8 to 72 bytes: bcrypt ignores anything past 72,
 * so a longer one is refused rather than silently shortened. The e-mail needs a dotted domain.
 */
public record RegisterRequest(
        @NotBlank @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+") String email,
        @NotNull @Utf8Length(min = 8, max = PasswordHasher.MAX_PASSWORD_BYTES) String password,
        @Size(max = 100) String displayName) {

    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + ", password=<hidden>]";
    }
}
