package com.caddyshop.accounts.admin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PUT /api/admin/users/{id}/status}: {@code ACTIVE} or {@code DISABLED}, and why (kept in the audit). */
public record StatusChange(
        @NotNull @Pattern(regexp = "ACTIVE|DISABLED", message = "must be ACTIVE or DISABLED") String status,
        @Size(max = 500) String reason) {
}
