package com.caddyshop.orders;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The order life cycle: PENDING -> PAID -> SHIPPED -> DELIVERED, and CANCELLED from PENDING or PAID. */
public enum OrderStatus {
    PENDING,
    PAID,
    SHIPPED,
    DELIVERED,
    CANCELLED;

    public Set<OrderStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(PAID, CANCELLED);
            case PAID -> EnumSet.of(SHIPPED, CANCELLED);
            case SHIPPED -> EnumSet.of(DELIVERED);
            case DELIVERED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canMoveTo(OrderStatus target) {
        return next().contains(target);
    }

    /** Parses a client-supplied name exactly (upper case), so "paid" is not silently accepted as PAID. */
    public static Optional<OrderStatus> parse(String name) {
        return Arrays.stream(values()).filter(status -> status.name().equals(name)).findFirst();
    }

    static String allNames() {
        return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
    }
}
