--liquibase formatted sql

-- Checkout counts the units a customer already holds in PENDING orders (ORDER_MAX_PENDING_UNITS):
-- this index finds them without reading the customer's whole order history.

--changeset caddy:006-orders-user-status
CREATE INDEX idx_orders_user_status ON orders (user_id, status);
--rollback DROP INDEX idx_orders_user_status ON orders;
