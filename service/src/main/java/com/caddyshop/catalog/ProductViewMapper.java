package com.caddyshop.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link ProductDao#COLUMNS} by position. Jdbi's constructor mapper matches the ten column names to
 * the record's parameters again for every result set, on every cache miss, list page and checkout;
 * reading by position skips that. The two times go through Jdbi's own {@code Instant} column mapper,
 * so they read exactly as before.
 * Public: Jdbi instantiates a registered mapper class reflectively.
 */
public final class ProductViewMapper implements RowMapper<ProductView> {
    @Override
    public ProductView map(ResultSet rs, StatementContext ctx) throws SQLException {
        return specialize(rs, ctx).map(rs, ctx);
    }

    @Override
    public RowMapper<ProductView> specialize(ResultSet rs, StatementContext ctx) {
        ColumnMapper<Instant> instant = ctx.findColumnMapperFor(Instant.class)
                .orElseThrow(() -> new IllegalStateException("Jdbi maps Instant columns out of the box"));
        return (row, context) -> new ProductView(row.getLong(1), row.getString(2), row.getString(3),
                row.getString(4), row.getString(5), row.getBigDecimal(6), row.getInt(7), row.getString(8),
                instant.map(row, 9, context), instant.map(row, 10, context));
    }
}
