--liquibase formatted sql

-- Issue 15: the whole catalogue's list indexes of migration 022 began with `active`, the list's one
-- equality. MariaDB 10.11 then had two ways to read a cursor page (WHERE active = 1 AND created_at <= k
-- ... ORDER BY created_at DESC LIMIT 20): a range from the cursor, or `ref` on active = 1 read from the
-- end of the list, which gives the same order. Whenever the range was estimated as large as the ref
-- (a cursor in the first half of the list) it chose the ref and walked from the top of the list down
-- to the cursor: 19,474 and 37,023 index entries for two pages in make bench's slow log (EXPLAIN:
-- type ref, key_len 1). These indexes end with `active` instead: no equality to compete with the
-- range, still covering (the page reads ids only), and the first pages are read in index order with
-- the few retired products skipped. The category indexes keep (category_id, active, ...): a wrong
-- choice there reads one category, not the catalogue.

--changeset caddy:030-products-order-indexes
CREATE INDEX idx_products_order_created ON products (created_at, id, active);
CREATE INDEX idx_products_order_price ON products (price, id, active);
CREATE INDEX idx_products_order_name ON products (name, id, active);
--rollback DROP INDEX idx_products_order_created ON products;
--rollback DROP INDEX idx_products_order_price ON products;
--rollback DROP INDEX idx_products_order_name ON products;

--changeset caddy:030-drop-products-list-indexes
DROP INDEX idx_products_list_created ON products;
DROP INDEX idx_products_list_price ON products;
DROP INDEX idx_products_list_name ON products;
--rollback CREATE INDEX idx_products_list_created ON products (active, created_at, id);
--rollback CREATE INDEX idx_products_list_price ON products (active, price, id);
--rollback CREATE INDEX idx_products_list_name ON products (active, name, id);
