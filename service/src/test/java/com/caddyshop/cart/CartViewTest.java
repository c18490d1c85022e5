package com.caddyshop.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cart arithmetic: exact decimals at scale 2, unavailable lines left out of the totals. */
class CartViewTest {
    private static CartProduct product(long id, String price, int stock) {
        return new CartProduct(id, "SKU-" + id, "P" + id, new BigDecimal(price), stock);
    }

    @Test
    void totalsAreExactAndAtScaleTwo() {
        CartView cart = CartView.of(List.of(new CartItem(1, 3), new CartItem(2, 7)),
                Map.of(1L, product(1, "0.1", 10), 2L, product(2, "19.99", 5)));
        assertThat(cart.items()).extracting(CartLineView::lineTotal)
                .containsExactly(new BigDecimal("0.30"), new BigDecimal("139.93"));
        assertThat(cart.items().get(0).unitPrice()).isEqualTo(new BigDecimal("0.10"));
        assertThat(cart.total()).isEqualTo(new BigDecimal("140.23"));
        assertThat(cart.itemCount()).isEqualTo(10);
        assertThat(cart.items()).extracting(CartLineView::inStock).containsExactly(true, false);
    }

    @Test
    void linesWithoutAnActiveProductAreListedApartAndNotPriced() {
        CartView cart = CartView.of(List.of(new CartItem(1, 1), new CartItem(9, 2)), Map.of(1L, product(1, "5.00", 1)));
        assertThat(cart.items()).hasSize(1);
        assertThat(cart.unavailableProductIds()).containsExactly(9L);
        assertThat(cart.total()).isEqualTo(new BigDecimal("5.00"));
    }

    @Test
    void anEmptyCartTotalsZeroPointZeroZero() {
        CartView cart = CartView.of(List.of(), Map.of());
        assertThat(cart.total()).isEqualTo(new BigDecimal("0.00"));
        assertThat(cart.items()).isEmpty();
    }

    @Test
    void aPutLineReplacesOrJoinsTheCartInProductIdOrder() {
        List<CartItem> cart = List.of(new CartItem(3, 1), new CartItem(7, 2));
        assertThat(CartService.withLine(cart, new CartItem(7, 5)))
                .containsExactly(new CartItem(3, 1), new CartItem(7, 5));
        assertThat(CartService.withLine(cart, new CartItem(1, 4)))
                .containsExactly(new CartItem(1, 4), new CartItem(3, 1), new CartItem(7, 2));
        assertThat(CartService.withLine(cart, new CartItem(5, 4)))
                .containsExactly(new CartItem(3, 1), new CartItem(5, 4), new CartItem(7, 2));
        assertThat(CartService.withLine(cart, new CartItem(9, 4)))
                .containsExactly(new CartItem(3, 1), new CartItem(7, 2), new CartItem(9, 4));
        assertThat(CartService.withLine(List.of(), new CartItem(9, 4))).containsExactly(new CartItem(9, 4));
    }
}
