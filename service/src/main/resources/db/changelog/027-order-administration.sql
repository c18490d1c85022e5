--liquibase formatted sql

-- Order administration (issue 16): the admin search lists orders newest first by (created_at, id) with
-- keyset paging, filtered by customer, status and a date range, each served by an index ending in (created_at, id).
-- Without a customer or status filter it needs an index led by created_at; like idx_orders_status it grows
-- at its end on TiDB (a write hotspot on one region) - the price of listing orders by time, paid on inserts
-- that already wrote idx_orders_status the same way.

--changeset caddy:027-orders-created-index
CREATE INDEX idx_orders_created ON orders (created_at, id);
--rollback DROP INDEX idx_orders_created ON orders;

--changeset caddy:027-orders-status-index
-- The id is part of the sort ((created_at, id) breaks ties), so it is part of the index: MariaDB does not
-- extend the secondary indexes of a partitioned table with the primary key, and sorted otherwise.
CREATE INDEX idx_orders_status_created ON orders (status, created_at, id);
--rollback DROP INDEX idx_orders_status_created ON orders;

--changeset caddy:027-orders-user-index
CREATE INDEX idx_orders_user_created ON orders (user_id, created_at, id);
--rollback DROP INDEX idx_orders_user_created ON orders;

--changeset caddy:027-drop-orders-status
-- Replaced by idx_orders_status_created (a prefix of it serves every query this one served).
DROP INDEX idx_orders_status ON orders;
--rollback CREATE INDEX idx_orders_status ON orders (status, created_at);

--changeset caddy:027-drop-orders-user
-- Replaced by idx_orders_user_created.
DROP INDEX idx_orders_user ON orders;
--rollback CREATE INDEX idx_orders_user ON orders (user_id, created_at);

--changeset caddy:027-orders-carrier
-- Fulfilment: who carries the parcel and its tracking number, set when an admin ships the order.
ALTER TABLE orders ADD COLUMN shipping_carrier VARCHAR(50) NULL;
--rollback ALTER TABLE orders DROP COLUMN shipping_carrier;

--changeset caddy:027-orders-tracking-number
ALTER TABLE orders ADD COLUMN tracking_number VARCHAR(100) NULL;
--rollback ALTER TABLE orders DROP COLUMN tracking_number;

--changeset caddy:027-orders-shipped-at
ALTER TABLE orders ADD COLUMN shipped_at DATETIME(3) NULL;
--rollback ALTER TABLE orders DROP COLUMN shipped_at;
