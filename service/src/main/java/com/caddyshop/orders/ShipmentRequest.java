package com.caddyshop.orders;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /admin/orders/{id}/fulfilment}: the carrier and the parcel's tracking number. */
public record ShipmentRequest(
        @NotBlank @Size(max = 50) String carrier,
        @NotBlank @Size(max = 100) @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be visible ASCII characters")
        String trackingNumber) {
}
