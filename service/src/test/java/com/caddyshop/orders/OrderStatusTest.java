package com.caddyshop.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The whole transition table, both the allowed moves and every forbidden one. */
class OrderStatusTest {

    @Test
    void onlyTheDocumentedTransitionsAreAllowed() {
        assertThat(OrderStatus.PENDING.next()).containsExactlyInAnyOrder(OrderStatus.PAID, OrderStatus.CANCELLED);
        assertThat(OrderStatus.PAID.next()).containsExactlyInAnyOrder(OrderStatus.SHIPPED, OrderStatus.CANCELLED);
        assertThat(OrderStatus.SHIPPED.next()).containsExactly(OrderStatus.DELIVERED);
        assertThat(OrderStatus.DELIVERED.next()).isEmpty();
        assertThat(OrderStatus.CANCELLED.next()).isEmpty();
        int allowed = 0;
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                if (from.canMoveTo(to)) {
                    allowed++;
                }
            }
            assertThat(from.canMoveTo(from)).as("%s to itself", from).isFalse();
        }
        assertThat(allowed).isEqualTo(5);
    }

    @Test
    void parsingIsExact() {
        for (OrderStatus status : EnumSet.allOf(OrderStatus.class)) {
            assertThat(OrderStatus.parse(status.name())).contains(status);
        }
        assertThat(OrderStatus.parse("paid")).isEmpty();
        assertThat(OrderStatus.parse(" PAID")).isEmpty();
        assertThat(OrderStatus.parse(null)).isEmpty();
    }
}
