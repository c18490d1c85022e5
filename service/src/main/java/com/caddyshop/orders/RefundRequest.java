package com.caddyshop.orders;

import jakarta.validation.constraints.Size;

/** Body of {@code POST /admin/orders/{id}/refund} (optional): why, kept with the refund. */
public record RefundRequest(@Size(max = 200) String reason) {
}
