package com.caddyshop.catalog;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Stock taken and given back inside an order's transaction. Apart from {@link ProductDao} because
 * attaching a SQL object costs Jdbi one handler per method of the interface, paid again on every
 * attach, and checkout attaches per order.
 */
public interface StockDao {
    /*
     * Stock movements leave the version alone: it guards an admin's edit of the other fields, which
     * a sale must not make stale (a popular product would otherwise refuse every edit with 412).
     */

    /** The conditional decrement that makes overselling impossible: 0 rows means not enough stock. */
    @SqlUpdate("""
            UPDATE products SET stock = stock - :quantity, updated_at = CURRENT_TIMESTAMP(3)
            WHERE id = :id AND active = 1 AND stock >= :quantity""")
    int takeStock(@Bind("id") long id, @Bind("quantity") int quantity);

    /** Gives stock back (a cancelled order), also to a product deactivated since. */
    @SqlUpdate("""
            UPDATE products SET stock = stock + :quantity, updated_at = CURRENT_TIMESTAMP(3)
            WHERE id = :id""")
    int returnStock(@Bind("id") long id, @Bind("quantity") int quantity);
}
