package com.caddyshop.cart;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code product_id, quantity, sku, name, price, stock} by position, the product's columns NULL when the
 * outer join found no active product (sku is NOT NULL in {@code products}, so NULL there means "none").
 * Public: Jdbi instantiates a registered mapper class reflectively.
 */
public final class CartLineMapper implements RowMapper<CartLine> {
    @Override
    public CartLine map(ResultSet rs, StatementContext ctx) throws SQLException {
        CartItem item = new CartItem(rs.getLong(1), rs.getInt(2));
        String sku = rs.getString(3);
        if (sku == null) {
            return new CartLine(item, null);
        }
        return new CartLine(item, new CartProduct(item.productId(), sku, rs.getString(4), rs.getBigDecimal(5), rs.getInt(6)));
    }
}
