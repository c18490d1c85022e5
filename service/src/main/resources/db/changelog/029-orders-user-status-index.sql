--liquibase formatted sql

-- The admin search by customer and status (issue 16) sorted by (created_at, id): with idx_orders_user_status
-- (user_id, status) MariaDB chose that index once a test database held a few more paid orders, and sorted the
-- customer's orders with a filesort. Extending it by (created_at, id) serves that search in order and still
-- serves every (user_id, status) lookup it served (checkout's locking read of the PENDING orders).

--changeset caddy:029-orders-user-status-created-index
CREATE INDEX idx_orders_user_status_created ON orders (user_id, status, created_at, id);
--rollback DROP INDEX idx_orders_user_status_created ON orders;

--changeset caddy:029-drop-orders-user-status
DROP INDEX idx_orders_user_status ON orders;
--rollback CREATE INDEX idx_orders_user_status ON orders (user_id, status);
