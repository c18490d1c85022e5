--liquibase formatted sql

-- Issue 15: a product list is read in index order, never sorted afterwards, so a page costs the rows
-- it shows (and, for deep pages, a keyset seek: see ProductSort) whatever the page number, and a
-- list's total is counted in the index alone. Each index starts with the list's equalities (the
-- category when there is one, then active = 1), then the sort's column, then the id that breaks ties.
-- These six replace the four single-purpose ones, which served no other query: (created_at, id),
-- (price, id), (name) and (category_id, id) read inactive products and sorted category pages. The
-- category's foreign key is served by any index that starts with category_id.

--changeset caddy:022-products-list-indexes
CREATE INDEX idx_products_list_created ON products (active, created_at, id);
CREATE INDEX idx_products_list_price ON products (active, price, id);
CREATE INDEX idx_products_list_name ON products (active, name, id);
CREATE INDEX idx_products_category_created ON products (category_id, active, created_at, id);
CREATE INDEX idx_products_category_price ON products (category_id, active, price, id);
CREATE INDEX idx_products_category_name ON products (category_id, active, name, id);
DROP INDEX idx_products_category ON products;
DROP INDEX idx_products_created ON products;
DROP INDEX idx_products_price ON products;
DROP INDEX idx_products_name ON products;
--rollback CREATE INDEX idx_products_category ON products (category_id, id);
--rollback CREATE INDEX idx_products_created ON products (created_at, id);
--rollback CREATE INDEX idx_products_price ON products (price, id);
--rollback CREATE INDEX idx_products_name ON products (name);
--rollback DROP INDEX idx_products_list_created ON products;
--rollback DROP INDEX idx_products_list_price ON products;
--rollback DROP INDEX idx_products_list_name ON products;
--rollback DROP INDEX idx_products_category_created ON products;
--rollback DROP INDEX idx_products_category_price ON products;
--rollback DROP INDEX idx_products_category_name ON products;
