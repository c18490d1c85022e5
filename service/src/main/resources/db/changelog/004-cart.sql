--liquibase formatted sql

-- The per-user cart. Portable between TiDB and MariaDB (no triggers or procedures). Prices are not
-- stored: the cart always shows the catalog's current price, and an order copies the price at checkout.

--changeset caddy:004-cart-items
CREATE TABLE cart_items (
  user_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  quantity INT NOT NULL,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  -- One row per product and user; the user id leads so a user's cart is one key range (and on TiDB
  -- user ids are AUTO_RANDOM, so carts spread over regions instead of piling onto the newest one).
  PRIMARY KEY (user_id, product_id) /*T![clustered_index] CLUSTERED */,
  CONSTRAINT chk_cart_items_quantity CHECK (quantity BETWEEN 1 AND 99)
) DEFAULT CHARSET = utf8mb4;
--rollback DROP TABLE cart_items;
