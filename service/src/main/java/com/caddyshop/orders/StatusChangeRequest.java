package com.caddyshop.orders;

import jakarta.validation.constraints.NotBlank;

/** Body of {@code POST /admin/orders/{id}/status}: the target status by name. */
public record StatusChangeRequest(@NotBlank String status) {
}
