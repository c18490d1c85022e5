package com.caddyshop.catalog;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.BindMethodsList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code inventory_ledger}: append-only. Times come from the database ({@code CURRENT_TIMESTAMP(3)}),
 * so every row keeps its milliseconds whatever the driver sends. Pages are newest first by
 * (created_at, id); the cursor's time is bound as text, which the database compares as a DATETIME
 * with its milliseconds (a bound date-time value would lose them on MariaDB, see StoredTimes).
 */
@RegisterConstructorMapper(StockMovement.class)
public interface InventoryLedgerDao {
    String COLUMNS = "id, product_id, delta, kind, order_id, actor_id, reason, created_at";

    /**
     * All rows of one stock change in one multi-row INSERT (at least one row). Not a {@code @SqlBatch}:
     * Connector/J rewrote the batch into a multi-row INSERT too, but prepared that on the server and
     * closed it again for every batch, two more round trips per order than this statement, which the
     * driver's cache keeps prepared per row count.
     */
    @SqlUpdate("INSERT INTO inventory_ledger (product_id, delta, kind, order_id, actor_id, reason) VALUES <entries>")
    void append(@BindMethodsList(value = "entries", methodNames = {"productId", "delta", "kind", "orderId", "actorId", "reason"})
                List<LedgerEntry> entries);

    @SqlUpdate("""
            INSERT INTO inventory_ledger (product_id, delta, kind, order_id, actor_id, reason)
            VALUES (:productId, :delta, :kind, :orderId, :actorId, :reason)""")
    @GetGeneratedKeys("id")
    long appendOne(@BindMethods LedgerEntry entry);

    @SqlQuery("SELECT " + COLUMNS + " FROM inventory_ledger WHERE id = :id")
    StockMovement find(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM inventory_ledger WHERE product_id = :productId"
            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<StockMovement> newest(@Bind("productId") long productId, @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM inventory_ledger WHERE product_id = :productId"
            + " AND (created_at < :before OR (created_at = :before AND id < :beforeId))"
            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<StockMovement> olderThan(@Bind("productId") long productId, @Bind("before") String before,
                                  @Bind("beforeId") long beforeId, @Bind("limit") int limit);
}
