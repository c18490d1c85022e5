package com.caddyshop.cart;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code product_id, quantity} by position. Jdbi's constructor mapper matches column names to
 * parameters again for every result set, which a checkout profile showed as a visible share of a
 * cart request's CPU; two columns read by position cost nothing.
 */
public final class CartItemMapper implements RowMapper<CartItem> {
    @Override
    public CartItem map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new CartItem(rs.getLong(1), rs.getInt(2));
    }
}
