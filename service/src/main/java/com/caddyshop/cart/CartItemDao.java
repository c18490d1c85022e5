package com.caddyshop.cart;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/**
 * Cart lines in SQL. Every statement is scoped by user id, so no caller can touch another user's cart.
 * Queries of lines select {@code product_id, quantity} in that order ({@link CartItemMapper}).
 */
@RegisterRowMapper(CartItemMapper.class)
public interface CartItemDao {

    @SqlQuery("SELECT product_id, quantity FROM cart_items WHERE user_id = :userId ORDER BY product_id")
    List<CartItem> items(@Bind("userId") long userId);

    /**
     * The cart as it is shown, in one round trip: each line with what it shows of its product (only the
     * columns the cart prints; the products' descriptions stay unread), or NULLs when the product is not
     * active. Without locks, in product id order.
     */
    @SqlQuery("""
            SELECT ci.product_id, ci.quantity, p.sku, p.name, p.price, p.stock
            FROM cart_items ci LEFT JOIN products p ON p.id = ci.product_id AND p.active = 1
            WHERE ci.user_id = :userId ORDER BY ci.product_id""")
    @UseRowMapper(CartLineMapper.class)
    List<CartLine> lines(@Bind("userId") long userId);

    /**
     * The lines of a cart that is about to become an order, locked so that a concurrent
     * {@code PUT /cart/items} waits for the checkout instead of changing what is being bought.
     */
    @SqlQuery("SELECT product_id, quantity FROM cart_items WHERE user_id = :userId ORDER BY product_id FOR UPDATE")
    List<CartItem> lockItems(@Bind("userId") long userId);

    @SqlQuery("SELECT COUNT(*) FROM cart_items WHERE user_id = :userId")
    int countLines(@Bind("userId") long userId);

    /** PUT semantics: the quantity replaces what was there. */
    @SqlUpdate("""
            INSERT INTO cart_items (user_id, product_id, quantity)
            VALUES (:userId, :productId, :quantity)
            ON DUPLICATE KEY UPDATE quantity = :quantity, updated_at = CURRENT_TIMESTAMP(3)""")
    void put(@Bind("userId") long userId, @Bind("productId") long productId, @Bind("quantity") int quantity);

    @SqlUpdate("DELETE FROM cart_items WHERE user_id = :userId AND product_id = :productId")
    int remove(@Bind("userId") long userId, @Bind("productId") long productId);

    /**
     * Removes the given lines only: checkout reads its lines under READ COMMITTED, which locks the lines
     * it read but not the gaps between them, so a line added to the cart meanwhile is not part of the
     * order and must stay in the cart.
     */
    @SqlUpdate("DELETE FROM cart_items WHERE user_id = :userId AND product_id IN (<productIds>)")
    int removeLines(@Bind("userId") long userId, @BindList("productIds") Collection<Long> productIds);
}
