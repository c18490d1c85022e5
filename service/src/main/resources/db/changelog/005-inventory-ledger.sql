--liquibase formatted sql

-- The inventory ledger: one row per stock movement (an opening balance, an admin adjustment, an
-- order, its cancellation, expiry or refund), so a product's stock is always the sum of its rows and
-- the consistency check can prove it. Written on every checkout, so its key scatters on TiDB
-- (${idGenerator}) and the only secondary index leads with the product. Portable between TiDB and
-- MariaDB: no triggers or procedures. No foreign key: rows are appended in the same transaction as
-- the stock change they record, and products are never deleted (soft delete).

--changeset caddy:005-inventory-ledger
CREATE TABLE inventory_ledger (
  id BIGINT NOT NULL ${idGenerator},
  product_id BIGINT NOT NULL,
  delta INT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  order_id BIGINT NULL,
  actor_id BIGINT NULL,
  reason VARCHAR(200) NULL,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id) /*T![clustered_index] CLUSTERED */,
  -- A product's movements, newest first, paged by (created_at, id).
  KEY idx_inventory_ledger_product (product_id, created_at, id),
  CONSTRAINT chk_inventory_ledger_delta CHECK (delta <> 0)
) DEFAULT CHARSET = utf8mb4;
--rollback DROP TABLE inventory_ledger;

--changeset caddy:005-inventory-opening-balances
-- The stock every existing product has when the ledger begins, so stock = SUM(delta) from the start.
-- Stock that PENDING orders hold is already taken out of it; their cancellation adds a row later.
INSERT INTO inventory_ledger (product_id, delta, kind, reason)
SELECT id, stock, 'OPENING', 'stock when the ledger began' FROM products WHERE stock <> 0;
--rollback DELETE FROM inventory_ledger WHERE kind = 'OPENING' AND reason = 'stock when the ledger began';
