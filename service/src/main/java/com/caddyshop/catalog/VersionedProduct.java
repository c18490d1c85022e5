package com.caddyshop.catalog;

import org.jdbi.v3.core.mapper.Nested;

/** A product with the version its ETag carries (admins read it to edit the product with If-Match). */
public record VersionedProduct(@Nested ProductView product, int version) {
}
