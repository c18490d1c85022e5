--liquibase formatted sql

-- Payments (issue 16): checkout writes the order's payment intent with the order itself (no extra
-- statement): a random, unguessable id the payment provider quotes back in its signed webhook events.
-- Not unique in the schema (orders is partitioned by created_at, and MariaDB's unique keys must contain
-- the partitioning column); 128 random bits make a collision practically impossible.

--changeset caddy:025-orders-payment-intent
ALTER TABLE orders ADD COLUMN payment_intent VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NULL;
--rollback ALTER TABLE orders DROP COLUMN payment_intent;

--changeset caddy:025-orders-payment-status
-- REQUIRES_PAYMENT, FAILED, SUCCEEDED or REFUNDED; NULL for orders placed before payments existed.
ALTER TABLE orders ADD COLUMN payment_status VARCHAR(16) NULL;
--rollback ALTER TABLE orders DROP COLUMN payment_status;

--changeset caddy:025-orders-payment-intent-index
CREATE INDEX idx_orders_payment_intent ON orders (payment_intent);
--rollback DROP INDEX idx_orders_payment_intent ON orders;

--changeset caddy:025-payment-events
-- Every webhook event applied (or deliberately ignored), by the provider's event id: a second delivery
-- of an event is answered without applying it again. signed_at is the delivery's signature time, so the
-- very same signed request sent again (a replay) is told from the provider's own re-delivery.
CREATE TABLE payment_events (
  event_id VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  event_type VARCHAR(40) NOT NULL,
  payment_intent VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  outcome VARCHAR(24) NOT NULL,
  signed_at BIGINT NOT NULL,
  received_at DATETIME(3) NOT NULL,
  PRIMARY KEY (event_id) /*T![clustered_index] NONCLUSTERED */,
  KEY idx_payment_events_intent (payment_intent),
  KEY idx_payment_events_received (received_at)
) DEFAULT CHARSET = utf8mb4;
--rollback DROP TABLE payment_events;

--changeset caddy:025-order-refunds-payment
-- A refund is recorded against the order's payment: by an admin (refunded_by) or by the provider (a
-- webhook event, refunded_by NULL).
ALTER TABLE order_refunds ADD COLUMN payment_intent VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NULL;
--rollback ALTER TABLE order_refunds DROP COLUMN payment_intent;

--changeset caddy:025-order-refunds-source
ALTER TABLE order_refunds ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'ADMIN';
--rollback ALTER TABLE order_refunds DROP COLUMN source;

--changeset caddy:025-order-refunds-event
ALTER TABLE order_refunds ADD COLUMN provider_event_id VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL;
--rollback ALTER TABLE order_refunds DROP COLUMN provider_event_id;

--changeset caddy:025-order-refunds-by-nullable
ALTER TABLE order_refunds MODIFY refunded_by BIGINT NULL;
--rollback ALTER TABLE order_refunds MODIFY refunded_by BIGINT NOT NULL;
