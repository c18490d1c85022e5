package com.caddyshop.catalog;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An active product as clients and other features see it. Money is a {@link BigDecimal} with scale 2;
 * {@code imageUrl} is {@code /uploads/<name>} or {@code null}. Timestamps are ISO-8601 strings in JSON.
 */
public record ProductView(
        long id,
        String categorySlug,
        String sku,
        String name,
        String description,
        BigDecimal price,
        int stock,
        String imageUrl,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant updatedAt) {
}
