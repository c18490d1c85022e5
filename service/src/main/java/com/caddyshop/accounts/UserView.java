package com.caddyshop.accounts;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

/** {@code GET /api/users/me} and the body of a successful registration. */
public record UserView(long id, String email, Role role, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
                       ProfileView profile) {
}
