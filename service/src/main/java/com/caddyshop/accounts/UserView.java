package com.caddyshop.accounts;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

/**
 * {@code GET /api/users/me} and the body of a successful registration. {@code emailVerified}: the account
 * opened the link of its verification mail.
 */
public record UserView(long id, String email, Role role, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
                       boolean emailVerified, ProfileView profile) {
}
