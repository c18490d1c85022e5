package com.caddyshop.accounts.admin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PUT /api/admin/users/{id}/role}: {@code CUSTOMER} or {@code ADMIN}, and why (kept in the audit). */
public record RoleChange(
        @NotNull @Pattern(regexp = "CUSTOMER|ADMIN", message = "must be CUSTOMER or ADMIN") String role,
        @Size(max = 500) String reason) {
}
