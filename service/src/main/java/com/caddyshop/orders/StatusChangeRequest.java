package com.caddyshop.orders;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /admin/orders/{id}/status}: the target status by name, and optionally why
 * (kept with the refund when a paid order is cancelled).
 */
public record StatusChangeRequest(@NotBlank String status, @Size(max = 200) String reason) {
}
