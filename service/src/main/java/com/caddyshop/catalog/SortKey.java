package com.caddyshop.catalog;

import java.math.BigDecimal;

/**
 * What a keyset cursor's product is ordered by, in each sort ({@link ProductSort#keyOf}). The time
 * is text with its fraction, as the database wrote it: Connector/J would send a bound time to
 * MariaDB without its milliseconds (see StoredTimes), and a seek from a rounded time skips or repeats
 * products created in the same second.
 */
public record SortKey(BigDecimal price, String createdAt, String name) {
}
