package com.caddyshop.orders;

import java.time.LocalDateTime;
import org.jdbi.v3.core.mapper.PropagateNull;

/** How a shipped order travels: the carrier and its tracking number, and when it left. Absent until shipped. */
@PropagateNull("trackingNumber")
public record Fulfilment(String carrier, String trackingNumber, LocalDateTime shippedAt) {
}
