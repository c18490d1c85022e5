--liquibase formatted sql

-- One refund per paid order an admin cancels, written in the same transaction as the cancellation
-- and the restock. Keyed by the order (ids are AUTO_RANDOM on TiDB, so the key scatters); no foreign
-- key, as orders is partitioned.

--changeset caddy:007-order-refunds
CREATE TABLE order_refunds (
  order_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  amount DECIMAL(14, 2) NOT NULL,
  currency CHAR(3) NOT NULL,
  refunded_by BIGINT NOT NULL,
  reason VARCHAR(200) NULL,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (order_id) /*T![clustered_index] CLUSTERED */,
  CONSTRAINT chk_order_refunds_amount CHECK (amount >= 0)
) DEFAULT CHARSET = utf8mb4;
--rollback DROP TABLE order_refunds;
